// Baseline images, one per view, rendered through the export path (views::render_widget) at
// 640x480 with multisampling off and DejaVu Sans. A missing baseline is written into
// tests/gui/baselines/ and the test FAILS, so a developer looks at it before committing it.
//
// Tolerance: a pixel differs when any channel differs by more than kChannelTolerance (24 of
// 255: absorbs llvmpipe rounding and anti-aliasing, not a changed colour); an image fails when
// more than kDifferingFraction (1%) of its pixels differ (absorbs a moved label, not a
// missing or re-coloured surface).
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QtTest>
#include <cstdint>
#include <functional>

#include "app/gui/compute.h"
#include "gui_test_main.h"
#include "views/attention_view.h"
#include "views/charts_view.h"
#include "views/frequency_map.h"
#include "views/frequency_view.h"
#include "views/image_export.h"
#include "views/layout_view.h"
#include "views/property_table.h"

using namespace ropelab;

namespace {

constexpr int kChannelTolerance = 24;
constexpr double kDifferingFraction = 0.01;
const QSize kImageSize(640, 480);

double differing_fraction(const QImage& a, const QImage& b) {
  if (a.size() != b.size()) return 1.0;
  qint64 differing = 0;
  for (int y = 0; y < a.height(); ++y) {
    const auto* la = reinterpret_cast<const QRgb*>(a.constScanLine(y));
    const auto* lb = reinterpret_cast<const QRgb*>(b.constScanLine(y));
    for (int x = 0; x < a.width(); ++x) {
      const bool same = std::abs(qRed(la[x]) - qRed(lb[x])) <= kChannelTolerance &&
                        std::abs(qGreen(la[x]) - qGreen(lb[x])) <= kChannelTolerance &&
                        std::abs(qBlue(la[x]) - qBlue(lb[x])) <= kChannelTolerance;
      if (!same) ++differing;
    }
  }
  return static_cast<double>(differing) / (static_cast<double>(a.width()) * a.height());
}

}  // namespace

class ViewImages : public QObject {
  Q_OBJECT
 private:
  app::ComputeResult result_;
  std::vector<views::ChartsData> charts_;

  void compareWithBaseline(QWidget& view, const QString& name) {
    const QImage image = views::render_widget(view, kImageSize);
    if (views::non_background_fraction(image) <= 0.02) {
      image.save(QDir::current().filePath(name + QStringLiteral(".actual.png")));
    }
    QVERIFY2(views::non_background_fraction(image) > 0.02,
             qPrintable(name + ": the view rendered (almost) nothing but background"));
    const QString baselinePath = QStringLiteral(ROPELAB_BASELINE_DIR "/%1.png").arg(name);
    const QString actualPath = QDir::current().filePath(name + QStringLiteral(".actual.png"));
    QImage baseline(baselinePath);
    if (baseline.isNull()) {
      QDir().mkpath(QStringLiteral(ROPELAB_BASELINE_DIR));
      image.save(baselinePath);
      QFAIL(qPrintable(QStringLiteral("no baseline for %1: wrote %2 — look at it, then commit it")
                           .arg(name, baselinePath)));
    }
    baseline = baseline.convertToFormat(QImage::Format_RGB32);
    const double fraction = differing_fraction(image, baseline);
    if (fraction > kDifferingFraction) image.save(actualPath);
    QVERIFY2(fraction <= kDifferingFraction,
             qPrintable(QStringLiteral("%1 differs from its baseline in %2% of pixels (limit %3%); "
                                       "actual image: %4")
                            .arg(name)
                            .arg(fraction * 100, 0, 'f', 2)
                            .arg(kDifferingFraction * 100)
                            .arg(actualPath)));
  }

 private slots:
  void initTestCase() {
    app::SceneParameters parameters;
    parameters.variants = {QStringLiteral("videorope"), QStringLiteral("mrope"),
                           QStringLiteral("vanilla")};
    result_ = app::compute_scene_now(parameters);
    QVERIFY2(result_.error.isEmpty(), qPrintable(result_.error));
    for (const auto& v : result_.variants) charts_.push_back(v.charts);
  }

  void layoutView() {
    views::LayoutView view;
    view.setEncoding(result_.variants.front().encoding);
    view.setTitle(QStringLiteral("videorope"));
    compareWithBaseline(view, QStringLiteral("layout_videorope"));
  }

  void frequencyView() {
    views::FrequencyView view;
    const auto& mrope = result_.variants[1];
    view.setData(mrope.encoding, mrope.collisions);
    compareWithBaseline(view, QStringLiteral("frequency_mrope"));
  }

  // The heatmap's fast colour is diverging_color's, bit for bit, over the whole range (and
  // outside it, where both clamp).
  void heatmapColoursMatchTheRamp() {
    for (int i = -11000; i <= 11000; ++i) {
      const double value = i / 10000.0 + 1e-7 * (i % 7);
      QCOMPARE(views::diverging_rgb(value), views::diverging_color(value).rgb());
    }
    // Densely, at values the table's cells do not line up with (a fixed-seed generator).
    std::uint64_t state = 0x9E3779B97F4A7C15ULL;
    for (int i = 0; i < 300000; ++i) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      const double value = static_cast<double>(state >> 11) / 9007199254740992.0 * 2.0 - 1.0;
      QCOMPARE(views::diverging_rgb(value), views::diverging_color(value).rgb());
    }
    QCOMPARE(views::diverging_rgb(-1.0), qRgb(59, 76, 192));
    QCOMPARE(views::diverging_rgb(0.0), qRgb(221, 221, 221));
    QCOMPARE(views::diverging_rgb(1.0), qRgb(180, 4, 38));
  }

  void attentionView() {
    views::AttentionView view;
    view.setData(result_.variants.front().attention);
    compareWithBaseline(view, QStringLiteral("attention_videorope"));
  }

  void chartsView() {
    views::ChartsView view;
    view.setData(charts_);
    compareWithBaseline(view, QStringLiteral("charts_three_variants"));
  }

  // HoPE reads no pair on t: S(Δ) is undefined, so there is no curve, and its legend entry
  // says why instead of naming a curve nobody can find.
  void similarityOfAnAxisWithoutPairsSaysSo() {
    app::SceneParameters parameters;
    parameters.variants = {QStringLiteral("videorope"), QStringLiteral("hope")};
    const app::ComputeResult result = app::compute_scene_now(parameters);
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QVERIFY(result.variants[1].charts.collisions.curve.empty());
    views::ChartsView view;
    view.setData({result.variants[0].charts, result.variants[1].charts});
    // The legend is rich text whose spaces are non-breaking (an entry never wraps inside).
    const QString legend =
        view.legend(0)->text().replace(QStringLiteral("&nbsp;"), QStringLiteral(" "));
    QVERIFY2(legend.contains(QStringLiteral("hope (no pair on t)")), qPrintable(legend));
    QVERIFY2(!legend.contains(QStringLiteral("videorope (no pair")), qPrintable(legend));
  }

  void propertyTable() {
    views::PropertyTable view;
    std::vector<views::VariantProperties> rows;
    for (const auto& v : result_.variants) rows.push_back({v.charts.variant, v.properties});
    view.setData(rows);
    compareWithBaseline(view, QStringLiteral("properties_three_variants"));
  }
};

ROPELAB_GUI_TEST_MAIN(ViewImages)
#include "tst_view_images.moc"
