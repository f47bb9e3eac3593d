#pragma once
// Attention of one query token (spec/analyses.md §2, §5), painted with QPainter: a 1-D strip over
// the whole sequence, the per-frame H x W tiles, the frame-averaged H x W map and the
// frame x frame matrix, each with a colour bar carrying its values.
#include <QColor>
#include <QWidget>
#include <vector>

#include "views/attention_data.h"
#include "views/palette.h"

class QComboBox;
class QHBoxLayout;
class QLabel;

namespace ropelab::views {

class AttentionCanvas;
class PanelGrid;

// One q/k model choice (a single control, whatever the number of panels) above one panel per
// variant: compared variants each get their own panel under their name and colour (PanelGrid).
class AttentionView : public QWidget {
  Q_OBJECT
 public:
  explicit AttentionView(QWidget* parent = nullptr);

  // One panel without a title.
  void setData(AttentionData data);
  // One panel per variant, titled with its id in its colour (ids and colors as long as data).
  void setData(std::vector<AttentionData> data, const std::vector<QString>& ids,
               const std::vector<QColor>& colors);
  const AttentionData& data(int panel = 0) const;
  int panelCount() const;
  PanelGrid* panels() const { return panels_; }
  void setModel(QkModel model);
  QkModel model() const;
  void setTheme(Theme theme);
  // Another control for the bar beside the q/k choice (the window's visual-segment choice).
  void addControl(QWidget* control);
  QImage renderImage();

 signals:
  // The user chose another q/k model: the owner recomputes (off the UI thread).
  void modelChanged(ropelab::views::QkModel model);

 private:
  void ensurePanels(int count);
  AttentionCanvas* canvas(int index) const;

  QComboBox* modelChoice_ = nullptr;
  QLabel* note_ = nullptr;
  QHBoxLayout* bar_ = nullptr;
  PanelGrid* panels_ = nullptr;
  Theme theme_ = Theme::Light;
};

}  // namespace ropelab::views
