// RoPE-Share (VRoPE Table 3): every token of a frame shares one position.
#include "common.h"
#include "variants.h"

namespace ropelab::variants {
namespace {

class RopeShare final : public Variant {
 public:
  const VariantInfo& info() const override {
    static const VariantInfo kInfo{
        "rope-share",
        {"p"},
        "RoPE-Share: 1-D, every token of frame f shares the position s0 + f",
        "Liu et al. 2025 (VRoPE, Table 3)"};
    return kInfo;
  }
  Formula formula() const override {
    return {"Every token of frame f shares p = s0 + f; text after the video continues at s0 + T.",
            "Every pair reads p."};
  }
  Positions positions(const Scene& scene, const Config&, double) const override {
    return detail::walk_with_counter(
        scene, 1, [](detail::PositionBuilder& b, const Segment& seg, int index, double s0) {
          detail::for_each_visual_token(
              seg, [&](int f, int h, int w) { b.visual(seg.modality, index, f, h, w, s0 + f); });
          return s0 + seg.frames;
        });
  }
};

}  // namespace

const Variant& rope_share() {
  static const RopeShare kVariant;
  return kVariant;
}

}  // namespace ropelab::variants
