#include "views/charts_view.h"

#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace ropelab::views {

namespace {

QChartView* make_chart_view(QWidget* parent, const QString& title) {
  auto* chart = new QChart;
  chart->setTitle(title);
  chart->legend()->setAlignment(Qt::AlignBottom);
  chart->setMargins(QMargins(4, 4, 4, 4));
  auto* view = new QChartView(chart, parent);
  view->setRenderHint(QPainter::Antialiasing);
  view->setMinimumSize(190, 180);
  return view;
}

void reset_chart(QChart* chart) {
  chart->removeAllSeries();
  for (QAbstractAxis* axis : chart->axes()) {
    chart->removeAxis(axis);
    delete axis;
  }
}

QValueAxis* value_axis(const QString& title, double lo, double hi) {
  auto* axis = new QValueAxis;
  axis->setTitleText(title);
  axis->setRange(lo, hi);
  axis->setLabelFormat(QStringLiteral("%.3g"));
  return axis;
}

void attach(QChart* chart, QAbstractAxis* x, QAbstractAxis* y) {
  chart->addAxis(x, Qt::AlignBottom);
  chart->addAxis(y, Qt::AlignLeft);
  for (QAbstractSeries* s : chart->series()) {
    s->attachAxis(x);
    s->attachAxis(y);
  }
}

QValueAxis* x_axis(QChart* chart) {
  const auto axes = chart->axes(Qt::Horizontal);
  return axes.isEmpty() ? nullptr : qobject_cast<QValueAxis*>(axes.front());
}
QAbstractAxis* y_axis(QChart* chart) {
  const auto axes = chart->axes(Qt::Vertical);
  return axes.isEmpty() ? nullptr : axes.front();
}

// A series of one chart by its position (series are added in a fixed order per layout).
template <typename Series>
Series* series_at(QChart* chart, qsizetype index) {
  const auto all = chart->series();
  return index < all.size() ? qobject_cast<Series*>(all[index]) : nullptr;
}

QList<QPointF> similarity_points(const ChartsData& d, double& lowest) {
  QList<QPointF> points;
  points.reserve(static_cast<qsizetype>(d.collisions.curve.size()));
  for (const auto& [delta, s] : d.collisions.curve) {
    points.append(QPointF(delta, s));
    lowest = std::min(lowest, s);
  }
  return points;
}

QList<QPointF> jump_points(const ChartsData& d, double& tMax, double& jumpMax) {
  QList<QPointF> points;
  for (std::size_t k = 0; k < d.jumpFrames.size(); ++k) {
    points.append(QPointF(d.jumpFrames[k], d.jumpOutLargest[k]));
    tMax = std::max(tMax, static_cast<double>(d.jumpFrames[k]));
    jumpMax = std::max(jumpMax, d.jumpOutLargest[k]);
  }
  return points;
}

// Ticks at a round interval giving about four labels: narrow charts keep them readable.
void set_round_ticks(QValueAxis* axis, double lo, double hi) {
  const double raw = (hi - lo) / 4.0;
  if (!(raw > 0)) return;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * magnitude >= raw) {
      step = m * magnitude;
      break;
    }
  }
  axis->setTickType(QValueAxis::TicksDynamic);
  axis->setTickAnchor(0);
  axis->setTickInterval(step);
  axis->setLabelFormat(step >= 1 ? QStringLiteral("%.0f") : QStringLiteral("%.3g"));
}

void set_log_range(QLogValueAxis* y, double lo, double hi) {
  y->setRange(std::pow(10.0, std::floor(std::log10(std::max(lo, 1e-12)))),
              std::pow(10.0, std::ceil(std::log10(std::max(hi, 1e-12)))));
}

}  // namespace

ChartsView::ChartsView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  similarity_ = make_chart_view(this, tr("Temporal similarity S(Δ)"));
  wavelengths_ = make_chart_view(this, tr("Wavelength per pair"));
  jumps_ = make_chart_view(this, tr("Jump out of the video vs T"));
  similarity_->setToolTip(
      tr("S(Δ): how alike two tokens Δ apart on the temporal axis look to a positional dot "
         "product, the mean of cos(Δ·θ_j) over the axis's pairs. Colours: the variants in view."));
  jumps_->setToolTip(
      tr("The largest jump over the axes from the last video token to the first text token "
         "after it, as the number of frames T grows. Colours: the variants in view."));
  layout->addWidget(similarity_);
  layout->addWidget(wavelengths_);
  layout->addWidget(jumps_);
}

// Rebuilds a chart only when what it shows changes shape (other variants, other axes); a slider
// that only moves numbers replaces the series' points in place, which is much cheaper.
void ChartsView::setData(const std::vector<ChartsData>& variants) {
  if (&variants != &last_) last_ = variants;
  QStringList ids;
  for (const ChartsData& d : variants) {
    QStringList axes;
    for (const auto& a : d.axes) axes << QString::fromStdString(a);
    ids << QString::fromStdString(d.variant) + QLatin1Char(':') + axes.join(QLatin1Char(','));
  }
  const QString signature = ids.join(QLatin1Char('|'));
  const bool rebuild = signature != signature_;
  signature_ = signature;
  fillSimilarity(variants, rebuild);
  fillWavelengths(variants, rebuild);
  fillJumps(variants, rebuild);
}

void ChartsView::fillSimilarity(const std::vector<ChartsData>& variants, bool rebuild) {
  QChart* chart = similarity_->chart();
  if (rebuild) {
    reset_chart(chart);
    for (std::size_t v = 0; v < variants.size(); ++v) {
      auto* series = new QLineSeries;
      series->setName(
          QStringLiteral("%1 (%2)").arg(QString::fromStdString(variants[v].variant),
                                        QString::fromStdString(variants[v].collisions.axis_name)));
      series->setPen(QPen(variant_color(v), 2));
      chart->addSeries(series);
    }
    attach(chart, value_axis(tr("Δ (positions)"), 0, 1), value_axis(tr("S(Δ)"), 0, 1));
    // The curves' colours are the variants' (panel titles, table rows): no legend needed.
    chart->legend()->setVisible(false);
  }
  double deltaMax = 1;
  double lowest = 1;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    auto* series = series_at<QLineSeries>(chart, static_cast<qsizetype>(v));
    if (!series) continue;
    series->replace(similarity_points(variants[v], lowest));
    const auto& curve = variants[v].collisions.curve;
    if (!curve.empty()) deltaMax = std::max(deltaMax, curve.back().first);
  }
  if (QValueAxis* x = x_axis(chart)) {
    x->setRange(0, deltaMax);
    set_round_ticks(x, 0, deltaMax);
  }
  // Zoom to the curves: slow temporal pairs keep S within a few percent of 1.
  if (auto* y = qobject_cast<QValueAxis*>(y_axis(chart))) {
    y->setRange(std::min(std::floor(lowest * 10.0) / 10.0, 0.9), 1.02);
  }
}

// One variant: every pair's wavelength coloured by the axis it belongs to, with the video's
// extent. Several: the wavelengths are the same for all (same base and D), what differs is which
// pairs read time, so each variant's temporal pairs are drawn in its colour (larger dots behind
// smaller ones, so shared pairs stay visible) with its own extent as a dashed line.
void ChartsView::fillWavelengths(const std::vector<ChartsData>& variants, bool rebuild) {
  QChart* chart = wavelengths_->chart();
  if (variants.empty()) return;
  const ChartsData& primary = variants.front();
  const bool compare = variants.size() > 1;
  const int pairs = static_cast<int>(primary.wavelengths.size());
  if (rebuild) {
    reset_chart(chart);
    if (!compare) {
      chart->setTitle(tr("Wavelength per pair"));
      for (std::size_t a = 0; a < primary.axes.size(); ++a) {
        auto* series = new QScatterSeries;
        series->setName(QString::fromStdString(primary.axes[a]));
        series->setMarkerSize(7);
        series->setColor(axis_color(static_cast<int>(a)));
        series->setBorderColor(axis_color(static_cast<int>(a)));
        chart->addSeries(series);
      }
      auto* extent = new QLineSeries;
      extent->setPen(QPen(Qt::gray, 1.5, Qt::DashLine));
      chart->addSeries(extent);
      chart->legend()->setVisible(true);
    } else {
      chart->setTitle(tr("Temporal pairs' wavelengths"));
      auto* all = new QLineSeries;
      all->setName(tr("all pairs"));
      all->setPen(QPen(QColor(150, 150, 150), 1));
      chart->addSeries(all);
      for (std::size_t v = 0; v < variants.size(); ++v) {
        auto* series = new QScatterSeries;
        series->setName(QString::fromStdString(variants[v].variant));
        series->setMarkerSize(std::max(4.0, 11.0 - 2.5 * static_cast<double>(v)));
        series->setColor(variant_color(v));
        series->setBorderColor(variant_color(v));
        chart->addSeries(series);
      }
      for (std::size_t v = 0; v < variants.size(); ++v) {
        auto* extent = new QLineSeries;
        extent->setName(tr("%1 extent").arg(QString::fromStdString(variants[v].variant)));
        extent->setPen(QPen(variant_color(v), 1.5, Qt::DashLine));
        chart->addSeries(extent);
      }
      chart->legend()->setVisible(false);
    }
    QValueAxis* x = value_axis(tr("pair j"), 0, 1);
    x->setLabelFormat(QStringLiteral("%d"));
    auto* y = new QLogValueAxis;
    y->setTitleText(tr("wavelength 2π/θ_j"));
    y->setBase(10);
    y->setLabelFormat(QStringLiteral("%.0e"));
    attach(chart, x, y);
  }
  double lo = 1, hi = 10;
  if (!primary.wavelengths.empty()) {
    lo = *std::min_element(primary.wavelengths.begin(), primary.wavelengths.end());
    hi = *std::max_element(primary.wavelengths.begin(), primary.wavelengths.end());
  }
  const auto extentLine = [&](QLineSeries* line, double extent) {
    if (!line) return;
    line->replace({QPointF(0, extent), QPointF(std::max(pairs - 1, 1), extent)});
    lo = std::min(lo, extent);
    hi = std::max(hi, extent);
  };
  if (!compare) {
    for (std::size_t a = 0; a < primary.axes.size(); ++a) {
      QList<QPointF> points;
      for (int j = 0; j < pairs; ++j) {
        if (primary.pairAxis[static_cast<std::size_t>(j)] == static_cast<int>(a)) {
          points.append(QPointF(j, primary.wavelengths[static_cast<std::size_t>(j)]));
        }
      }
      if (auto* s = series_at<QScatterSeries>(chart, static_cast<qsizetype>(a))) s->replace(points);
    }
    const double extent = std::max(primary.collisions.extent, 1.0);
    auto* line = series_at<QLineSeries>(chart, static_cast<qsizetype>(primary.axes.size()));
    if (line) line->setName(tr("extent %1").arg(QString::number(extent, 'g', 4)));
    extentLine(line, extent);
  } else {
    QList<QPointF> all;
    for (int j = 0; j < pairs; ++j) {
      all.append(QPointF(j, primary.wavelengths[static_cast<std::size_t>(j)]));
    }
    if (auto* s = series_at<QLineSeries>(chart, 0)) s->replace(all);
    const auto count = static_cast<qsizetype>(variants.size());
    for (qsizetype v = 0; v < count; ++v) {
      const ChartsData& d = variants[static_cast<std::size_t>(v)];
      QList<QPointF> points;
      for (std::size_t k = 0; k < d.collisions.pairs.size(); ++k) {
        points.append(QPointF(d.collisions.pairs[k], d.collisions.wavelengths[k]));
      }
      if (auto* s = series_at<QScatterSeries>(chart, 1 + v)) s->replace(points);
      extentLine(series_at<QLineSeries>(chart, 1 + count + v), std::max(d.collisions.extent, 1.0));
    }
  }
  if (QValueAxis* x = x_axis(chart)) {
    x->setRange(0, std::max(pairs - 1, 1));
    set_round_ticks(x, 0, std::max(pairs - 1, 1));
  }
  if (auto* y = qobject_cast<QLogValueAxis*>(y_axis(chart))) set_log_range(y, lo, hi);
}

void ChartsView::fillJumps(const std::vector<ChartsData>& variants, bool rebuild) {
  QChart* chart = jumps_->chart();
  if (rebuild) {
    reset_chart(chart);
    for (std::size_t v = 0; v < variants.size(); ++v) {
      auto* series = new QLineSeries;
      series->setName(QString::fromStdString(variants[v].variant));
      series->setPen(QPen(variant_color(v), 2));
      series->setPointsVisible(true);
      chart->addSeries(series);
    }
    QValueAxis* x = value_axis(tr("frames T"), 1, 2);
    x->setLabelFormat(QStringLiteral("%.0f"));
    attach(chart, x, value_axis(tr("largest jump"), 0, 1));
    chart->legend()->setVisible(false);
  }
  double tMax = 2, jumpMax = 1;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    auto* series = series_at<QLineSeries>(chart, static_cast<qsizetype>(v));
    if (series) series->replace(jump_points(variants[v], tMax, jumpMax));
  }
  if (QValueAxis* x = x_axis(chart)) {
    x->setRange(1, tMax);
    set_round_ticks(x, 1, tMax);
  }
  if (auto* y = qobject_cast<QValueAxis*>(y_axis(chart))) y->setRange(0, jumpMax * 1.1);
}

void ChartsView::setTheme(Theme theme) {
  for (QChartView* view : {similarity_, wavelengths_, jumps_}) {
    view->chart()->setTheme(theme == Theme::Dark ? QChart::ChartThemeDark
                                                 : QChart::ChartThemeLight);
  }
  // A chart theme resets the series' colours: build them again.
  signature_.clear();
  setData(last_);
}

int ChartsView::seriesCount() const {
  return static_cast<int>(similarity_->chart()->series().size() +
                          wavelengths_->chart()->series().size() +
                          jumps_->chart()->series().size());
}

QImage ChartsView::renderImage() {
  return grab().toImage();
}

}  // namespace ropelab::views
