#include "app/gui/teaching.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <algorithm>
#include <cstdio>

#include "app/gui/main_window.h"
#include "app/gui/teaching_figures.h"
#include "app/gui/teaching_panels.h"
#include "views/image_export.h"
#include "views/layout_view.h"

// The teaching resources live in the static ropelab_app library: register them explicitly.
static void init_teaching_resources() {
  Q_INIT_RESOURCE(teaching);
}

namespace ropelab::teaching {

Teaching::Teaching(app::MainWindow& window) : QObject(&window), window_(window) {
  setObjectName(QStringLiteral("teaching"));
  init_teaching_resources();

  formula_ = new FormulaPanel(&window);
  formulaDock_ = new QDockWidget(tr("Formula"), &window);
  formulaDock_->setObjectName(QStringLiteral("formulaDock"));
  formulaDock_->setWidget(formula_);
  // Left, under the parameters: the right column is full of views already.
  window.addDockWidget(Qt::LeftDockWidgetArea, formulaDock_);
  formulaDock_->hide();

  tour_ = new TourController(window, &window);
  tourDock_ = new QDockWidget(tr("Guided tour"), &window);
  tourDock_->setObjectName(QStringLiteral("tourDock"));
  tourDock_->setWidget(tour_);
  window.addDockWidget(Qt::LeftDockWidgetArea, tourDock_);
  tourDock_->hide();
  // Closing the tour clears the lesson's highlight.
  connect(tourDock_, &QDockWidget::visibilityChanged, this, [this](bool visible) {
    if (!visible && tourDock_->isHidden()) tour_->stop();
  });

  QMenu* figures = window.menuBar()->addMenu(tr("Paper &figures"));
  figures->setObjectName(QStringLiteral("paperFiguresMenu"));
  bool teachingEntries = false;
  for (const PaperFigure& f : paper_figures()) {
    const QString id = QString::fromStdString(f.id);
    if (f.teaching && !teachingEntries) {
      figures->addSeparator();
      teachingEntries = true;
    }
    QAction* action = figures->addAction(QString::fromStdString(f.title));
    action->setObjectName(QStringLiteral("figure:") + id);
    action->setToolTip(figure_words(id).claim);
    connect(action, &QAction::triggered, this, [this, id] { openFigure(id); });
    if (f.view == FigureView::Properties) figures->addSeparator();
  }

  QMenu* teach = window.menuBar()->addMenu(tr("&Teaching"));
  teach->setObjectName(QStringLiteral("teachingMenu"));
  QAction* tour = teach->addAction(tr("Guided tour"), this, &Teaching::startTour);
  tour->setObjectName(QStringLiteral("teaching:tour"));
  tour->setShortcut(QKeySequence(Qt::Key_F1));
  QAction* formula = formulaDock_->toggleViewAction();
  formula->setText(tr("Formula panel"));
  formula->setObjectName(QStringLiteral("teaching:formula"));
  formula->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
  teach->addAction(formula);
  presentation_ = teach->addAction(tr("Presentation mode"));
  presentation_->setObjectName(QStringLiteral("teaching:present"));
  presentation_->setCheckable(true);
  presentation_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
  presentation_->setShortcutContext(Qt::ApplicationShortcut);
  connect(presentation_, &QAction::toggled, this, &Teaching::setPresentationMode);
  teach->addSeparator();
  teach->addAction(tr("Definitions diff: paper vs code…"), this, &Teaching::openDefinitionsDiff)
      ->setObjectName(QStringLiteral("teaching:diff"));
  teach->addAction(tr("The q/k model explained…"), this, &Teaching::openQkExplainer)
      ->setObjectName(QStringLiteral("teaching:qk"));
  teach
      ->addAction(tr("Distractor retrieval (training-free proxy)…"), this,
                  &Teaching::openDistractor)
      ->setObjectName(QStringLiteral("teaching:distractor"));

  connect(&window, &app::MainWindow::resultApplied, this, &Teaching::onResult);
  // Which scene each max/min comes from (the table and the attention panel differ on purpose).
  if (auto* properties = window.findChild<QDockWidget*>(QStringLiteral("propertiesDock"))) {
    properties->setToolTip(
        tr("Structure, symmetry and seamlessness: probe scenes text 4 · video T×5×5 · text 4 "
           "(T = 8 and 16). 'Unbiased' and its max/min: the default scene text 4 · video 8×4×4 · "
           "text 4 at the current base, all-ones q/k. The Attention dock's max/min is computed on "
           "the main window's own scene, so the two differ. Paper figures ▸ properties shows the "
           "papers' own marks and the base dependence."));
  }
}

void Teaching::onResult() {
  const app::ComputeResult* result = window_.currentResult();
  if (!result || result->variants.empty()) return;
  formula_->setEncoding(result->variants.front().encoding);
  for (int i = 0; i < window_.layoutPanelCount(); ++i) {
    connect(window_.layoutView(i), &views::LayoutView::tokenPicked, formula_,
            &FormulaPanel::onTokenPicked, Qt::UniqueConnection);
  }
}

void Teaching::setPresentationMode(bool on) {
  if (on == presenting_) return;
  presenting_ = on;
  {
    const QSignalBlocker block(presentation_);
    presentation_->setChecked(on);
  }
  if (on) {
    savedFont_ = QApplication::font();
    QFont big = savedFont_;
    big.setPointSizeF(std::max(14.0, savedFont_.pointSizeF() * 1.6));
    QApplication::setFont(big);
  } else {
    QApplication::setFont(savedFont_);
  }
  // Docks sized to their content: the tour and formula columns as wide as their text needs.
  QList<QDockWidget*> docks;
  QList<int> widths;
  for (QDockWidget* d : {tourDock_, formulaDock_}) {
    if (d->isVisible()) {
      docks << d;
      widths << (on ? std::max(d->widget()->sizeHint().width(), 560) : 360);
    }
  }
  if (!docks.isEmpty()) window_.resizeDocks(docks, widths, Qt::Horizontal);
  if (figures_ && figures_->isVisible()) {
    if (on) figures_->resize(1900, 1040);
    figures_->fitCaption();
  }
}

PaperFigureDialog* Teaching::figureDialog() const {
  return figures_;
}

QAction* Teaching::figureAction(const QString& id) const {
  return window_.findChild<QAction*>(QStringLiteral("figure:") + id);
}

PaperFigureDialog* Teaching::openFigure(const QString& id) {
  if (!find_paper_figure(id.toStdString())) return nullptr;
  if (!figures_) figures_ = new PaperFigureDialog(&window_, &window_);
  figures_->show();
  figures_->raise();
  figures_->showFigure(id);
  return figures_;
}

void Teaching::startTour() {
  tourDock_->show();
  tourDock_->raise();
  tour_->start();
}

DefinitionsDiffWindow* Teaching::openDefinitionsDiff() {
  if (!diff_) diff_ = new DefinitionsDiffWindow(&window_, &window_);
  diff_->show();
  diff_->raise();
  return diff_;
}

QkExplainer* Teaching::openQkExplainer() {
  delete qk_;  // recomputed on the current scene every time
  qk_ = new QkExplainer(&window_, &window_);
  qk_->show();
  return qk_;
}

DistractorDialog* Teaching::openDistractor() {
  if (!distractor_) distractor_ = new DistractorDialog(&window_);
  distractor_->show();
  distractor_->raise();
  return distractor_;
}

Teaching* install(app::MainWindow& window) {
  if (Teaching* existing = find(window)) return existing;
  return new Teaching(window);
}

Teaching* find(const app::MainWindow& window) {
  return window.findChild<Teaching*>(QStringLiteral("teaching"), Qt::FindDirectChildrenOnly);
}

int run_teaching(app::MainWindow& window, const QString& id,
                 const std::optional<QString>& screenshot, QSize size) {
  window.resize(size);
  window.show();
  window.waitForIdle(600000);
  Teaching* t = install(window);
  QWidget* extra = nullptr;
  const QStringList parts = id.split(QLatin1Char(':'));
  const QString panel = parts.value(1);
  if (parts.value(0) == QLatin1String("teaching") && !find_paper_figure(id.toStdString())) {
    if (panel == QLatin1String("tour")) {
      t->startTour();
      t->tour()->go(parts.value(2, QStringLiteral("1")).toInt() - 1);
      if (t->tour()->highlighted().startsWith(QLatin1String("figure:"))) extra = t->figureDialog();
    } else if (panel == QLatin1String("present")) {
      t->startTour();
      t->setPresentationMode(true);
      t->tour()->go(parts.value(2, QStringLiteral("1")).toInt() - 1);
      if (t->tour()->highlighted().startsWith(QLatin1String("figure:"))) extra = t->figureDialog();
    } else if (panel == QLatin1String("formula")) {
      t->formulaDock()->show();
      window.waitForIdle(600000);
      t->formulaPanel()->setToken(parts.value(2, QStringLiteral("20")).toLong());
    } else if (panel == QLatin1String("diff")) {
      DefinitionsDiffWindow* d = t->openDefinitionsDiff();
      if (parts.size() > 2) d->setVariant(parts.value(2));
      extra = d;
    } else if (panel == QLatin1String("qk")) {
      extra = t->openQkExplainer();
    } else if (panel == QLatin1String("distractor")) {
      DistractorDialog* d = t->openDistractor();
      if (parts.size() > 2) d->setVariant(parts.value(2));
      d->run();
      while (d->busy()) QApplication::processEvents(QEventLoop::AllEvents, 50);
      QApplication::processEvents();
      extra = d;
    } else {
      std::fprintf(stderr, "ropelab: unknown teaching panel '%s'\n", qPrintable(panel));
      return 2;
    }
  } else {
    extra = t->openFigure(id);
    if (!extra) {
      QStringList ids;
      for (const PaperFigure& f : paper_figures()) ids << QString::fromStdString(f.id);
      std::fprintf(stderr, "ropelab: unknown figure '%s'; known: %s\n", qPrintable(id),
                   qPrintable(ids.join(QStringLiteral(", "))));
      return 2;
    }
  }
  window.waitForIdle(600000);
  // Let pending layouts settle (a dock the lesson grew) before the picture is taken.
  for (int i = 0; i < 3; ++i) {
    QApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QApplication::processEvents();
  }
  if (!screenshot) return QApplication::exec();
  const QImage main = views::render_widget(window, size);
  QImage image = main;
  if (extra) {
    const QImage side = views::render_widget(*extra, extra->size());
    image = QImage(main.width() + side.width() + 8, std::max(main.height(), side.height()),
                   QImage::Format_RGB32);
    image.fill(QColor(90, 90, 90));
    QPainter p(&image);
    p.drawImage(0, 0, main);
    p.drawImage(main.width() + 8, 0, side);
  }
  if (!views::save_image(image, *screenshot)) {
    std::fprintf(stderr, "ropelab: cannot write %s\n", qPrintable(*screenshot));
    return 1;
  }
  return 0;
}

}  // namespace ropelab::teaching
