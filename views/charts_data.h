#pragma once
// What the charts draw for one variant, assembled from core on a worker thread:
// similarity S(delta) on the temporal axis, wavelength per pair, and the jump out of the video as
// the number of frames T varies (spec/analyses.md §4, §6).
#include <string>
#include <utility>
#include <vector>

#include "ropelab/analyses.h"

namespace ropelab::views {

struct ChartsData {
  std::string variant;
  std::vector<std::string> axes;
  CollisionReport collisions;  // temporal axis: extent, curve, wavelengths of its pairs
  std::vector<double> wavelengths;
  std::vector<int> pairAxis;
  std::vector<int> jumpFrames;         // T values probed
  std::vector<double> jumpOutLargest;  // largest jump out of the video over the axes
  std::vector<double> jumpIn;          // largest jump into the video over the axes
};

// The video of the probes keeps the user's text and frame size and varies T up to max_frames.
struct JumpProbe {
  int textBefore = 4;
  int height = 4;
  int width = 4;
  int textAfter = 4;
  int maxFrames = 16;
};

// Probes whose video would exceed this many tokens are left out of the jump curve.
inline constexpr std::int64_t kJumpProbeTokenLimit = 300'000;

// Everything but the jump curve (cheap: copies of what the encoding already holds).
ChartsData compute_charts(const Encoding& encoding, const CollisionReport& collisions);
// The jump curve: encodes about twenty probe scenes of the variant with its configuration.
void add_jumps(ChartsData& data, const Variant& variant, const Config& config,
               const JumpProbe& probe);
void copy_jumps(const ChartsData& from, ChartsData& to);
ChartsData compute_charts(const Encoding& encoding, const CollisionReport& collisions,
                          const JumpProbe& probe);

}  // namespace ropelab::views
