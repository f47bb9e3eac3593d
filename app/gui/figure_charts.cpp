#include "app/gui/figure_charts.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

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

void ChartPlot::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), palette().base());
  const QColor fg = palette().color(QPalette::Text);
  const QFontMetrics fm(font());
  const int lineH = fm.height();
  if (chart_.curves.empty()) return;
  const bool logx = chart_.log_x, logy = chart_.log_y;
  const auto tx = [&](double x) { return logx ? std::log10(std::max(x, 1e-300)) : x; };
  const auto ty = [&](double y) { return logy ? std::log10(std::max(y, 1e-300)) : y; };
  double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
  for (const FigureCurve& c : chart_.curves) {
    for (const auto& [x, y] : c.points) {
      x0 = std::min(x0, tx(x));
      x1 = std::max(x1, tx(x));
      y0 = std::min(y0, ty(y));
      y1 = std::max(y1, ty(y));
    }
  }
  if (!(x1 > x0)) x1 = x0 + 1;
  if (chart_.y_max > chart_.y_min) {
    y0 = ty(chart_.y_min);
    y1 = ty(chart_.y_max);
  } else if (logy) {
    y0 = std::floor(y0);
    y1 = std::ceil(y1);
    if (!(y1 > y0)) y1 = y0 + 1;
  } else {
    if (!(y1 > y0)) {
      y0 -= 1;
      y1 += 1;
    }
    const double pad = (y1 - y0) * 0.06;
    y0 -= pad;
    y1 += pad;
  }
  const std::map<std::string, QColor> colors = chart_colors(chart_);
  // Legend on top, wrapped over as many lines as it needs.
  const int legendLeft = 8;
  std::vector<QPoint> legendAt;
  int lx = legendLeft, ly = 4;
  // Curves first, then the horizontal reference lines (labelled here, not over the data).
  std::vector<QString> legendLabels;
  for (const FigureCurve& c : chart_.curves) legendLabels.push_back(qs(c.label));
  for (const FigureLevel& l : chart_.levels) legendLabels.push_back(qs(l.label));
  for (const QString& label : legendLabels) {
    const int w = 36 + fm.horizontalAdvance(label) + 14;
    if (lx + w > width() - 8 && lx > legendLeft) {
      lx = legendLeft;
      ly += lineH;
    }
    legendAt.emplace_back(lx, ly);
    lx += w;
  }
  const int top = ly + lineH + 8;
  // y tick labels decide the left margin.
  const auto extentV = [&](const std::string&) { return static_cast<double>(lineH); };
  const int bottomSpace = lineH * (chart_.note.empty() ? 2 : 3) + 10;
  const double plotH = std::max(40, height() - top - bottomSpace);
  const views::TickFit yfit{plotH, 4, 0, 9};
  const views::AxisTicks yt =
      logy ? views::fit_log_ticks(std::pow(10.0, y0), std::pow(10.0, y1), yfit, extentV)
           : views::fit_ticks(y0, y1, yfit, extentV);
  int yLabelW = 0;
  for (const std::string& l : yt.labels) yLabelW = std::max(yLabelW, fm.horizontalAdvance(qs(l)));
  const int left = lineH + 8 + yLabelW + 8;
  const QRectF plot(left, top, std::max(60, width() - left - 16), plotH);
  const auto px = [&](double x) { return plot.left() + (tx(x) - x0) / (x1 - x0) * plot.width(); };
  const auto py = [&](double y) {
    return plot.bottom() - (ty(y) - y0) / (y1 - y0) * plot.height();
  };
  // x ticks: the chart's own (thinned until they fit) or the tick engine's.
  std::vector<std::pair<double, QString>> xticks;
  const auto extentH = [&](const std::string& s) {
    return static_cast<double>(fm.horizontalAdvance(qs(s)));
  };
  if (!chart_.x_ticks.empty()) {
    for (std::size_t every = 1; every <= chart_.x_ticks.size(); ++every) {
      xticks.clear();
      double lastEnd = -1e300;
      bool fits = true;
      for (std::size_t i = 0; i < chart_.x_ticks.size(); ++i) {
        const auto& [v, label] = chart_.x_ticks[i];
        const bool shown = i % every == 0;
        xticks.emplace_back(v, shown ? qs(label) : QString());
        if (!shown) continue;
        const double half = fm.horizontalAdvance(qs(label)) / 2.0;
        if (px(v) - half < lastEnd + 6) fits = false;
        lastEnd = px(v) + half;
      }
      if (fits) break;
    }
  } else {
    const views::TickFit xfit{plot.width(), 10, 0, 12};
    const views::AxisTicks ticks =
        logx ? views::fit_log_ticks(std::pow(10.0, x0), std::pow(10.0, x1), xfit, extentH)
             : views::fit_ticks(x0, x1, xfit, extentH);
    for (std::size_t i = 0; i < ticks.values.size(); ++i)
      xticks.emplace_back(ticks.values[i], qs(ticks.labels[i]));
  }
  // Grid and ticks.
  // Grid lines a quarter of the way from the background to the text colour (light and dark themes).
  const QColor bg = palette().color(QPalette::Base);
  const QColor grid = QColor::fromRgbF(0.75f * bg.redF() + 0.25f * fg.redF(),
                                       0.75f * bg.greenF() + 0.25f * fg.greenF(),
                                       0.75f * bg.blueF() + 0.25f * fg.blueF());
  for (std::size_t i = 0; i < yt.values.size(); ++i) {
    const double y = yt.values[i];
    const double yy = py(y);
    if (yy < plot.top() - 0.5 || yy > plot.bottom() + 0.5) continue;
    p.setPen(QPen(grid, 1, Qt::DotLine));
    p.drawLine(QPointF(plot.left(), yy), QPointF(plot.right(), yy));
    p.setPen(fg);
    p.drawLine(QPointF(plot.left() - 4, yy), QPointF(plot.left(), yy));
    p.drawText(QRectF(lineH + 8, yy - lineH / 2.0, yLabelW, lineH),
               Qt::AlignRight | Qt::AlignVCenter, qs(yt.labels[i]));
  }
  for (const auto& [v, label] : xticks) {
    const double xx = px(v);
    if (xx < plot.left() - 0.5 || xx > plot.right() + 0.5) continue;
    p.setPen(QPen(grid, 1, Qt::DotLine));
    p.drawLine(QPointF(xx, plot.top()), QPointF(xx, plot.bottom()));
    p.setPen(fg);
    p.drawLine(QPointF(xx, plot.bottom()), QPointF(xx, plot.bottom() + 4));
    if (!label.isEmpty()) {
      const int w = fm.horizontalAdvance(label);
      const double lxx = std::clamp(xx - w / 2.0, 0.0, static_cast<double>(width() - w));
      p.drawText(QRectF(lxx, plot.bottom() + 5, w, lineH), Qt::AlignCenter, label);
    }
  }
  p.setPen(fg);
  p.setBrush(Qt::NoBrush);
  p.drawRect(plot);
  p.drawText(QRectF(plot.left(), plot.bottom() + 5 + lineH, plot.width(), lineH), Qt::AlignHCenter,
             qs(chart_.x_label));
  if (!chart_.note.empty())
    p.drawText(QRectF(plot.left(), plot.bottom() + 5 + 2 * lineH, plot.width(), lineH),
               Qt::AlignHCenter, qs(chart_.note));
  p.save();
  p.translate(4, plot.center().y());
  p.rotate(-90);
  p.drawText(QRectF(-plot.height() / 2, 0, plot.height(), lineH), Qt::AlignHCenter,
             fm.elidedText(qs(chart_.y_label), Qt::ElideRight, static_cast<int>(plot.height())));
  p.restore();
  // Reference lines under the curves; the vertical ones' labels over them (staggered when they
  // overlap), the horizontal ones' in the legend.
  p.setClipRect(plot.adjusted(-2, -2, 2, 2));
  for (const FigureLevel& l : chart_.levels) {
    if (ty(l.y) < y0 || ty(l.y) > y1) continue;
    p.setPen(QPen(fg, 1, Qt::DashLine));
    p.drawLine(QPointF(plot.left(), py(l.y)), QPointF(plot.right(), py(l.y)));
  }
  for (const FigureLine& l : chart_.lines) {
    if (tx(l.x) < x0 || tx(l.x) > x1) continue;
    p.setPen(QPen(fg, 1, Qt::DashLine));
    p.drawLine(QPointF(px(l.x), plot.top()), QPointF(px(l.x), plot.bottom()));
  }
  // Curves.
  for (const FigureCurve& c : chart_.curves) {
    const QColor color = colors.at(c.variant);
    QPainterPath path;
    bool first = true;
    for (const auto& [x, y] : c.points) {
      const QPointF pt(px(x), py(y));
      if (first)
        path.moveTo(pt);
      else
        path.lineTo(pt);
      first = false;
    }
    p.setPen(QPen(color, 2, curve_style(c.style)));
    p.setBrush(Qt::NoBrush);
    p.drawPath(path);
    if (c.points.size() > 2 && c.points.size() <= 16) {
      p.setPen(QPen(color.darker(130), 1));
      p.setBrush(color);
      for (const auto& [x, y] : c.points) p.drawEllipse(QPointF(px(x), py(y)), 3.5, 3.5);
    }
  }
  double lastRight = -1e300;
  int stagger = 0;
  for (const FigureLine& l : chart_.lines) {
    if (tx(l.x) < x0 || tx(l.x) > x1) continue;
    const double xx = px(l.x);
    const QString label = qs(l.label);
    const int w = fm.horizontalAdvance(label);
    stagger = xx < lastRight + 4 ? stagger + 1 : 0;
    double lxx = xx + 4;
    if (lxx + w > plot.right() - 2) lxx = xx - 4 - w;
    p.fillRect(QRectF(lxx - 1, plot.top() + 2 + stagger * lineH, w + 2, lineH), palette().base());
    p.setPen(fg);
    p.drawText(QRectF(lxx, plot.top() + 2 + stagger * lineH, w, lineH), Qt::AlignLeft, label);
    lastRight = lxx + w;
  }
  p.setClipping(false);
  // Legend.
  for (std::size_t i = 0; i < chart_.curves.size(); ++i) {
    const FigureCurve& c = chart_.curves[i];
    const QPoint at = legendAt[i];
    p.setPen(QPen(colors.at(c.variant), 3, curve_style(c.style)));
    p.drawLine(at.x(), at.y() + lineH / 2, at.x() + 28, at.y() + lineH / 2);
    p.setPen(fg);
    p.drawText(at.x() + 34, at.y() + fm.ascent(), qs(c.label));
  }
  for (std::size_t i = 0; i < chart_.levels.size(); ++i) {
    const QPoint at = legendAt[chart_.curves.size() + i];
    p.setPen(QPen(fg, 1, Qt::DashLine));
    p.drawLine(at.x(), at.y() + lineH / 2, at.x() + 28, at.y() + lineH / 2);
    p.setPen(fg);
    p.drawText(at.x() + 34, at.y() + fm.ascent(), qs(chart_.levels[i].label));
  }
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
  QPainter p(this);
  p.fillRect(rect(), palette().base());
  const QColor fg = palette().color(QPalette::Text);
  const QFontMetrics fm(font());
  const int lineH = fm.height();
  p.setPen(fg);
  p.drawText(QRect(0, 2, width(), lineH), Qt::AlignHCenter, qs(map_.title));
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
