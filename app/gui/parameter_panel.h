#pragma once
// The controls: variant and compare set, the RoPE configuration, each variant's own δ and
// options, the scene and the query token. The panel holds no state: it shows the application
// model (refreshed on every change) and sends every edit to it; a slider drag opens one undo step
// in the model (AppModel::beginDrag/endDrag).
#include <QWidget>
#include <vector>

#include "app/gui/model/app_model.h"

class QComboBox;
class QGroupBox;
class QLabel;
class QVBoxLayout;

namespace ropelab::app {

class LabeledSlider;
class SceneEditor;
class VariantPicker;
class VariantOptionsGroup;

class ParameterPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ParameterPanel(AppModel* model, QWidget* parent = nullptr);

  AppModel* model() const { return model_; }
  // Shows the model's state (connected to AppModel::changed).
  void refresh();
  void resetSplit();
  // A line of facts about the current result (token count, last video token's ids).
  void setFacts(const QString& text);
  QString facts() const;
  // The variant whose δ and options the "Variant settings" group shows (the primary unless
  // another compared variant is chosen there).
  QString settingsVariant() const;
  void setSettingsVariant(const QString& id);

  LabeledSlider* deltaSlider() const { return delta_; }
  LabeledSlider* baseSlider() const { return base_; }
  LabeledSlider* headDimSlider() const { return headDim_; }
  LabeledSlider* querySlider() const { return query_; }
  // The scene editor's T slider (the selected segment's; the first video is selected at start).
  LabeledSlider* framesSlider() const;
  SceneEditor* sceneEditor() const { return sceneEditor_; }
  VariantOptionsGroup* optionsGroup() const { return options_; }
  const std::vector<LabeledSlider*>& splitSliders() const { return split_; }
  VariantPicker* variantChoice() const { return variant_; }
  // The compare slots (the second to fourth variant).
  const std::vector<VariantPicker*>& compareChoices() const { return compareChoices_; }
  QLabel* variantSummary() const { return variantSummary_; }
  QComboBox* settingsVariantChoice() const { return settingsFor_; }
  QGroupBox* compareGroup() const { return compare_; }
  QLabel* splitNote() const { return splitNote_; }
  QLabel* splitSum() const { return splitSum_; }

 protected:
  void showEvent(QShowEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  LabeledSlider* addSlider(QVBoxLayout* layout, const QString& label, double minimum,
                           double maximum, double step, int decimals, bool log = false);
  void rebuildSplit();
  void fitScrollArea();
  void fitFactsHeight();
  void refreshSettingsVariant();
  void sendVariants();
  void splitEdited(std::size_t edited);
  std::vector<int> shownSplit() const;
  std::vector<int> defaultSplit() const;

  AppModel* model_;
  VariantPicker* variant_ = nullptr;
  QLabel* variantSummary_ = nullptr;
  QGroupBox* compare_ = nullptr;
  std::vector<VariantPicker*> compareChoices_;
  QComboBox* settingsFor_ = nullptr;
  QLabel* settingsForLabel_ = nullptr;
  LabeledSlider* delta_ = nullptr;
  LabeledSlider* base_ = nullptr;
  LabeledSlider* headDim_ = nullptr;
  VariantOptionsGroup* options_ = nullptr;
  QGroupBox* splitBox_ = nullptr;
  QVBoxLayout* splitLayout_ = nullptr;
  std::vector<LabeledSlider*> split_;
  QString splitFor_;  // variant and head dim the split sliders were built for
  QLabel* splitSum_ = nullptr;
  QLabel* splitNote_ = nullptr;
  SceneEditor* sceneEditor_ = nullptr;
  LabeledSlider* query_ = nullptr;
  QLabel* facts_ = nullptr;
  QString settingsVariant_;
  bool updating_ = false;
};

}  // namespace ropelab::app
