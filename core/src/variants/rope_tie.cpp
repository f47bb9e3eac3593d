// RoPE-Tie (Su Jianlin 2024, kexue.fm 10040): text on the diagonal (s, s); an H x W image after
// text ending at L puts row r, column c (1-based) at (L + r(W+1), L + c(H+1)) and the next text
// at L + (W+1)(H+1), the same step into and out of the image on both axes.
#include "common.h"
#include "variants.h"

namespace ropelab::variants {
namespace {

constexpr std::string_view kFractionalSteps = "fractional_steps";

class RopeTie final : public Variant {
 public:
  const VariantInfo& info() const override {
    static const VariantInfo kInfo{"rope-tie",
                                   {"h", "w"},
                                   "RoPE-Tie: text on the diagonal, image rows and columns "
                                   "stretched so entry and exit steps match",
                                   "Su 2024 (kexue.fm 10040)"};
    return kInfo;
  }
  std::vector<OptionSpec> options() const override {
    OptionSpec spec;
    spec.key = kFractionalSteps;
    spec.flag = "--fractional-steps";
    spec.default_value = false;
    spec.label = "Fractional steps";
    spec.doc =
        "The post's non-integer form: steps (WH+1)/(H+1), (WH+1)/(W+1), next text at L + "
        "WH + 1";
    spec.reproduces = "Su 2024 (kexue.fm 10040), the non-integer form";
    return {spec};
  }
  Formula formula() const override {
    return {
        "Text (s, s). An H x W image after text ending at L: row r, column c (1-based) at (L + "
        "r(W+1), L + c(H+1)); next text at L + (W+1)(H+1). Frames of a video follow each other as "
        "images (our choice: the source covers images only).",
        "Pinned here (the source does not say): even pairs read h, odd pairs read w."};
  }
  Positions positions(const Scene& scene, const Config& config, double) const override {
    const bool fractional = config.options.get<bool>(kFractionalSteps);
    return detail::walk_with_counter(
        scene, 2, [&](detail::PositionBuilder& b, const Segment& seg, int index, double s0) {
          const double H = seg.height, W = seg.width;
          // Integer form: steps W+1 and H+1; the blog's non-integer form: (WH+1)/(H+1),
          // (WH+1)/(W+1).
          const double row_step = fractional ? (W * H + 1) / (H + 1) : W + 1;
          const double col_step = fractional ? (W * H + 1) / (W + 1) : H + 1;
          const double block = fractional ? W * H + 1 : (W + 1) * (H + 1);
          // Pinned here (the source covers images only): frames follow each other as images.
          double last_id = s0 - 1;  // L: the id before the image
          for (int f = 0; f < seg.frames; ++f) {
            for (int h = 0; h < seg.height; ++h) {
              for (int w = 0; w < seg.width; ++w)
                b.visual(seg.modality, index, f, h, w, last_id + (h + 1) * row_step,
                         last_id + (w + 1) * col_step);
            }
            last_id += block - 1;  // the next frame (or text) starts at L + block
          }
          return last_id + 1;
        });
  }
  std::vector<int> allocate(const std::vector<int>& split, const Config&) const override {
    return detail::round_robin(split, {0, 1});  // pinned: even pairs h, odd pairs w
  }
};

}  // namespace

const Variant& rope_tie() {
  static const RopeTie kVariant;
  return kVariant;
}

}  // namespace ropelab::variants
