#pragma once
// The RoPE Lab window: parameters on the left, one index-layout panel per variant in the centre
// (2 to 4 side by side in compare mode, cameras linked), attention, frequency surface, charts and
// the property table in docks. Computation runs off the UI thread; the newest request wins.
#include <QMainWindow>
#include <optional>
#include <vector>

#include "app/gui/compute.h"
#include "app/gui/model/app_model.h"
#include "views/palette.h"

class QComboBox;
class QDockWidget;
class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace ropelab::views {
class LayoutView;
class FrequencyView;
class FrequencyPanels;
class AttentionView;
class ChartsView;
class VariantLegend;
class PropertyTable;
}  // namespace ropelab::views

namespace ropelab::app {

class ActionRegistry;
class ParameterPanel;
class SessionController;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  struct Options {
    bool useSettings = true;                    // restore and save window state and the last scene
    std::optional<SceneParameters> parameters;  // overrides the restored scene
  };
  explicit MainWindow(const Options& options);
  MainWindow() : MainWindow(Options{}) {}
  ~MainWindow() override;

  // The application model: the one owner of the state (app/gui/model/app_model.h).
  AppModel* model() const { return model_; }
  // model()->set(parameters, source): one undo step.
  void setParameters(const SceneParameters& parameters,
                     AppModel::Source source = AppModel::Source::Edit);
  const SceneParameters& parameters() const { return model_->state(); }
  ActionRegistry* actions() const { return actions_; }
  // Processes events until no computation is running or waiting; false on timeout.
  bool waitForIdle(int timeoutMs = 30000);
  // Processes events until the newest request's result has been painted; false on timeout or
  // when that request failed (its error is in bannerText()).
  bool waitForFrame(int timeoutMs = 30000);
  // Processes events until the window's next paint (of the result shown), e.g. the full-detail
  // frame after a drag ends; false on timeout (nothing asked for a paint).
  bool waitForRepaint(int timeoutMs = 30000);
  void setTheme(views::Theme theme);
  views::Theme theme() const { return theme_; }
  void setCompareMode(bool on);
  // Slider drags: large layouts draw a subset of points and the 3-D views render at a lower
  // resolution until the drag ends.
  void setInteractive(bool interactive);

  const ComputeResult* currentResult() const { return current_ ? &*current_ : nullptr; }
  QString bannerText() const;
  QString factsText() const;
  double lastComputeMs() const { return lastComputeMs_; }
  // UI-thread time of the last result: handing it to the views plus painting the window once.
  double lastRenderMs() const { return lastRenderMs_; }
  double lastApplyMs() const { return lastApplyMs_; }
  double lastPaintMs() const { return lastPaintMs_; }

  ParameterPanel* parameterPanel() const { return panel_; }
  SessionController* session() const { return session_; }
  int layoutPanelCount() const { return static_cast<int>(layouts_.size()); }
  views::LayoutView* layoutView(int index) const { return layouts_.at(index); }
  // The first variant's frequency panel; frequencyPanels() holds one per compared variant.
  views::FrequencyView* frequencyView() const;
  views::FrequencyPanels* frequencyPanels() const { return frequency_; }

  views::AttentionView* attentionView() const { return attention_; }
  views::ChartsView* chartsView() const { return charts_; }
  // The charts dock's legend of the compared variants (hidden with one variant).
  views::VariantLegend* chartsLegend() const { return chartsLegend_; }
  views::PropertyTable* propertyTable() const { return properties_; }
  // The docks, by role (object names stay for saved window state and teaching).
  enum class Dock { Parameters, Attention, Frequency, Properties, Charts };
  QDockWidget* dock(Dock which) const;
  // The visual-segment choices of the attention and frequency docks (both bound to the model's
  // view.visualSegment): item data -1 for automatic, else the scene segment's index.
  QComboBox* segmentChoice(Dock which) const;

 signals:
  void resultApplied(quint64 generation);
  // Light or dark: windows of their own (the Paper figures' 3-D panels) follow it.
  void themeChanged(ropelab::views::Theme theme);
  // The window has painted (and flushed to the screen) the result of this generation.
  void framePresented(quint64 generation);

 protected:
  void closeEvent(QCloseEvent* event) override;
  bool event(QEvent* event) override;

 private:
  void buildDocks();
  void applyDefaultDockSizes();
  void buildStatusBar();
  void registerActions();
  void buildMenus();
  void requestCompute();
  void applyView(const ViewSettings& view);
  QComboBox* makeSegmentChoice(const QString& name);
  void updateSegmentChoices();
  void applyResult(const ComputeResult& result);
  void showError(const QString& message);
  void ensureLayoutPanels(const QStringList& variants);
  void arrangeLayoutPanels();
  void saveImageDialog();
  void restoreSettings();
  void saveSettings();
  void resetCameras();

  Options options_;
  AppModel* model_ = nullptr;
  ActionRegistry* actions_ = nullptr;
  ComputeController controller_;
  ParameterPanel* panel_ = nullptr;
  QWidget* layoutArea_ = nullptr;
  QLabel* banner_ = nullptr;
  std::vector<views::LayoutView*> layouts_;
  views::FrequencyPanels* frequency_ = nullptr;
  QComboBox* attentionSegment_ = nullptr;
  QComboBox* frequencySegment_ = nullptr;
  views::AttentionView* attention_ = nullptr;
  views::ChartsView* charts_ = nullptr;
  views::VariantLegend* chartsLegend_ = nullptr;
  views::PropertyTable* properties_ = nullptr;
  QDockWidget* parametersDock_ = nullptr;
  QDockWidget* attentionDock_ = nullptr;
  QDockWidget* frequencyDock_ = nullptr;
  QDockWidget* propertiesDock_ = nullptr;
  QDockWidget* chartsDock_ = nullptr;
  QLabel* tokensLabel_ = nullptr;
  QLabel* timingLabel_ = nullptr;
  QTimer* timingUpdate_ = nullptr;
  QLabel* pickLabel_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QPushButton* cancel_ = nullptr;
  QTimer* progressDelay_ = nullptr;
  std::optional<ComputeResult> current_;
  views::Theme theme_ = views::Theme::Light;
  bool interactive_ = false;
  double lastComputeMs_ = 0;
  double lastRenderMs_ = 0;
  SessionController* session_ = nullptr;
  double lastApplyMs_ = 0;
  double lastPaintMs_ = 0;
  bool dockSizesApplied_ = false;
  bool stateRestored_ = false;
  quint64 unpresented_ = 0;  // generation applied but not painted yet (0: none)
};

}  // namespace ropelab::app
