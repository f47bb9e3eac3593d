#include "common.h"

#include <algorithm>

namespace ropelab::detail {

// The layout arrays are sized once up front and written by index: this is the hot path of every
// slider move on large scenes, and push_back's bookkeeping doubled its cost.
PositionBuilder::PositionBuilder(int axes, std::size_t capacity) : axes_(axes) {
  resize(std::max<std::size_t>(capacity, 1));
}

void PositionBuilder::resize(std::size_t capacity) {
  TokenLayout& t = positions_.tokens;
  t.modality.resize(capacity);
  t.segment.resize(capacity);
  t.frame.resize(capacity);
  t.row.resize(capacity);
  t.col.resize(capacity);
  positions_.ids.conservativeResize(axes_, static_cast<Eigen::Index>(capacity));
}

void PositionBuilder::grow() {
  if (next_ >= positions_.tokens.modality.size()) resize(2 * next_);
}

void PositionBuilder::describe(Modality modality, int segment, int frame, int row, int col) {
  TokenLayout& t = positions_.tokens;
  t.modality[next_] = modality;
  t.segment[next_] = segment;
  t.frame[next_] = frame;
  t.row[next_] = row;
  t.col[next_] = col;
}

void PositionBuilder::text(int segment, double id) {
  grow();
  describe(Modality::Text, segment, -1, -1, -1);
  const auto column = static_cast<Eigen::Index>(next_++);
  for (int a = 0; a < axes_; ++a) positions_.ids(a, column) = id;
}

void PositionBuilder::text_ids(int segment, const double* ids) {
  grow();
  describe(Modality::Text, segment, -1, -1, -1);
  const auto column = static_cast<Eigen::Index>(next_++);
  for (int a = 0; a < axes_; ++a) positions_.ids(a, column) = ids[a];
}

void PositionBuilder::visual_ids(Modality modality, int segment, int frame, int row, int col,
                                 const double* ids) {
  grow();
  describe(modality, segment, frame, row, col);
  const auto column = static_cast<Eigen::Index>(next_++);
  for (int a = 0; a < axes_; ++a) positions_.ids(a, column) = ids[a];
}

Positions PositionBuilder::finish() {
  if (next_ != positions_.tokens.modality.size()) resize(next_);
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
