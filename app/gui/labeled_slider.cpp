#include "app/gui/labeled_slider.h"

#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <cmath>

namespace ropelab::app {

namespace {
// Log sliders move in hundredths of a decade.
constexpr double kLogTicksPerDecade = 100.0;
}  // namespace

LabeledSlider::LabeledSlider(const QString& label, double minimum, double maximum, double step,
                             int decimals, Scale scale, QWidget* parent)
    : QWidget(parent), scale_(scale), step_(step) {
  auto* layout = new QGridLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setHorizontalSpacing(6);
  label_ = new QLabel(label, this);
  slider_ = new QSlider(Qt::Horizontal, this);
  slider_->setMinimumWidth(110);
  spin_ = new QDoubleSpinBox(this);
  spin_->setDecimals(decimals);
  spin_->setSingleStep(step);
  spin_->setKeyboardTracking(false);
  spin_->setMinimumWidth(90);
  label_->setBuddy(spin_);
  layout->addWidget(label_, 0, 0);
  layout->addWidget(slider_, 0, 1);
  layout->addWidget(spin_, 0, 2);
  layout->setColumnStretch(1, 1);
  setRange(minimum, maximum);

  connect(slider_, &QSlider::valueChanged, this, [this](int position) {
    if (syncing_) return;
    const double v = fromSlider(position);
    {
      const QSignalBlocker block(spin_);
      spin_->setValue(v);
    }
    emit valueChanged(spin_->value());
  });
  connect(spin_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
    if (syncing_) return;
    syncing_ = true;
    slider_->setValue(toSlider(v));
    syncing_ = false;
    emit valueChanged(v);
  });
  connect(slider_, &QSlider::sliderPressed, this, &LabeledSlider::dragStarted);
  connect(slider_, &QSlider::sliderReleased, this, &LabeledSlider::dragFinished);
}

void LabeledSlider::setRange(double minimum, double maximum) {
  // Unchanged: nothing to do (a new range re-lays out the spin box and repaints the panel).
  if (spin_->minimum() == minimum && spin_->maximum() == maximum) return;
  const QSignalBlocker blockSpin(spin_);
  const QSignalBlocker blockSlider(slider_);
  spin_->setRange(minimum, maximum);
  slider_->setRange(toSlider(minimum), toSlider(maximum));
  slider_->setValue(toSlider(spin_->value()));
}

void LabeledSlider::setSpecialValueText(const QString& text) {
  spin_->setSpecialValueText(text);
}

double LabeledSlider::value() const {
  return spin_->value();
}

void LabeledSlider::setValue(double value) {
  const QSignalBlocker blockSpin(spin_);
  const QSignalBlocker blockSlider(slider_);
  spin_->setValue(value);
  slider_->setValue(toSlider(spin_->value()));
}

int LabeledSlider::toSlider(double value) const {
  if (scale_ == Scale::Log) {
    return static_cast<int>(std::lround(std::log10(std::max(value, 1e-12)) * kLogTicksPerDecade));
  }
  return static_cast<int>(std::lround(value / step_));
}

double LabeledSlider::fromSlider(int position) const {
  if (scale_ == Scale::Log) {
    // Round to 3 significant digits so the typed-entry box shows a clean number.
    const double v = std::pow(10.0, position / kLogTicksPerDecade);
    const double magnitude = std::pow(10.0, std::floor(std::log10(v)) - 2);
    return std::round(v / magnitude) * magnitude;
  }
  return position * step_;
}

}  // namespace ropelab::app
