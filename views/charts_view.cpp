#include "views/charts_view.h"

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QFontMetrics>
#include <QFontMetricsF>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "views/ticks.h"

namespace ropelab::views {

namespace {

// Room a chart's title leaves at its sides (the chart's margins and the plot's own padding).
constexpr int kTitleMargin = 32;

// A chart's title, or its short form when the full one is wider than the chart: a title is
// shortened on purpose, never elided ("Temporal similarity S(…").
void fit_title(QChartView* view) {
  QChart* chart = view->chart();
  const QString full = chart->property("fullTitle").toString();
  const QString brief = chart->property("shortTitle").toString();
  const bool fits =
      QFontMetrics(chart->titleFont()).horizontalAdvance(full) <= view->width() - kTitleMargin;
  const QString title = fits || brief.isEmpty() ? full : brief;
  if (chart->title() != title) chart->setTitle(title);
  // Axis titles the same way, against the plot's width.
  const double room = chart->plotArea().width() > 0 ? chart->plotArea().width()
                                                    : view->width() - 3.0 * kTitleMargin;
  for (QAbstractAxis* axis : chart->axes(Qt::Horizontal)) {
    const QString axisFull = axis->property("fullTitle").toString();
    const QString axisBrief = axis->property("shortTitle").toString();
    if (axisFull.isEmpty() || axisBrief.isEmpty()) continue;
    const bool axisFits = QFontMetrics(axis->titleFont()).horizontalAdvance(axisFull) <= room;
    const QString text = axisFits ? axisFull : axisBrief;
    if (axis->titleText() != text) axis->setTitleText(text);
  }
}

void set_titles(QChartView* view, const QString& full, const QString& brief) {
  view->chart()->setProperty("fullTitle", full);
  view->chart()->setProperty("shortTitle", brief);
  fit_title(view);
}

QChartView* make_chart_view(QWidget* parent, const QString& title, const QString& brief) {
  auto* chart = new QChart;
  chart->setProperty("fullTitle", title);
  chart->setProperty("shortTitle", brief);
  chart->setTitle(title);
  chart->legend()->setAlignment(Qt::AlignBottom);
  chart->setMargins(QMargins(4, 4, 4, 4));
  auto* view = new QChartView(chart, parent);
  view->setRenderHint(QPainter::Antialiasing);
  // Axis titles are fitted to the plot's width, which moves with fonts and tick labels too.
  QObject::connect(chart, &QChart::plotAreaChanged, view, [view] { fit_title(view); });
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

// Axes of every chart: a QCategoryAxis whose ticks and labels come from the tick engine
// (views/ticks.h), refitted whenever the plot area changes size. A logarithmic axis holds
// log10 of the data (the series are given log10 values).
struct AxisRange {
  double lo = 0;
  double hi = 1;
  bool log = false;
};

QCategoryAxis* tick_axis(const QString& title, bool log = false, const QString& brief = {}) {
  auto* axis = new QCategoryAxis;
  axis->setTitleText(title);
  axis->setProperty("fullTitle", title);
  axis->setProperty("shortTitle", brief);
  axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
  axis->setProperty("ropelabLog", log);
  return axis;
}

// Replaces a series' points only when they differ: an unchanged series (wavelengths when δ
// moves) neither re-lays out its chart nor repaints it.
void set_points(QXYSeries* series, const QList<QPointF>& points) {
  if (series != nullptr && series->points() != points) series->replace(points);
}

// A horizontal axis's labels sit centred on their values: one that would reach past the plot's
// right edge (the last of a log axis close to its end) would be elided by Qt Charts ("1…"), so it
// is left out instead.
bool label_inside_chart(const QChart* chart, const QFontMetricsF& metrics, const QString& label,
                        double fraction) {
  const QRectF area = chart->plotArea();
  if (area.width() <= 10) return true;
  const double x = area.left() + fraction * area.width();
  const double half = metrics.horizontalAdvance(label) / 2;
  // Qt Charts lays a label out within the axis's own geometry, the plot's width and little more.
  return x - half >= area.left() - half && x + half <= area.right() + 2;
}

void fit_axis(const QChart* chart, QCategoryAxis* axis, double pixels, bool vertical) {
  const double lo = axis->property("ropelabLo").toDouble();
  const double hi = axis->property("ropelabHi").toDouble();
  const bool log = axis->property("ropelabLog").toBool();
  const QFontMetricsF metrics(axis->labelsFont());
  const LabelExtent extent = [&](const std::string& text) {
    return vertical ? metrics.height() : metrics.horizontalAdvance(QString::fromStdString(text));
  };
  const TickFit fit{std::max(pixels, 40.0), vertical ? 4.0 : 10.0, 0, vertical ? 8 : 10};
  const AxisTicks ticks = log ? fit_log_ticks(std::pow(10.0, lo), std::pow(10.0, hi), fit, extent)
                              : fit_ticks(lo, hi, fit, extent);
  QStringList labels;
  QList<double> values;
  const double span = hi - lo;
  for (std::size_t i = 0; i < ticks.values.size(); ++i) {
    if (ticks.labels[i].empty()) continue;
    const QString label = QString::fromStdString(ticks.labels[i]);
    const double value = log ? std::log10(ticks.values[i]) : ticks.values[i];
    if (!vertical && !label_inside_chart(chart, metrics, label, (value - lo) / span)) continue;
    labels << label;
    values << value;
  }
  if (labels == axis->categoriesLabels()) return;
  for (const QString& l : axis->categoriesLabels()) axis->remove(l);
  axis->setStartValue(lo);
  for (qsizetype i = 0; i < labels.size(); ++i) {
    if (values[i] > lo - 1e-12) axis->append(labels[i], values[i]);
  }
}

void set_axis_range(QChart* chart, QCategoryAxis* axis, const AxisRange& r) {
  if (axis == nullptr) return;
  const double lo = r.log ? std::log10(std::max(r.lo, 1e-300)) : r.lo;
  double hi = r.log ? std::log10(std::max(r.hi, 1e-300)) : r.hi;
  if (!(hi > lo)) hi = lo + 1;
  axis->setProperty("ropelabLo", lo);
  axis->setProperty("ropelabHi", hi);
  axis->setProperty("ropelabLog", r.log);
  axis->setRange(lo, hi);
  const bool vertical = axis->orientation() == Qt::Vertical;
  const QRectF area = chart->plotArea();
  const double pixels = vertical
                            ? (area.height() > 10 ? area.height() : chart->size().height() - 90)
                            : (area.width() > 10 ? area.width() : chart->size().width() - 80);
  fit_axis(chart, axis, pixels, vertical);
}

void refit_axes(QChart* chart) {
  for (QAbstractAxis* a : chart->axes()) {
    if (auto* axis = qobject_cast<QCategoryAxis*>(a)) {
      const bool vertical = axis->orientation() == Qt::Vertical;
      fit_axis(chart, axis, vertical ? chart->plotArea().height() : chart->plotArea().width(),
               vertical);
    }
  }
}

void attach(QChart* chart, QAbstractAxis* x, QAbstractAxis* y) {
  chart->addAxis(x, Qt::AlignBottom);
  chart->addAxis(y, Qt::AlignLeft);
  for (QAbstractSeries* s : chart->series()) {
    s->attachAxis(x);
    s->attachAxis(y);
  }
}

QCategoryAxis* x_axis(QChart* chart) {
  const auto axes = chart->axes(Qt::Horizontal);
  return axes.isEmpty() ? nullptr : qobject_cast<QCategoryAxis*>(axes.front());
}
QCategoryAxis* y_axis(QChart* chart) {
  const auto axes = chart->axes(Qt::Vertical);
  return axes.isEmpty() ? nullptr : qobject_cast<QCategoryAxis*>(axes.front());
}

// Series that only mark something (extents) stay out of the legend.
void hide_from_legend(QChart* chart, QAbstractSeries* series, bool hide = true) {
  for (QLegendMarker* m : chart->legend()->markers(series)) m->setVisible(!hide);
  // The marker's own visibility follows the (hidden) Qt legend: our legend reads this flag.
  series->setProperty("ropelabNoLegend", hide);
}

// A series of one chart by its position (series are added in a fixed order per layout).
template <typename Series>
Series* series_at(QChart* chart, qsizetype index) {
  const auto all = chart->series();
  return index < all.size() ? qobject_cast<Series*>(all[index]) : nullptr;
}

std::vector<QColor> colors_of(const std::vector<ChartsData>& variants) {
  std::vector<std::string> ids;
  ids.reserve(variants.size());
  for (const ChartsData& d : variants) ids.push_back(d.variant);
  return variant_colors(ids);
}

QPen variant_pen(const QColor& color, std::size_t index) {
  QPen pen(color, variant_pen_width(index), variant_pen_style(index));
  pen.setCapStyle(Qt::FlatCap);
  return pen;
}

// S(delta) over a logarithmic delta from 1: the video's extent and the decay beyond it both
// show, whatever the variant's wavelengths.
QList<QPointF> similarity_points(const ChartsData& d, double& lowest, double& deltaMax) {
  QList<QPointF> points;
  points.reserve(static_cast<qsizetype>(d.collisions.curve.size()));
  for (const auto& [delta, s] : d.collisions.curve) {
    if (delta < 1 || !std::isfinite(s)) continue;
    points.append(QPointF(std::log10(delta), s));
    lowest = std::min(lowest, s);
    deltaMax = std::max(deltaMax, delta);
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

QScatterSeries::MarkerShape marker_shape(std::size_t index) {
  static const QScatterSeries::MarkerShape shapes[] = {
      QScatterSeries::MarkerShapeCircle, QScatterSeries::MarkerShapeRectangle,
      QScatterSeries::MarkerShapeTriangle, QScatterSeries::MarkerShapeRotatedRectangle,
      QScatterSeries::MarkerShapePentagon};
  return shapes[index % 5];
}

// The glyph a legend entry shows for a series: its marker shape or its line style.
QString legend_glyph(QAbstractSeries* series, QColor& color) {
  if (auto* scatter = qobject_cast<QScatterSeries*>(series)) {
    color = scatter->color();
    switch (scatter->markerShape()) {
      case QScatterSeries::MarkerShapeRectangle:
        return QStringLiteral("■");
      case QScatterSeries::MarkerShapeRotatedRectangle:
        return QStringLiteral("◆");
      case QScatterSeries::MarkerShapeTriangle:
        return QStringLiteral("▲");
      case QScatterSeries::MarkerShapeStar:
        return QStringLiteral("★");
      case QScatterSeries::MarkerShapePentagon:
        return QStringLiteral("⬟");
      default:
        return QStringLiteral("●");
    }
  }
  if (auto* line = qobject_cast<QLineSeries*>(series)) {
    color = line->pen().color();
    switch (line->pen().style()) {
      case Qt::DashLine:
        return QStringLiteral("╺╸╺");
      case Qt::DotLine:
        return QStringLiteral("┈┈");
      case Qt::DashDotLine:
      case Qt::DashDotDotLine:
        return QStringLiteral("╺·╸");
      default:
        return QStringLiteral("━━");
    }
  }
  color = Qt::gray;
  return QStringLiteral("■");
}

// One legend entry as rich text that never breaks inside itself (the legend wraps between
// entries, so nothing is elided however narrow the chart).
QString legend_entry(const QString& glyph, const QColor& color, const QString& text) {
  QString label = text.toHtmlEscaped();
  label.replace(QLatin1Char(' '), QStringLiteral("&nbsp;"));
  // No break after the slash of a composed id (custom:videorope/mrope-i): a word joiner.
  label.replace(QLatin1Char('/'), QStringLiteral("/\u2060"));
  return QStringLiteral("<span style=\"color:%1\">%2</span>&nbsp;%3")
      .arg(color.name(), glyph, label);
}

}  // namespace

ChartsView::ChartsView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  similarity_ = make_chart_view(this, tr("Temporal similarity S(Δ)"), tr("S(Δ)"));
  wavelengths_ = make_chart_view(this, tr("Wavelength per pair"), tr("Wavelengths"));
  jumps_ = make_chart_view(this, tr("Jump out of the video vs T"), tr("Jump vs T"));
  for (QChartView* view : {similarity_, wavelengths_, jumps_}) view->installEventFilter(this);
  similarity_->setToolTip(
      tr("S(Δ): how alike two tokens Δ apart on the temporal axis look to a positional dot "
         "product, the mean of cos(Δ·θ_j) over the axis's pairs. Colours: the variants in view."));
  jumps_->setToolTip(
      tr("The largest jump over the axes from the last video token to the first text token "
         "after it, as the number of frames T grows. Colours: the variants in view."));
  for (QChartView* view : {similarity_, wavelengths_, jumps_}) {
    QChart* chart = view->chart();
    connect(chart, &QChart::plotAreaChanged, this, [chart] { refit_axes(chart); });
  }
  // Each chart over its legend: Qt Charts' own legend elides entries that do not fit one line
  // ("ax…"); this one wraps between entries.
  for (QChartView* view : {similarity_, wavelengths_, jumps_}) {
    auto* cell = new QWidget(this);
    auto* column = new QVBoxLayout(cell);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    view->setParent(cell);
    view->chart()->legend()->setVisible(false);
    auto* legend = new QLabel(cell);
    legend->setObjectName(QStringLiteral("chartLegend"));
    legend->setTextFormat(Qt::RichText);
    legend->setWordWrap(true);
    legend->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    legend->setContentsMargins(4, 0, 4, 2);
    column->addWidget(view, 1);
    column->addWidget(legend);
    legends_.push_back(legend);
    layout->addWidget(cell);
  }
}

void ChartsView::updateLegends() {
  const QChartView* views[] = {similarity_, wavelengths_, jumps_};
  for (std::size_t i = 0; i < legends_.size(); ++i) {
    QChart* chart = views[i]->chart();
    chart->legend()->setVisible(false);
    QStringList entries;
    for (QLegendMarker* marker : chart->legend()->markers()) {
      if (marker->series()->property("ropelabNoLegend").toBool() || marker->label().isEmpty())
        continue;
      QColor color;
      const QString glyph = legend_glyph(marker->series(), color);
      entries << legend_entry(glyph, color, marker->label());
    }
    for (const auto& [glyph, color, text] : extraLegend_[i]) {
      entries << legend_entry(glyph, color, text);
    }
    const QString html = entries.join(QStringLiteral(" &nbsp; "));
    if (legends_[i]->text() != html) legends_[i]->setText(html);
    if (legends_[i]->isHidden() != entries.isEmpty()) legends_[i]->setVisible(!entries.isEmpty());
  }
}

QLabel* ChartsView::legend(int chart) const {
  return chart >= 0 && chart < static_cast<int>(legends_.size())
             ? legends_[static_cast<std::size_t>(chart)]
             : nullptr;
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
  updateLegends();
  if (rebuild) applyFonts();
}

void ChartsView::fillSimilarity(const std::vector<ChartsData>& variants, bool rebuild) {
  QChart* chart = similarity_->chart();
  const std::vector<QColor> colors = colors_of(variants);
  if (rebuild) {
    reset_chart(chart);
    const bool compare = variants.size() > 1;
    for (std::size_t v = 0; v < variants.size(); ++v) {
      auto* series = new QLineSeries;
      const ChartsData& d = variants[v];
      const QString axis = QString::fromStdString(d.collisions.axis_name);
      QString name =
          compare ? QString::fromStdString(d.variant)
                  : QStringLiteral("%1, axis %2").arg(QString::fromStdString(d.variant), axis);
      // No pair reads the axis (HoPE's t): S(Δ) is undefined, and the legend says why the curve
      // is missing.
      const bool undefined =
          std::none_of(d.collisions.curve.begin(), d.collisions.curve.end(),
                       [](const auto& point) { return std::isfinite(point.second); });
      if (undefined) name += tr(" (no pair on %1)").arg(axis);
      series->setName(name);
      series->setPen(variant_pen(colors[v], v));
      chart->addSeries(series);
    }
    // The video's extent on the time axis: a dashed vertical line per variant.
    for (std::size_t v = 0; v < variants.size(); ++v) {
      auto* extent = new QLineSeries;
      extent->setPen(QPen(colors[v], 1, Qt::DashLine));
      chart->addSeries(extent);
    }
    attach(chart, tick_axis(tr("Δ (positions, log scale)"), true, tr("Δ (log scale)")),
           tick_axis(tr("S(Δ)")));
    for (std::size_t v = 0; v < variants.size(); ++v) {
      hide_from_legend(
          chart,
          chart->series()[static_cast<qsizetype>(variants.size()) + static_cast<qsizetype>(v)]);
    }
  }
  double deltaMax = 10;
  double lowest = 1;
  const auto count = static_cast<qsizetype>(variants.size());
  for (qsizetype v = 0; v < count; ++v) {
    if (auto* series = series_at<QLineSeries>(chart, v)) {
      set_points(series,
                 similarity_points(variants[static_cast<std::size_t>(v)], lowest, deltaMax));
    }
  }
  // S in [lowest, 1] widened to round numbers: flat curves are not blown up beyond 0.1 of range.
  // A margin above 1 (as matplotlib's axes keep), so a curve at S = 1 (short Δ, a NoPE axis)
  // is drawn inside the plot rather than on its frame; the ticks stay round.
  const auto [yLo, yRound] = round_range(std::min(lowest, 0.9), 1.0, 6);
  const double yHi = yRound + 0.04 * (yRound - yLo);
  for (qsizetype v = 0; v < count; ++v) {
    const double extent = std::max(variants[static_cast<std::size_t>(v)].collisions.extent, 1.0);
    if (auto* line = series_at<QLineSeries>(chart, count + v)) {
      set_points(line, {QPointF(std::log10(extent), yLo), QPointF(std::log10(extent), yHi)});
    }
  }
  set_axis_range(chart, x_axis(chart), {1, deltaMax, true});
  set_axis_range(chart, y_axis(chart), {yLo, yHi, false});
}

// One variant: every pair's wavelength, each axis in its colour and marker shape (interleaved h
// and w pairs both stay visible), with the video's extent. Several: which pairs read time is what
// differs, so each variant's temporal pairs are drawn in its colour and marker (larger behind
// smaller) with its own extent as a dashed line.
void ChartsView::fillWavelengths(const std::vector<ChartsData>& variants, bool rebuild) {
  QChart* chart = wavelengths_->chart();
  if (variants.empty()) return;
  const ChartsData& primary = variants.front();
  const bool compare = variants.size() > 1;
  const int pairs = static_cast<int>(primary.wavelengths.size());
  const std::vector<QColor> colors = colors_of(variants);
  if (rebuild) {
    reset_chart(chart);
    if (!compare) {
      set_titles(wavelengths_, tr("Wavelength per pair"), tr("Wavelengths"));
      for (std::size_t a = 0; a < primary.axes.size(); ++a) {
        auto* series = new QScatterSeries;
        series->setName(tr("axis %1").arg(QString::fromStdString(primary.axes[a])));
        series->setMarkerShape(marker_shape(a));
        series->setMarkerSize(std::max(5.0, 9.0 - static_cast<double>(a)));
        series->setColor(axis_color(static_cast<int>(a)));
        series->setBorderColor(axis_color(static_cast<int>(a)).darker(140));
        chart->addSeries(series);
      }
      // Zero-frequency (NoPE) pairs have no finite wavelength: marked along the top edge.
      auto* nope = new QScatterSeries;
      nope->setName(tr("NoPE θ=0 (λ=∞, top edge)"));
      nope->setMarkerShape(QScatterSeries::MarkerShapeStar);
      nope->setMarkerSize(9);
      nope->setColor(nope_color());
      nope->setBorderColor(nope_color().darker(140));
      chart->addSeries(nope);
      auto* extent = new QLineSeries;
      extent->setPen(QPen(Qt::gray, 1.5, Qt::DashLine));
      chart->addSeries(extent);
    } else {
      set_titles(wavelengths_, tr("Temporal pairs' wavelengths"), tr("Temporal λ"));
      auto* all = new QLineSeries;
      all->setName(tr("all pairs"));
      all->setPen(QPen(QColor(150, 150, 150), 1));
      chart->addSeries(all);
      for (std::size_t v = 0; v < variants.size(); ++v) {
        auto* series = new QScatterSeries;
        series->setName(QString::fromStdString(variants[v].variant));
        series->setMarkerShape(marker_shape(v));
        series->setMarkerSize(std::max(5.0, 11.0 - 2.0 * static_cast<double>(v)));
        series->setColor(colors[v]);
        series->setBorderColor(colors[v].darker(140));
        chart->addSeries(series);
      }
      for (std::size_t v = 0; v < variants.size(); ++v) {
        auto* extent = new QLineSeries;
        extent->setPen(QPen(colors[v], 1.5, variant_pen_style(v + 1)));
        chart->addSeries(extent);
        hide_from_legend(chart, extent);
      }
    }
    attach(chart, tick_axis(tr("pair j")), tick_axis(tr("λ = 2π/θ"), true));
  }
  // Finite wavelengths only: a NoPE pair's is infinite.
  double lo = 1, hi = 10;
  bool any = false;
  for (double lambda : primary.wavelengths) {
    if (!std::isfinite(lambda) || lambda <= 0) continue;
    lo = any ? std::min(lo, lambda) : lambda;
    hi = any ? std::max(hi, lambda) : lambda;
    any = true;
  }
  const auto finite = [](double lambda) { return std::isfinite(lambda) && lambda > 0; };
  // Pass-through dims of partial rotary are no pairs of this chart: named under it.
  extraLegend_[1].clear();
  for (const ChartsData& d : variants) {
    if (d.rotaryDims <= 0 || d.rotaryDims >= d.headDim) continue;
    const QString dims = tr("dims %1‑%2 unrotated").arg(d.rotaryDims).arg(d.headDim - 1);
    extraLegend_[1].push_back(
        {QStringLiteral("□"), pass_through_color().darker(130),
         compare ? QString::fromStdString(d.variant) + QStringLiteral(": ") + dims : dims});
  }
  const auto extentLine = [&](QLineSeries* line, double extent) {
    if (!line) return;
    set_points(line, {QPointF(0, std::log10(extent)),
                      QPointF(std::max(pairs - 1, 1), std::log10(extent))});
    lo = std::min(lo, extent);
    hi = std::max(hi, extent);
  };
  if (!compare) {
    for (std::size_t a = 0; a < primary.axes.size(); ++a) {
      QList<QPointF> points;
      for (int j = 0; j < pairs; ++j) {
        const double lambda = primary.wavelengths[static_cast<std::size_t>(j)];
        if (primary.pairAxis[static_cast<std::size_t>(j)] == static_cast<int>(a) &&
            finite(lambda)) {
          points.append(QPointF(j, std::log10(lambda)));
        }
      }
      if (auto* s = series_at<QScatterSeries>(chart, static_cast<qsizetype>(a))) {
        set_points(s, points);
        // An axis no pair reads (HoPE's t, a head-wise variant's other axes): not in the legend.
        hide_from_legend(chart, s, points.isEmpty());
      }
    }
    const auto axisCount = static_cast<qsizetype>(primary.axes.size());
    const double extent = std::max(primary.collisions.extent, 1.0);
    auto* line = series_at<QLineSeries>(chart, axisCount + 1);
    if (line) line->setName(tr("video extent %1").arg(QString::number(extent, 'g', 4)));
    extentLine(line, extent);
    if (auto* nope = series_at<QScatterSeries>(chart, axisCount)) {
      const double top = std::ceil(std::log10(std::max(hi, 1e-12)));
      QList<QPointF> points;
      for (int j = 0; j < pairs; ++j) {
        if (primary.pairAxis[static_cast<std::size_t>(j)] < 0) points.append(QPointF(j, top));
      }
      set_points(nope, points);
      hide_from_legend(chart, nope, points.isEmpty());
    }
  } else {
    QList<QPointF> all;
    for (int j = 0; j < pairs; ++j) {
      const double lambda = primary.wavelengths[static_cast<std::size_t>(j)];
      if (finite(lambda)) all.append(QPointF(j, std::log10(lambda)));
    }
    set_points(series_at<QLineSeries>(chart, 0), all);
    const auto count = static_cast<qsizetype>(variants.size());
    for (qsizetype v = 0; v < count; ++v) {
      const ChartsData& d = variants[static_cast<std::size_t>(v)];
      QList<QPointF> points;
      for (std::size_t k = 0; k < d.collisions.pairs.size(); ++k) {
        if (!finite(d.collisions.wavelengths[k])) continue;
        points.append(QPointF(d.collisions.pairs[k], std::log10(d.collisions.wavelengths[k])));
        lo = std::min(lo, d.collisions.wavelengths[k]);
        hi = std::max(hi, d.collisions.wavelengths[k]);
      }
      set_points(series_at<QScatterSeries>(chart, 1 + v), points);
      extentLine(series_at<QLineSeries>(chart, 1 + count + v), std::max(d.collisions.extent, 1.0));
    }
  }
  set_axis_range(chart, x_axis(chart), {0, static_cast<double>(std::max(pairs - 1, 1)), false});
  set_axis_range(chart, y_axis(chart),
                 {std::pow(10.0, std::floor(std::log10(std::max(lo, 1e-12)))),
                  std::pow(10.0, std::ceil(std::log10(std::max(hi, 1e-12)))), true});
}

void ChartsView::fillJumps(const std::vector<ChartsData>& variants, bool rebuild) {
  QChart* chart = jumps_->chart();
  const std::vector<QColor> colors = colors_of(variants);
  if (rebuild) {
    reset_chart(chart);
    for (std::size_t v = 0; v < variants.size(); ++v) {
      auto* series = new QLineSeries;
      series->setName(QString::fromStdString(variants[v].variant));
      series->setPen(variant_pen(colors[v], v));
      series->setPointsVisible(true);
      chart->addSeries(series);
    }
    attach(chart, tick_axis(tr("frames T")), tick_axis(tr("largest jump")));
  }
  double tMax = 2, jumpMax = 1;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    auto* series = series_at<QLineSeries>(chart, static_cast<qsizetype>(v));
    set_points(series, jump_points(variants[v], tMax, jumpMax));
  }
  set_axis_range(chart, x_axis(chart), {1, tMax, false});
  set_axis_range(chart, y_axis(chart), {0, round_range(0, jumpMax * 1.05, 6).second, false});
}

void ChartsView::setTheme(Theme theme) {
  for (QChartView* view : {similarity_, wavelengths_, jumps_}) {
    view->chart()->setTheme(theme == Theme::Dark ? QChart::ChartThemeDark
                                                 : QChart::ChartThemeLight);
  }
  // The legends in the theme's text colour.
  for (QLabel* legend : legends_) {
    QPalette palette = legend->palette();
    palette.setColor(QPalette::WindowText, view_foreground(theme));
    legend->setPalette(palette);
  }
  // A chart theme resets the series' colours and fonts: build them again.
  signature_.clear();
  setData(last_);
  applyFonts();
}

void ChartsView::applyFonts() {
  const QFont base = font();
  QFont bold = base;
  bold.setBold(true);
  QFont small = base;
  if (base.pixelSize() > 0) {
    small.setPixelSize(std::max(8, static_cast<int>(std::lround(base.pixelSize() * 0.9))));
  } else {
    small.setPointSizeF(base.pointSizeF() * 0.9);
  }
  for (QLabel* legend : legends_) legend->setFont(small);
  for (QChartView* view : {similarity_, wavelengths_, jumps_}) {
    QChart* chart = view->chart();
    chart->setTitleFont(bold);
    chart->legend()->setFont(small);
    for (QAbstractAxis* axis : chart->axes()) {
      axis->setLabelsFont(small);
      axis->setTitleFont(base);
    }
    // After the axes' fonts: their titles are measured in them.
    fit_title(view);
    refit_axes(chart);
  }
}

// Each chart view's width follows the layout (and its legend), not only this widget's: its own
// resize refits its title.
bool ChartsView::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::Resize) {
    for (QChartView* view : {similarity_, wavelengths_, jumps_}) {
      if (watched == view) fit_title(view);
    }
  }
  return QWidget::eventFilter(watched, event);
}

void ChartsView::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::FontChange) applyFonts();
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
