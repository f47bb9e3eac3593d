// VideoRoPE (Wei et al. 2025): diagonal layout (DL), low-frequency temporal allocation (LTA) and
// adjustable temporal spacing (ATS), each switchable for the paper's ablations.
#include <cmath>

#include "common.h"
#include "common_options.h"
#include "variants.h"

namespace ropelab::variants {
namespace {

constexpr int kT = 0, kH = 1, kW = 2;
constexpr std::string_view kDiagonalLayout = "diagonal_layout";
constexpr std::string_view kLowFrequencyTemporal = "low_frequency_temporal";
constexpr std::string_view kInterleavedXy = "interleaved_xy";

OptionSpec videorope_switch(std::string_view key, const char* flag, const char* label,
                            const char* doc, const char* reproduces) {
  OptionSpec spec;
  spec.key = key;
  spec.flag = flag;
  spec.kind = OptionKind::Switch;
  spec.default_value = true;
  spec.label = label;
  spec.doc = doc;
  spec.reproduces = reproduces;
  return spec;
}

class VideoRope final : public Variant {
 public:
  const VariantInfo& info() const override {
    static const VariantInfo kInfo{"videorope",
                                   {"t", "h", "w"},
                                   "VideoRoPE: frames on the diagonal t = h = w spaced by delta, "
                                   "time on the lowest-frequency pairs, h/w interleaved",
                                   "Wei et al. 2025 (VideoRoPE)",
                                   kT,
                                   true,
                                   2.0};
    return kInfo;
  }
  std::vector<int> default_split(int pairs) const override {
    return detail::quarter_temporal_split(pairs);
  }
  std::vector<OptionSpec> options() const override {
    return {
        detail::convention_option(
            "paper: centring h - H/2, w - W/2, text after the video at s0 + delta*T and even "
            "spatial pairs on w (Eq. 7); code: the reference implementation",
            "VideoRoPE Eq. 7 against its reference code"),
        videorope_switch(kDiagonalLayout, "--no-dl", "Diagonal layout (DL)",
                         "Frames on the diagonal t = h = w; off: M-RoPE's block layout with "
                         "VideoRoPE's allocation",
                         "VideoRoPE Table 5 (DL ablation)"),
        videorope_switch(kLowFrequencyTemporal, "--no-lta",
                         "Low-frequency temporal allocation (LTA)",
                         "Time on the lowest-frequency (last) pairs; off: on the first pairs",
                         "VideoRoPE Table 5 (LTA ablation), Fig. 4"),
        detail::adjustable_spacing_option("VideoRoPE Table 5 (ATS ablation), Table 6 (delta)"),
        videorope_switch(kInterleavedXy, "--sequential-xy", "Interleaved x/y",
                         "Spatial pairs alternate h and w; off: all h pairs, then all w pairs",
                         "VideoRoPE Table 7 (x/y allocation)"),
    };
  }

  Formula formula() const override {
    return {
        "Text (s, s, s). Video token t = s0 + delta*f, h = t + h - floor((H-1)/2), w = t + w - "
        "floor((W-1)/2): frames on the diagonal, spread by delta. Text resumes at s0 + delta(T-1) "
        "+ 1. Paper form: centring h - H/2, w - W/2 and text at s0 + delta*T.",
        "Pairs 0-47 interleave h (even) and w (odd); pairs 48-63 read t (the lowest frequencies, "
        "LTA). Paper form: even pairs w (x), odd pairs h (y)."};
  }
  Positions positions(const Scene& scene, const Config& config, double delta) const override {
    const bool paper = detail::convention(config) == Convention::Paper;
    const bool diagonal = config.options.get<bool>(kDiagonalLayout);
    return detail::walk_with_counter(
        scene, 3, [&](detail::PositionBuilder& b, const Segment& seg, int index, double s0) {
          if (!diagonal) {
            // DL off (get_m_modify_no_center_index): M-RoPE's block, frames spaced by delta, and
            // text resuming after the last frame's t like the diagonal layout.
            detail::place_mrope_block(b, seg, index, s0, [&](int f) { return delta * f; });
            return s0 + delta * (seg.frames - 1) + 1;
          }
          // Code: h - floor((H-1)/2); paper (Eq. 7): h - H/2.
          const double centre_h = paper ? seg.height / 2.0 : std::floor((seg.height - 1) / 2.0);
          const double centre_w = paper ? seg.width / 2.0 : std::floor((seg.width - 1) / 2.0);
          detail::for_each_visual_token(seg, [&](int f, int h, int w) {
            const double t = s0 + delta * f;
            b.visual(seg.modality, index, f, h, w, t, t + h - centre_h, t + w - centre_w);
          });
          // Code: text resumes at max(t) + 1; paper: at s0 + delta * T.
          return paper ? s0 + delta * seg.frames : s0 + delta * (seg.frames - 1) + 1;
        });
  }

  std::vector<int> allocate(const std::vector<int>& split, const Config& config) const override {
    const bool lta = config.options.get<bool>(kLowFrequencyTemporal);
    // Code: even spatial pairs read h (the paper's y), odd read w (x); the paper has it swapped.
    const std::vector<int> spatial_order = detail::convention(config) == Convention::Paper
                                               ? std::vector<int>{kW, kH}
                                               : std::vector<int>{kH, kW};
    std::vector<int> counts = split;
    counts[kT] = 0;
    std::vector<int> spatial;
    if (config.options.get<bool>(kInterleavedXy)) {
      spatial = detail::round_robin(counts, spatial_order);
    } else {
      detail::append_chunk(spatial, split[kH], kH);
      detail::append_chunk(spatial, split[kW], kW);
    }
    std::vector<int> pair_axis;
    if (!lta) detail::append_chunk(pair_axis, split[kT], kT);
    pair_axis.insert(pair_axis.end(), spatial.begin(), spatial.end());
    if (lta) detail::append_chunk(pair_axis, split[kT], kT);
    return pair_axis;
  }
};

}  // namespace

const Variant& videorope() {
  static const VideoRope kVariant;
  return kVariant;
}

}  // namespace ropelab::variants
