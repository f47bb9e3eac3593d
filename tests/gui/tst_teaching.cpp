// The teaching features end to end: every Paper figures entry opens from its menu action and shows
// the numbers the papers' mechanism figures are about; the tour runs through every lesson with the
// arrow keys; the formula panel follows the variant; the definitions diff, the q/k explainer, the
// distractor proxy and the cited tables show what they promise.
#include <QAction>
#include <QDockWidget>
#include <QSettings>
#include <QTableWidget>
#include <QtTest>

#include "app/gui/main_window.h"
#include "app/gui/teaching.h"
#include "app/gui/teaching_figures.h"
#include "app/gui/teaching_panels.h"
#include "app/gui/teaching_widgets.h"
#include "gui_test_main.h"
#include "ropelab/registry.h"

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

  void figure6ShowsThreeLayouts() {
    teaching::PaperFigureDialog* d = open(QStringLiteral("videorope-fig6"));
    QVERIFY(d->table(QStringLiteral("layoutTable")));
    QCOMPARE(window_->layoutPanelCount(), 3);
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
    QCOMPARE(bias->rowCount(), 3);
    for (int r = 0; r < 3; ++r) QVERIFY(cell(bias, r, 1).toDouble() >= 1.0);
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
    QCOMPARE(t->rowCount(), 8);
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
    QVERIFY(tour->count() == 9);
    QVERIFY(teaching_->tourDock()->isVisible());
    QCOMPARE(tour->current(), 0);
    for (int i = 1; i < tour->count(); ++i) {
      QTest::keyClick(tour, Qt::Key_Right);
      QCOMPARE(tour->current(), i);
      QVERIFY(window_->waitForIdle(60000));
      QCOMPARE(window_->parameters().variants.front(), tour->lesson(i).variant);
      QVERIFY(!tour->highlighted().isEmpty());
    }
    QTest::keyClick(tour, Qt::Key_Right);  // stays on the last lesson
    QCOMPARE(tour->current(), tour->count() - 1);
    QTest::keyClick(tour, Qt::Key_Left);
    QCOMPARE(tour->current(), tour->count() - 2);
    QVERIFY(window_->waitForIdle(60000));
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
    QVERIFY2(after.contains(QStringLiteral("pairs 0-15 read t")), qPrintable(after));
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
