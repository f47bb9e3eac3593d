#pragma once
// A slider paired with a spin box for typed entry; the two always show the same value. Linear or
// logarithmic (for values that span decades: base, sizes). Typed entry takes "1e6"; text that is
// not a number or lies outside the range is refused with a visible notice, never clamped.
#include <QWidget>

class QSlider;
class QDoubleSpinBox;
class QLabel;

namespace ropelab::app {

class LabeledSlider : public QWidget {
  Q_OBJECT
 public:
  enum class Scale { Linear, Log };
  LabeledSlider(const QString& label, double minimum, double maximum, double step, int decimals,
                Scale scale = Scale::Linear, QWidget* parent = nullptr);

  double value() const;
  void setValue(double value);  // emits nothing
  void setRange(double minimum, double maximum);
  void setSpecialValueText(const QString& text);
  QSlider* slider() const { return slider_; }
  QDoubleSpinBox* spinBox() const { return spin_; }
  // The notice shown when typed text is refused (not a number, out of range); hidden otherwise.
  QLabel* notice() const { return note_; }

 signals:
  void valueChanged(double value);
  void dragStarted();
  void dragFinished();

 private:
  int toSlider(double value) const;
  double fromSlider(int position) const;

  QLabel* label_ = nullptr;
  QSlider* slider_ = nullptr;
  QDoubleSpinBox* spin_ = nullptr;
  QLabel* note_ = nullptr;
  QString typed_;
  Scale scale_;
  double step_;
  bool syncing_ = false;
};

}  // namespace ropelab::app
