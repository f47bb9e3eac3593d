#pragma once
// What the hand-painted 2-D plots of the teaching and Paper-figure windows (ChartPlot, LinePlot,
// StripPlot, DialPlot, AllocationMapPlot) have in common: the painter on the widget's colours, the
// map from data to pixels with optional log axes, the legend's wrapping and the titles beside and
// under the plot. Each plot keeps its own look (ticks, markers, labels); only the shared steps live
// here, so a fix to one of them reaches every plot.
#include <QColor>
#include <QFontMetrics>
#include <QPainter>
#include <QPainterPath>
#include <QPoint>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <QWidget>
#include <string>
#include <utility>
#include <vector>

#include "views/ticks.h"

namespace ropelab::teaching {

// An antialiased painter on `widget` over the palette's base colour, with the text colour and the
// font metrics the plot draws in: every plot starts from this, so all follow the light or dark
// theme alike.
struct PlotCanvas {
  explicit PlotCanvas(QWidget& widget);
  // The plot's title, centred in the widget's first line.
  void drawTitle(const QString& title);
  // `text` turned a quarter left so it reads upward (a y-axis title): centred in `box` of the
  // turned frame whose origin is `origin` (its x runs up the widget, its y to the right), elided
  // to the box's width rather than clipped at both ends.
  void drawUpward(QPointF origin, const QRectF& box, const QString& text);
  // `title` and then `note` (when there is one) centred in `row` and the row under it: the x-axis
  // title and the plot's note under the x tick labels.
  void drawUnderTitles(const QRectF& row, const std::string& title, const std::string& note);
  // An x tick label centred under `x` with its top at `top`, shifted sideways just enough to stay
  // inside the widget (the first and last ticks sit close to its edges).
  void drawTickLabelUnder(double x, double top, const QString& label);

  const QWidget& widget;
  QPainter p;
  QColor fg;
  QFontMetrics fm;
  int lineH;
};

// One axis of a plot: the range of data it spans, kept in the axis' own measure (log10 of the
// value on a logarithmic axis). Empty (lo > hi) until a value is included.
class PlotAxis {
 public:
  // `logFloor`: on a log axis, values below it (0 and negatives) are measured as if they were it,
  // so a stray zero stretches the axis to log10(logFloor) instead of to -infinity.
  PlotAxis(bool log, double logFloor);
  bool log() const { return log_; }
  double lo() const { return lo_; }
  double hi() const { return hi_; }
  // `v` in the axis' measure: log10(v) on a log axis, v on a linear one.
  double measure(double v) const;
  // Where `v` falls between the range's ends: 0 at lo, 1 at hi.
  double fraction(double v) const { return (measure(v) - lo_) / (hi_ - lo_); }
  // Whether `v` lies within the range (ends included).
  bool shows(double v) const;
  void include(double v);
  // Exactly [lo, hi] in data values (a fixed range the figure asks for).
  void setRange(double lo, double hi);
  // A range of one value (or none) gets a width of 1 so that fraction() stays finite.
  void openIfEmpty();
  // A linear range padded by `fraction` of its width at both ends, so the extreme points sit inside
  // the frame; a range of one value is first widened by 1 each way.
  void pad(double fraction);
  // A log range widened outward to whole decades (at least one), so it starts and ends on ticks.
  void widenToDecades();
  // The tick engine's ticks over the range: decades on a log axis, round steps on a linear one.
  views::AxisTicks ticks(const views::TickFit& fit, const views::LabelExtent& extent) const;

 private:
  bool log_;
  double logFloor_;
  double lo_ = 1e300, hi_ = -1e300;
};

using PlotPoints = std::vector<std::pair<double, double>>;
// Ticks as (value, label); "" for a tick whose label is left out.
using PlotTicks = std::vector<std::pair<double, QString>>;

// The tick engine's ticks along a horizontal `axis` `pixels` long, labels measured with `fm`.
PlotTicks horizontal_ticks(const PlotAxis& axis, double pixels, const QFontMetrics& fm);

// Data to pixels: the x axis runs right from `origin` over size.width() pixels, the y axis up from
// it over size.height() pixels.
struct PlotFrame {
  PlotAxis x, y;
  QPointF origin;  // where (x.lo, y.lo) is drawn: the plot's bottom-left corner
  QSizeF size;

  double px(double vx) const { return origin.x() + x.fraction(vx) * size.width(); }
  double py(double vy) const { return origin.y() - y.fraction(vy) * size.height(); }
  QPointF at(double vx, double vy) const { return {px(vx), py(vy)}; }
  // Widens both axes to every point.
  void include(const PlotPoints& points);
  // The points joined by straight lines, in pixels.
  QPainterPath path(const PlotPoints& points) const;
};

// Where each legend entry of the given widths starts when the entries run left to right from
// `start` and wrap to a line `lineH` lower before one would pass `right`; an entry wider than a
// line still gets a line of its own.
std::vector<QPoint> flow_legend(const std::vector<int>& widths, QPoint start, int right, int lineH);

}  // namespace ropelab::teaching
