#include "app/gui/teaching_widgets.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "app/gui/plot_painting.h"
#include "views/palette.h"
#include "views/ticks.h"

namespace ropelab::teaching {

QColor series_color(int index) {
  static const QColor colors[] = {QColor(31, 119, 180),  QColor(230, 110, 10),  QColor(44, 160, 44),
                                  QColor(200, 40, 40),   QColor(148, 103, 189), QColor(140, 86, 75),
                                  QColor(227, 119, 194), QColor(90, 90, 90)};
  return colors[static_cast<std::size_t>(std::abs(index)) % 8];
}

LinePlot::LinePlot(QWidget* parent) : QWidget(parent) {
  setMinimumSize(420, 280);
}

void LinePlot::setPlot(FigurePlot plot) {
  plot_ = std::move(plot);
  update();
}

namespace {

// A log x axis of a line plot starts no lower than 1e-12 (a position 0 would stretch it to -inf).
constexpr double kLogFloor = 1e-12;

// The plot's data range: x over the points (logarithmic when the figure asks), y over them with 8 %
// to spare so no marker touches the frame.
PlotFrame line_frame(const FigurePlot& plot) {
  PlotFrame frame{PlotAxis(plot.log_x, kLogFloor), PlotAxis(false, kLogFloor), {}, {}};
  for (const FigureSeries& s : plot.series) frame.include(s.points);
  frame.x.openIfEmpty();
  frame.y.pad(0.08);
  return frame;
}

// Where each series' legend entry goes: on top, wrapped over as many lines as it needs.
std::vector<QPoint> line_legend_layout(const PlotCanvas& c, const FigurePlot& plot) {
  std::vector<int> widths;
  for (const FigureSeries& s : plot.series)
    widths.push_back(36 + c.fm.horizontalAdvance(QString::fromStdString(s.label)));
  return flow_legend(widths, QPoint(60, 8), c.widget.width() - 10, c.lineH);
}

// Round y ticks (1, 2, 5 x 10^k), labelled with the digits their step needs, each with a dotted
// grid line across the frame.
void draw_line_y_ticks(PlotCanvas& c, const PlotFrame& frame, const QRect& plot) {
  const double lo = frame.y.lo(), hi = frame.y.hi();
  const double step = views::nice_step(lo, hi, 6);
  for (const double y : views::nice_ticks(lo, hi, 6)) {
    c.p.setPen(QPen(c.fg.lighter(170), 1, Qt::DotLine));
    c.p.drawLine(QPointF(plot.left(), frame.py(y)), QPointF(plot.right(), frame.py(y)));
    c.p.setPen(c.fg);
    c.p.drawText(QRectF(0, frame.py(y) - c.lineH / 2.0, plot.left() - 6, c.lineH), Qt::AlignRight,
                 QString::fromStdString(views::format_tick(y, step)));
  }
}

// x ticks with their labels: the tick engine's decades on a log axis ("1", "10", ... "1e5", as on
// the charts), round steps on a linear one.
PlotTicks line_x_ticks(const QFontMetrics& fm, const PlotFrame& frame) {
  if (frame.x.log()) return horizontal_ticks(frame.x, frame.size.width(), fm);
  const double lo = frame.x.lo(), hi = frame.x.hi();
  const double step = views::nice_step(lo, hi, 7);
  PlotTicks ticks;
  for (const double x : views::nice_ticks(lo, hi, 7))
    ticks.emplace_back(x, QString::fromStdString(views::format_tick(x, step)));
  return ticks;
}

// A tick mark under the frame per x tick, its label centred under it within the widget.
void draw_line_x_ticks(PlotCanvas& c, const PlotFrame& frame, const QRect& plot) {
  for (const auto& [x, label] : line_x_ticks(c.fm, frame)) {
    c.p.drawLine(QPointF(frame.px(x), plot.bottom()), QPointF(frame.px(x), plot.bottom() + 4));
    if (!label.isEmpty()) c.drawTickLabelUnder(frame.px(x), plot.bottom() + 4, label);
  }
}

// The legend at `at` (line_legend_layout): a dot or a stroke in each series' colour, then its
// label.
void draw_line_legend(PlotCanvas& c, const FigurePlot& plot, const std::vector<QPoint>& at) {
  for (std::size_t i = 0; i < plot.series.size(); ++i) {
    const FigureSeries& s = plot.series[i];
    const int x = at[i].x(), y = at[i].y() + c.lineH / 2;
    c.p.setPen(QPen(series_color(s.color), 3));
    if (s.dots)
      c.p.drawPoint(x + 11, y);
    else
      c.p.drawLine(x, y, x + 22, y);
    c.p.setPen(c.fg);
    c.p.drawText(x + 26, at[i].y() + c.fm.ascent(), QString::fromStdString(s.label));
  }
}

// The vertical reference lines inside the x range, dashed up the frame.
void draw_line_reference_lines(PlotCanvas& c, const PlotFrame& frame, const QRect& plot,
                               const FigurePlot& figure) {
  c.p.setPen(QPen(c.fg, 1, Qt::DashLine));
  for (const FigureLine& line : figure.lines) {
    if (frame.x.shows(line.x))
      c.p.drawLine(QPointF(frame.px(line.x), plot.top()), QPointF(frame.px(line.x), plot.bottom()));
  }
}

// Whether an earlier curve has the same points as `s` (M-RoPE's h and w jumps): then `s` is dashed
// so both show.
bool repeats_earlier(const FigurePlot& plot, const FigureSeries& s) {
  for (const FigureSeries& earlier : plot.series) {
    if (&earlier == &s) break;
    if (!earlier.dots && earlier.points == s.points) return true;
  }
  return false;
}

// One series: dots, or a line (dashed when `dashed`), then its markers as rings.
void draw_series(PlotCanvas& c, const PlotFrame& frame, const FigureSeries& s, bool dashed) {
  const QColor color = series_color(s.color);
  if (s.dots) {
    c.p.setPen(Qt::NoPen);
    c.p.setBrush(color);
    for (const auto& [x, y] : s.points) c.p.drawEllipse(frame.at(x, y), 3, 3);
  } else {
    QPen pen(color, 2);
    if (dashed) pen.setDashPattern({4, 4});
    c.p.setPen(pen);
    c.p.setBrush(Qt::NoBrush);
    c.p.drawPath(frame.path(s.points));
  }
  c.p.setPen(QPen(color.darker(140), 2));
  c.p.setBrush(c.widget.palette().base());
  for (const auto& [x, y] : s.markers) c.p.drawEllipse(frame.at(x, y), 5, 5);
}

// The reference lines' labels last, over the curves on a backing, and staggered down a row
// where two would overlap (160.1 and 198.7 are close on a 1000-frame axis).
void draw_line_labels(PlotCanvas& c, const PlotFrame& frame, const QRect& plot,
                      const FigurePlot& figure) {
  std::vector<double> rowEnds;
  QColor backing = c.widget.palette().color(QPalette::Base);
  backing.setAlpha(220);
  for (const FigureLine& line : figure.lines) {
    if (!frame.x.shows(line.x) || line.label.empty()) continue;
    const QString text = QString::fromStdString(line.label);
    const double w = c.fm.horizontalAdvance(text) + 4;
    double left = frame.px(line.x) + 3;
    if (left + w > plot.right())
      left = frame.px(line.x) - 3 - w;  // near the right edge: on its left
    std::size_t row = 0;
    while (row < rowEnds.size() && left < rowEnds[row] + 4) ++row;
    if (row == rowEnds.size()) rowEnds.push_back(0);
    rowEnds[row] = left + w;
    const QRectF box(left, plot.top() + 2 + static_cast<double>(row) * c.lineH, w, c.lineH);
    c.p.fillRect(box, backing);
    c.p.setPen(c.fg);
    c.p.drawText(box, Qt::AlignCenter, text);
  }
}

}  // namespace

void LinePlot::paintEvent(QPaintEvent*) {
  PlotCanvas canvas(*this);
  if (plot_.series.empty()) return;
  PlotFrame frame = line_frame(plot_);
  const std::vector<QPoint> legendAt = line_legend_layout(canvas, plot_);
  const int top = legendAt.back().y() + 2 * canvas.lineH;
  const QRect plot(64, top, width() - 84, height() - top - canvas.lineH * 3 - 8);
  frame.origin = plot.bottomLeft();
  frame.size = plot.size();
  canvas.p.setPen(canvas.fg);
  canvas.p.drawRect(plot);
  draw_line_y_ticks(canvas, frame, plot);
  draw_line_x_ticks(canvas, frame, plot);
  canvas.drawUnderTitles(
      QRect(plot.left(), plot.bottom() + 4 + canvas.lineH, plot.width(), canvas.lineH),
      plot_.x_label, plot_.note);
  canvas.drawUpward(QPoint(14, plot.center().y()),
                    QRect(-plot.height() / 2, -canvas.lineH / 2, plot.height(), canvas.lineH),
                    QString::fromStdString(plot_.y_label));
  draw_line_legend(canvas, plot_, legendAt);
  canvas.p.setClipRect(plot.adjusted(-6, -6, 6, 6));
  draw_line_reference_lines(canvas, frame, plot, plot_);
  for (const FigureSeries& s : plot_.series)
    draw_series(canvas, frame, s, repeats_earlier(plot_, s));
  canvas.p.setClipping(false);
  draw_line_labels(canvas, frame, plot, plot_);
}

StripPlot::StripPlot(QWidget* parent) : QWidget(parent) {
  setMinimumSize(560, 200);
}

void StripPlot::setStrips(FigureStrips strips) {
  strips_ = std::move(strips);
  updateGeometry();
  update();
}

QSize StripPlot::sizeHint() const {
  const int lineH = QFontMetrics(font()).height();
  return {900, lineH * 5 + static_cast<int>(strips_.strips.size()) * (lineH + 10)};
}

void StripPlot::paintEvent(QPaintEvent*) {
  PlotCanvas canvas(*this);
  if (strips_.strips.empty()) return;
  QPainter& p = canvas.p;
  const QColor& fg = canvas.fg;
  const QFontMetrics& fm = canvas.fm;
  const int lineH = canvas.lineH;
  double lo = 1e300, hi = -1e300;
  int labelW = 0;
  for (const FigureStrip& s : strips_.strips) {
    labelW = std::max(labelW, fm.horizontalAdvance(QString::fromStdString(s.label)));
    for (double w : s.wavelengths) {
      if (!std::isfinite(w) || w <= 0) continue;  // a pair that does not rotate (NoPE): λ = ∞
      lo = std::min(lo, std::log10(w));
      hi = std::max(hi, std::log10(w));
    }
    if (s.extent > 0) hi = std::max(hi, std::log10(s.extent));
  }
  for (const FigureLine& l : strips_.lines) hi = std::max(hi, std::log10(l.x));
  lo = std::floor(std::min(lo, 0.0));
  hi = std::ceil(hi);
  if (!(hi > lo)) hi = lo + 1;
  const int rowH = lineH + 10;
  // Pairs that do not rotate sit in an "∞" column right of the axis.
  bool unrotated = false;
  for (const FigureStrip& s : strips_.strips)
    for (double w : s.wavelengths) unrotated = unrotated || !std::isfinite(w);
  const int infinityW = unrotated ? 56 : 0;
  const QRect area(labelW + 16, lineH + 6, width() - labelW - 32 - infinityW,
                   static_cast<int>(strips_.strips.size()) * rowH);
  const double infinityX = area.right() + infinityW * 0.8;  // clear of the last decade label
  const auto px = [&](double w) {
    return area.left() + (std::log10(w) - lo) / (hi - lo) * area.width();
  };
  canvas.drawTitle(QString::fromStdString(strips_.title));
  for (std::size_t r = 0; r < strips_.strips.size(); ++r) {
    const FigureStrip& s = strips_.strips[r];
    const int y = area.top() + static_cast<int>(r) * rowH;
    p.setPen(fg);
    p.drawText(QRect(4, y, labelW + 6, rowH), Qt::AlignVCenter | Qt::AlignRight,
               QString::fromStdString(s.label));
    p.setPen(QPen(fg.lighter(180), 1));
    p.drawLine(QPointF(area.left(), y + rowH / 2.0), QPointF(area.right(), y + rowH / 2.0));
    for (std::size_t i = 0; i < s.wavelengths.size(); ++i) {
      p.setPen(QPen(views::axis_color(s.axes[i]), 2));
      const double x = std::isfinite(s.wavelengths[i]) ? px(s.wavelengths[i]) : infinityX;
      p.drawLine(QPointF(x, y + 3), QPointF(x, y + rowH - 3));
    }
    if (s.extent > 0) {
      p.setPen(QPen(fg, 3));
      const double x = px(s.extent);
      p.drawLine(QPointF(x, y), QPointF(x, y + rowH));
    }
  }
  for (const FigureLine& l : strips_.lines) {
    p.setPen(QPen(fg, 1, Qt::DashLine));
    const double x = px(l.x);
    p.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()));
  }
  p.setPen(fg);
  const int axisY = area.bottom() + 2;
  // Decades from the tick engine, labelled as on every other log axis (1, 10, ... 1e4) and
  // thinned when they do not fit.
  const views::AxisTicks decades = views::fit_log_ticks(
      std::pow(10.0, lo), std::pow(10.0, hi),
      views::TickFit{static_cast<double>(area.width()), 8, 0, 16}, [&fm](const std::string& text) {
        return fm.horizontalAdvance(QString::fromStdString(text));
      });
  for (std::size_t k = 0; k < decades.values.size(); ++k) {
    const double x = px(decades.values[k]);
    p.drawLine(QPointF(x, axisY), QPointF(x, axisY + 4));
    if (decades.labels[k].empty()) continue;
    p.drawText(QRectF(x - 40, axisY + 4, 80, lineH), Qt::AlignHCenter,
               QString::fromStdString(decades.labels[k]));
  }
  if (unrotated) {
    p.drawText(QRectF(infinityX - 20, axisY + 4, 40, lineH), Qt::AlignHCenter, QStringLiteral("∞"));
  }
  QString lines;
  for (const FigureLine& l : strips_.lines)
    lines += QStringLiteral("  - - %1").arg(QString::fromStdString(l.label));
  p.drawText(QRect(area.left(), axisY + 4 + lineH, area.width(), lineH), Qt::AlignHCenter,
             tr("wavelength 2π/θ_j (log scale); ▮ video extent") + lines);
  // Colour legend: the n-th axis of every variant shares a colour; list the names it takes.
  std::vector<QStringList> names;
  for (const FigureStrip& s : strips_.strips) {
    for (std::size_t a = 0; a < s.axis_names.size(); ++a) {
      if (names.size() <= a) names.resize(a + 1);
      const QString n = QString::fromStdString(s.axis_names[a]);
      if (!names[a].contains(n)) names[a] << n;
    }
  }
  int x = area.left();
  const int y = axisY + 4 + 2 * lineH;
  for (std::size_t a = 0; a < names.size(); ++a) {
    const QString label = names[a].join(QStringLiteral(" / "));
    p.fillRect(QRect(x, y + 3, lineH - 6, lineH - 6), views::axis_color(static_cast<int>(a)));
    p.setPen(fg);
    p.drawText(x + lineH, y + fm.ascent(), label);
    x += lineH + fm.horizontalAdvance(label) + 16;
  }
}

DialPlot::DialPlot(QWidget* parent) : QWidget(parent) {
  setMinimumSize(240, 260);
}

void DialPlot::setDial(FigureDial dial) {
  dial_ = std::move(dial);
  update();
}

void DialPlot::paintEvent(QPaintEvent*) {
  PlotCanvas canvas(*this);
  canvas.drawTitle(QString::fromStdString(dial_.label));
  QPainter& p = canvas.p;
  const QColor& fg = canvas.fg;
  const int lineH = canvas.lineH;
  const double r = std::max(20.0, std::min(width(), height() - 3 * lineH) / 2.0 - 16);
  const QPointF c(width() / 2.0, lineH + 8 + r);
  p.setPen(QPen(fg.lighter(160), 1));
  p.drawEllipse(c, r, r);
  p.drawLine(QPointF(c.x() - r, c.y()), QPointF(c.x() + r, c.y()));
  p.drawLine(QPointF(c.x(), c.y() - r), QPointF(c.x(), c.y() + r));
  const auto arrow = [&](double angle, const QColor& color, const QString& label) {
    const QPointF tip(c.x() + r * std::cos(angle), c.y() - r * std::sin(angle));
    p.setPen(QPen(color, 3));
    p.drawLine(c, tip);
    p.setBrush(color);
    p.drawEllipse(tip, 5, 5);
    p.drawText(tip + QPointF(8 * std::cos(angle) - 4, -8 * std::sin(angle) + 4), label);
  };
  // The angle between them, as an arc from k to q.
  const double diff = std::remainder(dial_.angle_q - dial_.angle_k, 2 * M_PI);
  p.setPen(QPen(QColor(120, 120, 120), 2));
  p.setBrush(Qt::NoBrush);
  const QRectF inner(c.x() - r / 3, c.y() - r / 3, 2 * r / 3, 2 * r / 3);
  p.drawArc(inner, static_cast<int>(std::remainder(dial_.angle_k, 2 * M_PI) * 180 / M_PI * 16),
            static_cast<int>(diff * 180 / M_PI * 16));
  arrow(dial_.angle_k, series_color(1), QStringLiteral("k"));
  arrow(dial_.angle_q, series_color(0), QStringLiteral("q"));
  p.setPen(fg);
  p.drawText(QRect(0, static_cast<int>(c.y() + r + 6), width(), lineH), Qt::AlignHCenter,
             tr("q · k ∝ cos %1°").arg(diff * 180 / M_PI, 0, 'f', 1));
}

HeatmapTile::HeatmapTile(QWidget* parent) : QWidget(parent) {}

void HeatmapTile::setData(const RowMatrix& values, QString title, QString rowLabel,
                          QString columnLabel, QString note) {
  values_ = values;
  title_ = std::move(title);
  rowLabel_ = std::move(rowLabel);
  columnLabel_ = std::move(columnLabel);
  note_ = std::move(note);
  update();
}

void HeatmapTile::setRange(double lo, double hi) {
  fixedRange_ = true;
  lo_ = lo;
  hi_ = hi;
  update();
}

void HeatmapTile::setLogScale(bool on) {
  log_ = on;
  update();
}

namespace {

// Fills the widget's background and draws a bold centred title at `top`; leaves the pen in the
// foreground colour and the regular font selected.
void paint_background_and_title(QPainter& p, const QWidget& w, int top, const QString& title) {
  p.fillRect(w.rect(), w.palette().window());
  p.setPen(w.palette().color(QPalette::WindowText));
  QFont bold = w.font();
  bold.setBold(true);
  p.setFont(bold);
  p.drawText(QRect(0, top, w.width(), QFontMetrics(w.font()).height()), Qt::AlignHCenter, title);
  p.setFont(w.font());
}

}  // namespace

void HeatmapTile::paintEvent(QPaintEvent*) {
  QPainter p(this);
  paint_background_and_title(p, *this, 2, title_);
  const QColor fg = palette().color(QPalette::WindowText);
  const QFontMetrics fm(font());
  const int lineH = fm.height();
  if (values_.size() == 0) return;
  const double lo = fixedRange_ ? lo_ : values_.minCoeff();
  const double hi = fixedRange_ ? hi_ : values_.maxCoeff();
  const bool useLog = log_ && lo > 0;
  const auto scaled = [&](double v) {
    if (!(hi > lo)) return 0.5;
    if (useLog) return (std::log(v) - std::log(lo)) / (std::log(hi) - std::log(lo));
    return std::clamp((v - lo) / (hi - lo), 0.0, 1.0);
  };
  const int top = lineH + 6, bottom = height() - lineH * (note_.isEmpty() ? 3 : 4) - 4;
  const int left = lineH + 4;
  const int side = std::max(10, std::min(width() - left - 8, bottom - top));
  const QRect area(left + (width() - left - 8 - side) / 2, top, side, side);
  const double cw = static_cast<double>(area.width()) / values_.cols();
  const double ch = static_cast<double>(area.height()) / values_.rows();
  for (Eigen::Index r = 0; r < values_.rows(); ++r) {
    for (Eigen::Index c = 0; c < values_.cols(); ++c) {
      const double v = scaled(values_(r, c));
      p.fillRect(QRectF(area.left() + c * cw, area.top() + r * ch, cw + 0.5, ch + 0.5),
                 views::heat_color(v));
    }
  }
  p.setPen(fg);
  p.drawRect(area);
  p.drawText(QRect(area.left(), area.bottom() + 2, area.width(), lineH), Qt::AlignHCenter,
             columnLabel_ + QStringLiteral(" →"));
  p.save();
  p.translate(area.left() - 4, area.center().y());
  p.rotate(-90);
  p.drawText(QRect(-area.height() / 2, -lineH, area.height(), lineH), Qt::AlignHCenter,
             QStringLiteral("← ") + rowLabel_);
  p.restore();
  // Colour bar with the range it spans.
  const QRect bar(area.left(), area.bottom() + lineH + 4, area.width(), lineH / 2);
  for (int x = 0; x < bar.width(); ++x) {
    p.setPen(views::heat_color(static_cast<double>(x) / std::max(1, bar.width() - 1)));
    p.drawLine(bar.left() + x, bar.top(), bar.left() + x, bar.bottom());
  }
  p.setPen(fg);
  const QRect labels(bar.left(), bar.bottom() + 1, bar.width(), lineH);
  p.drawText(labels, Qt::AlignLeft, QString::number(lo, 'g', 3));
  p.drawText(labels, Qt::AlignRight, QString::number(hi, 'g', 3));
  if (useLog) p.drawText(labels, Qt::AlignHCenter, tr("log colour"));
  if (!note_.isEmpty()) {
    p.drawText(QRect(0, labels.bottom() + 1, width(), lineH), Qt::AlignHCenter, note_);
  }
}

QColor accuracy_color(double value) {
  const double v = std::clamp(value, 0.0, 1.0);
  // red (0) -> yellow (0.5) -> green (1)
  if (v < 0.5) return QColor::fromRgbF(0.84, 0.19 + 1.3 * v * 0.95, 0.15);
  return QColor::fromRgbF(0.84 - (v - 0.5) * 2 * 0.7, 0.8 - (v - 0.5) * 0.2,
                          0.15 + (v - 0.5) * 0.2);
}

DistractorHeatmap::DistractorHeatmap(QWidget* parent) : QWidget(parent) {
  setMinimumSize(480, 340);
}

void DistractorHeatmap::setResult(const DistractorResult& result, const QString& variant) {
  result_ = result;
  variant_ = variant;
  has_ = true;
  update();
}

void DistractorHeatmap::clear() {
  has_ = false;
  update();
}

QString DistractorHeatmap::proxyLabel() const {
  return tr(
      "Training-free proxy of V-NIAH-D (analyses §8), not the paper's trained-model "
      "benchmark");
}

void DistractorHeatmap::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  paint_background_and_title(
      p, *this, 4, has_ ? tr("%1: retrieval accuracy").arg(variant_) : tr("Not computed yet"));
  const QColor fg = palette().color(QPalette::WindowText);
  const QFontMetrics fm(font());
  const int lineH = fm.height();
  p.setPen(QColor(180, 60, 20));
  p.drawText(QRect(0, 4 + lineH, width(), lineH), Qt::AlignHCenter, proxyLabel());
  if (!has_) return;
  const auto rows = result_.accuracy.rows(), cols = result_.accuracy.cols();
  if (rows == 0 || cols == 0) return;
  const int legendW = 60;
  const QRect area(90, 12 + lineH * 3, width() - 90 - legendW - 16,
                   height() - (12 + lineH * 3) - lineH * 3 - 6);
  const double cw = static_cast<double>(area.width()) / cols;
  const double ch = static_cast<double>(area.height()) / rows;
  for (Eigen::Index r = 0; r < rows; ++r) {
    for (Eigen::Index c = 0; c < cols; ++c) {
      const double v = result_.accuracy(r, c);
      const QRectF cell(area.left() + c * cw, area.top() + r * ch, cw, ch);
      p.fillRect(cell, accuracy_color(v));
      p.setPen(QColor(20, 20, 20));
      p.drawText(cell, Qt::AlignCenter, QString::number(v, 'f', 2));
    }
  }
  p.setPen(fg);
  p.drawRect(area);
  for (Eigen::Index r = 0; r < rows; ++r) {
    p.drawText(QRectF(0, area.top() + r * ch, area.left() - 6, ch),
               Qt::AlignRight | Qt::AlignVCenter,
               QString::number(result_.haystack_frames[static_cast<std::size_t>(r)]));
  }
  for (Eigen::Index c = 0; c < cols; ++c) {
    p.drawText(QRectF(area.left() + c * cw, area.bottom() + 2, cw, lineH), Qt::AlignHCenter,
               QStringLiteral("%1%").arg(result_.needle_depths[static_cast<std::size_t>(c)] * 100,
                                         0, 'f', 0));
  }
  p.drawText(QRect(area.left(), area.bottom() + 2 + lineH, area.width(), lineH), Qt::AlignHCenter,
             tr("needle depth (0% = first frame)"));
  p.save();
  p.translate(16, area.center().y());
  p.rotate(-90);
  p.drawText(QRect(-area.height() / 2, -lineH / 2, area.height(), lineH), Qt::AlignHCenter,
             tr("haystack length (frames)"));
  p.restore();
  const QRect bar(area.right() + 16, area.top(), 16, area.height());
  for (int y = 0; y < bar.height(); ++y) {
    p.setPen(accuracy_color(1.0 - static_cast<double>(y) / std::max(1, bar.height() - 1)));
    p.drawLine(bar.left(), bar.top() + y, bar.right(), bar.top() + y);
  }
  p.setPen(fg);
  p.drawText(bar.right() + 4, bar.top() + fm.ascent(), QStringLiteral("1"));
  p.drawText(bar.right() + 4, bar.bottom(), QStringLiteral("0"));
}

std::vector<std::pair<int, int>> pair_runs(const Encoding& encoding, int axis) {
  std::vector<std::pair<int, int>> runs;
  for (int j = 0; j < encoding.pairs(); ++j) {
    if (encoding.pair_axis[j] != axis) continue;
    if (!runs.empty() && runs.back().second == j - 1) {
      runs.back().second = j;
    } else {
      runs.emplace_back(j, j);
    }
  }
  return runs;
}

QString run_text(const std::pair<int, int>& run) {
  return run.first == run.second ? QString::number(run.first)
                                 : QStringLiteral("%1–%2").arg(run.first).arg(run.second);
}

}  // namespace ropelab::teaching
