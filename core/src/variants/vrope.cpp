// VRoPE (Liu et al. 2025): four diagonal directions per frame (symmetric bias mitigation) and
// frames that follow each other without a gap (temporal centred arrangement, continuity).
#include "common.h"
#include "common_options.h"
#include "variants.h"

namespace ropelab::variants {
namespace {

constexpr int kU1 = 0, kU2 = 1, kU3 = 2, kU4 = 3;
constexpr std::string_view kSymmetric = "symmetric";
constexpr std::string_view kContinuity = "continuity";

class VRope final : public Variant {
 public:
  const VariantInfo& info() const override {
    static const VariantInfo kInfo{
        "vrope",
        {"u1", "u2", "u3", "u4"},
        "VRoPE: four rotated diagonal coordinates per frame, frames continuous with the text",
        "Liu et al. 2025 (VRoPE)",
        kU1,
        false,
        1.0};
    return kInfo;
  }
  std::vector<int> default_split(int pairs) const override {
    return counts_of(code_order(), pairs);
  }
  std::vector<OptionSpec> options() const override {
    OptionSpec symmetric;
    symmetric.key = kSymmetric;
    symmetric.flag = "--no-symmetric";
    symmetric.default_value = true;
    symmetric.label = "Symmetric bias mitigation";
    symmetric.doc = "Four diagonal directions per frame; off: u = w + h on every pair";
    symmetric.reproduces = "VRoPE Table 5 (Symmetric ablation)";
    OptionSpec continuity;
    continuity.key = kContinuity;
    continuity.flag = "--no-continuity";
    continuity.default_value = true;
    continuity.label = "Temporal centred arrangement (continuity)";
    continuity.doc =
        "Frame centres on the text diagonal, text right after the last frame; off: "
        "RoPE-3D-style jump after the video";
    continuity.reproduces = "VRoPE Table 5 (Continuity ablation), Fig. 1(b)";
    return {detail::convention_option("paper: pair j reads u1..u4 in order (Eqs. 6-8); code: "
                                      "vrope.py's channel order u1, u4, u2, u3",
                                      "VRoPE Eqs. 6-8 against vrope.py"),
            symmetric, continuity};
  }

  Formula formula() const override {
    return {
        "Frame f at origin s0 + f(H+W-1): u1 = w+h, u2 = w-h+(H-1), u3 = -w-h+(H+W-2), u4 = "
        "-w+h+(W-1) (Eqs. 6-8), so every frame's centre sits on the text diagonal; text resumes at "
        "s0 + T(H+W-1).",
        "Pair j reads the code's channel j mod 4, whose order is (u1, u4, u2, u3); the paper reads "
        "u1..u4 in order. No separate temporal channels (half_time_dim = 0)."};
  }
  Positions positions(const Scene& scene, const Config& config, double) const override {
    const bool continuity = config.options.get<bool>(kContinuity);
    const bool symmetric = config.options.get<bool>(kSymmetric);
    return detail::walk_with_counter(
        scene, 4, [&](detail::PositionBuilder& b, const Segment& seg, int index, double s0) {
          const int H = seg.height, W = seg.width;
          const double frame_step = H + W - 1;
          double highest = s0 - 1;
          detail::for_each_visual_token(seg, [&](int f, int h, int w) {
            const double origin = s0 + f * frame_step;
            // Eq. 6 directions; Eq. 7's offsets centre every frame on the text diagonal.
            double u[4] = {double(w + h), double(w - h), double(-w - h), double(-w + h)};
            if (continuity) {
              u[kU2] += H - 1;
              u[kU3] += H + W - 2;
              u[kU4] += W - 1;
            }
            if (!symmetric) u[kU2] = u[kU3] = u[kU4] = u[kU1];
            for (double& v : u) {
              v += origin;
              highest = std::max(highest, v);
            }
            b.visual_ids(seg.modality, index, f, h, w, u);
          });
          // Continuity: the next text sits one frame step after the last frame; without it text
          // resumes after the largest id, RoPE-3D style.
          return continuity ? s0 + seg.frames * frame_step : highest + 1;
        });
  }

  std::vector<int> allocate(const std::vector<int>& split, const Config& config) const override {
    // Code (vrope.py): channels come as (h+w, h+(W-1-w), (H-1-h)+w, (H-1-h)+(W-1-w)), i.e. the
    // paper's u1, u4, u2, u3; the paper reads them in u1..u4 order.
    const auto order = detail::convention(config) == Convention::Paper
                           ? std::vector<int>{kU1, kU2, kU3, kU4}
                           : code_order();
    return detail::round_robin(split, order);
  }

 private:
  static std::vector<int> code_order() { return {kU1, kU4, kU2, kU3}; }
  // How many pairs each axis gets when pair j reads order[j mod 4].
  static std::vector<int> counts_of(const std::vector<int>& order, int pairs) {
    std::vector<int> counts(4, 0);
    for (int j = 0; j < pairs; ++j) ++counts[order[j % 4]];
    return counts;
  }
};

}  // namespace

const Variant& vrope() {
  static const VRope kVariant;
  return kVariant;
}

}  // namespace ropelab::variants
