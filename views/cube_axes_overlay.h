#pragma once
// The 3-D views' axes, drawn by us rather than by vtkCubeAxesActor: ticks and
// labels from the tick engine (views/ticks.h) along three box edges, labels that would collide
// with another axis' labels (the origin corner) left out, titles placed clear of the labels.
// The same painter draws them over the VTK frame on screen and into SVG/PDF exports, so the
// axes of an export are the screen's.
#include <QColor>
#include <QFont>
#include <QRectF>
#include <QString>
#include <array>
#include <vector>

class QPainter;

namespace ropelab::views {

struct CubeAxesSpec {
  bool enabled = false;
  std::array<double, 6> bounds{0, 1, 0, 1, 0, 1};  // the box in world coordinates
  // The values labelled along each axis (a view may draw a normalised box with real ranges).
  std::array<std::array<double, 2>, 3> ranges{{{0, 1}, {0, 1}, {0, 1}}};
  std::array<QString, 3> titles;
  std::array<bool, 3> labelled{true, true, true};  // false: no tick labels (a padded axis)
  QColor foreground = Qt::black;
  QColor grid = Qt::gray;
  // Layout view coloured by frame: a colour bar for frame index 0 .. frameBar - 1 in the top
  // right corner (0: none). Drawn even when the axes are hidden.
  int frameBar = 0;
};

// The frame colour bar of `spec` (frame_color ramp, integer ticks, title "frame") in the top
// right corner of target; nothing when spec.frameBar < 2.
void paint_frame_bar(QPainter& painter, const CubeAxesSpec& spec, const QRectF& target,
                     const QFont& font);

// One line of the axes' grid, in world coordinates.
struct GridSegment {
  std::array<double, 3> from{};
  std::array<double, 3> to{};
  bool operator==(const GridSegment&) const = default;
};

// The grid behind the data, as ParaView's axes grid draws it: on each of the three box faces
// farther from the camera, its border and a line at every tick of the two axes the face spans.
// The ticks are the labelled ones of paint_cube_axes for the same projection, target and font.
// `composite` is the camera's composite projection matrix (row major, world -> normalised device
// coordinates) for target's aspect ratio.
std::vector<GridSegment> cube_grid(const CubeAxesSpec& spec, const double composite[16],
                                   const QRectF& target, const QFont& font);

// The cube_grid lines, for vector exports, which paint them before the data (on screen VtkView
// renders them in VTK, behind the data by depth).
void paint_cube_grid(QPainter& painter, const CubeAxesSpec& spec, const double composite[16],
                     const QRectF& target, const QFont& font);

// The axes' edges, ticks, labels and titles, over the data.
void paint_cube_axes(QPainter& painter, const CubeAxesSpec& spec, const double composite[16],
                     const QRectF& target, const QFont& font);

}  // namespace ropelab::views
