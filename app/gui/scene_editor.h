#pragma once
// The scene editor: any scene the CLI takes. A typed field with the CLI's --scene grammar
// (text:N, image:HxW, video:TxHxW[@S], comma-separated; checked by core's Scene::parse and
// validate, a rejected entry is named in red and nothing changes), the list of segments (add,
// remove, reorder, duplicate) and the selected segment's sizes. It holds no state: it shows the
// model's scene and sends every edit to the model.
#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QToolButton;

namespace ropelab::app {

class AppModel;
class LabeledSlider;

class SceneEditor : public QWidget {
  Q_OBJECT
 public:
  explicit SceneEditor(AppModel* model, QWidget* parent = nullptr);

  // Shows the model's scene (called on every model change).
  void refresh();
  int selectedSegment() const { return selected_; }
  void selectSegment(int index);

  QLineEdit* grammarField() const { return grammar_; }
  QLabel* errorLabel() const { return error_; }
  QListWidget* segmentList() const { return list_; }
  LabeledSlider* countSlider() const { return count_; }
  LabeledSlider* framesSlider() const { return frames_; }
  LabeledSlider* heightSlider() const { return height_; }
  LabeledSlider* widthSlider() const { return width_; }
  QDoubleSpinBox* secondsPerFrame() const { return seconds_; }

  // Edits of the segment list (each one model change).
  void addSegment(int kind);  // 0 text, 1 image, 2 video; inserted after the selection
  void removeSelected();
  void moveSelected(int by);
  void duplicateSelected();
  // Applies typed grammar text; false (and the reason shown) when it is rejected.
  bool applyGrammar(const QString& text);

 private:
  void editSelected(int field, double value);
  void showSelected();

  AppModel* model_;
  QLineEdit* grammar_ = nullptr;
  QLabel* error_ = nullptr;
  QListWidget* list_ = nullptr;
  QToolButton* add_ = nullptr;
  QToolButton* remove_ = nullptr;
  QToolButton* up_ = nullptr;
  QToolButton* down_ = nullptr;
  QToolButton* duplicate_ = nullptr;
  QComboBox* kind_ = nullptr;
  LabeledSlider* count_ = nullptr;
  LabeledSlider* frames_ = nullptr;
  LabeledSlider* height_ = nullptr;
  LabeledSlider* width_ = nullptr;
  QDoubleSpinBox* seconds_ = nullptr;
  QLabel* secondsLabel_ = nullptr;
  int selected_ = 0;
  bool updating_ = false;
};

}  // namespace ropelab::app
