#include "app/gui/plot_painting.h"

#include <algorithm>
#include <cmath>

namespace ropelab::teaching {

PlotCanvas::PlotCanvas(QWidget& w)
    : widget(w), p(&w), fg(w.palette().color(QPalette::Text)), fm(w.font()), lineH(fm.height()) {
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(w.rect(), w.palette().base());
}

void PlotCanvas::drawTitle(const QString& title) {
  p.setPen(fg);
  p.drawText(QRect(0, 2, widget.width(), lineH), Qt::AlignHCenter, title);
}

void PlotCanvas::drawUpward(QPointF origin, const QRectF& box, const QString& text) {
  p.save();
  p.translate(origin);
  p.rotate(-90);
  p.drawText(box, Qt::AlignHCenter,
             fm.elidedText(text, Qt::ElideRight, static_cast<int>(box.width())));
  p.restore();
}

void PlotCanvas::drawUnderTitles(const QRectF& row, const std::string& title,
                                 const std::string& note) {
  p.drawText(row, Qt::AlignHCenter, QString::fromStdString(title));
  if (!note.empty())
    p.drawText(row.translated(0, row.height()), Qt::AlignHCenter, QString::fromStdString(note));
}

void PlotCanvas::drawTickLabelUnder(double x, double top, const QString& label) {
  const int w = fm.horizontalAdvance(label);
  const double left = std::clamp(x - w / 2.0, 0.0, static_cast<double>(widget.width() - w));
  p.drawText(QRectF(left, top, w, lineH), Qt::AlignCenter, label);
}

PlotAxis::PlotAxis(bool log, double logFloor) : log_(log), logFloor_(logFloor) {}

double PlotAxis::measure(double v) const {
  return log_ ? std::log10(std::max(v, logFloor_)) : v;
}

bool PlotAxis::shows(double v) const {
  const double m = measure(v);
  return !(m < lo_ || m > hi_);
}

void PlotAxis::include(double v) {
  const double m = measure(v);
  lo_ = std::min(lo_, m);
  hi_ = std::max(hi_, m);
}

void PlotAxis::setRange(double lo, double hi) {
  lo_ = measure(lo);
  hi_ = measure(hi);
}

void PlotAxis::openIfEmpty() {
  if (!(hi_ > lo_)) hi_ = lo_ + 1;
}

void PlotAxis::pad(double fraction) {
  if (!(hi_ > lo_)) {
    lo_ -= 1;
    hi_ += 1;
  }
  const double margin = (hi_ - lo_) * fraction;
  lo_ -= margin;
  hi_ += margin;
}

void PlotAxis::widenToDecades() {
  lo_ = std::floor(lo_);
  hi_ = std::ceil(hi_);
  openIfEmpty();
}

views::AxisTicks PlotAxis::ticks(const views::TickFit& fit,
                                 const views::LabelExtent& extent) const {
  return log_ ? views::fit_log_ticks(std::pow(10.0, lo_), std::pow(10.0, hi_), fit, extent)
              : views::fit_ticks(lo_, hi_, fit, extent);
}

PlotTicks horizontal_ticks(const PlotAxis& axis, double pixels, const QFontMetrics& fm) {
  const views::AxisTicks ticks =
      axis.ticks(views::TickFit{pixels, 10, 0, 12}, [&](const std::string& s) {
        return static_cast<double>(fm.horizontalAdvance(QString::fromStdString(s)));
      });
  PlotTicks out;
  for (std::size_t i = 0; i < ticks.values.size(); ++i)
    out.emplace_back(ticks.values[i], QString::fromStdString(ticks.labels[i]));
  return out;
}

void PlotFrame::include(const PlotPoints& points) {
  for (const auto& [vx, vy] : points) {
    x.include(vx);
    y.include(vy);
  }
}

QPainterPath PlotFrame::path(const PlotPoints& points) const {
  QPainterPath path;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const QPointF pt = at(points[i].first, points[i].second);
    if (i == 0)
      path.moveTo(pt);
    else
      path.lineTo(pt);
  }
  return path;
}

std::vector<QPoint> flow_legend(const std::vector<int>& widths, QPoint start, int right,
                                int lineH) {
  std::vector<QPoint> at;
  QPoint next = start;
  for (const int w : widths) {
    if (next.x() + w > right && next.x() > start.x()) next = QPoint(start.x(), next.y() + lineH);
    at.push_back(next);
    next.rx() += w;
  }
  return at;
}

}  // namespace ropelab::teaching
