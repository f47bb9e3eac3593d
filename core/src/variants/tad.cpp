// TAD-RoPE (Gao et al. 2024) as VideoRoPE's code implements it: the vanilla index plus a time
// index that counts text tokens one by one and frames one per frame.
#include "common.h"
#include "variants.h"

namespace ropelab::variants {
namespace {

class Tad final : public Variant {
 public:
  const VariantInfo& info() const override {
    static const VariantInfo kInfo{"tad",
                                   {"p"},
                                   "TAD-RoPE: vanilla index plus a time index that steps once per "
                                   "text token and once per frame",
                                   "Gao et al. 2024 (TC-LLaVA)"};
    return kInfo;
  }
  Formula formula() const override {
    return {
        "p = vanilla index + time index. The time index steps by 1 per text token and by 1 per "
        "frame (constant inside a frame), so text ids grow by 2 per token.",
        "Every pair reads p."};
  }
  Positions positions(const Scene& scene, const Config&, double) const override {
    detail::PositionBuilder builder(1, detail::layout_capacity(scene));
    double vanilla = 0;  // the flattened index
    double time = 0;     // the time index
    for (std::size_t i = 0; i < scene.segments.size(); ++i) {
      const Segment& seg = scene.segments[i];
      const int index = static_cast<int>(i);
      if (!seg.is_visual()) {
        for (int n = 0; n < seg.count; ++n) builder.text(index, vanilla++ + time++);
        continue;
      }
      detail::for_each_visual_token(seg, [&](int f, int h, int w) {
        builder.visual(seg.modality, index, f, h, w, vanilla++ + time + f);
      });
      time += seg.frames;
    }
    return builder.finish();
  }
};

}  // namespace

const Variant& tad() {
  static const Tad kVariant;
  return kVariant;
}

}  // namespace ropelab::variants
