// IL-RoPE (Mogao, arXiv 2505.05472; Multimodal-RoPEs pos_design/ilrope.py = omnirope with the
// spatial reset): Omni-RoPE's ids with MRoPE-I's interleaved allocation.
#include "interleaved.h"
#include "variants.h"
#include "wave2.h"

namespace ropelab::variants {
namespace {

class IlRope final : public Variant {
 public:
  const VariantInfo& info() const override {
    static const VariantInfo kInfo{"il-rope",
                                   {"t", "h", "w"},
                                   "IL-RoPE (Mogao): ids (s0 + delta*f, r, c), h and w restart in "
                                   "every visual block; interleaved THW ... TTTT",
                                   "Liao et al. 2025 (Mogao)",
                                   0,
                                   true,
                                   1.0};
    return kInfo;
  }
  std::vector<int> default_split(int pairs) const override {
    return detail::scaled_section(pairs, 24, 20, 20);
  }
  std::vector<OptionSpec> options() const override { return detail::per_frame_options(); }
  Formula formula() const override {
    return {
        "Text (s, s, s). Visual token (s0 + delta*f, r, c): h and w restart at 0 in every "
        "block; text resumes at s0 + max((T-1)delta + 1, H, W).",
        "Interleaved [24, 20, 20] (scaled): pair j < 60 reads t, h, w for j mod 3 = 0, 1, 2; "
        "pairs 60-63 read t."};
  }
  void validate(const Scene&, const Config& config) const override {
    detail::require_convention(config, "il-rope", {"code"});
  }
  Positions positions(const Scene& scene, const Config& config, double delta) const override {
    return detail::grid_positions(scene, config, {delta, 1, 1, true});
  }
  std::vector<int> allocate(const std::vector<int>& split, const Config& config) const override {
    return detail::interleaved_allocation(split, config.rotary_pairs());
  }
};

}  // namespace

const Variant& il_rope() {
  static const IlRope kVariant;
  return kVariant;
}

}  // namespace ropelab::variants
