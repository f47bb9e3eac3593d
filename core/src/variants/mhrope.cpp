// Multi-Head RoPE (Huang et al. 2025, arXiv 2510.23095; Multimodal-RoPEs
// freq_allocation/mhrope.py): MRoPE-I ids, and a head-wise allocation — every KV head rotates all
// its pairs by one axis (heads split t:h:w), the rest are zero-frequency heads.
#include <cmath>

#include "variants.h"
#include "wave2.h"

namespace ropelab::variants {
namespace {

class MhRope final : public Variant {
 public:
  const VariantInfo& info() const override {
    static const VariantInfo kInfo{"mhrope",
                                   {"t", "h", "w"},
                                   "Multi-Head RoPE: MRoPE-I ids; each KV head rotates all pairs "
                                   "by one axis (heads split t:h:w, default 2:3:3 of 8)",
                                   "Huang et al. 2025 (Multimodal-RoPEs)",
                                   0,
                                   true,
                                   1.0,
                                   1.0,
                                   Pairing::Half,
                                   true};
    return kInfo;
  }
  std::vector<OptionSpec> options() const override {
    std::vector<OptionSpec> specs = detail::per_frame_options();
    specs.push_back(detail::spatial_reset_option());
    OptionSpec heads;
    heads.key = "kv_heads";
    heads.flag = "--kv-heads";
    heads.kind = OptionKind::Integer;
    heads.default_value = 8;
    heads.min = 1;
    heads.max = 4096;
    heads.label = "KV heads";
    heads.doc = "Number of KV heads the axes are split over";
    specs.push_back(heads);
    specs.push_back(
        detail::text_option("head_split", "--head-split", "2:3:3", "Heads t:h:w",
                            "KV heads per axis (t:h:w); the rest are zero-frequency heads"));
    return specs;
  }
  Formula formula() const override {
    return {
        "Text (s, s, s). Video token (s0 + delta*f, s0 + r, s0 + c); with --spatial-reset "
        "(s0 + delta*f, r, c). Text resumes at s0 + max((T-1)delta, H-1, W-1) + 1.",
        "Head-wise: --kv-heads K split t:h:w by --head-split A:B:C (default 2:3:3 of 8): "
        "heads 0-1 t, 2-4 h, 5-7 w, heads >= A+B+C zero frequency. Inside a head every pair "
        "j reads the head's axis with base^(-2j/D); --head picks the head shown."};
  }
  static std::vector<int> split_of(const Config& config) {
    const std::string text = detail::option_text(config, "head_split", "2:3:3");
    const std::vector<double> v = detail::parse_triple("--head-split", text);
    for (double x : v) {
      require(x >= 0 && x == std::floor(x) && x <= 4096, "--head-split", text,
              "entries must be whole numbers >= 0");
    }
    return {static_cast<int>(v[0]), static_cast<int>(v[1]), static_cast<int>(v[2])};
  }
  void validate(const Scene&, const Config& config) const override {
    detail::require_convention(config, "mhrope", {"code"});
    const int heads = detail::option_int(config, "kv_heads", 8);
    require(heads >= 1 && heads <= 4096, "--kv-heads", std::to_string(heads),
            "must be a whole number in [1, 4096]");
    const std::vector<int> split = split_of(config);
    require(split[0] + split[1] + split[2] <= heads, "--head-split",
            detail::option_text(config, "head_split", "2:3:3"),
            "must add up to at most --kv-heads = " + std::to_string(heads));
  }
  std::vector<int> head_axes(const Config& config) const override {
    const int heads = detail::option_int(config, "kv_heads", 8);
    const std::vector<int> split = split_of(config);
    std::vector<int> axes(heads, -1);
    int h = 0;
    for (int a = 0; a < 3; ++a) {
      // Bounded: callers that skip validate() (a split larger than the heads) get the first
      // `heads` heads, never a write past the vector.
      for (int n = 0; n < split[a] && h < heads; ++n) axes[static_cast<std::size_t>(h++)] = a;
    }
    return axes;
  }
  Positions positions(const Scene& scene, const Config& config, double delta) const override {
    const bool reset = detail::spatial_reset(config);
    return detail::grid_positions(scene, config, {delta, 1, 1, reset});
  }
  std::vector<int> allocate(const std::vector<int>&, const Config& config) const override {
    return std::vector<int>(config.rotary_pairs(), head_axes(config)[config.head]);
  }
};

}  // namespace

const Variant& mhrope() {
  static const MhRope kVariant;
  return kVariant;
}

}  // namespace ropelab::variants
