#include "app/gui/figure_charts.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "app/gui/plot_painting.h"
#include "views/palette.h"
#include "views/ticks.h"

namespace ropelab::teaching {

namespace {

QString qs(const std::string& s) {
  return QString::fromStdString(s);
}

Qt::PenStyle curve_style(int style) {
  switch (style) {
    case 1:
      return Qt::DashLine;
    case 2:
      return Qt::DotLine;
    default:
      return Qt::SolidLine;
  }
}

// Each variant of the chart its own colour (the first curve of a variant picks it).
std::map<std::string, QColor> chart_colors(const FigureChart& chart) {
  std::vector<std::string> ids;
  for (const FigureCurve& c : chart.curves) {
    if (std::find(ids.begin(), ids.end(), c.variant) == ids.end()) ids.push_back(c.variant);
  }
  const std::vector<QColor> colors = views::variant_colors(ids);
  std::map<std::string, QColor> out;
  for (std::size_t i = 0; i < ids.size(); ++i) out[ids[i]] = colors[i];
  return out;
}

const QColor kNoPe(250, 250, 250);
const QColor kUnrotated(190, 190, 190);

void fill_nope(QPainter& p, const QRectF& r) {
  p.fillRect(r, kNoPe);
  p.fillRect(r, QBrush(QColor(110, 110, 110), Qt::BDiagPattern));
}

}  // namespace

QColor axis_name_color(const std::string& name) {
  if (name == "t") return views::axis_color(0);
  if (name == "h") return views::axis_color(1);
  if (name == "w") return views::axis_color(2);
  // Paul Tol's muted green, wine, olive, purple and a dark brown: none an Okabe-Ito variant colour.
  if (name == "p") return QColor(17, 119, 51);
  if (name == "u1") return QColor(136, 34, 85);
  if (name == "u2") return QColor(153, 153, 51);
  if (name == "u3") return QColor(170, 68, 153);
  if (name == "u4") return QColor(120, 70, 20);
  return views::axis_color(4);
}

// ---- ChartPlot ---------------------------------------------------------------------------------

ChartPlot::ChartPlot(QWidget* parent) : QWidget(parent) {
  setMinimumSize(480, 320);
}

void ChartPlot::setChart(FigureChart chart) {
  chart_ = std::move(chart);
  update();
}

namespace {

// A chart's log axis measures every positive double as it is (only 0 and negatives are moved).
constexpr double kLogFloor = 1e-300;

// The chart's data range: x over the curves; y the figure's fixed range if it gives one, else whole
// decades on a log axis, or the curves' span with 6 % to spare on a linear one.
PlotFrame chart_frame(const FigureChart& chart) {
  PlotFrame frame{PlotAxis(chart.log_x, kLogFloor), PlotAxis(chart.log_y, kLogFloor), {}, {}};
  for (const FigureCurve& c : chart.curves) frame.include(c.points);
  frame.x.openIfEmpty();
  if (chart.y_max > chart.y_min)
    frame.y.setRange(chart.y_min, chart.y_max);
  else if (chart.log_y)
    frame.y.widenToDecades();
  else
    frame.y.pad(0.06);
  return frame;
}

// Where each legend entry goes: on top, wrapped over as many lines as it needs. Curves first, then
// the horizontal reference lines (labelled here, not over the data).
std::vector<QPoint> chart_legend_layout(const PlotCanvas& c, const FigureChart& chart) {
  std::vector<int> widths;
  const auto add = [&](const std::string& label) {
    widths.push_back(36 + c.fm.horizontalAdvance(qs(label)) + 14);
  };
  for (const FigureCurve& curve : chart.curves) add(curve.label);
  for (const FigureLevel& level : chart.levels) add(level.label);
  return flow_legend(widths, QPoint(8, 4), c.widget.width() - 8, c.lineH);
}

// Where the chart's parts go: the legend on top, then the frame, with room on its left for the
// y-axis title and the y tick labels (their ticks are fitted to the frame's height first) and
// under it for the x tick labels, the x-axis title and the note.
struct ChartLayout {
  std::vector<QPoint> legendAt;
  views::AxisTicks yTicks;
  int yLabelW = 0;
  QRectF plot;
};

ChartLayout chart_layout(const PlotCanvas& c, const PlotFrame& frame, const FigureChart& chart) {
  ChartLayout layout;
  layout.legendAt = chart_legend_layout(c, chart);
  const int top = layout.legendAt.back().y() + c.lineH + 8;
  const int bottomSpace = c.lineH * (chart.note.empty() ? 2 : 3) + 10;
  const double plotH = std::max(40, c.widget.height() - top - bottomSpace);
  layout.yTicks = frame.y.ticks(views::TickFit{plotH, 4, 0, 9},
                                [&](const std::string&) { return static_cast<double>(c.lineH); });
  for (const std::string& l : layout.yTicks.labels)
    layout.yLabelW = std::max(layout.yLabelW, c.fm.horizontalAdvance(qs(l)));
  const int left = c.lineH + 8 + layout.yLabelW + 8;
  layout.plot = QRectF(left, top, std::max(60, c.widget.width() - left - 16), plotH);
  return layout;
}

// The chart's own x ticks with every label, else every 2nd, 3rd... until the labels do not overlap
// ("" for a tick whose label is left out).
PlotTicks thinned_chart_ticks(const QFontMetrics& fm, const PlotFrame& frame,
                              const FigureChart& chart) {
  PlotTicks ticks;
  for (std::size_t every = 1; every <= chart.x_ticks.size(); ++every) {
    ticks.clear();
    double lastEnd = -1e300;
    bool fits = true;
    for (std::size_t i = 0; i < chart.x_ticks.size(); ++i) {
      const auto& [v, label] = chart.x_ticks[i];
      const bool shown = i % every == 0;
      ticks.emplace_back(v, shown ? qs(label) : QString());
      if (!shown) continue;
      const double half = fm.horizontalAdvance(qs(label)) / 2.0;
      if (frame.px(v) - half < lastEnd + 6) fits = false;
      lastEnd = frame.px(v) + half;
    }
    if (fits) break;
  }
  return ticks;
}

// x ticks: the chart's own (thinned until they fit) or the tick engine's.
PlotTicks chart_x_ticks(const QFontMetrics& fm, const PlotFrame& frame, const FigureChart& chart) {
  if (!chart.x_ticks.empty()) return thinned_chart_ticks(fm, frame, chart);
  return horizontal_ticks(frame.x, frame.size.width(), fm);
}

// Grid lines a quarter of the way from the background to the text colour (light and dark themes).
QColor grid_color(const PlotCanvas& c) {
  const QColor bg = c.widget.palette().color(QPalette::Base);
  return QColor::fromRgbF(0.75f * bg.redF() + 0.25f * c.fg.redF(),
                          0.75f * bg.greenF() + 0.25f * c.fg.greenF(),
                          0.75f * bg.blueF() + 0.25f * c.fg.blueF());
}

// Per y tick inside the frame: a dotted grid line across, a tick mark left of the frame and the
// label right-aligned in the `labelW` wide column after the y-axis title.
void draw_chart_y_ticks(PlotCanvas& c, const PlotFrame& frame, const QRectF& plot,
                        const views::AxisTicks& ticks, int labelW) {
  const QColor grid = grid_color(c);
  for (std::size_t i = 0; i < ticks.values.size(); ++i) {
    const double yy = frame.py(ticks.values[i]);
    if (yy < plot.top() - 0.5 || yy > plot.bottom() + 0.5) continue;
    c.p.setPen(QPen(grid, 1, Qt::DotLine));
    c.p.drawLine(QPointF(plot.left(), yy), QPointF(plot.right(), yy));
    c.p.setPen(c.fg);
    c.p.drawLine(QPointF(plot.left() - 4, yy), QPointF(plot.left(), yy));
    c.p.drawText(QRectF(c.lineH + 8, yy - c.lineH / 2.0, labelW, c.lineH),
                 Qt::AlignRight | Qt::AlignVCenter, qs(ticks.labels[i]));
  }
}

// Per x tick inside the frame: a dotted grid line up, a tick mark under the frame and the label
// centred under it but kept inside the widget.
void draw_chart_x_ticks(PlotCanvas& c, const PlotFrame& frame, const QRectF& plot,
                        const PlotTicks& ticks) {
  const QColor grid = grid_color(c);
  for (const auto& [v, label] : ticks) {
    const double xx = frame.px(v);
    if (xx < plot.left() - 0.5 || xx > plot.right() + 0.5) continue;
    c.p.setPen(QPen(grid, 1, Qt::DotLine));
    c.p.drawLine(QPointF(xx, plot.top()), QPointF(xx, plot.bottom()));
    c.p.setPen(c.fg);
    c.p.drawLine(QPointF(xx, plot.bottom()), QPointF(xx, plot.bottom() + 4));
    if (!label.isEmpty()) c.drawTickLabelUnder(xx, plot.bottom() + 5, label);
  }
}

// The frame, the x-axis title and the note under it, the y-axis title left of it.
void draw_chart_frame(PlotCanvas& c, const QRectF& plot, const FigureChart& chart) {
  c.p.setPen(c.fg);
  c.p.setBrush(Qt::NoBrush);
  c.p.drawRect(plot);
  c.drawUnderTitles(QRectF(plot.left(), plot.bottom() + 5 + c.lineH, plot.width(), c.lineH),
                    chart.x_label, chart.note);
  c.drawUpward(QPointF(4, plot.center().y()), QRectF(-plot.height() / 2, 0, plot.height(), c.lineH),
               qs(chart.y_label));
}

// The reference lines inside the ranges, dashed in the text colour: horizontal ones (levels)
// across the frame, vertical ones up it.
void draw_chart_reference_lines(PlotCanvas& c, const PlotFrame& frame, const QRectF& plot,
                                const FigureChart& chart) {
  c.p.setPen(QPen(c.fg, 1, Qt::DashLine));
  for (const FigureLevel& l : chart.levels) {
    if (frame.y.shows(l.y))
      c.p.drawLine(QPointF(plot.left(), frame.py(l.y)), QPointF(plot.right(), frame.py(l.y)));
  }
  for (const FigureLine& l : chart.lines) {
    if (frame.x.shows(l.x))
      c.p.drawLine(QPointF(frame.px(l.x), plot.top()), QPointF(frame.px(l.x), plot.bottom()));
  }
}

// Each curve in its variant's colour and its dash; a curve of a few points (3 to 16) is sampled
// where it was computed, so each point gets a dot (on a dense curve they would hide the line).
void draw_chart_curves(PlotCanvas& c, const PlotFrame& frame, const FigureChart& chart) {
  const std::map<std::string, QColor> colors = chart_colors(chart);
  for (const FigureCurve& curve : chart.curves) {
    const QColor color = colors.at(curve.variant);
    c.p.setPen(QPen(color, 2, curve_style(curve.style)));
    c.p.setBrush(Qt::NoBrush);
    c.p.drawPath(frame.path(curve.points));
    if (curve.points.size() <= 2 || curve.points.size() > 16) continue;
    c.p.setPen(QPen(color.darker(130), 1));
    c.p.setBrush(color);
    for (const auto& [x, y] : curve.points) c.p.drawEllipse(frame.at(x, y), 3.5, 3.5);
  }
}

// The vertical reference lines' labels at the frame's top, right of their line (left of it near
// the right edge), on a backing so no curve runs through the text, and a row lower than the
// previous label while they would overlap.
void draw_chart_line_labels(PlotCanvas& c, const PlotFrame& frame, const QRectF& plot,
                            const FigureChart& chart) {
  double lastRight = -1e300;
  int stagger = 0;
  for (const FigureLine& l : chart.lines) {
    if (!frame.x.shows(l.x)) continue;
    const double xx = frame.px(l.x);
    const QString label = qs(l.label);
    const int w = c.fm.horizontalAdvance(label);
    stagger = xx < lastRight + 4 ? stagger + 1 : 0;
    double lx = xx + 4;
    if (lx + w > plot.right() - 2) lx = xx - 4 - w;
    const double y = plot.top() + 2 + stagger * c.lineH;
    c.p.fillRect(QRectF(lx - 1, y, w + 2, c.lineH), c.widget.palette().base());
    c.p.setPen(c.fg);
    c.p.drawText(QRectF(lx, y, w, c.lineH), Qt::AlignLeft, label);
    lastRight = lx + w;
  }
}

// The legend at `at` (chart_legend_layout): a stroke in each curve's colour and dash, then a
// dashed one per horizontal reference line, each before its label.
void draw_chart_legend(PlotCanvas& c, const FigureChart& chart, const std::vector<QPoint>& at) {
  const std::map<std::string, QColor> colors = chart_colors(chart);
  const auto entry = [&](QPoint where, const QPen& pen, const std::string& label) {
    c.p.setPen(pen);
    c.p.drawLine(where.x(), where.y() + c.lineH / 2, where.x() + 28, where.y() + c.lineH / 2);
    c.p.setPen(c.fg);
    c.p.drawText(where.x() + 34, where.y() + c.fm.ascent(), qs(label));
  };
  for (std::size_t i = 0; i < chart.curves.size(); ++i) {
    const FigureCurve& curve = chart.curves[i];
    entry(at[i], QPen(colors.at(curve.variant), 3, curve_style(curve.style)), curve.label);
  }
  for (std::size_t i = 0; i < chart.levels.size(); ++i)
    entry(at[chart.curves.size() + i], QPen(c.fg, 1, Qt::DashLine), chart.levels[i].label);
}

}  // namespace

void ChartPlot::paintEvent(QPaintEvent*) {
  PlotCanvas canvas(*this);
  if (chart_.curves.empty()) return;
  PlotFrame frame = chart_frame(chart_);
  const ChartLayout layout = chart_layout(canvas, frame, chart_);
  const QRectF& plot = layout.plot;
  frame.origin = plot.bottomLeft();
  frame.size = plot.size();
  draw_chart_y_ticks(canvas, frame, plot, layout.yTicks, layout.yLabelW);
  draw_chart_x_ticks(canvas, frame, plot, chart_x_ticks(canvas.fm, frame, chart_));
  draw_chart_frame(canvas, plot, chart_);
  // Reference lines under the curves, the vertical ones' labels over them; clipped to the frame.
  canvas.p.setClipRect(plot.adjusted(-2, -2, 2, 2));
  draw_chart_reference_lines(canvas, frame, plot, chart_);
  draw_chart_curves(canvas, frame, chart_);
  draw_chart_line_labels(canvas, frame, plot, chart_);
  canvas.p.setClipping(false);
  draw_chart_legend(canvas, chart_, layout.legendAt);
}

// ---- AllocationMapPlot -------------------------------------------------------------------------

AllocationMapPlot::AllocationMapPlot(QWidget* parent) : QWidget(parent) {
  setMinimumSize(640, 300);
}

void AllocationMapPlot::setMap(FigureAllocationMap map) {
  map_ = std::move(map);
  updateGeometry();
  update();
}

QSize AllocationMapPlot::sizeHint() const {
  const Geometry g = geometry();
  const int lineH = QFontMetrics(font()).height();
  return {900, g.area.bottom() + 4 * lineH + 16};
}

AllocationMapPlot::Geometry AllocationMapPlot::geometry() const {
  const QFontMetrics fm(font());
  const int lineH = fm.height();
  Geometry g;
  g.rowHeight = lineH + 3;
  for (const FigureAllocationRow& r : map_.rows)
    g.labelWidth = std::max(g.labelWidth, fm.horizontalAdvance(qs(r.variant)));
  g.labelWidth += lineH;  // the variant's swatch
  int y = lineH + 8;
  for (const FigureAllocationRow& r : map_.rows) {
    g.rowTop.push_back(y);
    // A head-wise row: one thin row per KV head, at least 3 px each.
    const int h = r.pair_axis.size() > 1
                      ? std::max(2 * g.rowHeight, 3 * static_cast<int>(r.pair_axis.size()))
                      : g.rowHeight;
    g.rowHeightOf.push_back(h);
    y += h + 2;
  }
  const int left = g.labelWidth + 14;
  g.area = QRect(left, lineH + 8, std::max(100, width() - left - 12), y - (lineH + 8));
  return g;
}

QRectF AllocationMapPlot::cellRect(int row, int head, int slot) const {
  const Geometry g = geometry();
  if (row < 0 || row >= static_cast<int>(map_.rows.size())) return {};
  const FigureAllocationRow& r = map_.rows[static_cast<std::size_t>(row)];
  const int slotCount = std::max(1, r.head_dim / 2);
  const double cw = static_cast<double>(g.area.width()) / slotCount;
  const int heads = static_cast<int>(std::max<std::size_t>(1, r.pair_axis.size()));
  const double hh = static_cast<double>(g.rowHeightOf[static_cast<std::size_t>(row)]) / heads;
  return {g.area.left() + slot * cw, g.rowTop[static_cast<std::size_t>(row)] + head * hh, cw, hh};
}

void AllocationMapPlot::paintEvent(QPaintEvent*) {
  PlotCanvas canvas(*this);
  QPainter& p = canvas.p;
  // Not smoothed: the slots are filled edge to edge, and smoothed edges would show seams between
  // them.
  p.setRenderHint(QPainter::Antialiasing, false);
  canvas.drawTitle(qs(map_.title));
  const QColor& fg = canvas.fg;
  const QFontMetrics& fm = canvas.fm;
  const int lineH = canvas.lineH;
  if (map_.rows.empty()) return;
  const Geometry g = geometry();
  int maxSlots = 1;
  for (std::size_t i = 0; i < map_.rows.size(); ++i) {
    const FigureAllocationRow& r = map_.rows[i];
    const int slotCount = std::max(1, r.head_dim / 2);
    maxSlots = std::max(maxSlots, slotCount);
    const int y = g.rowTop[i];
    const int h = g.rowHeightOf[i];
    const bool heads = r.pair_axis.size() > 1;
    const int labelH = heads ? g.rowHeight : h;
    p.fillRect(QRect(2, y + (labelH - (lineH - 6)) / 2, lineH - 6, lineH - 6),
               views::variant_color(r.variant));
    p.setPen(fg);
    p.drawText(QRect(lineH, y, g.labelWidth - lineH + 6, labelH), Qt::AlignVCenter | Qt::AlignLeft,
               qs(r.variant));
    if (heads)
      p.drawText(QRect(lineH, y + g.rowHeight, g.labelWidth - lineH + 6, h - g.rowHeight),
                 Qt::AlignVCenter | Qt::AlignLeft,
                 tr("%1 KV heads").arg(static_cast<int>(r.pair_axis.size())));
    for (std::size_t head = 0; head < r.pair_axis.size(); ++head) {
      const std::vector<int>& axes = r.pair_axis[head];
      for (int s = 0; s < slotCount; ++s) {
        const QRectF cell = cellRect(static_cast<int>(i), static_cast<int>(head), s)
                                .adjusted(0, 0, 0.6, r.pair_axis.size() > 1 ? -0.5 : 0);
        if (s >= r.rotary_pairs) {
          p.fillRect(cell, kUnrotated);
        } else {
          const int a = axes[static_cast<std::size_t>(s)];
          if (a < 0)
            fill_nope(p, cell);
          else
            p.fillRect(cell, axis_name_color(r.axis_names[static_cast<std::size_t>(a)]));
        }
      }
    }
    p.setPen(QPen(fg, 1));
    p.setBrush(Qt::NoBrush);
    const double right = g.area.left() + static_cast<double>(g.area.width()) * slotCount / maxSlots;
    p.drawRect(QRectF(g.area.left(), y, right - g.area.left(), h));
  }
  // Slot axis from the tick engine: pair indices at slot centres.
  const double cw = static_cast<double>(g.area.width()) / maxSlots;
  const auto extent = [&](const std::string& s) {
    return static_cast<double>(fm.horizontalAdvance(qs(s)));
  };
  const views::AxisTicks ticks =
      views::fit_ticks(0, maxSlots - 1, views::TickFit{g.area.width() - cw, 10, 0, 16}, extent);
  const int axisY = g.area.bottom() + 3;
  p.setPen(fg);
  for (std::size_t i = 0; i < ticks.values.size(); ++i) {
    const double x = g.area.left() + (ticks.values[i] + 0.5) * cw;
    p.drawLine(QPointF(x, axisY), QPointF(x, axisY + 4));
    if (ticks.labels[i].empty()) continue;
    const QString label = qs(ticks.labels[i]);
    const int w = fm.horizontalAdvance(label);
    p.drawText(QRectF(x - w / 2.0, axisY + 4, w, lineH), Qt::AlignCenter, label);
  }
  p.drawText(QRect(g.area.left(), axisY + 4 + lineH, g.area.width(), lineH), Qt::AlignHCenter,
             tr("pair j (two dims each; frequency falls →), then the unrotated dims"));
  // Legend: axis colours, NoPE, unrotated, head-wise rows.
  int x = g.area.left();
  int y = axisY + 8 + 2 * lineH;
  const auto swatch = [&](const QString& label, auto paint) {
    const int w = lineH + fm.horizontalAdvance(label) + 16;
    if (x + w > width() - 8 && x > g.area.left()) {
      x = g.area.left();
      y += lineH + 2;
    }
    const QRectF box(x, y + 2, lineH - 4, lineH - 4);
    paint(box);
    p.setPen(fg);
    p.setBrush(Qt::NoBrush);
    p.drawRect(box);
    p.drawText(x + lineH, y + fm.ascent(), label);
    x += w;
  };
  for (const std::string& a : map_.axis_names) {
    swatch(tr("axis %1").arg(qs(a)),
           [&](const QRectF& box) { p.fillRect(box, axis_name_color(a)); });
  }
  swatch(tr("zero frequency (NoPE)"), [&](const QRectF& box) { fill_nope(p, box); });
  swatch(tr("unrotated dims (partial rotary)"),
         [&](const QRectF& box) { p.fillRect(box, kUnrotated); });
  swatch(tr("tall row: one thin row per KV head (head-wise)"), [&](const QRectF& box) {
    for (int k = 0; k < 3; ++k)
      p.fillRect(
          QRectF(box.left(), box.top() + k * box.height() / 3, box.width(), box.height() / 3),
          views::axis_color(k));
  });
}

}  // namespace ropelab::teaching
