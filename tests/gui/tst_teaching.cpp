// The teaching features end to end: every Paper figures entry opens from its menu action and shows
// the numbers the papers' mechanism figures are about; the tour runs through every lesson with the
// arrow keys; the formula panel follows the variant; the definitions diff, the q/k explainer, the
// distractor proxy and the cited tables show what they promise.
#include <vtkCamera.h>
#include <vtkRenderer.h>
#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "app/gui/figure_charts.h"
#include "app/gui/figure_layouts.h"
#include "app/gui/main_window.h"
#include "app/gui/teaching.h"
#include "app/gui/teaching_animation.h"
#include "app/gui/teaching_figures.h"
#include "app/gui/teaching_panels.h"
#include "app/gui/teaching_widgets.h"
#include "gui_test_main.h"
#include "ropelab/paper_figures.h"
#include "ropelab/registry.h"
#include "views/image_export.h"
#include "views/layout_view.h"
#include "views/property_table.h"
#include "views/vtk_view.h"

using namespace ropelab;

namespace {

QString cell(QTableWidget* table, int row, int column) {
  if (!table || !table->item(row, column)) return {};
  return table->item(row, column)->text();
}

int column_of(QTableWidget* table, const QString& header) {
  for (int c = 0; c < table->columnCount(); ++c) {
    if (table->horizontalHeaderItem(c)->text() == header) return c;
  }
  return -1;
}

}  // namespace

class TeachingTest : public QObject {
  Q_OBJECT
 private:
  std::unique_ptr<app::MainWindow> window_;
  teaching::Teaching* teaching_ = nullptr;

  teaching::PaperFigureDialog* open(const QString& id) {
    QAction* action = teaching_->figureAction(id);
    if (!action) return nullptr;
    action->trigger();
    window_->waitForIdle(60000);
    return teaching_->figureDialog();
  }

 private slots:
  void init() {
    window_ = open_test_window();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    QVERIFY(window_->waitForIdle(60000));
    teaching_ = teaching::find(*window_);
    QVERIFY(teaching_ != nullptr);
  }

  void cleanup() {
    teaching_ = nullptr;
    window_.reset();
  }

  void everyEntryOpensFromItsMenuAction() {
    for (const PaperFigure& f : paper_figures()) {
      const QString id = QString::fromStdString(f.id);
      teaching::PaperFigureDialog* dialog = open(id);
      QVERIFY2(dialog != nullptr, qPrintable(id));
      QVERIFY(dialog->isVisible());
      QCOMPARE(dialog->figureId(), id);
      const QString caption = dialog->captionText();
      QVERIFY2(caption.contains(QStringLiteral("The paper claims")), qPrintable(id));
      QVERIFY2(caption.contains(QStringLiteral("RoPE Lab computes")), qPrintable(id));
      QVERIFY2(!dialog->contentText().contains(QStringLiteral("Could not compute")),
               qPrintable(dialog->contentText()));
      QVERIFY2(window_->bannerText().isEmpty(), qPrintable(window_->bannerText()));
    }
  }

  void appendixBShowsBothPeriodsAndWrappingPairs() {
    teaching::PaperFigureDialog* d = open(QStringLiteral("videorope-appb"));
    QVERIFY(d);
    QTableWidget* periods = d->table(QStringLiteral("periodTable"));
    QVERIFY(periods);
    QCOMPARE(cell(periods, 0, 1), QStringLiteral("16"));
    QCOMPARE(cell(periods, 0, 2), QStringLiteral("198.7"));
    QCOMPARE(cell(periods, 1, 1), QStringLiteral("15"));
    QCOMPARE(cell(periods, 1, 2), QStringLiteral("160.1"));
    QTableWidget* wraps = d->table(QStringLiteral("wrapTable"));
    QVERIFY(wraps);
    const int last = wraps->rowCount() - 1;
    QCOMPARE(cell(wraps, last, 0), QStringLiteral("3000"));
    QCOMPARE(cell(wraps, last, 2), QStringLiteral("16"));  // every M-RoPE temporal pair wraps
    QCOMPARE(cell(wraps, last, 3), QStringLiteral("0"));   // no VideoRoPE temporal pair does
    // 100 frames: pairs 0..12 have wavelengths below 99 (pair 13's is ~104).
    QCOMPARE(cell(wraps, 1, 0), QStringLiteral("100"));
    QCOMPARE(cell(wraps, 1, 2), QStringLiteral("13"));
    QVERIFY(d->contentText().contains(QStringLiteral("16 of M-RoPE's 16 temporal pairs wrap")));
    // The main window is set up for it: M-RoPE at base 1e6.
    const app::ComputeResult* r = window_->currentResult();
    QVERIFY(r);
    QCOMPARE(std::string(r->variants.front().encoding->variant->id()), std::string("mrope"));
    QCOMPARE(r->variants.front().encoding->config.base, 1e6);
  }

  void figure4PairRangesAndCollisions() {
    teaching::PaperFigureDialog* d = open(QStringLiteral("videorope-fig4a"));
    QVERIFY(d);
    QTableWidget* pairs = d->table(QStringLiteral("pairTable"));
    QVERIFY(pairs);
    QCOMPARE(pairs->rowCount(), 3);
    QCOMPARE(cell(pairs, 0, 0), QStringLiteral("13"));
    QCOMPARE(cell(pairs, 2, 0), QStringLiteral("15"));
    QCOMPARE(cell(pairs, 0, 1), QStringLiteral("t"));
    QCOMPARE(cell(pairs, 2, 3), QStringLiteral("160.1"));
    QVERIFY(d->contentText().contains(QStringLiteral("pairs 0–15")));
    QVERIFY(d->linePlot());
    QVERIFY(d->linePlot()->markerCount() >= 9);  // 500/104 + 500/129 + 500/160 -> 4 + 3 + 3
    d = open(QStringLiteral("videorope-fig4b"));
    pairs = d->table(QStringLiteral("pairTable"));
    QVERIFY(pairs);
    QCOMPARE(cell(pairs, 0, 0), QStringLiteral("48"));
    QCOMPARE(cell(pairs, 2, 0), QStringLiteral("50"));
    QCOMPARE(cell(pairs, 0, 1), QStringLiteral("t"));
    QCOMPARE(cell(pairs, 0, 3), QStringLiteral("198,692"));
    QCOMPARE(d->linePlot()->markerCount(), 0);
    QVERIFY(d->contentText().contains(QStringLiteral("pairs 48–63")));
  }

  void figure5StepsPerAxis() {
    teaching::PaperFigureDialog* d = open(QStringLiteral("videorope-fig5"));
    QTableWidget* t = d->table(QStringLiteral("adjacentTable"));
    QVERIFY(t);
    QCOMPARE(t->rowCount(), 6);
    QCOMPARE(cell(t, 0, 4), QStringLiteral("(1)"));        // vanilla text
    QCOMPARE(cell(t, 2, 4), QStringLiteral("(1, 1, 1)"));  // M-RoPE text
    QCOMPARE(cell(t, 3, 4), QStringLiteral("(1, 0, 0)"));  // M-RoPE next frame, same patch
    QCOMPARE(cell(t, 5, 4), QStringLiteral("(2, 2, 2)"));  // VideoRoPE: the frame moves by δ
  }

  // Fig. 6 draws its three layouts in the dialog itself (the main window shows them too): one
  // layout view per variant, titled with it, each with points on it, cameras linked both ways.
  void figure6ShowsThreeLayouts() {
    teaching::PaperFigureDialog* d = open(QStringLiteral("videorope-fig6"));
    QVERIFY(d->table(QStringLiteral("layoutTable")));
    QCOMPARE(window_->layoutPanelCount(), 3);
    const QList<views::LayoutView*> views = d->content()->findChildren<views::LayoutView*>();
    QCOMPARE(views.size(), 3);
    const char* ids[] = {"vanilla", "mrope", "videorope"};
    for (int i = 0; i < 3; ++i) {
      views::LayoutView* view = views[i];
      QVERIFY(view->isVisible());
      QVERIFY(view->height() >= teaching::FigureLayoutPanels::kMinPanelHeight);
      QVERIFY(view->encoding());
      QCOMPARE(std::string(view->encoding()->variant->id()), std::string(ids[i]));
      QVERIFY2(views::non_background_fraction(view->renderImage()) > 0.02, ids[i]);
    }
    QVERIFY(d->contentText().contains(QStringLiteral("layout: mrope")));
    // Turning the middle panel turns both others.
    vtkCamera* turned = views[1]->vtkView()->renderer()->GetActiveCamera();
    turned->Azimuth(50);
    turned->Elevation(20);
    turned->OrthogonalizeViewUp();
    emit views[1]->vtkView()->cameraInteraction();
    double want[3];
    turned->GetDirectionOfProjection(want);
    for (int i : {0, 2}) {
      double got[3];
      views[i]->vtkView()->renderer()->GetActiveCamera()->GetDirectionOfProjection(got);
      for (int k = 0; k < 3; ++k) QVERIFY2(std::abs(got[k] - want[k]) < 1e-9, ids[i]);
    }
  }

  // The δ entry draws VideoRoPE's layout in the dialog, core's encoding at the slider's δ; moving
  // δ re-encodes the same view in place (no new view per frame) and the frames move apart on t.
  // The figure's 3-D panel follows the window's theme while the dialog is open.
  void figureLayoutFollowsTheTheme() {
    teaching::PaperFigureDialog* d = open(QStringLiteral("teaching:delta"));
    QVERIFY(d);
    const QList<views::LayoutView*> views = d->content()->findChildren<views::LayoutView*>();
    QCOMPARE(views.size(), 1);
    const auto corner = [&] { return views.front()->renderImage().pixelColor(2, 2).lightness(); };
    QVERIFY(corner() > 128);
    window_->setTheme(views::Theme::Dark);
    QVERIFY2(corner() < 128, qPrintable(QString::number(corner())));
    window_->setTheme(views::Theme::Light);
    QVERIFY(corner() > 128);
  }

  void deltaEntryDrawsItsLayoutInPlace() {
    teaching::PaperFigureDialog* d = open(QStringLiteral("teaching:delta"));
    QVERIFY(d);
    QList<views::LayoutView*> views = d->content()->findChildren<views::LayoutView*>();
    QCOMPARE(views.size(), 1);
    views::LayoutView* view = views.front();
    QVERIFY(d->isAncestorOf(view));
    QVERIFY(view->isVisible());
    QVERIFY(view->height() >= teaching::FigureLayoutPanels::kMinPanelHeight);
    QVERIFY(views::non_background_fraction(view->renderImage()) > 0.02);
    // text 4 · video 8x4x4 · text 4: tokens 4 .. 131 are the video; 8 frames span 7·δ on t.
    const std::size_t first = 4, last = 131;
    QVERIFY(view->encoding());
    QCOMPARE(std::string(view->encoding()->variant->id()), std::string("videorope"));
    QCOMPARE(view->encoding()->id(0, last) - view->encoding()->id(0, first), 7 * 2.0);
    const QImage atTwo = view->renderImage();
    QVERIFY(d->setParam(QStringLiteral("delta"), 3.0));
    QVERIFY(window_->waitForIdle(60000));
    views = d->content()->findChildren<views::LayoutView*>();
    QCOMPARE(views.size(), 1);
    QCOMPARE(views.front(), view);
    QVERIFY(view->isVisible());
    QCOMPARE(view->encoding()->id(0, last) - view->encoding()->id(0, first), 7 * 3.0);
    const FigureData core = figure_data(*find_paper_figure("teaching:delta"), {{"delta", 3.0}});
    QVERIFY(view->encoding()->positions.ids ==
            core.layouts("layouts")->panels.front().encoding->positions.ids);
    const QImage atThree = view->renderImage();
    QVERIFY(views::non_background_fraction(atThree) > 0.02);
    QVERIFY(atThree != atTwo);
    // Another entry without layouts drops the view; coming back draws it again.
    d = open(QStringLiteral("videorope-fig5"));
    QVERIFY(d->content()->findChildren<views::LayoutView*>().isEmpty());
    d = open(QStringLiteral("teaching:delta"));
    QCOMPARE(d->content()->findChildren<views::LayoutView*>().size(), 1);
  }

  void figure3AndBiasMapsDrawTiles() {
    teaching::PaperFigureDialog* d = open(QStringLiteral("videorope-fig3"));
    QVERIFY(d->content()->findChildren<teaching::HeatmapTile*>().size() == 8);  // (1 + 3) x 2
    QTableWidget* t = d->table(QStringLiteral("axisLogitTable"));
    QVERIFY(t);
    // M-RoPE's temporal term is local (contrast > 0), VideoRoPE's nearly flat over 32 frames.
    const double mrope = cell(t, 1, 5).toDouble(), videorope = cell(t, 5, 5).toDouble();
    QVERIFY2(mrope > 5 * std::abs(videorope), qPrintable(d->contentText()));
    d = open(QStringLiteral("vrope-fig2"));
    QTableWidget* bias = d->table(QStringLiteral("biasTable"));
    QVERIFY(bias);
    QCOMPARE(bias->rowCount(), 4);  // vanilla, mrope, vrope and VRoPE's symmetric-off ablation
    for (int r = 0; r < 4; ++r) QVERIFY(cell(bias, r, 1).toDouble() >= 1.0);
    // The dialog's cells are core's numbers.
    const FigureData data = figure_data(*find_paper_figure("vrope-fig2"));
    for (int r = 0; r < 4; ++r)
      QCOMPARE(cell(bias, r, 1).toStdString(), data.table("biasTable")->rows[r][1]);
  }

  void jumpsPerAxisAndCentreGaps() {
    teaching::PaperFigureDialog* d = open(QStringLiteral("vrope-fig1b"));
    QTableWidget* vsT = d->table(QStringLiteral("jumpVsT"));
    QVERIFY(vsT);
    const int mropeH = column_of(vsT, QStringLiteral("mrope h"));
    QVERIFY(mropeH > 0);
    // T = 1, 2, 4, ..., 64 with H = W = 4: max(T, H, W) - (H - 1) grows once T > 4.
    QCOMPARE(cell(vsT, 0, 0), QStringLiteral("1"));
    QVERIFY(cell(vsT, 6, mropeH).toDouble() > cell(vsT, 3, mropeH).toDouble());
    QCOMPARE(cell(vsT, 6, mropeH), QStringLiteral("61"));  // 64 - 3
    const int vropeU1 = column_of(vsT, QStringLiteral("vrope u1"));
    QVERIFY(vropeU1 > 0);
    QCOMPARE(cell(vsT, 0, vropeU1), cell(vsT, 6, vropeU1));  // does not grow with T
    QTableWidget* gaps = d->table(QStringLiteral("centerGapTable"));
    QVERIFY(gaps);
    int vropeRows = 0;
    for (int r = 0; r < gaps->rowCount(); ++r) {
      if (cell(gaps, r, 0) != QLatin1String("vrope")) continue;
      ++vropeRows;
      QCOMPARE(cell(gaps, r, 2), QStringLiteral("4"));  // (H + W) / 2
      QCOMPARE(cell(gaps, r, 3), QStringLiteral("4"));
    }
    QCOMPARE(vropeRows, 4);
    QTableWidget* jumps = d->table(QStringLiteral("jumpTable"));
    QVERIFY(jumps);
    QCOMPARE(jumps->rowCount(), 3 + 4);  // mrope t, h, w + vrope u1..u4
  }

  void appendixAHeightOne() {
    teaching::PaperFigureDialog* d = open(QStringLiteral("vrope-appa"));
    QTableWidget* t = d->table(QStringLiteral("heightOneTable"));
    QVERIFY(t);
    QCOMPARE(t->rowCount(), 18);  // 3 frames x 1 x 6
    for (int r = 0; r < t->rowCount(); ++r) {
      QCOMPARE(cell(t, r, column_of(t, QStringLiteral("u1 = u2"))), QStringLiteral("yes"));
      QCOMPARE(cell(t, r, column_of(t, QStringLiteral("u3 = u4"))), QStringLiteral("yes"));
    }
    QVERIFY(d->contentText().contains(QStringLiteral("18 of 18 video tokens")));
  }

  void propertyMatrixIsComputed() {
    teaching::PaperFigureDialog* d = open(QStringLiteral("property-table"));
    QTableWidget* t = d->table(QStringLiteral("propertyMatrix"));
    QVERIFY(t);
    QCOMPARE(t->rowCount(), 9);  // RoPE-Tie included (VideoRoPE Table 1 lists it)
    QVERIFY(column_of(t, QStringLiteral("VideoRoPE Table 1 (cited)")) > 0);
    const QString yes = QStringLiteral("✓"), no = QStringLiteral("✗");
    for (int r = 0; r < t->rowCount(); ++r) {
      const QString v = cell(t, r, 0);
      if (v == QLatin1String("videorope")) {
        for (int c = 1; c <= 4; ++c) QCOMPARE(cell(t, r, c), yes);
      } else if (v == QLatin1String("mrope")) {
        QCOMPARE(cell(t, r, 1), yes);
        QCOMPARE(cell(t, r, 2), no);
        QCOMPARE(cell(t, r, 3), no);
      } else if (v == QLatin1String("vanilla")) {
        QCOMPARE(cell(t, r, 1), no);
      } else if (v == QLatin1String("vrope")) {
        QCOMPARE(cell(t, r, 5), yes);  // seamless transition
      }
    }
  }

  void citedTablesShowThePapersNumbers() {
    teaching::PaperFigureDialog* d = open(QStringLiteral("cited-results"));
    const QString text = d->contentText();
    QVERIFY(text.contains(QStringLiteral("87.11")));  // VideoRoPE V-NIAH-D
    QVERIFY(text.contains(QStringLiteral("not computed")));
    QVERIFY(text.contains(QStringLiteral("5.12e-5")));  // VRoPE Table 1, RoPE-3D
  }

  void tourRunsThroughEveryLessonWithArrowKeys() {
    teaching_->startTour();
    teaching::TourController* tour = teaching_->tour();
    QCOMPARE(tour->count(), 11);
    QVERIFY(teaching_->tourDock()->isVisible());
    QCOMPARE(tour->current(), 0);
    // Lesson 1 opens the rotation figure, lesson 3 the allocation figure.
    QCOMPARE(tour->highlighted(), QStringLiteral("figure:teaching:rotation"));
    QVERIFY(teaching_->figureDialog() && teaching_->figureDialog()->isVisible());
    QCOMPARE(teaching_->figureDialog()->figureId(), QStringLiteral("teaching:rotation"));
    for (int i = 1; i < tour->count(); ++i) {
      QTest::keyClick(tour, Qt::Key_Right);
      QCOMPARE(tour->current(), i);
      QVERIFY(window_->waitForIdle(60000));
      const teaching::Lesson& l = tour->lesson(i);
      if (l.view == QLatin1String("figure")) {
        QCOMPARE(tour->highlighted(), QStringLiteral("figure:") + l.figure);
        QCOMPARE(teaching_->figureDialog()->figureId(), l.figure);
        // The main window shows the lesson's variant beside the figure (lesson 10: VRoPE,
        // which the property table's first four compared variants do not include).
        QVERIFY2(window_->parameters().variants.contains(l.variant), qPrintable(l.title));
      } else {
        QCOMPARE(window_->parameters().variants.front(), l.variant);
        QVERIFY(!tour->highlighted().isEmpty());
      }
      // Lessons with their own scene and base show them, whatever came before.
      if (!l.scene.isEmpty())
        QVERIFY(window_->parameters().scene == Scene::parse(l.scene.toStdString()));
      if (l.base > 0) QCOMPARE(window_->parameters().base, l.base);
      // No placeholder is left and the text fits its box.
      QVERIFY2(!teaching::lesson_text(l).contains(QLatin1Char('{')),
               qPrintable(teaching::lesson_text(l)));
      QApplication::processEvents();
      QVERIFY2(tour->textFits(), qPrintable(l.title));
    }
    QCOMPARE(tour->lesson(2).figure, QStringLiteral("teaching:allocation"));
    QVERIFY(tour->lesson(tour->count() - 1).title.contains(QStringLiteral("newer")));
    QTest::keyClick(tour, Qt::Key_Right);  // stays on the last lesson
    QCOMPARE(tour->current(), tour->count() - 1);
    QTest::keyClick(tour, Qt::Key_Left);
    QCOMPARE(tour->current(), tour->count() - 2);
    QVERIFY(window_->waitForIdle(60000));
    // Closing the tour clears the highlight.
    QTest::keyClick(tour, Qt::Key_Home);  // lesson 1 (a figure) ...
    QTest::keyClick(tour, Qt::Key_Right);
    QTest::keyClick(tour, Qt::Key_Right);
    QTest::keyClick(tour, Qt::Key_Right);  // ... lesson 4, the attention dock
    QCOMPARE(tour->highlighted(), QStringLiteral("attentionDock"));
    auto* attention = window_->findChild<QDockWidget*>(QStringLiteral("attentionDock"));
    QVERIFY(attention->windowTitle().contains(QStringLiteral("lesson 4")));
    teaching_->tourDock()->close();
    QApplication::processEvents();
    QVERIFY(tour->highlighted().isEmpty());
    QVERIFY(!attention->windowTitle().contains(QStringLiteral("lesson")));
    QVERIFY(attention->styleSheet().isEmpty());
    // A figure lesson's mark on the Paper figures window clears on close too.
    teaching_->startTour();
    QVERIFY(teaching_->figureDialog()->windowTitle().contains(QStringLiteral("lesson 1")));
    teaching_->tourDock()->close();
    QApplication::processEvents();
    QVERIFY(tour->highlighted().isEmpty());
    QVERIFY(!teaching_->figureDialog()->windowTitle().contains(QStringLiteral("lesson")));
  }

  // The lesson 1 figure: dragging m moves q's arrow and the pair's contribution follows core.
  void rotationFigureFollowsItsSliders() {
    teaching::PaperFigureDialog* d = open(QStringLiteral("teaching:rotation"));
    QVERIFY(d);
    QVERIFY(d->paramSlider(QStringLiteral("m")));
    QVERIFY(d->setParam(QStringLiteral("m"), 12));
    QVERIFY(d->setParam(QStringLiteral("n"), 4));
    QVERIFY(d->setParam(QStringLiteral("pair"), 3));
    const FigureData expected =
        figure_data(*find_paper_figure("teaching:rotation"), {{"m", 12}, {"n", 4}, {"pair", 3}});
    QCOMPARE(d->data().value("contribution"), expected.value("contribution"));
    QVERIFY(d->contentText().contains(QString::fromStdString(expected.value("logit"))));
    QVERIFY(!d->setParam(QStringLiteral("m"), 1000));  // out of range
    // Play steps the first parameter; pause stops.
    const double m = d->param(QStringLiteral("m"));
    d->stepAnimation();
    QCOMPARE(d->param(QStringLiteral("m")), m + 1);
    d->play();
    QVERIFY(d->playing());
    d->pause();
    QVERIFY(!d->playing());
  }

  // Each new entry renders headless: ropelab --paper-figure ID --screenshot FILE.
  void newEntriesRenderHeadless() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const QString& id :
         {QStringLiteral("teaching:rotation"), QStringLiteral("teaching:allocation"),
          QStringLiteral("teaching:needle"), QStringLiteral("vrope-fig3b")}) {
      const QString file = dir.filePath(QString(id).replace(QLatin1Char(':'), QLatin1Char('_')) +
                                        QStringLiteral(".png"));
      QProcess app;
      app.start(QStringLiteral(ROPELAB_APP),
                {QStringLiteral("--paper-figure"), id, QStringLiteral("--screenshot"), file});
      QVERIFY2(app.waitForFinished(120000), qPrintable(id));
      QCOMPARE(app.exitCode(), 0);
      const QImage image(file);
      QVERIFY2(!image.isNull(), qPrintable(id));
      QVERIFY(image.width() > 1000);
      // Not one flat colour: something was drawn.
      QVERIFY(image.pixel(image.width() - 300, 300) !=
                  image.pixel(image.width() - 20, image.height() - 20) ||
              image.pixel(image.width() - 400, 400) != image.pixel(image.width() - 10, 10));
    }
    QProcess bad;
    bad.start(QStringLiteral(ROPELAB_APP),
              {QStringLiteral("--paper-figure"), QStringLiteral("teaching:nope"),
               QStringLiteral("--screenshot"), dir.filePath("x.png")});
    QVERIFY(bad.waitForFinished(120000));
    QCOMPARE(bad.exitCode(), 2);
  }

  // ropelab-cli figure --sweep writes exactly N frames: an animated GIF (its frame count parsed
  // back with giflib) or a PNG sequence; bad sweeps exit 2.
  // δ swept beside VideoRoPE's Table 6: the cited table shown equals cited_results.json, the
  // JSON equals the paper's numbers (read from VideoRoPE's Table 6, shared/seeds/003), the row of
  // the slider's δ is highlighted, and the main window's δ follows the slider.
  void deltaSweepShowsTable6WithTheCurrentRow() {
    // VideoRoPE Table 6 as printed: δ, LongVideoBench 8k, 16k, 32k, 64k, Average.
    const double paper[6][6] = {
        {0.5, 51.92, 53.52, 52.80, 52.07, 52.57}, {1.0, 54.46, 55.49, 54.66, 55.60, 55.05},
        {1.5, 54.35, 55.00, 55.31, 55.91, 55.14}, {2.0, 54.46, 55.29, 57.15, 57.26, 56.04},
        {2.5, 53.42, 53.73, 54.25, 55.08, 54.12}, {3.0, 53.63, 53.63, 53.63, 55.18, 54.01}};
    QFile file(QStringLiteral(":/teaching/cited_results.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject table6;
    for (const auto& t : QJsonDocument::fromJson(file.readAll())
                             .object()
                             .value(QStringLiteral("tables"))
                             .toArray()) {
      if (t.toObject().value(QStringLiteral("id")).toString() == QLatin1String("videorope-table6"))
        table6 = t.toObject();
    }
    const QJsonArray rows = table6.value(QStringLiteral("rows")).toArray();
    QCOMPARE(rows.size(), 6);
    QCOMPARE(table6.value(QStringLiteral("columns")).toArray().size(), 6);
    for (int r = 0; r < 6; ++r) {
      for (int c = 0; c < 6; ++c) QCOMPARE(rows[r].toArray()[c].toDouble(), paper[r][c]);
    }

    teaching::PaperFigureDialog* d = open(QStringLiteral("teaching:delta"));
    QVERIFY(d);
    auto* shown = d->content()->findChild<QTableWidget*>(QStringLiteral("cited:videorope-table6"));
    QVERIFY(shown);
    QCOMPARE(shown->rowCount(), 6);
    QCOMPARE(shown->columnCount(), 6);
    QCOMPARE(shown->horizontalHeaderItem(0)->text(), QStringLiteral("δ"));
    for (int r = 0; r < 6; ++r) {
      for (int c = 0; c < 6; ++c) {
        QCOMPARE(shown->item(r, c)->text().toDouble(), rows[r].toArray()[c].toDouble());
        QCOMPARE(shown->item(r, c)->text(), QString::number(paper[r][c], 'f', c == 0 ? 1 : 2));
      }
    }
    // δ = 2 (the paper's and the entry's default) is row 3; the window shows VideoRoPE at δ 2.
    QCOMPARE(d->param(QStringLiteral("delta")), 2.0);
    QCOMPARE(shown->property("highlightedRow").toInt(), 3);
    QVERIFY(shown->item(3, 5)->font().bold());
    QVERIFY(!shown->item(2, 5)->font().bold());
    for (const double delta : {0.5, 1.5, 3.0, 1.3}) {
      QVERIFY(d->setParam(QStringLiteral("delta"), delta));
      QVERIFY(window_->waitForIdle(60000));
      shown = d->content()->findChild<QTableWidget*>(QStringLiteral("cited:videorope-table6"));
      QVERIFY(shown);
      const int expected = delta == 1.3 ? -1 : static_cast<int>(std::lround(delta * 2)) - 1;
      QCOMPARE(shown->property("highlightedRow").toInt(), expected);
      for (int r = 0; r < 6; ++r) QCOMPARE(shown->item(r, 0)->font().bold(), r == expected);
      QCOMPARE(window_->parameters().delta(QStringLiteral("videorope")), delta);
      // 8 frames span 7·δ on t (two decimals; a whole number without them).
      QString span = QString::number(7 * delta, 'f', 2);
      if (span.endsWith(QLatin1String(".00"))) span.chop(3);
      QVERIFY2(d->contentText().contains(QStringLiteral("its 8 frames span %1 on t").arg(span)),
               qPrintable(d->contentText()));
    }
  }

  void sweepWritesExactlyNFrames() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString gif = dir.filePath(QStringLiteral("delta.gif"));
    QProcess cli;
    cli.start(QStringLiteral(ROPELAB_CLI),
              {QStringLiteral("figure"), QStringLiteral("--view"), QStringLiteral("layout"),
               QStringLiteral("--variant"), QStringLiteral("videorope"), QStringLiteral("--size"),
               QStringLiteral("320x240"), QStringLiteral("--sweep"),
               QStringLiteral("delta:0.5:3:6"), QStringLiteral("--out"), gif});
    QVERIFY(cli.waitForFinished(240000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    QCOMPARE(teaching::gif_frame_count(gif), 6);
    const QString seq = dir.filePath(QStringLiteral("frames")) + QLatin1Char('/');
    cli.start(QStringLiteral(ROPELAB_CLI),
              {QStringLiteral("figure"), QStringLiteral("--view"), QStringLiteral("allocation"),
               QStringLiteral("--variant"), QStringLiteral("mrope"), QStringLiteral("--size"),
               QStringLiteral("320x240"), QStringLiteral("--sweep"),
               QStringLiteral("frames:1:64:4"), QStringLiteral("--out"), seq});
    QVERIFY(cli.waitForFinished(240000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    QCOMPARE(QDir(seq).entryList({QStringLiteral("frame_*.png")}, QDir::Files).size(), 4);
    cli.start(QStringLiteral(ROPELAB_CLI),
              {QStringLiteral("figure"), QStringLiteral("--view"), QStringLiteral("layout"),
               QStringLiteral("--sweep"), QStringLiteral("nope:1:2:3"), QStringLiteral("--out"),
               dir.filePath(QStringLiteral("x.gif"))});
    QVERIFY(cli.waitForFinished(240000));
    QCOMPARE(cli.exitCode(), 2);
    QVERIFY(cli.readAllStandardError().contains("--sweep"));
  }

  // The wave-2 papers' figures: each opens, draws core's data with its own widget, every
  // {placeholder} of its words shows core's value, and the allocation map's pixels are the axes'
  // colours, NoPE hatching and unrotated grey where core says.
  void wave2FiguresShowCoresNumbers() {
    const QJsonObject words = [] {
      QFile file(QStringLiteral(":/teaching/figures.json"));
      file.open(QIODevice::ReadOnly);
      return QJsonDocument::fromJson(file.readAll())
          .object()
          .value(QStringLiteral("figures"))
          .toObject();
    }();
    const QRegularExpression placeholder(QStringLiteral("\\{([A-Za-z0-9_\\-]+)\\}"));
    for (const QString& id :
         {QStringLiteral("hope-qk-distance"), QStringLiteral("circle-rope-distance"),
          QStringLiteral("v2pe-span"), QStringLiteral("allocation-map")}) {
      teaching::PaperFigureDialog* d = open(id);
      QVERIFY2(d, qPrintable(id));
      const FigureData core = figure_data(*find_paper_figure(id.toStdString()));
      const QString caption = d->captionText() + QLatin1Char('\n') + d->contentText();
      const QJsonObject w = words.value(id).toObject();
      QStringList texts;
      for (const char* key : {"claim", "computes", "lookAt"})
        texts << w.value(QLatin1String(key)).toString();
      const QJsonObject named = w.value(QStringLiteral("texts")).toObject();
      for (auto it = named.begin(); it != named.end(); ++it) texts << it.value().toString();
      int checked = 0;
      for (const QString& text : texts) {
        for (auto m = placeholder.globalMatch(text); m.hasNext();) {
          const std::string key = m.next().captured(1).toStdString();
          QVERIFY2(core.values.count(key), key.c_str());
          QVERIFY2(caption.contains(QString::fromStdString(core.values.at(key))),
                   qPrintable(id + QStringLiteral(": ") + QString::fromStdString(key)));
          ++checked;
        }
        // The whole filled paragraph is in the dialog: no number but core's.
        QVERIFY2(caption.simplified().contains(
                     QString::fromStdString(fill_template(text.toStdString(), core.values))
                         .simplified()),
                 qPrintable(text));
      }
      QVERIFY2(checked >= 4, qPrintable(id));
      for (const FigureBlock& b : core.blocks) {
        if (const auto* c = std::get_if<FigureChart>(&b)) {
          auto* plot =
              d->content()->findChild<teaching::ChartPlot*>(QString::fromStdString(c->name));
          QVERIFY2(plot, c->name.c_str());
          QCOMPARE(plot->chart().curves.size(), c->curves.size());
          for (std::size_t i = 0; i < c->curves.size(); ++i)
            QVERIFY(plot->chart().curves[i].points == c->curves[i].points);
        }
      }
    }
    // Numbers read from the spec's definitions (independent of the figure code).
    teaching::PaperFigureDialog* d = open(QStringLiteral("circle-rope-distance"));
    QVERIFY(d->captionText().contains(QStringLiteral("10.149")));  // sqrt(3 + 10^2)
    QTableWidget* t = d->table(QStringLiteral("circleTable"));
    QVERIFY(t);
    QCOMPARE(cell(t, 0, 5), QStringLiteral("0.000"));
    QCOMPARE(cell(t, 2, 3), QStringLiteral("1.732"));  // mrope: sqrt(1 + 1 + 1)
    d = open(QStringLiteral("v2pe-span"));
    QVERIFY(d->captionText().contains(QStringLiteral("4,159")));  // ceil(31 + 16384/4) + 32
    QVERIFY(d->setParam(QStringLiteral("frames"), 2));
    QVERIFY(d->captionText().contains(QStringLiteral("191")));  // ceil(31 + 512/4) + 32
    QVERIFY(d->captionText().contains(QStringLiteral("575")));  // vanilla: 32 + 512 + 32 - 1
    d = open(QStringLiteral("allocation-map"));
    auto* map =
        d->content()->findChild<teaching::AllocationMapPlot*>(QStringLiteral("allocationMap"));
    QVERIFY(map);
    QCOMPARE(map->map().rows.size(), all_variants().size());  // every registered variant
    const QImage image = map->grab().toImage();
    const auto row_of = [&](const std::string& id) {
      for (std::size_t i = 0; i < map->map().rows.size(); ++i)
        if (map->map().rows[i].variant == id) return static_cast<int>(i);
      return -1;
    };
    const auto pixel = [&](int row, int head, int slot) {
      const QRectF r = map->cellRect(row, head, slot);
      return image.pixelColor(r.center().toPoint());
    };
    QCOMPARE(pixel(row_of("mrope"), 0, 0), teaching::axis_name_color("t"));   // pairs 0-15 t
    QCOMPARE(pixel(row_of("mrope"), 0, 20), teaching::axis_name_color("h"));  // 16-39 h
    QCOMPARE(pixel(row_of("videorope"), 0, 63), teaching::axis_name_color("t"));
    QCOMPARE(pixel(row_of("vanilla"), 0, 30), teaching::axis_name_color("p"));
    QCOMPARE(pixel(row_of("glm4v"), 0, 40), QColor(190, 190, 190));  // dims 64-127 unrotated
    QCOMPARE(pixel(row_of("mhrope"), 0, 10), teaching::axis_name_color("t"));  // head 0 t
    QCOMPARE(pixel(row_of("mhrope"), 7, 10), teaching::axis_name_color("w"));  // head 7 w
    // HoPE's pairs 48-63: NoPE hatching (light fill with dark diagonal lines), never an axis
    // colour.
    int light = 0, dark = 0;
    const QRectF nope =
        map->cellRect(row_of("hope"), 0, 48).united(map->cellRect(row_of("hope"), 0, 63));
    for (int x = static_cast<int>(nope.left()) + 1; x < nope.right() - 1; ++x) {
      const QColor c = image.pixelColor(x, static_cast<int>(nope.center().y()));
      if (c == QColor(250, 250, 250)) ++light;
      if (c == QColor(110, 110, 110)) ++dark;
    }
    QVERIFY2(light > 10 && dark > 3, qPrintable(QStringLiteral("%1 %2").arg(light).arg(dark)));
  }

  // LinePlot's log x axis (VideoRoPE Fig. 4 (a) and (b) together) labels its decades as the
  // charts do, 1, 10, ... 1e5, and the last label, whose tick is 20 px from the widget's right
  // edge, is moved inside instead of cut there ("100000" was). Measured with pdftotext -bbox on
  // the plot printed to a page of its own size.
  void linePlotLogAxisLabelsStayInside() {
    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
      QSKIP("pdftotext (poppler-utils) is not installed");
    FigurePlot figure{"logPlot", "", "position t (log)", "cos", "", {}, {}, true};
    FigureSeries series;
    series.label = "cos(t / 100)";
    for (int i = 0; i <= 50; ++i) {
      const double t = std::pow(10.0, i / 10.0);  // 1 .. 1e5
      series.points.emplace_back(t, std::cos(t / 100));
    }
    figure.series.push_back(series);
    teaching::LinePlot plot;
    plot.setPlot(figure);
    plot.resize(640, 360);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString pdf = dir.filePath(QStringLiteral("plot.pdf"));
    {
      QPdfWriter writer(pdf);
      writer.setResolution(96);  // one widget pixel = 0.75 pt: the page is 480 pt wide
      writer.setPageSize(QPageSize(QSizeF(480, 270), QPageSize::Point));
      writer.setPageMargins(QMarginsF());
      QPainter painter(&writer);
      plot.render(&painter);
    }
    QProcess tool;
    tool.start(QStringLiteral("pdftotext"), {QStringLiteral("-bbox"), pdf, QStringLiteral("-")});
    QVERIFY(tool.waitForFinished(60000));
    QCOMPARE(tool.exitCode(), 0);
    static const QRegularExpression wordRe(QStringLiteral(
        "<word xMin=\"([0-9.-]+)\" yMin=\"[0-9.-]+\" xMax=\"([0-9.-]+)\" [^>]*>([^<]*)</word>"));
    QStringList labels, outside;
    for (auto it = wordRe.globalMatch(QString::fromUtf8(tool.readAllStandardOutput()));
         it.hasNext();) {
      const auto m = it.next();
      labels << m.captured(3);
      if (m.captured(1).toDouble() < -0.5 || m.captured(2).toDouble() > 480.5)
        outside << m.captured(3);
    }
    for (const char* decade : {"1", "10", "100", "1000", "1e4", "1e5"})
      QVERIFY2(labels.contains(QLatin1String(decade)), qPrintable(labels.join(QLatin1Char(' '))));
    QVERIFY2(outside.isEmpty(), qPrintable(outside.join(QLatin1Char(' '))));
  }

  // The wave-2 entries render headless at both window sizes.
  void wave2FiguresRenderHeadless() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const QString& id :
         {QStringLiteral("hope-qk-distance"), QStringLiteral("circle-rope-distance"),
          QStringLiteral("v2pe-span"), QStringLiteral("allocation-map")}) {
      const QString file = dir.filePath(id + QStringLiteral(".png"));
      QProcess app;
      app.start(QStringLiteral(ROPELAB_APP),
                {QStringLiteral("--paper-figure"), id, QStringLiteral("--screenshot"), file,
                 QStringLiteral("--size"), QStringLiteral("1280x800")});
      QVERIFY2(app.waitForFinished(120000), qPrintable(id));
      QCOMPARE(app.exitCode(), 0);
      const QImage image(file);
      QVERIFY2(!image.isNull(), qPrintable(id));
      QVERIFY(image.width() > 1280 + 1000);  // the main window and the figure beside it
    }
  }

  // ropelab-cli figure --paper-figure ID --sweep KEY:FROM:TO:N sweeps an entry's slider: exactly
  // N frames, each different from the one before; a value off the slider's steps exits 2.
  void paperFigureSweepWritesNDifferentFrames() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString seq = dir.filePath(QStringLiteral("rotation")) + QLatin1Char('/');
    QProcess cli;
    cli.start(
        QStringLiteral(ROPELAB_CLI),
        {QStringLiteral("figure"), QStringLiteral("--paper-figure"),
         QStringLiteral("teaching:rotation"), QStringLiteral("--size"), QStringLiteral("900x700"),
         QStringLiteral("--sweep"), QStringLiteral("m:0:32:5"), QStringLiteral("--out"), seq});
    QVERIFY(cli.waitForFinished(240000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    const QStringList frames =
        QDir(seq).entryList({QStringLiteral("frame_*.png")}, QDir::Files, QDir::Name);
    QCOMPARE(frames.size(), 5);
    QImage previous;
    for (const QString& name : frames) {
      const QImage image = QImage(QDir(seq).filePath(name)).convertToFormat(QImage::Format_RGB32);
      QCOMPARE(image.size(), QSize(900, 700));
      if (!previous.isNull())
        QVERIFY2(image != previous, qPrintable(name + " equals the frame before"));
      previous = image;
    }
    const QString gif = dir.filePath(QStringLiteral("fig3b.gif"));
    cli.start(
        QStringLiteral(ROPELAB_CLI),
        {QStringLiteral("figure"), QStringLiteral("--paper-figure"), QStringLiteral("vrope-fig3b"),
         QStringLiteral("--size"), QStringLiteral("640x480"), QStringLiteral("--sweep"),
         QStringLiteral("T:1:64:8"), QStringLiteral("--out"), gif});
    QVERIFY(cli.waitForFinished(240000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    QCOMPARE(teaching::gif_frame_count(gif), 8);
    // 7 frames from 0 to 32 would set m = 5.33: refused, not rounded.
    cli.start(QStringLiteral(ROPELAB_CLI),
              {QStringLiteral("figure"), QStringLiteral("--paper-figure"),
               QStringLiteral("teaching:rotation"), QStringLiteral("--sweep"),
               QStringLiteral("m:0:32:7"), QStringLiteral("--out"), dir.filePath("x.gif")});
    QVERIFY(cli.waitForFinished(240000));
    QCOMPARE(cli.exitCode(), 2);
    QVERIFY(cli.readAllStandardError().contains("steps of 1"));
    QVERIFY(!QFile::exists(dir.filePath("x.gif")));
    cli.start(QStringLiteral(ROPELAB_CLI),
              {QStringLiteral("figure"), QStringLiteral("--paper-figure"),
               QStringLiteral("teaching:rotation"), QStringLiteral("--sweep"),
               QStringLiteral("base:1:2:3"), QStringLiteral("--out"), dir.filePath("y.gif")});
    QVERIFY(cli.waitForFinished(240000));
    QCOMPARE(cli.exitCode(), 2);
    QVERIFY(cli.readAllStandardError().contains("m, n, pair"));
  }

  void allocationAndNeedleEntries() {
    teaching::PaperFigureDialog* d = open(QStringLiteral("teaching:allocation"));
    QVERIFY(d);
    const QString text = d->contentText();
    for (const Variant* v : all_variants())
      QVERIFY2(text.contains(QString::fromStdString(std::string(v->id()))), qPrintable(text));
    QVERIFY(d->captionText().contains(QStringLiteral("160.1")));
    QVERIFY(d->captionText().contains(QStringLiteral("198.7")));
    // Every pair (temporal_only 0) includes pairs that do not rotate (HoPE's NoPE, λ = ∞): the
    // other ticks still spread over the log axis instead of collapsing onto its left edge.
    QVERIFY(d->setParam(QStringLiteral("temporal_only"), 0));
    auto* strips = d->content()->findChild<teaching::StripPlot*>();
    QVERIFY(strips);
    bool infinite = false;
    for (const FigureStrip& s : strips->strips().strips)
      for (double w : s.wavelengths) infinite = infinite || !std::isfinite(w);
    QVERIFY(infinite);
    const QImage image = strips->grab().toImage().convertToFormat(QImage::Format_RGB32);
    int colouredColumns = 0;
    for (int x = 0; x < image.width(); ++x) {
      bool coloured = false;
      // The top half: variant rows only (the colour legend is at the bottom).
      for (int y = 0; y < image.height() / 2 && !coloured; ++y) {
        const QColor c(image.pixel(x, y));
        coloured =
            std::max({c.red(), c.green(), c.blue()}) - std::min({c.red(), c.green(), c.blue()}) >
            80;
      }
      colouredColumns += coloured ? 1 : 0;
    }
    QVERIFY2(
        colouredColumns > 60,  // 64 pairs, 2 px ticks; collapsed onto one x: ~2 columns
        qPrintable(QStringLiteral("%1 of %2 columns").arg(colouredColumns).arg(image.width())));
    d = open(QStringLiteral("teaching:needle"));
    QVERIFY(d->table(QStringLiteral("needleTable")));
    QVERIFY(d->contentText().contains(QStringLiteral("recency")));
    d = open(QStringLiteral("vrope-fig3b"));
    QVERIFY(d->setParam(QStringLiteral("T"), 40));
    QTableWidget* gaps = d->table(QStringLiteral("diagonalGaps"));
    QVERIFY(gaps);
    QCOMPARE(cell(gaps, 1, 0), QStringLiteral("vrope"));
    QCOMPARE(cell(gaps, 1, 3), QStringLiteral("equal"));
  }

  void formulaPanelFollowsTheVariant() {
    teaching::FormulaPanel* panel = teaching_->formulaPanel();
    const QString before = panel->text();
    QVERIFY2(before.contains(QStringLiteral("videorope")), qPrintable(before));
    app::SceneParameters p = window_->parameters();
    p.variants = QStringList{QStringLiteral("mrope")};
    window_->setParameters(p);
    QVERIFY(window_->waitForIdle(60000));
    const QString after = panel->text();
    QVERIFY(after != before);
    QVERIFY2(after.contains(QStringLiteral("pairs 0–15 read t")), qPrintable(after));
    // Proper symbols, not ASCII: subscripts and δ in the position design.
    QVERIFY(after.contains(QStringLiteral("θj = base−2j/D")));
    QVERIFY2(after.contains(QStringLiteral("16 pairs: 0–15")), qPrintable(after));
    panel->setToken(20);
    QTableWidget* pairs = panel->pairTable();
    QCOMPARE(pairs->rowCount(), 64);
    const QString tip = pairs->item(15, 0)->toolTip();
    QVERIFY2(tip.contains(QStringLiteral("pair 15")) && tip.contains(QStringLiteral("mod 2π")) &&
                 tip.contains(QStringLiteral("reads axis t")),
             qPrintable(tip));
    QVERIFY(!pairs->item(15, 5)->text().isEmpty());
    QVERIFY(panel->text().contains(QStringLiteral("token 20")));
  }

  void formulaSymbolsAndStrides() {
    QCOMPARE(teaching::math_html(QStringLiteral("t = s0 + delta*f, h - floor((H-1)/2)")),
             QStringLiteral("t = s<sub>0</sub> + δ·f, h − ⌊(H−1)/2⌋"));
    QCOMPARE(teaching::math_html(QStringLiteral("theta_j = base^(-2j/D)")),
             QStringLiteral("θ<sub>j</sub> = base<sup>−2j/D</sup>"));
    // Qwen3's t axis: every third pair plus 60–63, not "every 2th".
    app::SceneParameters p = window_->parameters();
    p.variants = QStringList{QStringLiteral("qwen3-mrope")};
    p.split.clear();
    window_->setParameters(p);
    QVERIFY(window_->waitForIdle(60000));
    const QString text = teaching_->formulaPanel()->text();
    QVERIFY2(!text.contains(QStringLiteral("2th")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("60–63")), qPrintable(text));
  }

  void presentationModeEnlargesAndRestores() {
    const double before = QApplication::font().pointSizeF();
    teaching_->startTour();
    QAction* action = teaching_->presentationAction();
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    action->trigger();
    QVERIFY(teaching_->presentationMode());
    QVERIFY(QApplication::font().pointSizeF() >= std::max(14.0, before * 1.6) - 0.01);
    QApplication::processEvents();
    // Sizes fixed to the font follow it: the frequency summary's two lines, the property
    // table's rows and header, the attention canvas' room (else compare panels squash it).
    auto* summary = window_->findChild<QLabel*>(QStringLiteral("frequencySummary"));
    QVERIFY(summary);
    QVERIFY2(summary->height() >= 2 * summary->fontMetrics().lineSpacing(),
             qPrintable(QStringLiteral("summary %1 px high").arg(summary->height())));
    QTableWidget* table = window_->propertyTable();
    QVERIFY(table);
    QVERIFY(table->verticalHeader()->defaultSectionSize() > table->fontMetrics().height());
    QVERIFY(table->horizontalHeader()->font().pointSizeF() > before);
    auto* canvas = window_->findChild<QWidget*>(QStringLiteral("attentionCanvas0"));
    QVERIFY(canvas);
    QVERIFY(canvas->minimumSizeHint().height() >= 17 * canvas->fontMetrics().height());
    // Every lesson's text fits its box at the projector font; the title stays larger.
    for (int i = 0; i < teaching_->tour()->count(); ++i) {
      teaching_->tour()->go(i);
      QVERIFY(window_->waitForIdle(60000));
      QApplication::processEvents();
      QVERIFY2(teaching_->tour()->textFits(), qPrintable(teaching_->tour()->lesson(i).title));
      // The text box is not slid under the "look at" line.
      auto* text = teaching_->tour()->findChild<QWidget*>(QStringLiteral("tourText"));
      auto* look = teaching_->tour()->findChild<QLabel*>(QStringLiteral("tourLookAt"));
      QVERIFY(text && look);
      QVERIFY2(text->geometry().bottom() < look->geometry().top(),
               qPrintable(teaching_->tour()->lesson(i).title));
      auto* title = teaching_->tour()->findChild<QLabel*>(QStringLiteral("tourTitle"));
      QVERIFY(title && title->font().pointSizeF() > QApplication::font().pointSizeF());
    }
    action->trigger();
    QVERIFY(!teaching_->presentationMode());
    QCOMPARE(QApplication::font().pointSizeF(), before);
  }

  void definitionsDiffListsDifferingTokens() {
    teaching::DefinitionsDiffWindow* w = teaching_->openDefinitionsDiff();
    w->setVariant(QStringLiteral("videorope"));
    QVERIFY(w->diff());
    QVERIFY(!w->diff()->tokens.empty());
    QCOMPARE(w->tokenTable()->rowCount(), static_cast<int>(w->diff()->tokens.size()));
    QVERIFY(w->summary().contains(QStringLiteral("tokens")));
    w->setVariant(QStringLiteral("vrope"));
    QVERIFY(w->diff());
    QVERIFY2(!w->diff()->pairs.empty() || !w->diff()->tokens.empty(), "vrope: no difference");
    // Qwen2.5-VL: transformers' float32 time, exact time and the early cast side by side; at
    // 25 tokens per second and 0.08 s per frame the float32 reading floors token 6 to 10.
    w->setVariant(QStringLiteral("qwen25-mrope"));
    QVERIFY(w->diff());
    QCOMPARE(w->diff()->readings.size(), std::size_t{3});
    QCOMPARE(w->diff()->readings[0].encoding.id(0, 6), 10.0);
    QCOMPARE(w->diff()->readings[1].encoding.id(0, 6), 11.0);
    QVERIFY(!w->diff()->readings[1].tokens.empty());
    for (const char* label : {"float32", "--exact-time", "--early-cast"}) {
      QVERIFY2(w->summary().contains(QLatin1String(label)), label);
    }
    // The wave-2 variants compare the code with their own second definition, named in the
    // summary and the table's header; ERNIE's port differs on its own scene (T > max(H, W)).
    const std::pair<const char*, const char*> seconds[] = {{"ernie45-vl", "transformers port"},
                                                           {"v2pe", "Multimodal-RoPEs"},
                                                           {"hope", "Multimodal-RoPEs"}};
    for (const auto& [id, title] : seconds) {
      w->setVariant(QLatin1String(id));
      QVERIFY2(w->diff(), qPrintable(w->summary()));
      QVERIFY2(!w->diff()->tokens.empty() || !w->diff()->pairs.empty(), id);
      QVERIFY2(w->summary().contains(QLatin1String(title)), qPrintable(w->summary()));
      QCOMPARE(w->tokenTable()->horizontalHeaderItem(3)->text(),
               QString::fromLatin1(title) + " ids");
    }
    w->setVariant(QStringLiteral("glm4v"));
    QVERIFY(w->diff());
    QCOMPARE(w->diff()->tokens.size(), std::size_t{0});
    QVERIFY(w->summary().contains(QStringLiteral("one definition")));
  }

  void qkExplainerShowsWhyZeroMeanHasNoBias() {
    teaching::QkExplainer* q = teaching_->openQkExplainer();
    QTableWidget* t = q->table();
    QCOMPARE(t->rowCount(), 3);
    QCOMPARE(cell(t, 0, 3).toDouble(), 1.0);            // ones vs itself
    QVERIFY(std::abs(cell(t, 1, 3).toDouble()) < 0.6);  // zero mean: no positional shape
    QVERIFY(cell(t, 2, 3).toDouble() > 0.8);            // mean shift: it comes back
    QVERIFY(q->text().contains(QStringLiteral("no positional bias")));
  }

  void distractorProxyCompletesOffThread() {
    teaching::DistractorDialog* d = teaching_->openDistractor();
    d->setVariant(QStringLiteral("videorope"));
    d->run();
    QVERIFY(d->busy());  // the UI thread is free while it computes
    QTRY_VERIFY_WITH_TIMEOUT(!d->busy(), 120000);
    QApplication::processEvents();
    QVERIFY(d->heatmap()->hasResult());
    QCOMPARE(d->heatmap()->result().accuracy.rows(), 6);
    QVERIFY(d->heatmap()->proxyLabel().contains(QStringLiteral("proxy")));
    QVERIFY(d->status().contains(QStringLiteral("Computed")));
  }
};

ROPELAB_GUI_TEST_MAIN(TeachingTest)
#include "tst_teaching.moc"
