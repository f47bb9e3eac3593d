#pragma once
// The variant's declared options (core ropelab/options.h), one control each, built from the
// declarations: a check box for a switch, a spin box for an integer or number (typed entry takes
// 1e6; out-of-range text is refused with a visible note), a choice list, a text field. Each
// control's tooltip is the option's doc and the paper table it reproduces. Head-wise variants also
// get the KV head picker (--head). Holds no state: shows
// the model's options of one variant and sends each change to the model (one undo step).
#include <QString>
#include <QWidget>
#include <map>
#include <string>

class QFormLayout;
class QLabel;
class QSpinBox;

namespace ropelab::app {

class AppModel;
struct SceneParameters;

class VariantOptionsGroup : public QWidget {
  Q_OBJECT
 public:
  explicit VariantOptionsGroup(AppModel* model, QWidget* parent = nullptr);

  // Shows the options of this variant (rebuilt when the variant changes).
  void showVariant(const QString& variant);
  QString variant() const { return variant_; }
  // The control of an option key (nullptr when the variant does not declare it).
  QWidget* control(const std::string& key) const;
  std::size_t controlCount() const { return controls_.size(); }
  QLabel* note() const { return note_; }
  // Head-wise variants (mhrope): the KV head whose pair map the views show, 0 .. KV heads - 1
  // (the model's head, --head); nullptr for other variants.
  QSpinBox* headChoice() const { return head_; }
  QLabel* headAxis() const { return headAxis_; }

 private:
  // KV heads of a head-wise variant under these options (0: not head-wise, or options refused).
  static int headCount(const QString& variant, const SceneParameters& state);
  void rebuild();
  void refreshValues();
  void refreshHead();

  AppModel* model_;
  QString variant_;
  QFormLayout* form_ = nullptr;
  QLabel* note_ = nullptr;
  QLabel* empty_ = nullptr;
  QSpinBox* head_ = nullptr;
  QLabel* headAxis_ = nullptr;
  std::map<std::string, QWidget*> controls_;
  bool updating_ = false;
};

}  // namespace ropelab::app
