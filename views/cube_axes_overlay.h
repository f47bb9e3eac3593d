#pragma once
// The 3-D views' axes, drawn by us rather than by vtkCubeAxesActor's own labels: ticks and
// labels from the tick engine (views/ticks.h) along three box edges, labels that would collide
// with another axis' labels (the origin corner) left out, titles placed clear of the labels.
// The same painter draws them over the VTK frame on screen and into SVG/PDF exports, so the
// axes of an export are the screen's.
#include <QColor>
#include <QFont>
#include <QRectF>
#include <QString>
#include <array>

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

// `composite` is the camera's composite projection matrix (row major, world -> normalised device
// coordinates) for target's aspect ratio. With drawBox the box's twelve edges are drawn too
// (vector exports; on screen VTK draws the box and its grid).
void paint_cube_axes(QPainter& painter, const CubeAxesSpec& spec, const double composite[16],
                     const QRectF& target, const QFont& font, bool drawBox);

}  // namespace ropelab::views
