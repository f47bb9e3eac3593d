#pragma once
// Attention of one query token (spec/analyses.md §2, §5), painted with QPainter: a 1-D strip over
// the whole sequence, the per-frame H x W tiles, the frame-averaged H x W map and the
// frame x frame matrix, each with a colour bar carrying its values.
#include <QWidget>

#include "views/attention_data.h"
#include "views/palette.h"

class QComboBox;
class QLabel;

namespace ropelab::views {

class AttentionCanvas;

class AttentionView : public QWidget {
  Q_OBJECT
 public:
  explicit AttentionView(QWidget* parent = nullptr);

  void setData(AttentionData data);
  const AttentionData& data() const;
  void setModel(QkModel model);
  QkModel model() const;
  void setTheme(Theme theme);
  QImage renderImage();

 signals:
  // The user chose another q/k model: the owner recomputes (off the UI thread).
  void modelChanged(ropelab::views::QkModel model);

 private:
  QComboBox* modelChoice_ = nullptr;
  QLabel* note_ = nullptr;
  AttentionCanvas* canvas_ = nullptr;
};

}  // namespace ropelab::views
