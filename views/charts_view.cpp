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

// Distinct colours per variant (the axis palette is reserved for axes).
QColor variant_color(std::size_t index) {
  static const QColor colors[] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),
                                  QColor(214, 39, 40)};
  return colors[index % 4];
}

QChartView* make_chart_view(QWidget* parent, const QString& title) {
  auto* chart = new QChart;
  chart->setTitle(title);
  chart->legend()->setAlignment(Qt::AlignBottom);
  chart->setMargins(QMargins(4, 4, 4, 4));
  auto* view = new QChartView(chart, parent);
  view->setRenderHint(QPainter::Antialiasing);
  view->setMinimumSize(260, 200);
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

}  // namespace

ChartsView::ChartsView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  similarity_ = make_chart_view(this, tr("Temporal similarity S(Δ)"));
  wavelengths_ = make_chart_view(this, tr("Wavelength per pair"));
  jumps_ = make_chart_view(this, tr("Jump out of the video vs T"));
  layout->addWidget(similarity_);
  layout->addWidget(wavelengths_);
  layout->addWidget(jumps_);
}

void ChartsView::setData(const std::vector<ChartsData>& variants) {
  if (&variants != &last_) last_ = variants;
  fillSimilarity(variants);
  if (!variants.empty()) fillWavelengths(variants.front());
  fillJumps(variants);
}

void ChartsView::fillSimilarity(const std::vector<ChartsData>& variants) {
  QChart* chart = similarity_->chart();
  reset_chart(chart);
  double deltaMax = 1;
  double lowest = 1;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    const auto& curve = variants[v].collisions.curve;
    auto* series = new QLineSeries;
    series->setName(
        QStringLiteral("%1 (%2)").arg(QString::fromStdString(variants[v].variant),
                                      QString::fromStdString(variants[v].collisions.axis_name)));
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(curve.size()));
    for (const auto& [delta, s] : curve) {
      points.append(QPointF(delta, s));
      lowest = std::min(lowest, s);
    }
    series->replace(points);
    series->setPen(QPen(variant_color(v), 2));
    chart->addSeries(series);
    if (!curve.empty()) deltaMax = std::max(deltaMax, curve.back().first);
  }
  QValueAxis* x = value_axis(tr("Δ (positions on the temporal axis)"), 0, deltaMax);
  // Zoom to the curves: slow temporal pairs keep S within a few percent of 1.
  QValueAxis* y = value_axis(tr("S(Δ)"), std::min(std::floor(lowest * 10.0) / 10.0, 0.9), 1.02);
  chart->addAxis(x, Qt::AlignBottom);
  chart->addAxis(y, Qt::AlignLeft);
  for (QAbstractSeries* s : chart->series()) {
    s->attachAxis(x);
    s->attachAxis(y);
  }
}

void ChartsView::fillWavelengths(const ChartsData& primary) {
  QChart* chart = wavelengths_->chart();
  reset_chart(chart);
  chart->setTitle(tr("Wavelength per pair — %1").arg(QString::fromStdString(primary.variant)));
  const int pairs = static_cast<int>(primary.wavelengths.size());
  for (std::size_t a = 0; a < primary.axes.size(); ++a) {
    auto* series = new QScatterSeries;
    series->setName(QString::fromStdString(primary.axes[a]));
    series->setMarkerSize(7);
    series->setColor(axis_color(static_cast<int>(a)));
    series->setBorderColor(axis_color(static_cast<int>(a)));
    for (int j = 0; j < pairs; ++j) {
      if (primary.pairAxis[static_cast<std::size_t>(j)] == static_cast<int>(a)) {
        series->append(j, primary.wavelengths[static_cast<std::size_t>(j)]);
      }
    }
    chart->addSeries(series);
  }
  // Pairs under this line wrap around within the video (VideoRoPE's hash collisions).
  const double extent = std::max(primary.collisions.extent, 1.0);
  auto* extentLine = new QLineSeries;
  extentLine->setName(tr("video extent %1").arg(QString::number(extent, 'g', 4)));
  extentLine->append(0, extent);
  extentLine->append(std::max(pairs - 1, 1), extent);
  extentLine->setPen(QPen(Qt::gray, 1.5, Qt::DashLine));
  chart->addSeries(extentLine);

  double lo = 1, hi = 10;
  if (!primary.wavelengths.empty()) {
    lo = *std::min_element(primary.wavelengths.begin(), primary.wavelengths.end());
    hi = *std::max_element(primary.wavelengths.begin(), primary.wavelengths.end());
  }
  lo = std::min(lo, extent);
  hi = std::max(hi, extent);
  QValueAxis* x = value_axis(tr("pair j"), 0, std::max(pairs - 1, 1));
  x->setLabelFormat(QStringLiteral("%d"));
  auto* y = new QLogValueAxis;
  y->setTitleText(tr("wavelength 2π/θ_j"));
  y->setBase(10);
  y->setLabelFormat(QStringLiteral("%.0e"));
  y->setRange(std::pow(10.0, std::floor(std::log10(lo))),
              std::pow(10.0, std::ceil(std::log10(hi))));
  chart->addAxis(x, Qt::AlignBottom);
  chart->addAxis(y, Qt::AlignLeft);
  for (QAbstractSeries* s : chart->series()) {
    s->attachAxis(x);
    s->attachAxis(y);
  }
}

void ChartsView::fillJumps(const std::vector<ChartsData>& variants) {
  QChart* chart = jumps_->chart();
  reset_chart(chart);
  double tMax = 2, jumpMax = 1;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    const ChartsData& d = variants[v];
    auto* series = new QLineSeries;
    series->setName(QString::fromStdString(d.variant));
    series->setPen(QPen(variant_color(v), 2));
    series->setPointsVisible(true);
    for (std::size_t k = 0; k < d.jumpFrames.size(); ++k) {
      series->append(d.jumpFrames[k], d.jumpOutLargest[k]);
      tMax = std::max(tMax, static_cast<double>(d.jumpFrames[k]));
      jumpMax = std::max(jumpMax, d.jumpOutLargest[k]);
    }
    chart->addSeries(series);
  }
  QValueAxis* x = value_axis(tr("frames T"), 1, tMax);
  x->setLabelFormat(QStringLiteral("%.0f"));
  QValueAxis* y = value_axis(tr("largest jump over axes"), 0, jumpMax * 1.1);
  chart->addAxis(x, Qt::AlignBottom);
  chart->addAxis(y, Qt::AlignLeft);
  for (QAbstractSeries* s : chart->series()) {
    s->attachAxis(x);
    s->attachAxis(y);
  }
}

void ChartsView::setTheme(Theme theme) {
  for (QChartView* view : {similarity_, wavelengths_, jumps_}) {
    view->chart()->setTheme(theme == Theme::Dark ? QChart::ChartThemeDark
                                                 : QChart::ChartThemeLight);
  }
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
