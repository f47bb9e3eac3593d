#pragma once
// The "Paper figures" window: one entry of core's paper_figures() at a time, with a caption (what
// the paper claims, where, what RoPE Lab computes, what to look at, what needs a trained model)
// and the computed numbers as plots and tables. Entries that have a 3-D or attention counterpart
// also set the main window's scene, variants and views.
#include <QDialog>
#include <QString>

#include "app/gui/scene_parameters.h"
#include "ropelab/paper_figures.h"

class QListWidget;
class QScrollArea;
class QTextBrowser;
class QTableWidget;

namespace ropelab::app {
class MainWindow;
}

namespace ropelab::teaching {

class LinePlot;

// The main-window parameters a figure sets (its scene clamped to the sliders' ranges).
app::SceneParameters figure_parameters(const PaperFigure& figure);

// The per-id additions to core's caption: the paper reference, what to look at, and what only a
// trained model can show.
struct FigureNotes {
  QString reference;
  QString lookAt;
  QString trained;
};
FigureNotes figure_notes(const QString& id);

class PaperFigureDialog : public QDialog {
  Q_OBJECT
 public:
  explicit PaperFigureDialog(app::MainWindow* window, QWidget* parent = nullptr);

  // Shows the entry (and sets the main window up for it). False for an unknown id.
  bool showFigure(const QString& id);
  QString figureId() const { return id_; }
  QString captionText() const;
  // Every table cell, plot label and text of the shown entry as plain text, one row a line.
  QString contentText() const;
  QTableWidget* table(const QString& objectName) const;
  LinePlot* linePlot() const;
  // Widget holding the entry's plots and tables.
  QWidget* content() const { return content_; }

 private:
  void build(const PaperFigure& figure);
  void buildFrequency(const PaperFigure& figure);
  void buildLayout(const PaperFigure& figure);
  void buildAdjacentIds(const PaperFigure& figure);
  void buildAxisLogits(const PaperFigure& figure);
  void buildDistractorPeriod(const PaperFigure& figure);
  void buildBiasMap(const PaperFigure& figure);
  void buildJump(const PaperFigure& figure);
  void buildHeightOne(const PaperFigure& figure);
  void buildProperties(const PaperFigure& figure);
  void buildCited();

  app::MainWindow* window_ = nullptr;
  QListWidget* list_ = nullptr;
  QTextBrowser* caption_ = nullptr;
  QScrollArea* scroll_ = nullptr;
  QWidget* content_ = nullptr;
  QString id_;
};

// The cited trained-model tables (resources/teaching/cited_results.json) as HTML.
QString cited_tables_html();

}  // namespace ropelab::teaching
