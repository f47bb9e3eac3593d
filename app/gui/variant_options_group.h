#pragma once
// The variant's declared options (core ropelab/options.h), one control each, built from the
// declarations: a check box for a switch, a spin box for an integer or number (typed entry takes
// 1e6; out-of-range text is refused with a visible note), a choice list, a text field. Each
// control's tooltip is the option's doc and the paper table it reproduces. Holds no state: shows
// the model's options of one variant and sends each change to the model (one undo step).
#include <QString>
#include <QWidget>
#include <map>
#include <string>

class QFormLayout;
class QLabel;

namespace ropelab::app {

class AppModel;

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

 private:
  void rebuild();
  void refreshValues();

  AppModel* model_;
  QString variant_;
  QFormLayout* form_ = nullptr;
  QLabel* note_ = nullptr;
  QLabel* empty_ = nullptr;
  std::map<std::string, QWidget*> controls_;
  bool updating_ = false;
};

}  // namespace ropelab::app
