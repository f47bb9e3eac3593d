// Qwen3-VL: M-RoPE positions with the interleaved allocation, and optionally the timestamp text
// Qwen3-VL writes before every frame (each frame then becomes its own image-like block).
#include <algorithm>

#include "common.h"
#include "common_options.h"
#include "interleaved.h"
#include "variants.h"

namespace ropelab::variants {
namespace {

class Qwen3MRope final : public Variant {
 public:
  const VariantInfo& info() const override {
    static const VariantInfo kInfo{"qwen3-mrope",
                                   {"t", "h", "w"},
                                   "Qwen3-VL interleaved M-RoPE: THW THW ... so every axis spans "
                                   "all frequencies; optional timestamp text per frame",
                                   "Qwen Team 2025 (Qwen3-VL)"};
    return kInfo;
  }
  std::vector<int> default_split(int pairs) const override {
    return detail::interleaved_default_split(pairs);
  }

  std::vector<OptionSpec> options() const override {
    return {detail::timestamp_tokens_option(6), detail::frame_markers_option()};
  }

  Formula formula() const override {
    return {
        "As M-RoPE. With timestamps each frame becomes its own block (t constant) preceded by "
        "'<x.y seconds>' text tokens and wrapped in <|vision_start|>/<|vision_end|>.",
        "Interleaved (apply_interleaved_mrope): pair j reads h if j mod 3 = 1 and j < 60, w if j "
        "mod 3 = 2 and j < 60, t otherwise: THW THW ... TTTT, so every axis spans all "
        "frequencies."};
  }
  Positions positions(const Scene& scene, const Config& config, double) const override {
    const int stamp = config.options.get<int>(detail::kTimestampTokens);
    return detail::walk_with_counter(
        scene, 3,
        [&](detail::PositionBuilder& b, const Segment& seg, int index, double s0) {
          if (stamp == 0 || seg.modality != Modality::Video) {
            return detail::place_mrope_block(b, seg, index, s0, [](int f) { return double(f); });
          }
          // The processor writes, per frame: "<x.y seconds>", <|vision_start|>, the frame,
          // <|vision_end|>; get_rope_index gives each frame its own (1, H, W) block.
          const int marker = config.options.get<bool>(detail::kFrameMarkers) ? 1 : 0;
          double s = s0;
          for (int f = 0; f < seg.frames; ++f) {
            for (int n = 0; n < stamp + marker; ++n) b.text(-1, s++);
            for (int h = 0; h < seg.height; ++h) {
              for (int w = 0; w < seg.width; ++w)
                b.visual(seg.modality, index, f, h, w, s, s + h, s + w);
            }
            s += std::max(seg.height, seg.width);
            if (marker) b.text(-1, s++);
          }
          return s;
        },
        stamp + 2);
  }
  std::vector<int> allocate(const std::vector<int>& split, const Config& config) const override {
    return detail::interleaved_allocation(split, config.pairs());
  }
};

}  // namespace

const Variant& qwen3_mrope() {
  static const Qwen3MRope kVariant;
  return kVariant;
}

}  // namespace ropelab::variants
