// MM-RoPE (Lumos-1, arXiv 2507.08801; Multimodal-RoPEs pos_design/mmrope.py,
// freq_allocation/mmrope.py): scaled M-RoPE ids, pairs in TTHWHWHW groups of eight.
#include <cmath>

#include "variants.h"
#include "wave2.h"

namespace ropelab::variants {
namespace {

constexpr int kPattern[8] = {0, 0, 1, 2, 1, 2, 1, 2};

class MmRope final : public Variant {
 public:
  const VariantInfo& info() const override {
    static const VariantInfo kInfo{
        "mm-rope",
        {"t", "h", "w"},
        "MM-RoPE (Lumos-1): ids (s0 + delta*st*f, s0 + sh*r, s0 + sw*c); "
        "pairs TTHWHWHW repeated",
        "Yuan et al. 2025 (Lumos-1)",
        0,
        true,
        1.0};
    return kInfo;
  }
  std::vector<int> default_split(int pairs) const override {
    std::vector<int> counts(3, 0);
    for (int j = 0; j < pairs; ++j) ++counts[kPattern[j % 8]];
    return counts;
  }
  std::vector<OptionSpec> options() const override {
    std::vector<OptionSpec> specs = detail::per_frame_options();
    specs.push_back(
        detail::text_option("mm_scale", "--mm-scale", "1:1:1", "Scale t:h:w",
                            "Multiplies frame, row and column steps (Lumos-1 style 4:8:8)"));
    return specs;
  }
  Formula formula() const override {
    return {
        "Text (s, s, s). Video token (s0 + delta*st*f, s0 + sh*r, s0 + sw*c), --mm-scale "
        "st:sh:sw (default 1:1:1); text resumes at s0 + max((T-1)delta*st, (H-1)sh, (W-1)sw) "
        "+ 1.",
        "Pair j reads (t, t, h, w, h, w, h, w)[j mod 8]: every axis spans all frequencies "
        "(D = 128: t 16, h 24, w 24)."};
  }
  static std::vector<double> scale(const Config& config) {
    return detail::parse_triple("--mm-scale", detail::option_text(config, "mm_scale", "1:1:1"));
  }
  void validate(const Scene&, const Config& config) const override {
    detail::require_convention(config, "mm-rope", {"code"});
    const std::vector<double> s = scale(config);
    require(s[0] > 0 && s[1] > 0 && s[2] > 0, "--mm-scale",
            detail::option_text(config, "mm_scale", "1:1:1"), "entries must be > 0");
  }
  Positions positions(const Scene& scene, const Config& config, double delta) const override {
    const std::vector<double> s = scale(config);
    return detail::grid_positions(scene, config, {delta * s[0], s[1], s[2], false});
  }
  std::vector<int> allocate(const std::vector<int>&, const Config& config) const override {
    std::vector<int> pair_axis(config.rotary_pairs());
    for (int j = 0; j < config.rotary_pairs(); ++j) pair_axis[j] = kPattern[j % 8];
    return pair_axis;
  }
};

}  // namespace

const Variant& mm_rope() {
  static const MmRope kVariant;
  return kVariant;
}

}  // namespace ropelab::variants
