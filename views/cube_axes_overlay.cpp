#include "views/cube_axes_overlay.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <algorithm>
#include <cmath>
#include <vector>

#include "views/palette.h"
#include "views/ticks.h"

namespace ropelab::views {

namespace {

bool project(const double m[16], const QRectF& target, const std::array<double, 3>& p,
             QPointF& out) {
  double v[4];
  for (int r = 0; r < 4; ++r) {
    v[r] = m[4 * r] * p[0] + m[4 * r + 1] * p[1] + m[4 * r + 2] * p[2] + m[4 * r + 3];
  }
  if (v[3] <= 1e-12) return false;
  out = QPointF(target.left() + (v[0] / v[3] + 1.0) / 2.0 * target.width(),
                target.top() + (1.0 - (v[1] / v[3] + 1.0) / 2.0) * target.height());
  return true;
}

QRectF centred(const QPointF& c, const QSizeF& s) {
  return {c.x() - s.width() / 2, c.y() - s.height() / 2, s.width(), s.height()};
}

bool hits(const QRectF& r, const std::vector<QRectF>& taken) {
  // Labels closer than 3 px read as one ("15" and "0" as "150").
  const QRectF grown = r.adjusted(-3, -1, 3, 1);
  return std::any_of(taken.begin(), taken.end(),
                     [&](const QRectF& t) { return t.intersects(grown); });
}

}  // namespace

namespace {

// Where one axis is labelled for this projection: the box edge far from the box's centre on
// screen (below it for x and y, left of it for z), pointing outward, with its ticks.
struct AxisPlacement {
  int corner = 0;  // the edge runs from corner to corner | (1 << axis)
  QPointF p0, p1, along, outward;
  double pixels = 0;  // the edge's length on screen
  double lo = 0, hi = 1;
  AxisTicks ticks;  // empty for an unlabelled axis or an edge too short to carry labels
};

struct ProjectedBox {
  std::array<double, 6> bounds{};
  std::array<QPointF, 8> corners;
  QPointF centre;
  std::array<double, 3> corner(int i) const {
    return {bounds[i & 1], bounds[2 + ((i >> 1) & 1)], bounds[4 + ((i >> 2) & 1)]};
  }
};

bool project_box(const CubeAxesSpec& spec, const double composite[16], const QRectF& target,
                 ProjectedBox& box) {
  box.bounds = spec.bounds;
  for (int i = 0; i < 8; ++i) {
    if (!project(composite, target, box.corner(i), box.corners[i])) return false;
  }
  box.centre = QPointF();
  for (const QPointF& p : box.corners) box.centre += p / 8.0;
  return true;
}

AxisPlacement place_axis(const CubeAxesSpec& spec, const ProjectedBox& box, int a,
                         const QFontMetricsF& metrics) {
  AxisPlacement placement;
  const int bit = 1 << a;
  double bestScore = -1e300;
  for (int i = 0; i < 8; ++i) {
    if (i & bit) continue;
    const QPointF d = (box.corners[i] + box.corners[i | bit]) / 2 - box.centre;
    const double score = a == 2 ? -d.x() : d.y() + 0.25 * std::abs(d.x());
    if (score > bestScore) {
      bestScore = score;
      placement.corner = i;
    }
  }
  placement.p0 = box.corners[placement.corner];
  placement.p1 = box.corners[placement.corner | bit];
  QPointF outward = (placement.p0 + placement.p1) / 2 - box.centre;
  const double outwardLength = std::hypot(outward.x(), outward.y());
  placement.outward = outwardLength > 1e-6 ? outward / outwardLength : QPointF(0, 1);
  const QPointF along = placement.p1 - placement.p0;
  placement.pixels = std::hypot(along.x(), along.y());
  placement.along = placement.pixels > 1e-6 ? along / placement.pixels : QPointF(1, 0);
  placement.lo = spec.ranges[a][0];
  placement.hi = spec.ranges[a][1];
  if (!(placement.hi > placement.lo) || !std::isfinite(placement.lo) ||
      !std::isfinite(placement.hi)) {
    placement.lo = box.bounds[2 * a];
    placement.hi = box.bounds[2 * a + 1];
  }
  if (spec.labelled[a] && placement.pixels > 8 && placement.hi > placement.lo) {
    const QPointF dir = placement.along;
    const auto extent = [&](const std::string& text) {
      const QSizeF s(metrics.horizontalAdvance(QString::fromStdString(text)), metrics.height());
      return std::abs(dir.x()) * s.width() + std::abs(dir.y()) * s.height();
    };
    placement.ticks =
        fit_ticks(placement.lo, placement.hi, TickFit{placement.pixels, 8, 0, 8}, extent);
  }
  return placement;
}

// A tick value's world coordinate on axis a (the box may be a normalised stand-in for ranges).
double world_of(const ProjectedBox& box, const AxisPlacement& placement, int a, double value) {
  const double lo = box.bounds[2 * a], hi = box.bounds[2 * a + 1];
  return lo + (value - placement.lo) / (placement.hi - placement.lo) * (hi - lo);
}

double depth_of(const double m[16], const std::array<double, 3>& p) {
  double v[4];
  for (int r = 2; r < 4; ++r) {
    v[r] = m[4 * r] * p[0] + m[4 * r + 1] * p[1] + m[4 * r + 2] * p[2] + m[4 * r + 3];
  }
  return std::abs(v[3]) > 1e-12 ? v[2] / v[3] : 0.0;
}

std::vector<GridSegment> grid_segments(const ProjectedBox& box, const double composite[16],
                                       const std::array<AxisPlacement, 3>& placements) {
  std::vector<GridSegment> segments;
  const auto& b = box.bounds;
  for (int a = 0; a < 3; ++a) {
    // The face across axis a that lies farther from the camera: behind the data.
    std::array<double, 3> low{(b[0] + b[1]) / 2, (b[2] + b[3]) / 2, (b[4] + b[5]) / 2};
    std::array<double, 3> high = low;
    low[static_cast<std::size_t>(a)] = b[2 * a];
    high[static_cast<std::size_t>(a)] = b[2 * a + 1];
    const double face =
        depth_of(composite, high) > depth_of(composite, low) ? b[2 * a + 1] : b[2 * a];
    for (int c : {(a + 1) % 3, (a + 2) % 3}) {
      const int d = 3 - a - c;                         // the direction the lines run
      std::vector<double> at{b[2 * c], b[2 * c + 1]};  // the face's border
      const AxisPlacement& placement = placements[static_cast<std::size_t>(c)];
      for (double v : placement.ticks.values) at.push_back(world_of(box, placement, c, v));
      for (double w : at) {
        GridSegment s;
        s.from[static_cast<std::size_t>(a)] = s.to[static_cast<std::size_t>(a)] = face;
        s.from[static_cast<std::size_t>(c)] = s.to[static_cast<std::size_t>(c)] = w;
        s.from[static_cast<std::size_t>(d)] = b[2 * d];
        s.to[static_cast<std::size_t>(d)] = b[2 * d + 1];
        segments.push_back(s);
      }
    }
  }
  return segments;
}

std::array<AxisPlacement, 3> place_axes(const CubeAxesSpec& spec, const ProjectedBox& box,
                                        const QFont& font) {
  const QFontMetricsF metrics(font);
  return {place_axis(spec, box, 0, metrics), place_axis(spec, box, 1, metrics),
          place_axis(spec, box, 2, metrics)};
}

}  // namespace

std::vector<GridSegment> cube_grid(const CubeAxesSpec& spec, const double composite[16],
                                   const QRectF& target, const QFont& font) {
  ProjectedBox box;
  if (!spec.enabled || !project_box(spec, composite, target, box)) return {};
  return grid_segments(box, composite, place_axes(spec, box, font));
}

void paint_cube_grid(QPainter& painter, const CubeAxesSpec& spec, const double composite[16],
                     const QRectF& target, const QFont& font) {
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, true);
  painter.setPen(QPen(spec.grid, 1));
  for (const GridSegment& s : cube_grid(spec, composite, target, font)) {
    QPointF from, to;
    if (project(composite, target, s.from, from) && project(composite, target, s.to, to)) {
      painter.drawLine(from, to);
    }
  }
  painter.restore();
}

void paint_cube_axes(QPainter& painter, const CubeAxesSpec& spec, const double composite[16],
                     const QRectF& target, const QFont& font) {
  ProjectedBox cube;
  if (!spec.enabled || !project_box(spec, composite, target, cube)) return;
  const std::array<AxisPlacement, 3> placements = place_axes(spec, cube, font);

  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, true);
  painter.setRenderHint(QPainter::TextAntialiasing, true);
  painter.setBrush(Qt::NoBrush);
  QFont titleFont = font;
  titleFont.setBold(true);
  const QFontMetricsF metrics(font);
  const QFontMetricsF titleMetrics(titleFont);
  std::vector<QRectF> taken;  // every label placed so far
  struct Label {
    QRectF box;
    QString text;
  };
  std::vector<Label> labels;
  struct Title {
    QPointF edgeMid;
    QPointF outward;
    double clearance;
    int axis;
  };
  std::vector<Title> titles;
  for (int a = 0; a < 3; ++a) {
    const AxisPlacement& placement = placements[static_cast<std::size_t>(a)];
    const QPointF outward = placement.outward;
    painter.setPen(QPen(spec.foreground, 1.2));
    painter.drawLine(placement.p0, placement.p1);
    double clearance = 10;  // how far the title sits beyond the edge
    const AxisTicks& ticks = placement.ticks;
    painter.setFont(font);
    for (std::size_t k = 0; k < ticks.values.size(); ++k) {
      std::array<double, 3> p = cube.corner(placement.corner);
      p[static_cast<std::size_t>(a)] = world_of(cube, placement, a, ticks.values[k]);
      QPointF s;
      if (!project(composite, target, p, s)) continue;
      painter.setPen(QPen(spec.foreground, 1));
      painter.drawLine(s, s + outward * 5);
      if (ticks.labels[k].empty()) continue;
      const QString text = QString::fromStdString(ticks.labels[k]);
      const QSizeF size(metrics.horizontalAdvance(text) + 2, metrics.height());
      const double offset =
          8 + std::abs(outward.x()) * size.width() / 2 + std::abs(outward.y()) * size.height() / 2;
      const QRectF labelBox = centred(s + outward * offset, size);
      // Left out: a label touching another (two axes' labels at a shared corner) or leaving
      // the view.
      if (hits(labelBox, taken) || !target.contains(labelBox)) continue;
      taken.push_back(labelBox);
      labels.push_back({labelBox, text});
      clearance = std::max(clearance, offset + std::abs(outward.x()) * size.width() / 2 +
                                          std::abs(outward.y()) * size.height() / 2);
    }
    titles.push_back({(placement.p0 + placement.p1) / 2, outward, clearance, a});
  }
  std::vector<QRectF> titleBoxes;
  painter.setFont(titleFont);
  painter.setPen(spec.foreground);
  for (const Title& t : titles) {
    const QString& text = spec.titles[static_cast<std::size_t>(t.axis)];
    if (text.isEmpty()) continue;
    const QSizeF size(titleMetrics.horizontalAdvance(text) + 2, titleMetrics.height());
    double offset = t.clearance + 4 + std::abs(t.outward.x()) * size.width() / 2 +
                    std::abs(t.outward.y()) * size.height() / 2;
    QRectF box = centred(t.edgeMid + t.outward * offset, size);
    // Clear of every label: step outward until it no longer touches one.
    for (int guard = 0; guard < 20 && hits(box, taken); ++guard) {
      offset += 4;
      box = centred(t.edgeMid + t.outward * offset, size);
    }
    // Inside the target: a title pushed past the edge comes back along it.
    box.moveLeft(std::clamp(box.left(), target.left(),
                            std::max(target.left(), target.right() - box.width())));
    box.moveTop(std::clamp(box.top(), target.top(),
                           std::max(target.top(), target.bottom() - box.height())));
    if (hits(box, titleBoxes)) continue;
    titleBoxes.push_back(box);
    painter.drawText(box, Qt::AlignCenter | Qt::TextDontClip, text);
  }
  // Labels last: one that a title had to be placed over gives way to it.
  painter.setFont(font);
  for (const Label& l : labels) {
    if (hits(l.box, titleBoxes)) continue;
    painter.drawText(l.box, Qt::AlignCenter | Qt::TextDontClip, l.text);
  }
  painter.restore();
}

void paint_frame_bar(QPainter& painter, const CubeAxesSpec& spec, const QRectF& target,
                     const QFont& font) {
  const int frames = spec.frameBar;
  if (frames < 2 || target.width() < 120 || target.height() < 120) return;
  painter.save();
  painter.setFont(font);
  const QFontMetricsF fm(font);
  const double line = fm.height();
  const QString title = QCoreApplication::translate("LayoutView", "frame");
  // Tick labels: integers from the tick engine (no 0.5 frames).
  const double barHeight = std::clamp(target.height() * 0.35, 60.0, 180.0);
  const double barWidth = std::max(8.0, line * 0.7);
  AxisTicks ticks = fit_ticks(0, frames - 1, TickFit{barHeight, 2, 0, 6},
                              [&](const std::string&) { return fm.height(); });
  double labelWidth = 0;
  std::vector<std::pair<double, QString>> labels;
  for (std::size_t i = 0; i < ticks.values.size(); ++i) {
    const double v = ticks.values[i];
    if (ticks.labels[i].empty() || std::abs(v - std::round(v)) > 1e-9) continue;
    const QString text = QString::number(std::llround(v));
    labels.emplace_back(v, text);
    labelWidth = std::max(labelWidth, fm.horizontalAdvance(text));
  }
  const double right = target.right() - 6;
  const double x = std::min(right - labelWidth - 6 - barWidth,
                            right - fm.horizontalAdvance(title) / 2 - barWidth / 2);
  const double y0 = target.top() + 6 + line + 2;
  const double y1 = y0 + barHeight;
  // The ramp, frame 0 at the bottom, one band per frame up to 64 frames, smooth beyond.
  const int bands = std::min(frames, 64);
  painter.setPen(Qt::NoPen);
  for (int k = 0; k < bands; ++k) {
    const double f = bands == frames ? k : (frames - 1) * (k + 0.5) / bands;
    painter.setBrush(frame_color(static_cast<int>(std::lround(f)), frames));
    const double top = y1 - (k + 1) * barHeight / bands;
    painter.drawRect(QRectF(x, top, barWidth, barHeight / bands + 0.25));
  }
  painter.setPen(QPen(spec.foreground, 1));
  painter.setBrush(Qt::NoBrush);
  painter.drawRect(QRectF(x, y0, barWidth, barHeight));
  painter.drawText(QRectF(x + barWidth / 2 - fm.horizontalAdvance(title) / 2 - 1, target.top() + 6,
                          fm.horizontalAdvance(title) + 2, line),
                   Qt::AlignCenter, title);
  for (const auto& [v, text] : labels) {
    // Band centres when every frame has its band.
    const double y =
        bands == frames ? y1 - (v + 0.5) * barHeight / frames : y1 - v / (frames - 1) * barHeight;
    painter.drawLine(QPointF(x + barWidth, y), QPointF(x + barWidth + 3, y));
    painter.drawText(QRectF(x + barWidth + 5, y - line / 2, labelWidth + 2, line),
                     Qt::AlignVCenter | Qt::AlignLeft, text);
  }
  painter.restore();
}

}  // namespace ropelab::views
