#include "views/charts_data.h"

#include <algorithm>
#include <cmath>

#include "ropelab/rope.h"

namespace ropelab::views {

namespace {

double largest(const std::vector<double>& values) {
  double best = 0;
  for (double v : values) best = std::max(best, std::abs(v));
  return best;
}

// About twenty T values from 1 to max_frames: every T while small, then evenly spread.
std::vector<int> probe_frames(int maxFrames) {
  std::vector<int> frames;
  const int steps = std::min(maxFrames, 20);
  for (int k = 0; k < steps; ++k) {
    const int t = steps > 1 ? 1 + k * (maxFrames - 1) / (steps - 1) : 1;
    if (frames.empty() || frames.back() != t) frames.push_back(t);
  }
  return frames;
}

}  // namespace

ChartsData compute_charts(const Encoding& encoding, const CollisionReport& collisions) {
  ChartsData data;
  data.variant = std::string(encoding.variant->id());
  data.axes = encoding.axes();
  data.collisions = collisions;
  const Eigen::VectorXd lambda = wavelengths(encoding.inv_freq);
  data.wavelengths.assign(lambda.data(), lambda.data() + lambda.size());
  data.pairAxis = encoding.pair_axis;
  return data;
}

void add_jumps(ChartsData& data, const Variant& variant, const Config& config,
               const JumpProbe& probe) {
  data.jumpFrames.clear();
  data.jumpOutLargest.clear();
  data.jumpIn.clear();
  for (int frames : probe_frames(std::max(probe.maxFrames, 2))) {
    const Scene scene = Scene::text_video_text(probe.textBefore, frames, probe.height, probe.width,
                                               probe.textAfter);
    if (scene.token_count() > kJumpProbeTokenLimit) break;
    const JumpReport jumps = boundary_jumps(encode(variant, scene, config));
    data.jumpFrames.push_back(frames);
    data.jumpOutLargest.push_back(jumps.has_text_after ? largest(jumps.after) : 0.0);
    data.jumpIn.push_back(jumps.has_text_before ? largest(jumps.before) : 0.0);
  }
}

void copy_jumps(const ChartsData& from, ChartsData& to) {
  to.jumpFrames = from.jumpFrames;
  to.jumpOutLargest = from.jumpOutLargest;
  to.jumpIn = from.jumpIn;
}

ChartsData compute_charts(const Encoding& encoding, const CollisionReport& collisions,
                          const JumpProbe& probe) {
  ChartsData data = compute_charts(encoding, collisions);
  add_jumps(data, *encoding.variant, encoding.config, probe);
  return data;
}

}  // namespace ropelab::views
