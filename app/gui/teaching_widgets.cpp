#include "app/gui/teaching_widgets.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "views/palette.h"

namespace ropelab::teaching {

namespace {

QString tick(double v) {
  if (v == 0) return QStringLiteral("0");
  const double a = std::abs(v);
  if (a >= 1e7 || a < 1e-2) return QString::number(v, 'g', 3);
  return QString::number(v, 'f', a >= 100 ? 0 : (a >= 1 ? 1 : 2));
}

}  // namespace

LinePlot::LinePlot(QWidget* parent) : QWidget(parent) {
  setMinimumSize(420, 260);
}

void LinePlot::setData(std::vector<Series> series, QString xLabel, QString yLabel,
                       QString markerNote) {
  series_ = std::move(series);
  xLabel_ = std::move(xLabel);
  yLabel_ = std::move(yLabel);
  markerNote_ = std::move(markerNote);
  update();
}

int LinePlot::markerCount() const {
  int n = 0;
  for (const Series& s : series_) n += static_cast<int>(s.markers.size());
  return n;
}

void LinePlot::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), palette().base());
  const QColor fg = palette().color(QPalette::Text);
  if (series_.empty()) return;
  double x0 = 1e300, x1 = -1e300;
  for (const Series& s : series_) {
    for (const auto& [x, y] : s.points) {
      x0 = std::min(x0, x);
      x1 = std::max(x1, x);
    }
  }
  if (!(x1 > x0)) x1 = x0 + 1;
  const double y0 = -1.1, y1 = 1.1;
  const QFontMetrics fm(font());
  const int lineH = fm.height();
  // Legend on top, one entry per series.
  const QRect plot(60, 8 + lineH * 2, width() - 80, height() - (8 + lineH * 2) - lineH * 3 - 8);
  const auto px = [&](double x) { return plot.left() + (x - x0) / (x1 - x0) * plot.width(); };
  const auto py = [&](double y) { return plot.bottom() - (y - y0) / (y1 - y0) * plot.height(); };
  p.setPen(QPen(fg.lighter(160), 1, Qt::DotLine));
  for (double y : {-1.0, 0.0, 1.0})
    p.drawLine(QPointF(plot.left(), py(y)), QPointF(plot.right(), py(y)));
  p.setPen(fg);
  p.drawRect(plot);
  for (double y : {-1.0, 0.0, 1.0}) {
    p.drawText(QRectF(0, py(y) - lineH / 2.0, plot.left() - 6, lineH), Qt::AlignRight, tick(y));
  }
  for (int i = 0; i <= 5; ++i) {
    const double x = x0 + (x1 - x0) * i / 5.0;
    p.drawLine(QPointF(px(x), plot.bottom()), QPointF(px(x), plot.bottom() + 4));
    p.drawText(QRectF(px(x) - 50, plot.bottom() + 4, 100, lineH), Qt::AlignHCenter, tick(x));
  }
  p.drawText(QRect(plot.left(), plot.bottom() + 4 + lineH, plot.width(), lineH), Qt::AlignHCenter,
             xLabel_);
  p.save();
  p.translate(14, plot.center().y());
  p.rotate(-90);
  p.drawText(QRect(-plot.height() / 2, -lineH / 2, plot.height(), lineH), Qt::AlignHCenter,
             yLabel_);
  p.restore();
  if (!markerNote_.isEmpty()) {
    p.drawText(QRect(plot.left(), plot.bottom() + 4 + 2 * lineH, plot.width(), lineH),
               Qt::AlignHCenter, markerNote_);
  }
  int legendX = plot.left();
  for (const Series& s : series_) {
    p.setPen(QPen(s.color, 3));
    p.drawLine(legendX, 8 + lineH / 2, legendX + 22, 8 + lineH / 2);
    p.setPen(fg);
    p.drawText(legendX + 26, 8 + fm.ascent(), s.label);
    legendX += 36 + fm.horizontalAdvance(s.label);
  }
  p.setClipRect(plot.adjusted(-6, -6, 6, 6));
  for (const Series& s : series_) {
    QPainterPath path;
    bool first = true;
    for (const auto& [x, y] : s.points) {
      if (first)
        path.moveTo(px(x), py(y));
      else
        path.lineTo(px(x), py(y));
      first = false;
    }
    p.setPen(QPen(s.color, 2));
    p.setBrush(Qt::NoBrush);
    p.drawPath(path);
    p.setPen(QPen(s.color.darker(140), 2));
    p.setBrush(palette().base());
    for (const auto& [x, y] : s.markers) p.drawEllipse(QPointF(px(x), py(y)), 5, 5);
  }
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
