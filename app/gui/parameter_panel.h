#pragma once
// The controls: variant and compare set, the RoPE configuration and the scene. Every change is
// reported at once (views follow a slider while it is dragged).
#include <QWidget>
#include <vector>

#include "app/gui/scene_parameters.h"

class QComboBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace ropelab::app {

class LabeledSlider;

class ParameterPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ParameterPanel(QWidget* parent = nullptr);

  SceneParameters parameters() const;
  void setParameters(const SceneParameters& parameters);  // emits nothing
  void setCompareMode(bool on);
  bool compareMode() const;
  void resetSplit();
  // A line of facts about the current result (token count, last video token's ids).
  void setFacts(const QString& text);
  QString facts() const;
  void setQkModel(views::QkModel model) { qkModel_ = model; }

  LabeledSlider* deltaSlider() const { return delta_; }
  LabeledSlider* baseSlider() const { return base_; }
  LabeledSlider* framesSlider() const { return frames_; }
  LabeledSlider* querySlider() const { return query_; }
  const std::vector<LabeledSlider*>& splitSliders() const { return split_; }
  QComboBox* variantChoice() const { return variant_; }
  QLabel* splitNote() const { return splitNote_; }

 signals:
  void changed();
  void dragStarted();
  void dragFinished();

 private:
  LabeledSlider* addSlider(QVBoxLayout* layout, const QString& label, double minimum,
                           double maximum, double step, int decimals, bool log = false);
  void rebuildSplit(const std::vector<int>& split);
  void balanceSplit(std::size_t edited);
  void updateSplitSum();
  std::vector<int> currentSplit() const;
  std::vector<int> defaultSplit() const;

  QComboBox* variant_ = nullptr;
  QGroupBox* compare_ = nullptr;
  std::vector<QComboBox*> compareChoices_;
  LabeledSlider* delta_ = nullptr;
  LabeledSlider* base_ = nullptr;
  LabeledSlider* headDim_ = nullptr;
  QGroupBox* splitBox_ = nullptr;
  QVBoxLayout* splitLayout_ = nullptr;
  std::vector<LabeledSlider*> split_;
  QLabel* splitSum_ = nullptr;
  QLabel* splitNote_ = nullptr;
  bool splitEdited_ = false;
  LabeledSlider* textBefore_ = nullptr;
  LabeledSlider* frames_ = nullptr;
  LabeledSlider* height_ = nullptr;
  LabeledSlider* width_ = nullptr;
  LabeledSlider* textAfter_ = nullptr;
  LabeledSlider* query_ = nullptr;
  QLabel* facts_ = nullptr;
  views::QkModel qkModel_ = views::QkModel::Ones;
  bool updating_ = false;
  SceneParameters unshown_;  // the last parameters set, for the fields no control shows
};

}  // namespace ropelab::app
