// 1-D RoPE (Su et al.): the video is flattened and every token takes the next position.
#include "common.h"
#include "variants.h"

namespace ropelab::variants {
namespace {

class Vanilla final : public Variant {
 public:
  const VariantInfo& info() const override {
    static const VariantInfo kInfo{
        "vanilla",
        {"p"},
        "1-D RoPE: the video is flattened, every token takes the next position",
        "Su et al. 2021 (RoFormer)"};
    return kInfo;
  }
  Formula formula() const override {
    return {
        "Every token, text or visual, takes the next position: p = s, s += 1 (the video is "
        "flattened frame by frame, row by row).",
        "Every pair j reads p; pair 0 is the fastest (theta_0 = 1), pair P-1 the slowest."};
  }
  Positions positions(const Scene& scene, const Config&, double) const override {
    return detail::walk_with_counter(
        scene, 1, [](detail::PositionBuilder& b, const Segment& seg, int index, double s0) {
          double s = s0;
          detail::for_each_visual_token(
              seg, [&](int f, int h, int w) { b.visual(seg.modality, index, f, h, w, s++); });
          return s;
        });
  }
};

}  // namespace

const Variant& vanilla() {
  static const Vanilla kVariant;
  return kVariant;
}

}  // namespace ropelab::variants
