// ERNIE-4.5-VL (Baidu 2025): M-RoPE ids (PaddlePaddle/ERNIE DataProcessor._compute_3d_positions);
// allocation h/w alternating on the first pairs, time on the last (freq_allocation 20), adjacent
// pairing (rotate_half_text).
#include <algorithm>

#include "variants.h"
#include "wave2.h"

namespace ropelab::variants {
namespace {

class Ernie45Vl final : public Variant {
 public:
  const VariantInfo& info() const override {
    static const VariantInfo kInfo{"ernie45-vl",
                                   {"t", "h", "w"},
                                   "ERNIE-4.5-VL: M-RoPE ids; h/w alternate on the first pairs, "
                                   "time on the last 20 (lowest frequencies); adjacent pairing",
                                   "Baidu 2025 (ERNIE 4.5)",
                                   0,
                                   false,
                                   1.0,
                                   1.0,
                                   Pairing::Adjacent};
    return kInfo;
  }
  std::vector<int> default_split(int pairs) const override {
    const int t = detail::round_half_up(20.0 * pairs / 64.0);
    const int h = (pairs - t + 1) / 2;
    return {t, h, pairs - t - h};
  }
  std::vector<OptionSpec> options() const override {
    std::vector<OptionSpec> specs = detail::per_frame_options();
    specs.push_back(detail::wave2_convention_option(
        {"code", "hf"},
        "code: PaddlePaddle/ERNIE; hf: transformers port (text after a video at s0 + max(H, W))"));
    return specs;
  }
  Formula formula() const override {
    return {
        "Text (s, s, s). Video token (s0 + f, s0 + r, s0 + c), image t = s0; text resumes at "
        "s0 + max(T, H, W). --convention hf (transformers port): s0 + max(H, W), T ignored.",
        "Pair j < 44: even reads h, odd reads w; pairs 44-63 read t (freq_allocation 20, the "
        "lowest frequencies). Adjacent pairing: pair j = dims (2j, 2j + 1)."};
  }
  void validate(const Scene&, const Config& config) const override {
    detail::require_convention(config, "ernie45-vl", {"code", "hf"});
  }
  Positions positions(const Scene& scene, const Config& config, double) const override {
    const bool hf = detail::convention_name(config) == "hf";
    return detail::walk_blocks(
        scene, 3, config,
        [&](detail::PositionBuilder& b, const Segment& seg, int index, double s0, int f0,
            int frames) {
          const double next = detail::place_grid(b, seg, index, s0, f0, frames, {1, 1, 1, false});
          return hf ? s0 + std::max(seg.height, seg.width) : next;
        });
  }
  std::vector<int> allocate(const std::vector<int>& split, const Config&) const override {
    return detail::alternate_hw_then(split[1], split[2], split[0], 0);
  }
};

}  // namespace

const Variant& ernie45_vl() {
  static const Ernie45Vl kVariant;
  return kVariant;
}

}  // namespace ropelab::variants
