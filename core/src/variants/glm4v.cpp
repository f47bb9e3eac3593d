// GLM-4.1V / GLM-4.5V 3D-RoPE (Zhipu 2025; transformers models/glm4v Glm4vModel.get_rope_index,
// apply_multimodal_rotary_pos_emb): every frame group its own image block between
// <|begin_of_image|>/<|end_of_image|> followed by timestamp text; partial rotary (half the head
// dim) with adjacent pairing.
#include <algorithm>

#include "variants.h"
#include "wave2.h"

namespace ropelab::variants {
namespace {

class Glm4v final : public Variant {
 public:
  const VariantInfo& info() const override {
    static const VariantInfo kInfo{"glm4v",
                                   {"t", "h", "w"},
                                   "GLM-4.1V/4.5V 3D-RoPE: every frame group an image block "
                                   "(t constant) with timestamp text; half the head dim rotates",
                                   "GLM-V Team 2025 (GLM-4.1V-Thinking, GLM-4.5V)",
                                   0,
                                   false,
                                   1.0,
                                   0.5,
                                   Pairing::Adjacent};
    return kInfo;
  }
  std::vector<int> default_split(int pairs) const override {
    return detail::scaled_section(pairs, 8, 12, 12, 32);
  }
  std::vector<OptionSpec> options() const override {
    std::vector<OptionSpec> specs = detail::per_frame_options(1);
    return specs;
  }
  Formula formula() const override {
    return {
        "Text (s, s, s). Image at s0: (s0, s0 + r, s0 + c), then s = s0 + max(H, W). Video: "
        "per frame group <|begin_of_image|> at s, the H*W tokens (s0, s0 + r, s0 + c) with s0 "
        "the counter, s = s0 + max(H, W), <|end_of_image|>, then N timestamp tokens "
        "(--timestamp-tokens, default 1). Time enters only through the rising counter.",
        "Partial rotary F = 0.5: dims 0-63 rotate (32 pairs, inv_freq = base^(-2j/64)), dims "
        "64-127 pass through. Pairs 0-7 t, 8-19 h, 20-31 w (mrope_section [8, 12, 12]). "
        "Adjacent pairing (GLM-4.1V); GLM-4.5V: --pairing half."};
  }
  void validate(const Scene&, const Config& config) const override {
    detail::require_convention(config, "glm4v", {"code"});
    require(detail::frame_markers(config) || detail::timestamp_tokens(config, 1) >= 1,
            "--timestamp-tokens", "0",
            "must be at least 1 with --no-frame-markers (glm4v separates frame groups by text)");
  }
  Positions positions(const Scene& scene, const Config& config, double) const override {
    const int stamps = detail::timestamp_tokens(config, 1);
    const int marker = detail::frame_markers(config) ? 1 : 0;
    return detail::walk_with_counter(
        scene, 3,
        [&](detail::PositionBuilder& b, const Segment& seg, int index, double s) {
          const int groups = seg.modality == Modality::Video ? seg.frames : 1;
          const bool video = seg.modality == Modality::Video;
          for (int f = 0; f < groups; ++f) {
            if (video && marker) b.text(-1, s++);
            const double s0 = s;
            for (int r = 0; r < seg.height; ++r) {
              for (int c = 0; c < seg.width; ++c)
                b.visual(seg.modality, index, f, r, c, s0, s0 + r, s0 + c);
            }
            s = s0 + std::max(seg.height, seg.width);
            if (!video) continue;
            if (marker) b.text(-1, s++);
            for (int n = 0; n < stamps; ++n) b.text(-1, s++);
          }
          return s;
        },
        stamps + 2);
  }
};

}  // namespace

const Variant& glm4v() {
  static const Glm4v kVariant;
  return kVariant;
}

}  // namespace ropelab::variants
