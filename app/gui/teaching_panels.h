#pragma once
// The explaining panels: the formula panel (the current variant's position design and frequency
// allocation with live values for a picked token), the guided tour, the definitions diff
// (paper vs reference code), the q/k model explained and the distractor-retrieval proxy.
#include <QDialog>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QString>
#include <QWidget>
#include <memory>

#include "ropelab/distractor.h"
#include "ropelab/paper_figures.h"
#include "ropelab/variant.h"

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTextBrowser;
class QDockWidget;

namespace ropelab::app {
class MainWindow;
}

namespace ropelab::teaching {

class DistractorHeatmap;

// A variant's ASCII formula text as rich text with proper symbols: theta_j -> θ<sub>j</sub>,
// delta -> δ, floor(x) -> ⌊x⌋, s0 -> s<sub>0</sub>, base^(-2j/D) -> base<sup>−2j/D</sup>.
QString math_html(const QString& text);

// Per-pair facts for one token: the tooltip text of the formula panel's rows.
QString pair_tooltip(const Encoding& encoding, int pair, long token);

class FormulaPanel : public QWidget {
  Q_OBJECT
 public:
  explicit FormulaPanel(QWidget* parent = nullptr);
  void setEncoding(std::shared_ptr<const Encoding> encoding);
  void setToken(long token);  // -1: none
  long token() const;
  QString text() const;  // the formula text, plain
  QTableWidget* pairTable() const {
    ensureFresh();
    return pairs_;
  }
  void onTokenPicked(long token, const QString& description);

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  // Rebuilds the text and the pair table, or (hidden panel) marks them stale: a slider step
  // does not pay for a formula nobody sees; showing the panel or reading it rebuilds.
  void refresh();
  void rebuild();
  void ensureFresh() const;
  mutable bool stale_ = false;
  std::shared_ptr<const Encoding> encoding_;
  QTextBrowser* formula_ = nullptr;
  QSpinBox* token_ = nullptr;
  QLabel* tokenInfo_ = nullptr;
  QTableWidget* pairs_ = nullptr;
};

// One lesson of the guided tour (resources/teaching/lessons.json). view is a dock ("frequency",
// "allocation", "similarity", "attention"), "layout" or "figure" (opens the Paper figures entry
// `figure` with `params`); the text's {placeholders} are filled from that entry's FigureData.
struct Lesson {
  QString title;
  QString view;
  QString variant;
  QString text;
  QString figure;
  FigureParams params;
  QString scene;    // a scene in the CLI's --scene syntax the lesson sets (empty: keep the current)
  double base = 0;  // the RoPE base the lesson sets (0: keep the current)
};
std::vector<Lesson> load_lessons();
// The lesson's text with its numbers filled in from core.
QString lesson_text(const Lesson& lesson);

class TourController : public QWidget {
  Q_OBJECT
 public:
  TourController(app::MainWindow& window, QWidget* parent = nullptr);
  int count() const { return static_cast<int>(lessons_.size()); }
  int current() const { return current_; }
  const Lesson& lesson(int i) const { return lessons_.at(static_cast<std::size_t>(i)); }
  void start();
  void next();
  void previous();
  void go(int index);
  // Where the current lesson points the user (a dock's object name or "layout").
  QString highlighted() const { return highlighted_; }
  void stop();
  // True when the lesson's whole text is visible in its box (no scrolling).
  bool textFits() const;

 signals:
  void lessonChanged(int index);

 protected:
  void keyPressEvent(QKeyEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  // Presentation mode changes the application font: the title, step and "look at" lines follow.
  void changeEvent(QEvent* event) override;

 private:
  void clearHighlight();
  void fitText();
  void growDock();
  void applyFonts();
  app::MainWindow& window_;
  std::vector<Lesson> lessons_;
  int current_ = -1;
  QLabel* step_ = nullptr;
  QLabel* title_ = nullptr;
  QTextBrowser* text_ = nullptr;
  QLabel* lookAt_ = nullptr;
  QPushButton* previous_ = nullptr;
  QPushButton* next_ = nullptr;
  QString highlighted_;
  QString savedTitle_;
};

class DiffOverlay;

class DefinitionsDiffWindow : public QDialog {
  Q_OBJECT
 public:
  DefinitionsDiffWindow(app::MainWindow* window, QWidget* parent = nullptr);
  void setVariant(const QString& id);
  QString variant() const;
  QTableWidget* tokenTable() const { return tokens_; }
  QString summary() const;
  const DefinitionsDiff* diff() const { return diff_.get(); }

 private:
  void recompute();
  app::MainWindow* window_ = nullptr;
  QComboBox* variant_ = nullptr;
  QComboBox* xAxis_ = nullptr;
  QComboBox* yAxis_ = nullptr;
  QLabel* summary_ = nullptr;
  DiffOverlay* overlay_ = nullptr;
  QTableWidget* tokens_ = nullptr;
  std::unique_ptr<DefinitionsDiff> diff_;
};

class QkExplainer : public QDialog {
  Q_OBJECT
 public:
  QkExplainer(app::MainWindow* window, QWidget* parent = nullptr);
  QTableWidget* table() const { return table_; }
  QString text() const;

 private:
  QTextBrowser* text_ = nullptr;
  QTableWidget* table_ = nullptr;
};

class DistractorDialog : public QDialog {
  Q_OBJECT
 public:
  explicit DistractorDialog(QWidget* parent = nullptr);
  ~DistractorDialog() override;
  void setVariant(const QString& id);
  void run();
  bool busy() const;
  DistractorHeatmap* heatmap() const { return heatmap_; }
  QString status() const;

 signals:
  void finished();

 private:
  struct Outcome {
    DistractorResult result;
    QString error;
    double seconds = 0;
  };
  QComboBox* variant_ = nullptr;
  QPushButton* run_ = nullptr;
  QLabel* status_ = nullptr;
  DistractorHeatmap* heatmap_ = nullptr;
  QFutureWatcher<Outcome> watcher_;
};

}  // namespace ropelab::teaching
