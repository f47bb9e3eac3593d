// Omni-RoPE (OmniGen2, arXiv 2506.18871; Multimodal-RoPEs pos_design/omnirope.py): h and w
// restart at 0 in every visual block, time and text on the counter; chunked allocation.
#include "variants.h"
#include "wave2.h"

namespace ropelab::variants {
namespace {

class OmniRope final : public Variant {
 public:
  const VariantInfo& info() const override {
    static const VariantInfo kInfo{"omni-rope",
                                   {"t", "h", "w"},
                                   "Omni-RoPE (OmniGen2): ids (s0 + delta*f, r, c), h and w "
                                   "restart in every visual block; chunked [16, 24, 24]",
                                   "Wu et al. 2025 (OmniGen2)",
                                   0,
                                   true,
                                   1.0};
    return kInfo;
  }
  std::vector<int> default_split(int pairs) const override {
    return detail::scaled_section(pairs, 16, 24, 24);
  }
  std::vector<OptionSpec> options() const override { return detail::per_frame_options(); }
  Formula formula() const override {
    return {
        "Text (s, s, s). Visual token (s0 + delta*f, r, c): h and w restart at 0 in every "
        "block; text resumes at s0 + max((T-1)delta + 1, H, W).",
        "Chunked [16, 24, 24] (scaled): pairs 0-15 t, 16-39 h, 40-63 w."};
  }
  void validate(const Scene&, const Config& config) const override {
    detail::require_convention(config, "omni-rope", {"code"});
  }
  Positions positions(const Scene& scene, const Config& config, double delta) const override {
    return detail::grid_positions(scene, config, {delta, 1, 1, true});
  }
};

}  // namespace

const Variant& omni_rope() {
  static const OmniRope kVariant;
  return kVariant;
}

}  // namespace ropelab::variants
