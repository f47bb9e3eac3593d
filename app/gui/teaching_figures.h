#pragma once
// The "Paper figures" window: one generic dialog that draws any entry of core's paper_figures()
// from its FigureData (texts, tables, curves, heat maps, strips, dials) with the words of
// resources/teaching/figures.json, whose {placeholders} are filled from core's values. Entries
// with parameters get sliders and a play / pause / speed bar that animates the first one. The 3-D
// index layouts an entry talks about are drawn in the window with the app's layout view. Entries
// also set the main window's scene and views.
#include <QDialog>
#include <QPointer>
#include <QString>
#include <map>

#include "app/gui/scene_parameters.h"
#include "ropelab/paper_figures.h"

class QListWidget;
class QScrollArea;
class QTextBrowser;
class QTableWidget;
class QSlider;
class QPushButton;
class QComboBox;
class QTimer;
class QVBoxLayout;

namespace ropelab::app {
class MainWindow;
}

namespace ropelab::teaching {

class LinePlot;
class FigureLayoutPanels;

// The main-window parameters a figure sets (its scene clamped to the sliders' ranges).
app::SceneParameters figure_parameters(const PaperFigure& figure);

// An entry's words from resources/teaching/figures.json.
struct FigureWords {
  QString claim;
  QString computes;
  QString reference;
  QString lookAt;
  QString trained;
  std::map<QString, QString> texts;  // FigureText name -> template
};
FigureWords figure_words(const QString& id);
// A template with its {placeholders} filled from the figure's values.
QString fill(const QString& text, const FigureData& data);

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
  const FigureData& data() const { return data_; }

  // Redraws the entry with one parameter changed (false: unknown key or out of range).
  bool setParam(const QString& key, double value);
  double param(const QString& key) const;
  QSlider* paramSlider(const QString& key) const;
  // Animation of the first parameter: play / pause, frames per second.
  void play();
  void pause();
  bool playing() const;
  void setSpeed(double framesPerSecond);
  // Advances the animated parameter by one step (wrapping to its minimum).
  void stepAnimation();
  // Makes the caption as tall as its text (up to half the window); after a resize or font change.
  void fitCaption();

 private:
  void rebuild();
  void buildControls();
  void setCaption();
  // The panels drawing a FigureLayouts block, moved into the new content: they outlive rebuilds.
  FigureLayoutPanels* layoutPanels(const FigureLayouts& layouts);

  app::MainWindow* window_ = nullptr;
  QListWidget* list_ = nullptr;
  QTextBrowser* caption_ = nullptr;
  QWidget* controls_ = nullptr;
  QVBoxLayout* controlsLayout_ = nullptr;
  QScrollArea* scroll_ = nullptr;
  QWidget* content_ = nullptr;
  QPushButton* playButton_ = nullptr;
  QComboBox* speed_ = nullptr;
  QTimer* timer_ = nullptr;
  std::map<QString, QSlider*> sliders_;
  // By block name. Kept across rebuilds so a slider or sweep frame re-encodes the same 3-D views
  // (no new VTK windows, no flicker, the camera kept); a rebuild without the block deletes them
  // with the old content.
  std::map<QString, QPointer<FigureLayoutPanels>> layoutPanels_;
  QString id_;
  const PaperFigure* figure_ = nullptr;
  FigureWords words_;
  FigureParams params_;
  FigureData data_;
};

// The cited trained-model tables (resources/teaching/cited_results.json) as HTML.
QString cited_tables_html();
// One cited table (by its id, e.g. "videorope-table6") as a table widget named "cited:ID", the
// row whose first cell equals `highlight` bold on amber (property "highlightedRow", -1 if none).
QTableWidget* cited_table(QWidget* parent, const QString& id, double highlight);

}  // namespace ropelab::teaching
