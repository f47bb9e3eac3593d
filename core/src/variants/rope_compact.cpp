// RoPE-Compact (VRoPE Table 3): M-RoPE's video block, but each axis continues from its own
// maximum afterwards, so text ids differ across axes from then on.
#include <algorithm>
#include <array>

#include "common.h"
#include "variants.h"

namespace ropelab::variants {
namespace {

class RopeCompact final : public Variant {
 public:
  const VariantInfo& info() const override {
    static const VariantInfo kInfo{
        "rope-compact",
        {"t", "h", "w"},
        "RoPE-Compact: M-RoPE's video block; after it each axis continues from its own maximum",
        "Liu et al. 2025 (VRoPE, Table 3)"};
    return kInfo;
  }
  std::vector<int> default_split(int pairs) const override {
    return detail::quarter_temporal_split(pairs);
  }

  Formula formula() const override {
    return {
        "Video as M-RoPE (s0 + f, s0 + h, s0 + w); the following text starts at (s0 + T, s0 + H, "
        "s0 + W): each axis continues from its own maximum.",
        "As M-RoPE: pairs 0-15 t, 16-39 h, 40-63 w."};
  }
  Positions positions(const Scene& scene, const Config&, double) const override {
    detail::PositionBuilder builder(3, detail::layout_capacity(scene));
    std::array<double, 3> next{0, 0, 0};  // the next free id on each axis
    for (std::size_t i = 0; i < scene.segments.size(); ++i) {
      const Segment& seg = scene.segments[i];
      const int index = static_cast<int>(i);
      if (!seg.is_visual()) {
        for (int n = 0; n < seg.count; ++n) {
          builder.text_ids(index, next.data());
          for (double& v : next) v += 1;
        }
        continue;
      }
      const double s0 = *std::max_element(next.begin(), next.end());
      detail::place_mrope_block(builder, seg, index, s0, [](int f) { return double(f); });
      next = {s0 + seg.frames, s0 + seg.height, s0 + seg.width};
    }
    return builder.finish();
  }
};

}  // namespace

const Variant& rope_compact() {
  static const RopeCompact kVariant;
  return kVariant;
}

}  // namespace ropelab::variants
