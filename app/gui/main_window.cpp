#include "app/gui/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSignalBlocker>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>
#include <utility>

#include "app/gui/actions.h"
#include "app/gui/labeled_slider.h"
#include "app/gui/parameter_panel.h"
#include "app/gui/session.h"
#include "app/gui/teaching.h"
#include "views/attention_view.h"
#include "views/charts_view.h"
#include "views/frequency_panels.h"
#include "views/frequency_view.h"
#include "views/image_export.h"
#include "views/layout_view.h"
#include "views/panel_grid.h"
#include "views/property_table.h"
#include "views/render_scale.h"

namespace ropelab::app {

namespace {

// Short computations finish before a progress bar would be noticed; only slow ones show it.
constexpr int kProgressDelayMs = 300;
// The status bar's compute/draw times follow a drag at this pace, not on every frame.
constexpr int kTimingUpdateMs = 250;
// Bumped whenever the default dock arrangement changes, so an old saved one is not restored.
constexpr int kDockStateVersion = 2;
// Narrower compare panels go two by two: their axes' labels would run into each other.
constexpr int kMinPanelWidth = 300;
// Resolution of slow 3-D views while a slider is dragged (see VtkView::setInteractive).
constexpr double kInteractiveRenderScale = 0.5;

QString format_ms(double ms) {
  return QString::number(ms, 'f', ms < 10 ? 1 : 0);
}

QPalette dark_palette() {
  QPalette p;
  const QColor window(45, 47, 52), base(32, 34, 38), text(225, 225, 225), accent(42, 130, 218);
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, base);
  p.setColor(QPalette::AlternateBase, window);
  p.setColor(QPalette::ToolTipBase, base);
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, window);
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::Highlight, accent);
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::Link, accent);
  p.setColor(QPalette::Disabled, QPalette::Text, QColor(130, 130, 130));
  p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(130, 130, 130));
  return p;
}

// The ids of the primary variant's last video token: the number the δ slider visibly moves.
QString scene_facts(const VariantResult& r) {
  const Encoding& e = *r.encoding;
  const TokenLayout& t = e.positions.tokens;
  long lastVideo = -1;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.modality[i] != Modality::Text) lastVideo = static_cast<long>(i);
  }
  QString text = QObject::tr("%1: %2 tokens, %3 pairs")
                     .arg(QString::fromStdString(std::string(e.variant->id())))
                     .arg(e.token_count())
                     .arg(e.pairs());
  if (lastVideo >= 0) {
    QStringList ids;
    for (std::size_t a = 0; a < e.axes().size(); ++a) {
      ids << QStringLiteral("%1=%2").arg(
          QString::fromStdString(e.axes()[a]),
          QString::number(e.id(static_cast<int>(a), static_cast<std::size_t>(lastVideo)), 'g', 7));
    }
    text += QObject::tr("\nlast video token %1: %2").arg(lastVideo).arg(ids.join(QLatin1Char(' ')));
  }
  text += QObject::tr("\ntemporal axis %1: %2 of %3 pairs wrap within extent %4")
              .arg(QString::fromStdString(r.collisions.axis_name))
              .arg(r.collisions.wrapping_pairs)
              .arg(r.collisions.pairs.size())
              .arg(QString::number(r.collisions.extent, 'g', 5));
  return text;
}

}  // namespace

MainWindow::MainWindow(const Options& options)
    : options_(options), model_(new AppModel(this)), actions_(new ActionRegistry(this)) {
  setWindowTitle(tr("RoPE Lab"));
  setWindowIcon(QIcon(QStringLiteral(":/icons/ropelab.svg")));
  setDockNestingEnabled(true);

  auto* central = new QWidget(this);
  auto* centralLayout = new QVBoxLayout(central);
  centralLayout->setContentsMargins(0, 0, 0, 0);
  centralLayout->setSpacing(0);
  banner_ = new QLabel(central);
  banner_->setObjectName(QStringLiteral("errorBanner"));
  banner_->setWordWrap(true);
  banner_->setStyleSheet(QStringLiteral(
      "QLabel { background: #fdecea; color: #611a15; border-bottom: 1px solid #f5c2c0; "
      "padding: 6px; }"));
  banner_->hide();
  centralLayout->addWidget(banner_);
  layoutArea_ = new QWidget(central);
  // A grid: compare panels sit side by side, or two by two when a row would make them too narrow.
  auto* panels = new QGridLayout(layoutArea_);
  panels->setContentsMargins(0, 0, 0, 0);
  panels->setSpacing(4);
  centralLayout->addWidget(layoutArea_, 1);
  setCentralWidget(central);

  buildDocks();
  buildStatusBar();
  resize(1600, 1000);
  if (options_.useSettings) restoreSettings();
  if (options_.parameters) model_->reset(*options_.parameters);
  // Presets, undo/redo, session, model import and export (app/gui/session.cpp); the session
  // restores the last state into the model.
  session_ = new SessionController(this, options_.useSettings && !options_.parameters);
  registerActions();
  buildMenus();
  teaching::install(*this);

  connect(&controller_, &ComputeController::finished, this, &MainWindow::applyResult);
  connect(&controller_, &ComputeController::progress, progress_, &QProgressBar::setValue);
  connect(&controller_, &ComputeController::busyChanged, this, [this](bool busy) {
    if (busy) {
      progressDelay_->start();
    } else {
      progressDelay_->stop();
      progress_->hide();
      cancel_->hide();
    }
  });
  // The model drives everything: compute, views, panel; the views' own controls send back.
  connect(model_, &AppModel::changed, this, [this] {
    attention_->setModel(model_->state().qkModel);
    applyView(model_->state().view);
    requestCompute();
  });
  connect(model_, &AppModel::dragChanged, this, &MainWindow::setInteractive);
  connect(attention_, &views::AttentionView::modelChanged, this,
          [this](views::QkModel model) { model_->setQkModel(model); });
  connect(frequency_, &views::FrequencyPanels::temporalOnlyChosen, this, [this](bool on) {
    ViewSettings view = model_->state().view;
    view.temporalPairsOnly = on;
    model_->setView(view);
  });
  connect(frequency_, &views::FrequencyPanels::surface3dChosen, this, [this](bool on) {
    ViewSettings view = model_->state().view;
    view.frequencySurface3d = on;
    model_->setView(view);
  });

  attention_->setModel(model_->state().qkModel);
  applyView(model_->state().view);
  setTheme(theme_);
  requestCompute();
}

void MainWindow::applyView(const ViewSettings& view) {
  for (views::LayoutView* layout : layouts_) {
    layout->setColorMode(view.colorByFrame ? views::LayoutView::ColorMode::Frame
                                           : views::LayoutView::ColorMode::Modality);
    layout->setWideAxes(view.layoutAxes);
  }
  if (frequency_->temporalOnly() != view.temporalPairsOnly)
    frequency_->setTemporalOnly(view.temporalPairsOnly);
  if (frequency_->surface3d() != view.frequencySurface3d)
    frequency_->setSurface3d(view.frequencySurface3d);
  updateSegmentChoices();
}

views::FrequencyView* MainWindow::frequencyView() const {
  return frequency_->panel(0);
}

QComboBox* MainWindow::segmentChoice(Dock which) const {
  switch (which) {
    case Dock::Attention:
      return attentionSegment_;
    case Dock::Frequency:
      return frequencySegment_;
    default:
      return nullptr;
  }
}

// A choice of the visual segment the attention and frequency views follow; both docks have one,
// both bound to the model (view.visualSegment).
QComboBox* MainWindow::makeSegmentChoice(const QString& name) {
  auto* box = new QComboBox(this);
  box->setObjectName(name);
  box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  box->setToolTip(
      tr("The image or video whose frames, tiles and extent these views show (auto: the first "
         "segment with the most frames)"));
  connect(box, &QComboBox::activated, this, [this, box](int index) {
    ViewSettings view = model_->state().view;
    view.visualSegment = box->itemData(index).toInt();
    model_->setView(view);
  });
  return box;
}

// Items: automatic (naming the segment it picks) and every visual segment of the scene.
void MainWindow::updateSegmentChoices() {
  const SceneParameters& p = model_->state();
  const auto describe = [&](int i) {
    const Segment& s = p.scene.segments[static_cast<std::size_t>(i)];
    // Numbered as the scene editor's list numbers them (from 1).
    return s.modality == Modality::Video
               ? tr("%1. video %2×%3×%4").arg(i + 1).arg(s.frames).arg(s.height).arg(s.width)
               : tr("%1. image %2×%3").arg(i + 1).arg(s.height).arg(s.width);
  };
  QStringList labels;
  QList<int> values;
  const int main = p.scene.main_visual_segment();
  labels << (main < 0 ? tr("auto") : tr("auto: %1").arg(describe(main)));
  values << -1;
  for (int i = 0; i < static_cast<int>(p.scene.segments.size()); ++i) {
    if (!p.scene.segments[static_cast<std::size_t>(i)].is_visual()) continue;
    labels << describe(i);
    values << i;
  }
  for (QComboBox* box : {attentionSegment_, frequencySegment_}) {
    const QSignalBlocker block(box);
    bool same = box->count() == labels.size();
    for (int i = 0; same && i < labels.size(); ++i)
      same = box->itemText(i) == labels[i] && box->itemData(i).toInt() == values[i];
    if (!same) {
      box->clear();
      for (int i = 0; i < labels.size(); ++i) box->addItem(labels[i], values[i]);
    }
    box->setCurrentIndex(std::max(0, box->findData(p.view.visualSegment)));
    // One visual segment (or none): nothing to choose.
    box->setEnabled(values.size() > 2);
  }
}

QDockWidget* MainWindow::dock(Dock which) const {
  switch (which) {
    case Dock::Parameters:
      return parametersDock_;
    case Dock::Attention:
      return attentionDock_;
    case Dock::Frequency:
      return frequencyDock_;
    case Dock::Properties:
      return propertiesDock_;
    case Dock::Charts:
      return chartsDock_;
  }
  return nullptr;
}

MainWindow::~MainWindow() = default;

void MainWindow::buildDocks() {
  const auto addDock = [this](const QString& title, const QString& name, QWidget* content,
                              Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(name);
    dock->setWidget(content);
    addDockWidget(area, dock);
    return dock;
  };
  panel_ = new ParameterPanel(model_, this);
  // The panel grows with the scene editor: it scrolls rather than pushing the window taller.
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(panel_);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  parametersDock_ =
      addDock(tr("Parameters"), QStringLiteral("parametersDock"), scroll, Qt::LeftDockWidgetArea);
  // Right column: attention on top (it needs the most room), the frequency surface and the
  // property table under it. Charts below the layout panels.
  attention_ = new views::AttentionView(this);
  attentionDock_ = addDock(tr("Attention"), QStringLiteral("attentionDock"), attention_,
                           Qt::RightDockWidgetArea);
  attentionSegment_ = makeSegmentChoice(QStringLiteral("attentionSegment"));
  attention_->addControl(attentionSegment_);
  frequency_ = new views::FrequencyPanels(this);
  frequencySegment_ = makeSegmentChoice(QStringLiteral("frequencySegment"));
  frequency_->addControl(frequencySegment_);
  frequencyDock_ = addDock(tr("Frequency surface"), QStringLiteral("frequencyDock"), frequency_,
                           Qt::RightDockWidgetArea);
  properties_ = new views::PropertyTable(this);
  propertiesDock_ = addDock(tr("Properties"), QStringLiteral("propertiesDock"), properties_,
                            Qt::RightDockWidgetArea);
  // The charts and, in compare mode, one legend of the variants under them (a narrow chart's own
  // legend has no room for the names).
  auto* chartsBox = new QWidget(this);
  auto* chartsColumn = new QVBoxLayout(chartsBox);
  chartsColumn->setContentsMargins(0, 0, 0, 0);
  chartsColumn->setSpacing(0);
  charts_ = new views::ChartsView(chartsBox);
  chartsColumn->addWidget(charts_, 1);
  chartsLegend_ = new views::VariantLegend(chartsBox);
  chartsLegend_->setObjectName(QStringLiteral("chartsLegend"));
  chartsLegend_->hide();
  chartsColumn->addWidget(chartsLegend_);
  chartsDock_ =
      addDock(tr("Charts"), QStringLiteral("chartsDock"), chartsBox, Qt::BottomDockWidgetArea);
  // Corners go to the side docks so the bottom charts do not squeeze the parameters.
  setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
  setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
}

// Dock sizes as fractions of the window, applied once it has its real size (first show) and by
// View > Reset layout: the same proportions read well from 1280x800 to 1920x1080 and beyond.
void MainWindow::applyDefaultDockSizes() {
  QDockWidget* parameters = parametersDock_;
  QDockWidget* attention = attentionDock_;
  QDockWidget* frequency = frequencyDock_;
  QDockWidget* properties = propertiesDock_;
  QDockWidget* charts = chartsDock_;
  const int w = width(), h = height();
  resizeDocks({parameters, attention},
              {std::clamp(w / 5, 300, 360), std::clamp(w * 7 / 20, 500, 680)}, Qt::Horizontal);
  const int propertiesHeight = properties_->sizeHint().height() + 28;
  const int rest = std::max(h - 80 - propertiesHeight, 300);
  resizeDocks({attention, frequency, properties},
              {rest * 57 / 100, rest * 43 / 100, propertiesHeight}, Qt::Vertical);
  resizeDocks({charts}, {std::clamp(h * 3 / 10, 240, 340)}, Qt::Vertical);
}

void MainWindow::buildStatusBar() {
  tokensLabel_ = new QLabel(this);
  tokensLabel_->setObjectName(QStringLiteral("tokensLabel"));
  timingLabel_ = new QLabel(this);
  timingLabel_->setObjectName(QStringLiteral("timingLabel"));
  timingLabel_->setMinimumWidth(timingLabel_->fontMetrics().horizontalAdvance(
      QStringLiteral("compute 0000 ms · draw 0000 ms")));
  pickLabel_ = new QLabel(this);
  pickLabel_->setObjectName(QStringLiteral("pickLabel"));
  progress_ = new QProgressBar(this);
  progress_->setMaximumWidth(160);
  progress_->setRange(0, 100);
  progress_->hide();
  cancel_ = new QPushButton(tr("Cancel"), this);
  cancel_->setToolTip(tr("Stop the running computation (Esc)"));
  cancel_->hide();
  connect(cancel_, &QPushButton::clicked, this, [this] {
    controller_.cancel();
    statusBar()->showMessage(tr("Computation cancelled; showing the last result."), 5000);
  });
  statusBar()->addWidget(pickLabel_, 1);
  statusBar()->addPermanentWidget(progress_);
  statusBar()->addPermanentWidget(cancel_);
  statusBar()->addPermanentWidget(tokensLabel_);
  statusBar()->addPermanentWidget(timingLabel_);
  timingUpdate_ = new QTimer(this);
  timingUpdate_->setSingleShot(true);
  timingUpdate_->setInterval(kTimingUpdateMs);
  connect(timingUpdate_, &QTimer::timeout, this, [this] {
    timingLabel_->setText(
        tr("compute %1 ms · draw %2 ms").arg(format_ms(lastComputeMs_), format_ms(lastRenderMs_)));
  });
  progressDelay_ = new QTimer(this);
  progressDelay_->setSingleShot(true);
  progressDelay_->setInterval(kProgressDelayMs);
  connect(progressDelay_, &QTimer::timeout, this, [this] {
    progress_->show();
    cancel_->show();
  });
}

void MainWindow::registerActions() {
  ActionRegistry* a = actions_;
  a->add(
      QStringLiteral("file.saveImage"), tr("Save window image…"), [this] { saveImageDialog(); },
      QKeySequence(Qt::CTRL | Qt::Key_E));
  a->add(
      QStringLiteral("file.quit"), tr("Quit"), [this] { close(); }, QKeySequence::Quit);
  a->add(
      QStringLiteral("scene.resetSplit"), tr("Reset split to the variant's default"),
      [this] { panel_->resetSplit(); }, QKeySequence(Qt::CTRL | Qt::Key_D));
  a->add(
      QStringLiteral("scene.default"), tr("Default scene"),
      [this] { setParameters(SceneParameters{}, AppModel::Source::Reset); },
      QKeySequence(Qt::CTRL | Qt::Key_0));
  a->add(
      QStringLiteral("scene.recompute"), tr("Recompute"), [this] { requestCompute(); },
      QKeySequence(Qt::Key_F5));
  a->add(
      QStringLiteral("scene.cancel"), tr("Cancel computation"), [this] { cancel_->click(); },
      QKeySequence(Qt::Key_Escape));
  QAction* compare = a->add(
      QStringLiteral("view.compare"), tr("Compare variants side by side"), [] {},
      QKeySequence(Qt::CTRL | Qt::Key_M));
  compare->setCheckable(true);
  connect(compare, &QAction::toggled, this, &MainWindow::setCompareMode);
  connect(model_, &AppModel::changed, compare, [this, compare] {
    const QSignalBlocker block(compare);
    compare->setChecked(model_->state().variants.size() > 1);
  });
  a->add(
      QStringLiteral("view.resetCameras"), tr("Reset cameras"), [this] { resetCameras(); },
      QKeySequence(Qt::CTRL | Qt::Key_R));
  QAction* dark = a->add(
      QStringLiteral("view.dark"), tr("Dark theme"), [] {}, QKeySequence(Qt::CTRL | Qt::Key_T));
  dark->setCheckable(true);
  dark->setChecked(theme_ == views::Theme::Dark);
  connect(dark, &QAction::toggled, this,
          [this](bool on) { setTheme(on ? views::Theme::Dark : views::Theme::Light); });
  a->add(
      QStringLiteral("view.resetLayout"), tr("Reset layout"),
      [this] {
        for (QDockWidget* d :
             {parametersDock_, attentionDock_, frequencyDock_, propertiesDock_, chartsDock_}) {
          d->setFloating(false);
          d->show();
        }
        applyDefaultDockSizes();
      },
      {}, tr("Dock sizes as at first start"));
  a->adopt(QStringLiteral("dock.parameters"), parametersDock_->toggleViewAction());
  a->adopt(QStringLiteral("dock.attention"), attentionDock_->toggleViewAction());
  a->adopt(QStringLiteral("dock.frequency"), frequencyDock_->toggleViewAction());
  a->adopt(QStringLiteral("dock.properties"), propertiesDock_->toggleViewAction());
  a->adopt(QStringLiteral("dock.charts"), chartsDock_->toggleViewAction());
}

// Every menu of the window, from the action registry's ids.
void MainWindow::buildMenus() {
  QMenuBar* bar = menuBar();
  actions_->buildMenu(
      bar, tr("&File"),
      {QStringLiteral("file.open"), QStringLiteral("file.save"), QStringLiteral("file.recent"),
       QStringLiteral("-"), QStringLiteral("file.exportFigure"), QStringLiteral("file.copyFigure"),
       QStringLiteral("file.exportData"), QStringLiteral("-"), QStringLiteral("file.saveImage"),
       QStringLiteral("-"), QStringLiteral("file.quit")});
  actions_->buildMenu(bar, tr("&Edit"), {QStringLiteral("edit.undo"), QStringLiteral("edit.redo")});
  actions_->buildMenu(bar, tr("&Scene"),
                      {QStringLiteral("scene.resetSplit"), QStringLiteral("scene.default"),
                       QStringLiteral("scene.recompute"), QStringLiteral("scene.cancel")});
  actions_->buildMenu(bar, tr("&View"),
                      {QStringLiteral("view.compare"), QStringLiteral("view.resetCameras"),
                       QStringLiteral("view.dark"), QStringLiteral("view.resetLayout"),
                       QStringLiteral("-"), QStringLiteral("dock.parameters"),
                       QStringLiteral("dock.attention"), QStringLiteral("dock.frequency"),
                       QStringLiteral("dock.properties"), QStringLiteral("dock.charts")});
  bar->addMenu(session_->presetsMenu());
  QStringList models;
  for (const QString& id : actions_->ids()) {
    if (id.startsWith(QLatin1String("models."))) models << id;
  }
  actions_->buildMenu(bar, tr("&Models"), models);
  // Shortcuts work whether or not a menu shows the action.
  for (const QString& id : actions_->ids()) addAction(actions_->action(id));
}

void MainWindow::setParameters(const SceneParameters& parameters, AppModel::Source source) {
  model_->set(parameters, source);
}

// Compare mode on: the primary and the compare set's choices (vanilla and mrope unless chosen);
// off: the primary alone.
void MainWindow::setCompareMode(bool on) {
  const SceneParameters& p = model_->state();
  if ((p.variants.size() > 1) == on) return;
  panel_->compareGroup()->setChecked(on);  // the panel sends the new compare set
}

void MainWindow::requestCompute() {
  controller_.request(model_->state());
}

bool MainWindow::waitForIdle(int timeoutMs) {
  // An event loop that wakes on the controller's signal, not a polling loop: polling would take
  // CPU from the worker on a small machine.
  if (controller_.busy()) {
    QEventLoop loop;
    connect(&controller_, &ComputeController::busyChanged, &loop, [&loop](bool busy) {
      if (!busy) loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    if (controller_.busy()) return false;
  }
  QApplication::processEvents();
  return true;
}

bool MainWindow::waitForFrame(int timeoutMs) {
  const quint64 wanted = controller_.latestGeneration();
  if (current_ && current_->generation >= wanted && unpresented_ == 0) return true;
  QEventLoop loop;
  bool presented = false;
  connect(this, &MainWindow::framePresented, &loop, [&](quint64 generation) {
    if (generation >= wanted) {
      presented = true;
      loop.quit();
    }
  });
  // A rejected request never paints: stop waiting once nothing is left to compute.
  connect(&controller_, &ComputeController::busyChanged, &loop, [&](bool busy) {
    if (!busy && (!current_ || current_->generation < wanted)) loop.quit();
  });
  QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
  loop.exec();
  return presented;
}

bool MainWindow::waitForRepaint(int timeoutMs) {
  if (current_) unpresented_ = current_->generation;
  return waitForFrame(timeoutMs);
}

void MainWindow::showError(const QString& message) {
  banner_->setText(tr("⚠ %1 — the views keep the last valid result.").arg(message));
  banner_->show();
  statusBar()->showMessage(message, 8000);
}

QString MainWindow::bannerText() const {
  return banner_->isVisible() ? banner_->text() : QString();
}
QString MainWindow::factsText() const {
  return panel_->facts();
}

void MainWindow::ensureLayoutPanels(const QStringList& variants) {
  const auto count = static_cast<std::size_t>(variants.size());
  while (layouts_.size() > count) {
    delete layouts_.back();
    layouts_.pop_back();
  }
  while (layouts_.size() < count) {
    auto* view = new views::LayoutView(layoutArea_);
    view->setObjectName(QStringLiteral("layoutView%1").arg(layouts_.size()));
    view->setTheme(theme_);
    view->setDecimated(interactive_);
    view->setColorMode(model_->state().view.colorByFrame ? views::LayoutView::ColorMode::Frame
                                                         : views::LayoutView::ColorMode::Modality);
    view->setWideAxes(model_->state().view.layoutAxes);
    connect(view, &views::LayoutView::colorModeChosen, this,
            [this](views::LayoutView::ColorMode mode) {
              ViewSettings settings = model_->state().view;
              settings.colorByFrame = mode == views::LayoutView::ColorMode::Frame;
              model_->setView(settings);
            });
    connect(view, &views::LayoutView::displayAxesChosen, this,
            [this](const std::array<int, 3>& axes) {
              ViewSettings settings = model_->state().view;
              settings.layoutAxes = axes;
              model_->setView(settings);
            });
    layoutArea_->layout()->addWidget(view);  // placed below
    connect(view, &views::LayoutView::tokenPicked, this,
            [this](long, const QString& description) { pickLabel_->setText(description); });
    // Every pair linked both ways: a view only copies the orientation it is sent and does not
    // pass it on, so with one leader, dragging panel 2 would not turn panel 3.
    for (views::LayoutView* other : layouts_) view->followCamera(other);
    layouts_.push_back(view);
  }
  arrangeLayoutPanels();
}

void MainWindow::arrangeLayoutPanels() {
  auto* grid = qobject_cast<QGridLayout*>(layoutArea_->layout());
  if (!grid) return;
  const int count = static_cast<int>(layouts_.size());
  const int columns = count <= 2 || layoutArea_->width() / count >= kMinPanelWidth ? count : 2;
  // Every result passes here: re-adding the same panels would relayout the window each frame.
  bool arranged = grid->count() == count;
  for (int i = 0; arranged && i < count; ++i) {
    const int index = grid->indexOf(layouts_[static_cast<std::size_t>(i)]);
    int row = -1, column = -1, rowSpan = 0, columnSpan = 0;
    if (index >= 0) grid->getItemPosition(index, &row, &column, &rowSpan, &columnSpan);
    arranged = row == i / columns && column == i % columns;
  }
  if (arranged) return;
  for (int i = 0; i < count; ++i) {
    grid->removeWidget(layouts_[static_cast<std::size_t>(i)]);
    grid->addWidget(layouts_[static_cast<std::size_t>(i)], i / columns, i % columns);
  }
  for (int c = 0; c < 4; ++c) grid->setColumnStretch(c, c < columns ? 1 : 0);
  for (int r = 0; r < 4; ++r) grid->setRowStretch(r, r < (count + columns - 1) / columns ? 1 : 0);
}

void MainWindow::applyResult(const ComputeResult& result) {
  if (!result.error.isEmpty()) {
    showError(result.error);
    return;
  }
  // Results arrive in request order; an older one than what is shown is never applied.
  if (current_ && result.generation <= current_->generation) return;
  QElapsedTimer timer;
  timer.start();
  banner_->hide();
  ensureLayoutPanels(result.parameters.variants);
  std::vector<views::ChartsData> charts;
  std::vector<views::VariantProperties> table;
  std::vector<std::string> ids;
  for (const VariantResult& r : result.variants) ids.emplace_back(r.encoding->variant->id());
  const std::vector<QColor> colors = views::variant_colors(ids);
  for (std::size_t i = 0; i < result.variants.size(); ++i) {
    const VariantResult& r = result.variants[i];
    layouts_[i]->setEncoding(r.encoding);
    const bool comparing = result.variants.size() > 1;
    layouts_[i]->setTitle(QString::fromStdString(std::string(r.encoding->variant->id())),
                          colors[i]);
    layouts_[i]->setToolTip(!comparing ? QString()
                            : i == 0   ? tr("Pairs per axis: the split sliders")
                                       : tr("Pairs per axis: the variant's default split"));
    charts.push_back(r.charts);
    table.push_back({r.charts.variant, r.properties});
  }
  // Every compared variant in attention and frequency, each named in its colour.
  std::vector<views::AttentionData> attention;
  std::vector<QString> names;
  std::vector<views::FrequencyPanels::Variant> frequency;
  for (std::size_t i = 0; i < result.variants.size(); ++i) {
    const VariantResult& r = result.variants[i];
    attention.push_back(r.attention);
    names.push_back(QString::fromStdString(ids[i]));
    frequency.push_back({r.encoding, r.collisions, colors[i]});
  }
  const VariantResult& primary = result.variants.front();
  frequency_->setData(frequency);
  attention_->setData(std::move(attention), names, colors);
  charts_->setData(charts);
  chartsLegend_->setVariants(names, colors);
  chartsLegend_->setVisible(result.variants.size() > 1);
  properties_->setData(table);
  panel_->setFacts(scene_facts(primary));
  panel_->querySlider()->setRange(-1, static_cast<double>(primary.encoding->token_count()) - 1);
  current_ = result;
  lastComputeMs_ = result.computeMs;
  tokensLabel_->setText(tr("%1 tokens").arg(primary.encoding->token_count()));
  lastApplyMs_ = static_cast<double>(timer.nsecsElapsed()) / 1e6;
  // Charts and docks lay themselves out in posted events: do it now, so the views are painted in
  // one pass (one composition of the OpenGL widgets) rather than a second and third one later.
  QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
  // The views only asked for an update: the window paints them all in one pass, and event()
  // measures that pass.
  unpresented_ = result.generation;
  emit resultApplied(result.generation);
}

bool MainWindow::event(QEvent* event) {
  if (event->type() == QEvent::Resize && layouts_.size() > 2) {
    // Once the docks have taken their share of the new size.
    QTimer::singleShot(0, this, &MainWindow::arrangeLayoutPanels);
  }
  if (event->type() == QEvent::Show && !dockSizesApplied_) {
    dockSizesApplied_ = true;
    if (!stateRestored_) applyDefaultDockSizes();
  }
  if (event->type() != QEvent::UpdateRequest || unpresented_ == 0) {
    return QMainWindow::event(event);
  }
  QElapsedTimer timer;
  timer.start();
  const bool handled = QMainWindow::event(event);
  lastPaintMs_ = static_cast<double>(timer.nsecsElapsed()) / 1e6;
  lastRenderMs_ = lastApplyMs_ + lastPaintMs_;
  const quint64 generation = std::exchange(unpresented_, 0);
  // Shown a little later, at most a few times a second: setting the label now would ask for
  // another paint at once, and a label relaid out on every step of a drag costs each frame.
  if (!timingUpdate_->isActive()) timingUpdate_->start();
  emit framePresented(generation);
  return handled;
}

void MainWindow::setInteractive(bool interactive) {
  interactive_ = interactive;
  for (views::LayoutView* view : layouts_) view->setDecimated(interactive);
  // While a slider is dragged slow 3-D views render a quarter of the pixels; the release
  // renders them at full resolution again.
  views::set_interactive(this, interactive, kInteractiveRenderScale);
}

void MainWindow::resetCameras() {
  for (views::LayoutView* view : layouts_) view->resetCamera();
}

void MainWindow::setTheme(views::Theme theme) {
  theme_ = theme;
  qApp->setPalette(theme == views::Theme::Dark ? dark_palette() : qApp->style()->standardPalette());
  for (views::LayoutView* view : layouts_) view->setTheme(theme);
  frequency_->setTheme(theme);
  attention_->setTheme(theme);
  charts_->setTheme(theme);
  emit themeChanged(theme);
}

void MainWindow::saveImageDialog() {
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Save window image"), QStringLiteral("ropelab.png"), tr("PNG images (*.png)"));
  if (path.isEmpty()) return;
  if (!views::save_image(views::render_widget(*this), path)) {
    showError(tr("Could not write %1").arg(path));
  }
}

void MainWindow::restoreSettings() {
  QSettings settings;
  restoreGeometry(settings.value("window/geometry").toByteArray());
  // Saved by an older dock arrangement (another version): the new default layout is used instead.
  stateRestored_ = restoreState(settings.value("window/state").toByteArray(), kDockStateVersion);
  theme_ = settings.value("window/dark", false).toBool() ? views::Theme::Dark : views::Theme::Light;
}

void MainWindow::saveSettings() {
  QSettings settings;
  settings.setValue("window/geometry", saveGeometry());
  settings.setValue("window/state", saveState(kDockStateVersion));
  settings.setValue("window/dark", theme_ == views::Theme::Dark);
  // The last state that computed, so a bad value typed last does not come back at start; the
  // session's serializer (the preset JSON).
  try {
    settings.setValue(SessionController::sessionKey(),
                      QString::fromStdString(io::preset_to_json(
                          to_preset(current_ ? current_->parameters : model_->state()))));
  } catch (const std::exception&) {
  }
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (options_.useSettings) saveSettings();
  controller_.cancel();
  event->accept();
}

}  // namespace ropelab::app
