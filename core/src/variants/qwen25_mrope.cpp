// Qwen2.5-VL: M-RoPE whose temporal id counts absolute time, in units of 1/tokens_per_second s.
#include <cmath>

#include "common.h"
#include "common_options.h"
#include "variants.h"

namespace ropelab::variants {
namespace {

class Qwen25MRope final : public Variant {
 public:
  const VariantInfo& info() const override {
    static const VariantInfo kInfo{
        "qwen25-mrope",
        {"t", "h", "w"},
        "Qwen2.5-VL M-RoPE: temporal id = floor(frame * seconds per frame * tokens per second)",
        "Bai et al. 2025 (Qwen2.5-VL)"};
    return kInfo;
  }
  std::vector<int> default_split(int pairs) const override {
    return detail::quarter_temporal_split(pairs);
  }

  std::vector<OptionSpec> options() const override {
    return {detail::tokens_per_second_option(), detail::early_integer_cast_option()};
  }

  Formula formula() const override {
    return {
        "As M-RoPE, but frame group g has t = s0 + floor(g * second_per_grid * tokens_per_second): "
        "absolute time. Images keep t = s0. The early-cast switch truncates second_per_grid first "
        "(fps > 2 collapses every frame onto one t).",
        "As M-RoPE: pairs 0-15 t, 16-39 h, 40-63 w."};
  }
  Positions positions(const Scene& scene, const Config& config, double) const override {
    const bool early_cast = config.options.get<bool>(detail::kEarlyIntegerCast);
    const double tokens_per_second = config.options.get<double>(detail::kTokensPerSecond);
    return detail::walk_with_counter(
        scene, 3, [&](detail::PositionBuilder& b, const Segment& seg, int index, double s0) {
          if (seg.modality == Modality::Image) {
            return detail::place_mrope_block(b, seg, index, s0, [](int) { return 0.0; });
          }
          // Some transformers versions cast second_per_grid to an integer before multiplying, which
          // collapses every frame onto one id when it is below 1 (fps > 2).
          const double seconds =
              early_cast ? std::trunc(seg.seconds_per_frame) : seg.seconds_per_frame;
          return detail::place_mrope_block(b, seg, index, s0, [&](int f) {
            return std::floor(f * seconds * tokens_per_second);
          });
        });
  }
};

}  // namespace

const Variant& qwen25_mrope() {
  static const Qwen25MRope kVariant;
  return kVariant;
}

}  // namespace ropelab::variants
