// HoPE (Li et al. 2025, arXiv 2505.20444; hrlics/HoPE modeling_hope.py get_dynamic_rope_index,
// apply_hybrid_multimodal_rotary_pos_emb): VideoRoPE's diagonal layout with temporal scaling
// gamma, and hybrid frequency allocation — h/w interleaved on the high frequencies, the temporal
// pairs set to zero frequency (NoPE).
#include "variants.h"
#include "wave2.h"

namespace ropelab::variants {
namespace {

class Hope final : public Variant {
 public:
  const VariantInfo& info() const override {
    static const VariantInfo kInfo{"hope",
                                   {"t", "h", "w"},
                                   "HoPE: diagonal layout with temporal scaling gamma; h/w "
                                   "interleaved, the temporal pairs zero frequency (NoPE)",
                                   "Li et al. 2025 (HoPE)",
                                   0,
                                   true,
                                   0.75};
    return kInfo;
  }
  std::vector<int> default_split(int pairs) const override {
    return detail::scaled_section(pairs, 16, 24, 24);
  }
  std::vector<OptionSpec> options() const override {
    std::vector<OptionSpec> specs = detail::per_frame_options();
    specs.push_back(detail::wave2_convention_option(
        {"code", "mmropes"},
        "code: hrlics/HoPE; mmropes: Multimodal-RoPEs' allocation (pair 0 also zero frequency)"));
    return specs;
  }
  Formula formula() const override {
    return {
        "Text (s, s, s). Video token t = s0 + gamma*f, h = t + r - floor((H-1)/2), w = t + c "
        "- floor((W-1)/2); text resumes at s0 + gamma(T-1) + 1 (gamma = --delta, default "
        "0.75).",
        "Hybrid frequency allocation: pairs 0-47 alternate h (even) / w (odd); pairs 48-63 "
        "(the temporal section) have zero frequency. --convention mmropes: pair 0 and 48-63 "
        "zero frequency, odd pairs h, even pairs w."};
  }
  void validate(const Scene&, const Config& config) const override {
    detail::require_convention(config, "hope", {"code", "mmropes"});
  }
  Positions positions(const Scene& scene, const Config& config, double gamma) const override {
    return detail::walk_blocks(scene, 3, config,
                               [&](detail::PositionBuilder& b, const Segment& seg, int index,
                                   double s0, int f0, int frames) {
                                 const double ch = std::floor((seg.height - 1) / 2.0);
                                 const double cw = std::floor((seg.width - 1) / 2.0);
                                 for (int f = 0; f < frames; ++f) {
                                   const double t = s0 + gamma * f;
                                   for (int r = 0; r < seg.height; ++r) {
                                     for (int c = 0; c < seg.width; ++c)
                                       b.visual(seg.modality, index, f0 + f, r, c, t, t + r - ch,
                                                t + c - cw);
                                   }
                                 }
                                 return s0 + gamma * (frames - 1) + 1;
                               });
  }
  std::vector<int> allocate(const std::vector<int>& split, const Config& config) const override {
    if (detail::convention_name(config) == "mmropes") {
      // MMR's VideoRoPE map with t forced to zero frequency: pair 0 and the temporal tail.
      const int spatial = split[1] + split[2];
      std::vector<int> pair_axis(config.rotary_pairs(), -1);
      for (int j = 1; j < spatial; ++j) pair_axis[j] = j % 2 == 1 ? 1 : 2;
      return pair_axis;
    }
    return detail::alternate_hw_then(split[1], split[2], split[0], -1);
  }
};

}  // namespace

const Variant& hope() {
  static const Hope kVariant;
  return kVariant;
}

}  // namespace ropelab::variants
