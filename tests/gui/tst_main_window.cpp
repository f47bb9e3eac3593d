// The main window end to end: default scene, every view drawing something, the δ slider moving
// VideoRoPE's temporal ids, compare mode, picking, and bad input kept out of the views.
#include <vtkCamera.h>
#include <vtkRenderer.h>

#include <QApplication>
#include <QDoubleSpinBox>
#include <QHeaderView>
#include <QLabel>
#include <QMouseEvent>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
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
#include "views/vtk_view.h"

using namespace ropelab;

class MainWindowTest : public QObject {
  Q_OBJECT
 private:
  std::unique_ptr<app::MainWindow> window_;

  app::MainWindow& window() { return *window_; }

  void waitForResult() { QVERIFY2(window().waitForIdle(60000), "computation did not finish"); }

 private slots:
  void init() {
    window_ = open_test_window();
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

  // A slider drag renders a slow 3-D view at half resolution, the same picture (points scaled
  // with it); the release renders it at full resolution; an export is always full resolution.
  // "Slow" is a full frame over the render budget: a budget of 0 makes any view slow.
  void draggingRendersTheLayoutAtHalfResolution() {
    views::VtkView* view = window().layoutView(0)->vtkView();
    view->setRenderBudget(0);
    const auto restoreBudget =
        qScopeGuard([view] { view->setRenderBudget(views::VtkView::kDefaultRenderBudgetMs); });
    const QSize device = view->size() * view->devicePixelRatioF();
    // The coloured tokens, not the grey grid and labels (a scaled-up frame blurs the grid's lines).
    const auto colouredFraction = [](const QImage& image) {
      const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
      long coloured = 0;
      for (int y = 0; y < rgb.height(); ++y) {
        for (int x = 0; x < rgb.width(); ++x) {
          const QColor c = rgb.pixelColor(x, y);
          const int spread =
              std::max({c.red(), c.green(), c.blue()}) - std::min({c.red(), c.green(), c.blue()});
          if (spread > 60) ++coloured;
        }
      }
      return static_cast<double>(coloured) / (static_cast<double>(rgb.width()) * rgb.height());
    };
    const double fullFraction = colouredFraction(view->grab().toImage());
    QVERIFY(fullFraction > 0.01);
    QCOMPARE(view->frameSize(), device);
    QSlider* slider = window().parameterPanel()->deltaSlider()->slider();
    emit slider->sliderPressed();
    slider->setValue(slider->value() + 1);
    QVERIFY(window().waitForFrame(60000));
    QCOMPARE(view->renderScale(), 0.5);
    const QImage dragged = view->grab().toImage();
    const QSize half(qRound(device.width() * 0.5), qRound(device.height() * 0.5));
    QCOMPARE(view->frameSize(), half);
    QCOMPARE(dragged.size(), device);
    const double draggedFraction = colouredFraction(dragged);
    QVERIFY2(draggedFraction > 0.8 * fullFraction && draggedFraction < 1.25 * fullFraction,
             qPrintable(QStringLiteral("drawn fraction %1 while dragging, %2 at full resolution")
                            .arg(draggedFraction)
                            .arg(fullFraction)));
    QCOMPARE(window().layoutView(0)->renderImage().size(), device);
    view->grab();  // the screen goes on at half resolution after an export
    QCOMPARE(view->frameSize(), half);
    emit slider->sliderReleased();
    QVERIFY(window().waitForRepaint(60000));
    QCOMPARE(view->renderScale(), 1.0);
    QCOMPARE(view->frameSize(), device);
  }

  // A view whose full frame fits the budget keeps full resolution while dragging: scaling a
  // small frame up would cost more than rendering it whole.
  void draggingKeepsAFastViewAtFullResolution() {
    views::VtkView* view = window().layoutView(0)->vtkView();
    view->setRenderBudget(1e9);
    const auto restoreBudget =
        qScopeGuard([view] { view->setRenderBudget(views::VtkView::kDefaultRenderBudgetMs); });
    const QSize device = view->size() * view->devicePixelRatioF();
    QSlider* slider = window().parameterPanel()->deltaSlider()->slider();
    emit slider->sliderPressed();
    slider->setValue(slider->value() - 1);
    QVERIFY(window().waitForFrame(60000));
    QCOMPARE(view->renderScale(), 1.0);
    QCOMPARE(view->frameSize(), device);
    emit slider->sliderReleased();
    QVERIFY(window().waitForRepaint(60000));
    QCOMPARE(view->frameSize(), device);
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

  // Compare panels turn together whichever one is dragged (not only the first).
  void draggingAnyComparePanelTurnsEveryOther() {
    app::SceneParameters parameters;
    parameters.variants = {QStringLiteral("vanilla"), QStringLiteral("mrope"),
                           QStringLiteral("videorope"), QStringLiteral("vrope")};
    window().setParameters(parameters);
    waitForResult();
    QCOMPARE(window().layoutPanelCount(), 4);
    vtkCamera* turned = window().layoutView(2)->vtkView()->renderer()->GetActiveCamera();
    turned->Azimuth(40);
    turned->Elevation(15);
    turned->OrthogonalizeViewUp();
    emit window().layoutView(2)->vtkView()->cameraInteraction();
    double want[3];
    turned->GetDirectionOfProjection(want);
    for (int i : {0, 1, 3}) {
      double got[3];
      window().layoutView(i)->vtkView()->renderer()->GetActiveCamera()->GetDirectionOfProjection(
          got);
      for (int k = 0; k < 3; ++k) {
        QVERIFY2(std::abs(got[k] - want[k]) < 1e-9, qPrintable(QStringLiteral("panel %1").arg(i)));
      }
    }
    window().setParameters(app::SceneParameters{});
    waitForResult();
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

  void hoveringATokenReportsItsIds() {
    views::LayoutView* layout = window().layoutView(0);
    QSignalSpy hovered(layout, &views::LayoutView::tokenHovered);
    const auto position = layout->tokenPosition(135);
    QVERIFY(position.has_value());
    QWidget* glView = layout->childAt(*position);
    QVERIFY(glView != nullptr);
    // No button: a hover. The pick follows within the throttle interval. The move is sent to the
    // view itself rather than warping the X pointer: ctest runs GUI tests in parallel on one
    // Xvfb, and another test's window on top would take a real pointer's motion.
    const QPointF local = glView->mapFrom(layout, *position);
    QMouseEvent move(QEvent::MouseMove, local, glView->mapToGlobal(local), Qt::NoButton,
                     Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(glView, &move);
    QVERIFY(hovered.wait(2000));
    QCOMPARE(hovered.last().at(0).toLongLong(), 135LL);
    const QString text = hovered.last().at(1).toString();
    QVERIFY2(text.contains(QStringLiteral("t=22 h=22 w=22")), qPrintable(text));
    QCOMPARE(layout->pickedToken(), 135L);
    QVERIFY2(window().findChild<QLabel*>(QStringLiteral("pickLabel"))->text().contains("token 135"),
             "the status bar shows the hovered token");
  }

  void compareModeWithAOneDimensionalVariantDrawsAxes() {
    app::SceneParameters parameters;
    parameters.variants = {QStringLiteral("vanilla"), QStringLiteral("mrope"),
                           QStringLiteral("videorope")};
    window().setParameters(parameters);
    waitForResult();
    views::LayoutView* vanilla = window().layoutView(0);
    QCOMPARE(vanilla->encoding()->variant->axis_count(), 1);
    QVERIFY(vanilla->axesVisible());
    // The axes draw a substantial part of the panel: with them hidden, many pixels change.
    const QImage with = vanilla->renderImage();
    vanilla->setAxesVisible(false);
    const QImage without = vanilla->renderImage();
    vanilla->setAxesVisible(true);
    QCOMPARE(with.size(), without.size());
    qint64 changed = 0;
    for (int y = 0; y < with.height(); ++y) {
      for (int x = 0; x < with.width(); ++x) changed += with.pixel(x, y) != without.pixel(x, y);
    }
    const double fraction = static_cast<double>(changed) / (with.width() * with.height());
    QVERIFY2(
        fraction > 0.01,
        qPrintable(QStringLiteral("axes change %1% of the panel").arg(fraction * 100, 0, 'f', 2)));
    // Every variant's curves are in the charts: one S(Δ) curve, temporal pairs and extent each.
    QVERIFY(window().chartsView()->seriesCount() >= 3 + (1 + 3 + 3) + 3);
    QVERIFY(window().parameterPanel()->splitNote()->isVisible());
  }

  void propertyTableShowsEveryColumnAndVariant() {
    // The default window size: every column and every compared variant fits without scrolling.
    for (const QSize size : {QSize(1600, 1000), QSize(1920, 1080)}) {
      app::MainWindow::Options options;
      options.useSettings = false;
      app::SceneParameters parameters;
      parameters.variants = {QStringLiteral("vanilla"), QStringLiteral("mrope"),
                             QStringLiteral("videorope"), QStringLiteral("vrope")};
      options.parameters = parameters;
      app::MainWindow window(options);
      window.resize(size);
      window.show();
      QVERIFY(QTest::qWaitForWindowExposed(&window));
      QVERIFY(window.waitForIdle(60000));
      QApplication::processEvents();
      views::PropertyTable* table = window.propertyTable();
      QCOMPARE(table->columnCount(), 8);  // variant, six properties, bias max/min
      QCOMPARE(table->rowCount(), 4);
      const int viewportWidth = table->viewport()->width();
      for (int c = 0; c < table->columnCount(); ++c) {
        QVERIFY2(table->columnViewportPosition(c) + table->columnWidth(c) <= viewportWidth,
                 qPrintable(QStringLiteral("%1x%2: column %3 (%4) is cut off")
                                .arg(size.width())
                                .arg(size.height())
                                .arg(c)
                                .arg(table->horizontalHeaderItem(c)->text())));
      }
      const int lastRow = table->rowViewportPosition(3) + table->rowHeight(3);
      QVERIFY2(lastRow <= table->viewport()->height(),
               qPrintable(QStringLiteral("%1x%2: the fourth variant is cut off")
                              .arg(size.width())
                              .arg(size.height())));
    }
  }

  void darkThemeRendersContentOnADarkBackground() {
    views::LayoutView* layout = window().layoutView(0);
    const QImage light = layout->renderImage();
    window().setTheme(views::Theme::Dark);
    QApplication::processEvents();
    const QImage dark = layout->renderImage();
    QVERIFY2(views::non_background_fraction(dark) > 0.02, "the dark layout shows only background");
    const QColor lightCorner = light.pixelColor(2, 2);
    const QColor darkCorner = dark.pixelColor(2, 2);
    QVERIFY2(darkCorner.lightness() + 80 < lightCorner.lightness(),
             qPrintable(QStringLiteral("backgrounds: light %1, dark %2")
                            .arg(lightCorner.name(), darkCorner.name())));
    for (QWidget* view : std::initializer_list<QWidget*>{
             window().attentionView(), window().chartsView(), window().frequencyView()}) {
      const QImage image = views::render_widget(*view);
      QVERIFY2(views::non_background_fraction(image) > 0.02,
               qPrintable(QStringLiteral("%1 shows only background in the dark theme")
                              .arg(view->metaObject()->className())));
    }
    QCOMPARE(qApp->palette().color(QPalette::Window).lightness() < 100, true);
    window().setTheme(views::Theme::Light);
  }

  void settingsRestoreTheLastSceneAndTheme() {
    // QStandardPaths test mode (gui_test_main.h): these settings never touch the user's.
    window_.reset();
    QSettings().clear();
    app::SceneParameters scene;
    scene.variants = {QStringLiteral("mrope"), QStringLiteral("videorope")};
    scene.setDelta(QStringLiteral("videorope"), 1.5);
    scene.scene = Scene::text_video_text(4, 6, 4, 4, 4);
    scene.base = 20000;
    {
      app::MainWindow::Options options;  // useSettings = true
      app::MainWindow first(options);
      first.resize(1300, 850);
      first.show();
      QVERIFY(first.waitForIdle(60000));
      first.setParameters(scene);
      first.setTheme(views::Theme::Dark);
      QVERIFY(first.waitForIdle(60000));
      first.close();  // saves
    }
    QSettings settings;
    QVERIFY(settings.contains(QStringLiteral("window/state")));
    app::MainWindow::Options options;
    app::MainWindow second(options);
    second.show();
    QVERIFY(second.waitForIdle(60000));
    QCOMPARE(second.parameters().variants, scene.variants);
    QCOMPARE(second.parameters().delta(QStringLiteral("videorope")), 1.5);
    QCOMPARE(second.parameters().scene.segments[1].frames, 6);
    QCOMPARE(second.parameters().base, 20000.0);
    QCOMPARE(second.theme(), views::Theme::Dark);
    QCOMPARE(second.size(), QSize(1300, 850));
    QCOMPARE(second.currentResult()->variants.front().encoding->token_count(),
             std::size_t{4 + 6 * 16 + 4});
    second.setTheme(views::Theme::Light);
    second.close();
    QSettings().clear();
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
      p.scene = Scene::text_video_text(4, frames, 4, 4, 4);
      window().setParameters(p);  // requests pile up faster than they compute
    }
    waitForResult();
    QCOMPARE(window().currentResult()->parameters.scene.segments[1].frames, 12);
    QCOMPARE(window().currentResult()->variants.front().encoding->token_count(),
             std::size_t{4 + 12 * 16 + 4});
  }
};

ROPELAB_GUI_TEST_MAIN(MainWindowTest)
#include "tst_main_window.moc"
