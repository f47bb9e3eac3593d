// M-RoPE of Qwen2-VL (the papers' RoPE-3D): (s0 + f, s0 + h, s0 + w), time on the first pairs.
#include "common.h"
#include "variants.h"

namespace ropelab::variants {
namespace {

class MRope final : public Variant {
 public:
  const VariantInfo& info() const override {
    static const VariantInfo kInfo{
        "mrope",
        {"t", "h", "w"},
        "M-RoPE (Qwen2-VL, RoPE-3D): ids (s0+f, s0+h, s0+w), time on the highest-frequency pairs",
        "Wang et al. 2024 (Qwen2-VL)"};
    return kInfo;
  }
  std::vector<int> default_split(int pairs) const override {
    return detail::quarter_temporal_split(pairs);
  }
  Formula formula() const override {
    return {
        "Text (s, s, s). Video token (s0 + f, s0 + h, s0 + w); after the video the counter jumps "
        "to s0 + max(T, H, W).",
        "Chunked mrope_section [16, 24, 24] (scaled with D): pairs 0-15 read t (the highest "
        "frequencies), 16-39 h, 40-63 w."};
  }
  Positions positions(const Scene& scene, const Config&, double) const override {
    return detail::walk_with_counter(
        scene, 3, [](detail::PositionBuilder& b, const Segment& seg, int index, double s0) {
          return detail::place_mrope_block(b, seg, index, s0, [](int f) { return double(f); });
        });
  }
};

}  // namespace

const Variant& mrope() {
  static const MRope kVariant;
  return kVariant;
}

}  // namespace ropelab::variants
