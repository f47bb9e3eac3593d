// MRoPE-I (Huang et al. 2025, "Revisiting Multimodal Positional Encoding"): Qwen3-VL's
// interleaved allocation with an optional spatial reset inside visual segments.
#include <algorithm>

#include "common.h"
#include "common_options.h"
#include "interleaved.h"
#include "variants.h"

namespace ropelab::variants {
namespace {

class MRopeI final : public Variant {
 public:
  const VariantInfo& info() const override {
    static const VariantInfo kInfo{"mrope-i",
                                   {"t", "h", "w"},
                                   "MRoPE-I: interleaved allocation; optional spatial reset (h, w "
                                   "restart at 0 in each visual segment)",
                                   "Huang et al. 2025 (Multimodal-RoPEs)"};
    return kInfo;
  }
  std::vector<int> default_split(int pairs) const override {
    return detail::interleaved_default_split(pairs);
  }

  std::vector<OptionSpec> options() const override { return {detail::spatial_reset_option()}; }

  Formula formula() const override {
    return {
        "As M-RoPE; with the spatial reset h and w restart at 0 inside each visual segment (s0 + "
        "f, h, w), and text resumes at s0 + max(T, H, W).",
        "Interleaved as Qwen3-VL: THW THW ... TTTT."};
  }
  Positions positions(const Scene& scene, const Config& config, double) const override {
    const bool reset = config.options.get<bool>(detail::kSpatialReset);
    return detail::walk_with_counter(
        scene, 3, [&](detail::PositionBuilder& b, const Segment& seg, int index, double s0) {
          const double next = detail::place_mrope_block(
              b, seg, index, s0, [](int f) { return double(f); }, reset);
          // With the reset the reference code still resumes at s0 + max(T, H, W), as M-RoPE does.
          return reset ? s0 + std::max({seg.frames, seg.height, seg.width}) : next;
        });
  }
  std::vector<int> allocate(const std::vector<int>& split, const Config& config) const override {
    return detail::interleaved_allocation(split, config.pairs());
  }
};

}  // namespace

const Variant& mrope_i() {
  static const MRopeI kVariant;
  return kVariant;
}

}  // namespace ropelab::variants
