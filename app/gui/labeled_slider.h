#pragma once
// A slider paired with a spin box for typed entry; the two always show the same value. Linear or
// logarithmic (for the RoPE base, which spans five decades).
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
  Scale scale_;
  double step_;
  bool syncing_ = false;
};

}  // namespace ropelab::app
