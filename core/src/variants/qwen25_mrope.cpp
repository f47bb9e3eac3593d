// Qwen2.5-VL: M-RoPE whose temporal id counts absolute time, in units of 1/tokens_per_second s.
#include <algorithm>
#include <cmath>
#include <string_view>
#include <utility>

#include "common.h"
#include "common_options.h"
#include "variants.h"

namespace ropelab::variants {
namespace {

constexpr std::string_view kExactTime = "exact_time";

// transformers (Qwen2_5_VLModel.get_rope_index): second_per_grid_t is a float32 tensor; the int64
// frame index times it gives float32, times tokens_per_second again float32, then .long().
double float32_time(int frame, double seconds_per_grid, double tokens_per_second) {
  const float product = static_cast<float>(frame) * static_cast<float>(seconds_per_grid);
  const float time = product * static_cast<float>(tokens_per_second);
  return std::floor(static_cast<double>(time));
}

// floor of the exact product of the typed values: a double product within rounding of a whole
// number (0.7 * 25 * 6 = 104.99999999999999) is that number.
double exact_floor(double x) {
  const double nearest = std::round(x);
  return std::abs(x - nearest) <= 1e-9 * std::max(1.0, std::abs(x)) ? nearest : std::floor(x);
}

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
    OptionSpec exact;
    exact.key = kExactTime;
    exact.flag = "--exact-time";
    exact.kind = OptionKind::Switch;
    exact.default_value = false;
    exact.label = "Exact time arithmetic";
    exact.doc =
        "Compute floor(frame * seconds per grid * tokens per second) exactly instead of in "
        "transformers' float32 (at 25 tokens/s, fps 25 and 50 give some frames one id more)";
    return {detail::tokens_per_second_option(), detail::early_integer_cast_option(),
            std::move(exact)};
  }

  Formula formula() const override {
    return {
        "As M-RoPE, but frame group g has t = s0 + floor(g * second_per_grid * tokens_per_second): "
        "absolute time, computed as transformers does in float32 (g * float32(second_per_grid), "
        "rounded to float32, times tokens_per_second, rounded, floored). The exact-time switch "
        "uses exact arithmetic instead; the early-cast switch truncates second_per_grid first "
        "(fps > 2 collapses every frame onto one t).",
        "As M-RoPE: pairs 0-15 t, 16-39 h, 40-63 w."};
  }
  Positions positions(const Scene& scene, const Config& config, double) const override {
    const bool early_cast = config.options.get<bool>(detail::kEarlyIntegerCast);
    const double tokens_per_second = config.options.get<double>(detail::kTokensPerSecond);
    const bool exact = config.options.get<bool>(kExactTime);
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
            if (exact || early_cast) return exact_floor(f * seconds * tokens_per_second);
            return float32_time(f, seconds, tokens_per_second);
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
