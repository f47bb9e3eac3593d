// RoPE-2D (VRoPE Table 3, Pixtral-style): only the spatial coordinates of each frame; frames
// follow each other, each advancing the counter by max(H, W).
#include <algorithm>

#include "common.h"
#include "variants.h"

namespace ropelab::variants {
namespace {

class Rope2d final : public Variant {
 public:
  const VariantInfo& info() const override {
    static const VariantInfo kInfo{
        "rope-2d",
        {"h", "w"},
        "RoPE-2D: spatial ids (s0+h, s0+w) per frame, frames one after another",
        "Liu et al. 2025 (VRoPE, Table 3)"};
    return kInfo;
  }
  Formula formula() const override {
    return {
        "Only the spatial coordinates (s0 + h, s0 + w) of each frame; each frame advances the "
        "counter by max(H, W); text continues at the counter.",
        "Even pairs read h, odd pairs read w."};
  }
  Positions positions(const Scene& scene, const Config&, double) const override {
    return detail::walk_with_counter(
        scene, 2, [](detail::PositionBuilder& b, const Segment& seg, int index, double s0) {
          const double step = std::max(seg.height, seg.width);
          detail::for_each_visual_token(seg, [&](int f, int h, int w) {
            const double origin = s0 + f * step;
            b.visual(seg.modality, index, f, h, w, origin + h, origin + w);
          });
          return s0 +
                 seg.frames * step;  // the paper leaves this open: text continues at the counter
        });
  }
  std::vector<int> allocate(const std::vector<int>& split, const Config&) const override {
    return detail::round_robin(split, {0, 1});  // interleaved h / w
  }
};

}  // namespace

const Variant& rope_2d() {
  static const Rope2d kVariant;
  return kVariant;
}

}  // namespace ropelab::variants
