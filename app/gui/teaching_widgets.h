#pragma once
// Small QPainter plots for the teaching windows: line curves with markers (VideoRoPE Fig. 4), a
// labelled heat map tile (bias maps, frame x frame logits) and the distractor-proxy accuracy grid.
#include <QColor>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <utility>
#include <vector>

#include "ropelab/distractor.h"
#include "ropelab/paper_figures.h"
#include "ropelab/variant.h"

namespace ropelab::teaching {

// Curves with markers and vertical reference lines (VideoRoPE Fig. 4, the jump and needle plots),
// drawn from core's FigurePlot; the y range follows the data, the x axis can be logarithmic.
class LinePlot : public QWidget {
  Q_OBJECT
 public:
  explicit LinePlot(QWidget* parent = nullptr);
  void setPlot(FigurePlot plot);
  const FigurePlot& plot() const { return plot_; }
  int markerCount() const { return plot_.marker_count(); }
  QSize sizeHint() const override { return {640, 360}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  FigurePlot plot_;
};

// Variants' pairs on one log-wavelength axis, one row a variant, ticks coloured by axis.
class StripPlot : public QWidget {
  Q_OBJECT
 public:
  explicit StripPlot(QWidget* parent = nullptr);
  void setStrips(FigureStrips strips);
  const FigureStrips& strips() const { return strips_; }
  QSize sizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  FigureStrips strips_;
};

// One rotary pair's q and k as arrows on the unit circle.
class DialPlot : public QWidget {
  Q_OBJECT
 public:
  explicit DialPlot(QWidget* parent = nullptr);
  void setDial(FigureDial dial);
  const FigureDial& dial() const { return dial_; }
  QSize sizeHint() const override { return {300, 320}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  FigureDial dial_;
};

// A series colour of the teaching plots.
QColor series_color(int index);

// One matrix as coloured cells with a title, its value range and optional axis labels.
class HeatmapTile : public QWidget {
  Q_OBJECT
 public:
  explicit HeatmapTile(QWidget* parent = nullptr);
  void setData(const RowMatrix& values, QString title, QString rowLabel, QString columnLabel,
               QString note = {});
  // Colours span [lo, hi] instead of the tile's own range (to compare tiles).
  void setRange(double lo, double hi);
  // Colours follow log(value) (values > 0), for maps dominated by a few cells.
  void setLogScale(bool on);
  const RowMatrix& values() const { return values_; }
  QSize sizeHint() const override { return {240, 260}; }
  QSize minimumSizeHint() const override { return {160, 180}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  RowMatrix values_;
  QString title_, rowLabel_, columnLabel_, note_;
  bool fixedRange_ = false, log_ = false;
  double lo_ = 0, hi_ = 1;
};

// Accuracy over haystack length x needle depth: green 1 -> red 0, values in the cells.
class DistractorHeatmap : public QWidget {
  Q_OBJECT
 public:
  explicit DistractorHeatmap(QWidget* parent = nullptr);
  void setResult(const DistractorResult& result, const QString& variant);
  void clear();
  bool hasResult() const { return has_; }
  const DistractorResult& result() const { return result_; }
  // The label drawn over the map (it always says the map is a training-free proxy).
  QString proxyLabel() const;
  QSize sizeHint() const override { return {620, 420}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  DistractorResult result_;
  QString variant_;
  bool has_ = false;
};

// Green (1) to red (0) through yellow.
QColor accuracy_color(double value);

// The pairs that read `axis`, as runs of consecutive pairs [first, last]: (0, 15) for M-RoPE's t,
// 24 one-pair runs for an interleaved axis.
std::vector<std::pair<int, int>> pair_runs(const Encoding& encoding, int axis);
// "7" or "0–15".
QString run_text(const std::pair<int, int>& run);

}  // namespace ropelab::teaching
