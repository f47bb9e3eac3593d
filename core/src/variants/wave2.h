#pragma once
// Shared rules of the wave-2 variants (spec/variants-2.md): section scaling, the per-frame split
// (--timestamp-tokens) and typed access to the variants' options.
#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "common.h"
#include "common_options.h"
#include "ropelab/error.h"
#include "ropelab/options.h"

namespace ropelab::detail {

// floor(x + 1/2), the spec's rounding for scaled counts.
inline int round_half_up(double x) {
  return static_cast<int>(std::floor(x + 0.5));
}

// A section (a, b, c) over `whole` pairs (64 for D = 128; glm4v 32) scaled to `pairs`:
// first = floor(a*R/whole + 1/2), second = ceil((R - first) * b / (b + c)), third = the rest.
inline std::vector<int> scaled_section(int pairs, int a, int b, int c, int whole = 64) {
  const int first = round_half_up(static_cast<double>(a) * pairs / whole);
  const int rest = pairs - first;
  const int second = (rest * b + (b + c) - 1) / (b + c);
  return {first, second, rest - second};
}

// ---- option access (one place to switch to the declared options API) ----
std::string option_text(const Config& config, std::string_view key, std::string_view fallback);
double option_number(const Config& config, std::string_view key, double fallback);
int option_int(const Config& config, std::string_view key, int fallback);
bool option_bool(const Config& config, std::string_view key, bool fallback);
// "code" (default), "paper", "mmropes", "hf".
std::string convention_name(const Config& config);
int timestamp_tokens(const Config& config, int fallback = 0);
bool frame_markers(const Config& config);
bool spatial_reset(const Config& config);
// Declarations shared by the wave-2 variants (each variant lists its own in options()).
OptionSpec wave2_convention_option(std::vector<std::string> accepted, std::string doc);
OptionSpec text_option(std::string_view key, std::string flag, std::string default_value,
                       std::string label, std::string doc);
OptionSpec number_option(std::string_view key, std::string flag, double default_value, double min,
                         double max, std::string label, std::string doc,
                         bool min_exclusive = false);
OptionSpec choice_option(std::string_view key, std::string flag, std::string default_value,
                         std::vector<std::string> choices, std::string label, std::string doc);
// --timestamp-tokens (the per-frame split) and --no-frame-markers.
std::vector<OptionSpec> per_frame_options(int timestamp_default = 0);
// Parses "A:B:C" (three entries) for `flag`; throws InputError naming it.
std::vector<double> parse_triple(std::string_view flag, const std::string& text);
// Refuses a convention the variant does not list (exit 2 naming --convention).
void require_convention(const Config& config, std::string_view variant,
                        const std::vector<std::string>& accepted);

// The per-frame split (MMR / Qwen3-VL layout): with N > 0 timestamp tokens every video frame
// becomes its own image block: N text tokens, <|vision_start|>, the frame at the current counter,
// <|vision_end|> (markers only with frame_markers). `place(builder, segment, index, s0, frame,
// frames)` lays frames [frame, frame + frames) out as one block starting at s0 and returns the
// counter after it. Images and, with N = 0, whole videos are one block.
template <class Place>
Positions walk_blocks(const Scene& scene, int axes, const Config& config, Place&& place) {
  const int stamps = timestamp_tokens(config);
  const int marker = frame_markers(config) ? 1 : 0;
  return walk_with_counter(
      scene, axes,
      [&](PositionBuilder& b, const Segment& seg, int index, double s0) {
        if (stamps == 0 || seg.modality != Modality::Video)
          return place(b, seg, index, s0, 0, seg.frames);
        double s = s0;
        for (int f = 0; f < seg.frames; ++f) {
          for (int n = 0; n < stamps + marker; ++n) b.text(-1, s++);
          s = place(b, seg, index, s, f, 1);
          if (marker) b.text(-1, s++);
        }
        return s;
      },
      // Exact capacity (finish() then has nothing to shrink and copy): a split frame adds its
      // stamps and markers, an unsplit video nothing.
      stamps == 0 ? 0 : stamps + 2 * marker);
}

// M-RoPE-style block of frames [f0, f0 + frames) at s0: (s0 + st*f, o + sh*r, o + sw*c) with
// o = s0 (or 0 with the spatial reset); returns s0 + max((frames-1)*st, (H-1)*sh, (W-1)*sw) + 1.
struct GridScale {
  double t = 1, h = 1, w = 1;
  bool reset = false;
};
inline double place_grid(PositionBuilder& b, const Segment& seg, int index, double s0, int f0,
                         int frames, const GridScale& g) {
  const double o = g.reset ? 0.0 : s0;
  for (int f = 0; f < frames; ++f) {
    for (int r = 0; r < seg.height; ++r) {
      for (int c = 0; c < seg.width; ++c)
        b.visual(seg.modality, index, f0 + f, r, c, s0 + g.t * f, o + g.h * r, o + g.w * c);
    }
  }
  return s0 + std::max({(frames - 1) * g.t, (seg.height - 1) * g.h, (seg.width - 1) * g.w}) + 1;
}

// The ids of a scene whose every visual block is one place_grid with the same scale (Omni-RoPE,
// IL-RoPE, GRAPE, MHRoPE, MM-RoPE): three axes, text on the counter.
inline Positions grid_positions(const Scene& scene, const Config& config, const GridScale& g) {
  return walk_blocks(scene, 3, config,
                     [&](PositionBuilder& b, const Segment& seg, int index, double s0, int f0,
                         int frames) { return place_grid(b, seg, index, s0, f0, frames, g); });
}

// The first `spatial` pairs alternate h (even j) / w (odd j) while both have pairs left (counts
// h_count, w_count), then `tail` pairs read `tail_axis` (-1 = zero frequency).
inline std::vector<int> alternate_hw_then(int h_count, int w_count, int tail, int tail_axis) {
  std::vector<int> pair_axis = round_robin({0, h_count, w_count}, {1, 2});
  pair_axis.insert(pair_axis.end(), tail, tail_axis);
  return pair_axis;
}

}  // namespace ropelab::detail
