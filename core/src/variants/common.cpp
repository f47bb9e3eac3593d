#include "common.h"

#include <algorithm>

namespace ropelab::detail {

PositionBuilder::PositionBuilder(int axes, std::size_t capacity) : axes_(axes) {
  positions_.tokens.reserve(capacity);
  positions_.ids.resize(axes, static_cast<Eigen::Index>(std::max<std::size_t>(capacity, 1)));
}

void PositionBuilder::grow() {
  if (next_ < static_cast<std::size_t>(positions_.ids.cols())) return;
  positions_.ids.conservativeResize(Eigen::NoChange, positions_.ids.cols() * 2);
}

void PositionBuilder::text(int segment, double id) {
  grow();
  positions_.tokens.add_text(segment);
  positions_.ids.col(static_cast<Eigen::Index>(next_++)).setConstant(id);
}

void PositionBuilder::text_ids(int segment, const double* ids) {
  grow();
  positions_.tokens.add_text(segment);
  for (int a = 0; a < axes_; ++a) positions_.ids(a, static_cast<Eigen::Index>(next_)) = ids[a];
  ++next_;
}

void PositionBuilder::visual_ids(Modality modality, int segment, int frame, int row, int col,
                                 const double* ids) {
  grow();
  positions_.tokens.add_visual(modality, segment, frame, row, col);
  for (int a = 0; a < axes_; ++a) positions_.ids(a, static_cast<Eigen::Index>(next_)) = ids[a];
  ++next_;
}

Positions PositionBuilder::finish() {
  positions_.ids.conservativeResize(Eigen::NoChange, static_cast<Eigen::Index>(next_));
  return std::move(positions_);
}

std::size_t layout_capacity(const Scene& scene, int extra_per_frame) {
  std::size_t total = 0;
  for (const auto& segment : scene.segments) {
    total += static_cast<std::size_t>(segment.token_count());
    if (segment.is_visual()) total += static_cast<std::size_t>(segment.frames) * extra_per_frame;
  }
  return total;
}

std::vector<int> round_robin(const std::vector<int>& counts, const std::vector<int>& order) {
  std::vector<int> remaining = counts;
  int total = 0;
  for (int c : counts) total += c;
  std::vector<int> pair_axis;
  pair_axis.reserve(total);
  while (static_cast<int>(pair_axis.size()) < total) {
    for (int axis : order) {
      if (remaining[axis] > 0) {
        --remaining[axis];
        pair_axis.push_back(axis);
      }
    }
  }
  return pair_axis;
}

void append_chunk(std::vector<int>& pair_axis, int count, int axis) {
  pair_axis.insert(pair_axis.end(), count, axis);
}

std::vector<int> quarter_temporal_split(int pairs) {
  const int t = static_cast<int>(std::lround(pairs / 4.0));
  const int h = (pairs - t + 1) / 2;
  return {t, h, pairs - t - h};
}

}  // namespace ropelab::detail
