#pragma once
// Shared building blocks of the position designs and frequency allocations.
#include <array>
#include <cmath>
#include <vector>

#include "ropelab/variant.h"

namespace ropelab::detail {

// Collects tokens and their ids axis by axis; ids land in a preallocated axes x tokens matrix.
class PositionBuilder {
 public:
  PositionBuilder(int axes, std::size_t capacity);

  void text(int segment, double id);  // the same id on every axis
  void text_ids(int segment, const double* ids);
  template <class... Ids>
  void visual(Modality modality, int segment, int frame, int row, int col, Ids... ids) {
    const std::array<double, sizeof...(Ids)> values{static_cast<double>(ids)...};
    visual_ids(modality, segment, frame, row, col, values.data());
  }
  void visual_ids(Modality modality, int segment, int frame, int row, int col, const double* ids);
  Positions finish();

 private:
  void grow();
  void resize(std::size_t capacity);
  void describe(Modality modality, int segment, int frame, int row, int col);
  int axes_;
  std::size_t next_ = 0;
  Positions positions_;
};

// Number of tokens a variant will lay out: the scene's plus `extra_per_frame` per visual frame.
std::size_t layout_capacity(const Scene& scene, int extra_per_frame = 0);

// Calls place(f, h, w) for every token of a visual segment in frame, row, column order.
template <class Place>
void for_each_visual_token(const Segment& segment, Place&& place) {
  for (int f = 0; f < segment.frames; ++f) {
    for (int h = 0; h < segment.height; ++h) {
      for (int w = 0; w < segment.width; ++w) place(f, h, w);
    }
  }
}

// The common walk: one running counter `s` shared by every axis. Text takes s on every axis and
// advances it by one; a visual segment is placed by place_visual(builder, segment, index, s0),
// which returns the counter after the segment.
template <class PlaceVisual>
Positions walk_with_counter(const Scene& scene, int axes, PlaceVisual&& place_visual,
                            int extra_per_frame = 0) {
  PositionBuilder builder(axes, layout_capacity(scene, extra_per_frame));
  double s = 0;
  for (std::size_t i = 0; i < scene.segments.size(); ++i) {
    const Segment& segment = scene.segments[i];
    if (segment.is_visual()) {
      s = place_visual(builder, segment, static_cast<int>(i), s);
    } else {
      for (int n = 0; n < segment.count; ++n) builder.text(static_cast<int>(i), s++);
    }
  }
  return builder.finish();
}

// M-RoPE's placement of a visual segment starting at s0: (s0 + t(f), s0 + h, s0 + w); returns
// max over every id of the segment + 1. `temporal(f)` gives the temporal offset of frame f.
template <class Temporal>
double place_mrope_block(PositionBuilder& builder, const Segment& segment, int index, double s0,
                         Temporal&& temporal, bool spatial_reset = false) {
  const double spatial_origin = spatial_reset ? 0.0 : s0;
  double highest = s0 - 1;
  for_each_visual_token(segment, [&](int f, int h, int w) {
    const double t = s0 + temporal(f), y = spatial_origin + h, x = spatial_origin + w;
    builder.visual(segment.modality, index, f, h, w, t, y, x);
    highest = std::max({highest, t, y, x});
  });
  return highest + 1;
}

// Pair j goes to the axes in `order`, cycling and skipping axes whose count is used up.
std::vector<int> round_robin(const std::vector<int>& counts, const std::vector<int>& order);
// Appends pair_axis entries for a chunk: `count` pairs reading `axis`.
void append_chunk(std::vector<int>& pair_axis, int count, int axis);

// Splits scaled from D = 128's [16, 24, 24] (time a quarter, the rest shared by h and w).
std::vector<int> quarter_temporal_split(int pairs);

}  // namespace ropelab::detail
