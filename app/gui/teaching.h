#pragma once
// Teaching features hooked into the main window with one call: the "Paper figures" menu, the
// "Teaching" menu (guided tour, formula panel, definitions diff, q/k model, distractor proxy) and
// their docks and windows.
#include <QFont>
#include <QObject>
#include <QPointer>
#include <QSize>
#include <QString>
#include <optional>

class QAction;
class QDockWidget;

namespace ropelab::app {
class MainWindow;
}

namespace ropelab::teaching {

class PaperFigureDialog;
class FormulaPanel;
class TourController;
class DefinitionsDiffWindow;
class QkExplainer;
class DistractorDialog;

class Teaching : public QObject {
  Q_OBJECT
 public:
  explicit Teaching(app::MainWindow& window);

  // Opens (or reuses) the paper-figure window on the entry; nullptr for an unknown id.
  PaperFigureDialog* openFigure(const QString& id);
  PaperFigureDialog* figureDialog() const;
  QAction* figureAction(const QString& id) const;
  FormulaPanel* formulaPanel() const { return formula_; }
  QDockWidget* formulaDock() const { return formulaDock_; }
  TourController* tour() const { return tour_; }
  QDockWidget* tourDock() const { return tourDock_; }
  void startTour();
  DefinitionsDiffWindow* openDefinitionsDiff();
  QkExplainer* openQkExplainer();
  DistractorDialog* openDistractor();
  // Presentation mode (Ctrl+Shift+P): fonts 1.6x for a projector at 1920x1080, the tour and the
  // formula dock sized to their content; off restores the fonts.
  void setPresentationMode(bool on);
  bool presentationMode() const { return presenting_; }
  QAction* presentationAction() const { return presentation_; }

 private:
  void onResult();
  app::MainWindow& window_;
  QPointer<PaperFigureDialog> figures_;
  QPointer<DefinitionsDiffWindow> diff_;
  QPointer<QkExplainer> qk_;
  QPointer<DistractorDialog> distractor_;
  FormulaPanel* formula_ = nullptr;
  QDockWidget* formulaDock_ = nullptr;
  TourController* tour_ = nullptr;
  QDockWidget* tourDock_ = nullptr;
  QAction* presentation_ = nullptr;
  bool presenting_ = false;
  QFont savedFont_;
};

// Adds the menus and docks to the window (once) and returns the teaching object, a child of
// the window.
Teaching* install(app::MainWindow& window);
Teaching* find(const app::MainWindow& window);

// The app's --paper-figure ID: opens a Paper figures entry or a teaching panel (teaching:tour[:N],
// teaching:present[:N], teaching:formula, teaching:diff[:VARIANT], teaching:qk,
// teaching:distractor[:VARIANT]). With a screenshot path, renders the main window and the teaching
// window side by side into one PNG and returns; otherwise runs the event loop.
int run_teaching(app::MainWindow& window, const QString& id,
                 const std::optional<QString>& screenshot, QSize size);

}  // namespace ropelab::teaching
