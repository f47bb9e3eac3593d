// Stress: 10,000 random parameter changes (sliders, variant switches, compare on and off) while
// computations run. Nothing may crash or grow without bound, and at the end every view must show
// the result for the final parameters, not a stale one.
#include <QElapsedTimer>
#include <QFile>
#include <QSettings>
#include <QtTest>
#include <random>

#include "app/gui/main_window.h"
#include "gui_test_main.h"
#include "ropelab/registry.h"
#include "views/image_export.h"
#include "views/layout_view.h"

using namespace ropelab;

namespace {

// Resident memory in MiB, from /proc/self/statm (pages).
double resident_mib() {
  QFile statm(QStringLiteral("/proc/self/statm"));
  if (!statm.open(QIODevice::ReadOnly)) return 0;
  const QList<QByteArray> fields = statm.readAll().split(' ');
  return fields.size() > 1 ? fields[1].toDouble() * 4096.0 / (1024.0 * 1024.0) : 0;
}

app::SceneParameters random_parameters(std::mt19937& rng) {
  const auto& all = all_variants();
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  app::SceneParameters p;
  p.variants.clear();
  const int compared = pick(0, 3) == 0 ? pick(2, 4) : 1;
  for (int i = 0; i < compared; ++i) {
    p.variants << QString::fromStdString(std::string(
        all[static_cast<std::size_t>(pick(0, static_cast<int>(all.size()) - 1))]->id()));
  }
  p.variants.removeDuplicates();
  const double delta = std::uniform_real_distribution<double>(0.1, 5.0)(rng);
  for (const QString& id : p.variants) p.setDelta(id, delta);
  p.base = std::pow(10.0, std::uniform_real_distribution<double>(2.0, 7.0)(rng));
  p.headDim = 2 * pick(8, 128);
  const int textBefore = pick(0, 8), frames = pick(1, 16), height = pick(1, 8);
  const int width = pick(1, 8), textAfter = pick(1, 8);
  p.scene = Scene::text_video_text(textBefore, frames, height, width, textAfter);
  // Any scene: sometimes an image and a second video too.
  if (pick(0, 2) == 0) {
    p.scene.segments.insert(p.scene.segments.begin() + 1, Segment::image(pick(1, 6), pick(1, 6)));
    p.scene.segments.push_back(Segment::video(pick(1, 6), pick(1, 4), pick(1, 4)));
  }
  app::normalize(p);
  return p;
}

}  // namespace

class StressTest : public QObject {
  Q_OBJECT
 private slots:
  void tenThousandRandomChanges() {
    const std::unique_ptr<app::MainWindow> owner = open_test_window();
    app::MainWindow& window = *owner;
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.waitForIdle(60000));

    std::mt19937 rng(20261123);
    QElapsedTimer timer;
    timer.start();
    double warm_mib = 0;
    for (int change = 0; change < 10000; ++change) {
      const app::SceneParameters p = random_parameters(rng);
      window.setParameters(p);
      if (change % 7 == 0) window.setCompareMode(p.variants.size() > 1);
      // Let finished computations land now and then, as a user's event loop would.
      if (change % 100 == 0) QCoreApplication::processEvents();
      if (change == 1000) warm_mib = resident_mib();
    }
    QVERIFY2(window.waitForIdle(120000), "computation did not settle");
    QVERIFY(window.waitForFrame(30000));
    const double elapsed_s = timer.elapsed() / 1000.0;
    const double end_mib = resident_mib();
    qInfo(
        "10000 changes in %.1f s; resident memory %.0f MiB after 1000 changes, %.0f MiB at the end",
        elapsed_s, warm_mib, end_mib);

    // The views show the final parameters' result.
    const app::SceneParameters final_parameters = window.parameters();
    const app::ComputeResult* result = window.currentResult();
    QVERIFY(result != nullptr);
    QVERIFY2(result->error.isEmpty(), qPrintable(result->error));
    QVERIFY(result->parameters == final_parameters);
    const Encoding& e = *result->variants.front().encoding;
    QCOMPARE(QString::fromStdString(std::string(e.variant->id())),
             final_parameters.variants.front());
    QCOMPARE(e.head_dim(), final_parameters.headDim);
    QCOMPARE(e.config.base, final_parameters.base);
    const Scene scene = final_parameters.scene;
    QCOMPARE(e.token_count(), static_cast<std::size_t>(scene.token_count()));
    QCOMPARE(window.layoutPanelCount(), window.parameters().variants.size() > 1
                                            ? static_cast<int>(result->variants.size())
                                            : 1);
    for (int panel = 0; panel < window.layoutPanelCount(); ++panel) {
      const QImage image = views::render_widget(*window.layoutView(panel));
      QVERIFY2(views::non_background_fraction(image) > 0.002,
               "a layout panel is blank after the stress run");
    }
    // No unbounded growth: caches and undo history are bounded.
    QVERIFY2(end_mib - warm_mib < 300,
             qPrintable(QStringLiteral("resident memory grew by %1 MiB").arg(end_mib - warm_mib)));
  }
};

ROPELAB_GUI_TEST_MAIN(StressTest)
#include "tst_stress.moc"
