// GRAPE, canonical (non-learned) mode (OpenReview itoNJ3gJl2; Multimodal-RoPEs
// freq_allocation/grape.py): M-RoPE ids with temporal stride, chunked or interleaved allocation,
// frequencies raised to 1/S.
#include <cmath>

#include "variants.h"
#include "wave2.h"

namespace ropelab::variants {
namespace {

class Grape final : public Variant {
 public:
  const VariantInfo& info() const override {
    static const VariantInfo kInfo{"grape",
                                   {"t", "h", "w"},
                                   "GRAPE (canonical): M-RoPE ids with temporal stride delta; "
                                   "chunked or interleaved pairs, frequencies ^(1/S)",
                                   "GRAPE (OpenReview itoNJ3gJl2)",
                                   0,
                                   true,
                                   1.0};
    return kInfo;
  }
  std::vector<int> default_split(int pairs) const override {
    return detail::scaled_section(pairs, 16, 24, 24);
  }
  std::vector<OptionSpec> options() const override {
    std::vector<OptionSpec> specs = detail::per_frame_options();
    specs.push_back(detail::choice_option("grape_allocation", "--grape-allocation", "chunked",
                                          {"chunked", "interleaved"}, "Allocation",
                                          "chunked [16, 24, 24] or interleaved j mod 3 (t, h, w)"));
    specs.push_back(detail::number_option("grape_log_scale", "--grape-log-scale", 1.0, 0, 1e6,
                                          "Log scale S", "inv_freq[j] = (base^(-2j/D))^(1/S)",
                                          true));
    return specs;
  }
  Formula formula() const override {
    return {
        "Text (s, s, s). Video token (s0 + delta*f, s0 + r, s0 + c); text resumes at s0 + "
        "max((T-1)delta, H-1, W-1) + 1. --timestamp-tokens N: each frame its own block.",
        "Chunked [16, 24, 24] (scaled) by default; --grape-allocation interleaved: pair j "
        "reads axis j mod 3 (t, h, w) for every j. inv_freq[j] = (base^(-2j/D))^(1/S), S = "
        "--grape-log-scale."};
  }
  void validate(const Scene&, const Config& config) const override {
    detail::require_convention(config, "grape", {"code"});
    const std::string mode = detail::option_text(config, "grape_allocation", "chunked");
    require(mode == "chunked" || mode == "interleaved", "--grape-allocation", "'" + mode + "'",
            "must be chunked or interleaved");
    const double scale = detail::option_number(config, "grape_log_scale", 1.0);
    require(std::isfinite(scale) && scale > 0, "--grape-log-scale", format_number(scale),
            "must be a number > 0");
  }
  Positions positions(const Scene& scene, const Config& config, double delta) const override {
    return detail::grid_positions(scene, config, {delta, 1, 1, false});
  }
  std::vector<int> allocate(const std::vector<int>& split, const Config& config) const override {
    if (detail::option_text(config, "grape_allocation", "chunked") == "interleaved") {
      std::vector<int> pair_axis(config.rotary_pairs());
      for (int j = 0; j < config.rotary_pairs(); ++j) pair_axis[j] = j % 3;
      return pair_axis;
    }
    return Variant::allocate(split, config);
  }
  Eigen::VectorXd frequencies(const Config& config) const override {
    const double scale = detail::option_number(config, "grape_log_scale", 1.0);
    Eigen::VectorXd inv_freq = Variant::frequencies(config);
    if (scale != 1.0) inv_freq = inv_freq.array().pow(1.0 / scale).matrix();
    return inv_freq;
  }
};

}  // namespace

const Variant& grape() {
  static const Grape kVariant;
  return kVariant;
}

}  // namespace ropelab::variants
