// The main window end to end: default scene, every view drawing something, the δ slider moving
// VideoRoPE's temporal ids, compare mode, picking, and bad input kept out of the views.
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSettings>
#include <QSlider>
#include <QtTest>

#include "app/gui/labeled_slider.h"
#include "app/gui/main_window.h"
#include "app/gui/parameter_panel.h"
#include "gui_test_main.h"
#include "views/attention_view.h"
#include "views/charts_view.h"
#include "views/frequency_view.h"
#include "views/image_export.h"
#include "views/layout_view.h"
#include "views/property_table.h"

using namespace ropelab;

class MainWindowTest : public QObject {
  Q_OBJECT
 private:
  std::unique_ptr<app::MainWindow> window_;

  app::MainWindow& window() { return *window_; }

  void waitForResult() { QVERIFY2(window().waitForIdle(60000), "computation did not finish"); }

 private slots:
  void init() {
    QSettings().clear();
    app::MainWindow::Options options;
    options.useSettings = false;
    options.parameters = app::SceneParameters{};
    window_ = std::make_unique<app::MainWindow>(options);
    window_->resize(1400, 900);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    waitForResult();
  }

  void cleanup() { window_.reset(); }

  void opensOnTheDefaultScene() {
    const app::ComputeResult* result = window().currentResult();
    QVERIFY(result != nullptr);
    QCOMPARE(result->variants.size(), std::size_t{1});
    const Encoding& e = *result->variants.front().encoding;
    QCOMPARE(std::string(e.variant->id()), std::string("videorope"));
    QCOMPARE(e.token_count(), std::size_t{136});  // 4 + 8*4*4 + 4
    QCOMPARE(e.head_dim(), 128);
    QCOMPARE(e.config.base, 10000.0);
    QCOMPARE(*e.config.delta, 2.0);
    QCOMPARE(window().layoutPanelCount(), 1);
    // δ = 2: the last video token's temporal id is 4 + 2 * 7 = 18.
    QVERIFY2(window().factsText().contains(QStringLiteral("last video token 131: t=18 ")),
             qPrintable(window().factsText()));
  }

  void everyViewDrawsSomething() {
    const std::vector<std::pair<QString, QWidget*>> views{
        {QStringLiteral("layout"), window().layoutView(0)},
        {QStringLiteral("frequency"), window().frequencyView()},
        {QStringLiteral("attention"), window().attentionView()},
        {QStringLiteral("charts"), window().chartsView()},
        {QStringLiteral("properties"), window().propertyTable()}};
    for (const auto& [name, view] : views) {
      QImage image = views::render_widget(*view);
      if (auto* layout = qobject_cast<views::LayoutView*>(view)) image = layout->renderImage();
      QVERIFY2(views::non_background_fraction(image) > 0.02,
               qPrintable(name + QStringLiteral(" shows only background")));
    }
    QVERIFY(window().chartsView()->seriesCount() >= 3);
    QCOMPARE(window().propertyTable()->rowCount(), 1);
    // The frequency surface of VideoRoPE: 64 pairs, temporal pairs never wrap on 8 frames.
    QCOMPARE(window().frequencyView()->surfaceRows(), 64);
    QCOMPARE(window().frequencyView()->collisionMarkers(), 0);
  }

  void deltaSliderMovesTheLastVideoTokenInTime() {
    app::LabeledSlider* delta = window().parameterPanel()->deltaSlider();
    delta->spinBox()->setValue(1.0);  // typed entry
    waitForResult();
    QVERIFY2(window().factsText().contains(QStringLiteral("last video token 131: t=11 ")),
             qPrintable(window().factsText()));
    delta->slider()->setValue(delta->slider()->value() + 10);  // dragging to δ = 2
    QCOMPARE(delta->value(), 2.0);
    waitForResult();
    QVERIFY2(window().factsText().contains(QStringLiteral("last video token 131: t=18 ")),
             qPrintable(window().factsText()));
  }

  void compareModeShowsOnePanelPerVariant() {
    app::SceneParameters parameters;
    parameters.variants = {QStringLiteral("vanilla"), QStringLiteral("mrope"),
                           QStringLiteral("videorope")};
    window().setParameters(parameters);
    waitForResult();
    QCOMPARE(window().layoutPanelCount(), 3);
    QCOMPARE(window().propertyTable()->rowCount(), 3);
    for (int i = 0; i < 3; ++i) {
      // The 3-D area itself, not the panel's title bar: every variant's points must be visible.
      const QImage image = window().layoutView(i)->renderImage();
      QVERIFY2(views::non_background_fraction(image) > 0.02,
               qPrintable(QStringLiteral("compare panel %1 draws nothing").arg(i)));
    }
    window().setParameters(app::SceneParameters{});
    waitForResult();
    QCOMPARE(window().layoutPanelCount(), 1);
  }

  void clickingATokenReportsItsIds() {
    views::LayoutView* layout = window().layoutView(0);
    // The last text token sits alone at the end of the diagonal: t = h = w = 19 + 3 = 22.
    const auto position = layout->tokenPosition(135);
    QVERIFY(position.has_value());
    QWidget* glView = layout->childAt(*position);
    QVERIFY(glView != nullptr);
    QTest::mouseClick(glView, Qt::LeftButton, {}, glView->mapFrom(layout, *position));
    QCOMPARE(layout->pickedToken(), 135L);
    const QString text = layout->pickedDescription();
    QVERIFY2(text.contains(QStringLiteral("token 135 · text")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("t=22 h=22 w=22")), qPrintable(text));
    // A video token: frame 7, row 3, col 3 of the 4x4 frames (the last video token).
    layout->pickToken(131);
    QVERIFY2(layout->pickedDescription().contains(QStringLiteral("frame 7 row 3 col 3")),
             qPrintable(layout->pickedDescription()));
  }

  void badInputKeepsTheLastGoodState() {
    app::SceneParameters bad;
    bad.split = {10, 10, 10};  // sums to 30, D/2 is 64
    window().setParameters(bad);
    waitForResult();
    QVERIFY2(window().bannerText().contains(QStringLiteral("split")),
             qPrintable(window().bannerText()));
    QVERIFY2(window().bannerText().contains(QStringLiteral("64")),
             qPrintable(window().bannerText()));
    QCOMPARE(window().currentResult()->variants.front().encoding->token_count(), std::size_t{136});
    window().setParameters(app::SceneParameters{});
    waitForResult();
    QVERIFY(window().bannerText().isEmpty());
  }

  void newestRequestWins() {
    app::SceneParameters p;
    for (int frames = 1; frames <= 12; ++frames) {
      p.frames = frames;
      window().setParameters(p);  // requests pile up faster than they compute
    }
    waitForResult();
    QCOMPARE(window().currentResult()->parameters.frames, 12);
    QCOMPARE(window().currentResult()->variants.front().encoding->token_count(),
             std::size_t{4 + 12 * 16 + 4});
  }
};

ROPELAB_GUI_TEST_MAIN(MainWindowTest)
#include "tst_main_window.moc"
