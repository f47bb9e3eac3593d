#include "app/gui/labeled_slider.h"

#include <QDoubleSpinBox>
#include <QFontMetrics>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSignalBlocker>
#include <QSlider>
#include <algorithm>
#include <cmath>

namespace ropelab::app {

namespace {
// Log sliders move in hundredths of a decade.
constexpr double kLogTicksPerDecade = 100.0;

// Typed entry that takes any number text ("1e6", "0.5", "2E3"): anything else, or a number out of
// range, is left as typed (Intermediate) and refused at commit with a visible notice.
class TypedSpinBox : public QDoubleSpinBox {
 public:
  using QDoubleSpinBox::QDoubleSpinBox;

  QValidator::State validate(QString& input, int& /*pos*/) const override {
    const QString t = input.trimmed();
    if (!specialValueText().isEmpty() && t == specialValueText()) return QValidator::Acceptable;
    bool ok = false;
    const double v = QLocale::c().toDouble(t, &ok);
    return ok && v >= minimum() && v <= maximum() ? QValidator::Acceptable
                                                  : QValidator::Intermediate;
  }
  double valueFromText(const QString& text) const override {
    const QString t = text.trimmed();
    if (!specialValueText().isEmpty() && t == specialValueText()) return minimum();
    return QLocale::c().toDouble(t);
  }
  // Large values in 1e9 notation ("1e+12" rather than 13 digits): the box stays narrow enough
  // for the panel at every window size and still shows the whole value.
  QString textFromValue(double value) const override {
    if (std::abs(value) >= kCompactFrom) return QLocale::c().toString(value, 'g', 6);
    return QLocale::c().toString(value, 'f', decimals());
  }
  static constexpr double kCompactFrom = 1e8;

  // Qt sizes the box for the texts of its minimum and maximum; in compact notation the widest
  // value is one just below kCompactFrom (8 digits), which must show whole too.
  QSize minimumSizeHint() const override {
    QSize hint = QDoubleSpinBox::minimumSizeHint();
    if (maximum() < kCompactFrom) return hint;
    const QFontMetrics fm(font());
    const int widest = fm.horizontalAdvance(textFromValue(kCompactFrom - 1));
    const int qt = std::max(fm.horizontalAdvance(textFromValue(minimum())),
                            fm.horizontalAdvance(textFromValue(maximum())));
    hint.rwidth() += std::max(0, widest - qt);
    return hint;
  }
  QSize sizeHint() const override {
    QSize hint = QDoubleSpinBox::sizeHint();
    hint.setWidth(std::max(hint.width(), minimumSizeHint().width()));
    return hint;
  }
};

}  // namespace

LabeledSlider::LabeledSlider(const QString& label, double minimum, double maximum, double step,
                             int decimals, Scale scale, QWidget* parent)
    : QWidget(parent), scale_(scale), step_(step) {
  auto* layout = new QGridLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setHorizontalSpacing(4);
  // The label wraps and the slider shrinks before anything is cut: the row fits a parameter
  // dock of 300 px (the narrowest default, at 1280x800).
  label_ = new QLabel(label, this);
  label_->setWordWrap(true);
  // Wrapping breaks between words only: never narrower than the widest word.
  int widestWord = label_->fontMetrics().horizontalAdvance(QStringLiteral("height H"));
  for (const QString& word : label.split(QLatin1Char(' '), Qt::SkipEmptyParts))
    widestWord = std::max(widestWord, label_->fontMetrics().horizontalAdvance(word));
  label_->setMinimumWidth(widestWord + 2);
  label_->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
  slider_ = new QSlider(Qt::Horizontal, this);
  slider_->setMinimumWidth(56);
  spin_ = new TypedSpinBox(this);
  spin_->setDecimals(decimals);
  spin_->setSingleStep(step);
  spin_->setKeyboardTracking(false);
  spin_->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Fixed);
  label_->setBuddy(spin_);
  layout->addWidget(label_, 0, 0);
  layout->addWidget(slider_, 0, 1);
  layout->addWidget(spin_, 0, 2);
  layout->setColumnStretch(0, 2);
  layout->setColumnStretch(1, 3);
  note_ = new QLabel(this);
  note_->setWordWrap(true);
  note_->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
  note_->hide();
  layout->addWidget(note_, 1, 0, 1, 3);
  setRange(minimum, maximum);
  spin_->setToolTip(tr("Type a value in [%1, %2]; 1e6 notation works")
                        .arg(minimum, 0, 'g', 7)
                        .arg(maximum, 0, 'g', 7));
  // A typed value that cannot be used is refused, never changed silently: say so.
  connect(spin_->findChild<QLineEdit*>(), &QLineEdit::textEdited, this,
          [this](const QString& text) { typed_ = text; });
  connect(spin_, &QDoubleSpinBox::editingFinished, this, [this] {
    const QString text = typed_.trimmed();
    typed_.clear();
    if (text.isEmpty()) {
      note_->hide();
      return;
    }
    bool ok = false;
    const double v = QLocale::c().toDouble(text, &ok);
    const bool special = !spin_->specialValueText().isEmpty() && text == spin_->specialValueText();
    if (special || (ok && v >= spin_->minimum() && v <= spin_->maximum())) {
      note_->hide();
      return;
    }
    const QString kept = spin_->textFromValue(spin_->value());
    note_->setText(!ok ? tr("'%1' is not a number: kept %2").arg(text, kept)
                       : tr("%1 is outside [%2, %3]: kept %4")
                             .arg(text)
                             .arg(spin_->minimum(), 0, 'g', 7)
                             .arg(spin_->maximum(), 0, 'g', 7)
                             .arg(kept));
    note_->show();
  });

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
