#include "app/gui/variant_options_group.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <algorithm>
#include <climits>

#include "app/gui/model/app_model.h"
#include "ropelab/error.h"
#include "ropelab/options.h"
#include "ropelab/registry.h"

namespace ropelab::app {

namespace {

QString tool_tip(const OptionSpec& spec) {
  QString tip = QString::fromStdString(spec.doc);
  if (!spec.reproduces.empty())
    tip += QObject::tr("\nReproduces: %1").arg(QString::fromStdString(spec.reproduces));
  tip += QObject::tr("\nCLI: %1 · preset key: %2 · allowed: %3")
             .arg(QString::fromStdString(spec.flag), QString::fromStdString(spec.key),
                  QString::fromStdString(option_allowed(spec)));
  return tip;
}

}  // namespace

VariantOptionsGroup::VariantOptionsGroup(AppModel* model, QWidget* parent)
    : QWidget(parent), model_(model) {
  form_ = new QFormLayout(this);
  form_->setContentsMargins(0, 0, 0, 0);
  form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  form_->setRowWrapPolicy(QFormLayout::WrapLongRows);
  empty_ = new QLabel(this);
  empty_->setWordWrap(true);
  note_ = new QLabel(this);
  note_->setObjectName(QStringLiteral("optionNote"));
  note_->setWordWrap(true);
  note_->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
  note_->hide();
}

void VariantOptionsGroup::showVariant(const QString& variant) {
  if (variant != variant_ || form_->rowCount() == 0) {
    variant_ = variant;
    rebuild();
  }
  refreshValues();
}

QWidget* VariantOptionsGroup::control(const std::string& key) const {
  const auto it = controls_.find(key);
  return it == controls_.end() ? nullptr : it->second;
}

void VariantOptionsGroup::rebuild() {
  // The rows are removed now (not later) so the new ones take their place at once; the two
  // labels are kept.
  while (form_->rowCount() > 0) {
    const QFormLayout::TakeRowResult row = form_->takeRow(0);
    for (QLayoutItem* item : {row.labelItem, row.fieldItem}) {
      if (item == nullptr) continue;
      QWidget* w = item->widget();
      delete item;
      if (w != nullptr && w != empty_ && w != note_) delete w;
    }
  }
  controls_.clear();
  note_->hide();
  const Variant* v = find_variant(variant_.toStdString());
  const std::vector<OptionSpec> specs = v != nullptr ? v->options() : std::vector<OptionSpec>{};
  empty_->setText(tr("%1 declares no options.").arg(variant_));
  empty_->setVisible(specs.empty());
  form_->addRow(empty_);
  for (const OptionSpec& spec : specs) {
    const QString label = QString::fromStdString(spec.label);
    const std::string key = spec.key;
    const auto send = [this, key](OptionValue value) {
      if (updating_) return;
      note_->hide();
      VariantOptions options = model_->state().options(variant_);
      options.set(key, std::move(value));
      model_->setOptions(variant_, options);
    };
    QWidget* control = nullptr;
    switch (spec.kind) {
      case OptionKind::Switch: {
        auto* box = new QCheckBox(label, this);
        connect(box, &QCheckBox::toggled, this, [send](bool on) { send(on); });
        control = box;
        form_->addRow(box);
        break;
      }
      case OptionKind::Integer: {
        auto* spin = new QSpinBox(this);
        spin->setRange(static_cast<int>(std::max<double>(spec.min, INT_MIN)),
                       static_cast<int>(std::min<double>(spec.max, INT_MAX)));
        spin->setKeyboardTracking(false);
        connect(spin, &QSpinBox::valueChanged, this, [send](int v) { send(v); });
        control = spin;
        form_->addRow(label, spin);
        break;
      }
      case OptionKind::Choice: {
        auto* box = new QComboBox(this);
        for (const std::string& c : spec.choices) box->addItem(QString::fromStdString(c));
        connect(box, &QComboBox::activated, this,
                [send, box](int) { send(box->currentText().toStdString()); });
        control = box;
        form_->addRow(label, box);
        break;
      }
      case OptionKind::Number:
      case OptionKind::Text: {
        // Typed: "1e6" is a number; a value out of range or not a number is refused with the
        // declaration's message, and the field shows the value in use again.
        auto* edit = new QLineEdit(this);
        edit->setPlaceholderText(QString::fromStdString(option_allowed(spec)));
        connect(edit, &QLineEdit::editingFinished, this, [this, spec, edit, send] {
          if (updating_) return;
          try {
            send(parse_option(spec, edit->text().trimmed().toStdString()));
          } catch (const InputError& e) {
            note_->setText(tr("Not applied: %1").arg(QString::fromStdString(e.what())));
            note_->show();
            refreshValues();
          }
        });
        control = edit;
        form_->addRow(label, edit);
        break;
      }
    }
    control->setObjectName(QStringLiteral("option:") + QString::fromStdString(key));
    control->setToolTip(tool_tip(spec));
    controls_[key] = control;
  }
  form_->addRow(note_);
}

void VariantOptionsGroup::refreshValues() {
  const Variant* v = find_variant(variant_.toStdString());
  if (v == nullptr) return;
  // What the variant uses: the user's values over the variant's own defaults.
  const VariantOptions resolved = resolve_options(*v, model_->state().options(variant_));
  updating_ = true;
  for (const OptionSpec& spec : v->options()) {
    QWidget* c = control(spec.key);
    if (c == nullptr) continue;
    const QSignalBlocker block(c);
    switch (spec.kind) {
      case OptionKind::Switch:
        static_cast<QCheckBox*>(c)->setChecked(resolved.get<bool>(spec.key));
        break;
      case OptionKind::Integer:
        static_cast<QSpinBox*>(c)->setValue(resolved.get<int>(spec.key));
        break;
      case OptionKind::Choice: {
        auto* box = static_cast<QComboBox*>(c);
        box->setCurrentIndex(
            box->findText(QString::fromStdString(resolved.get<std::string>(spec.key))));
        break;
      }
      case OptionKind::Number:
        static_cast<QLineEdit*>(c)->setText(
            QString::fromStdString(format_option(resolved.get<double>(spec.key))));
        break;
      case OptionKind::Text:
        static_cast<QLineEdit*>(c)->setText(
            QString::fromStdString(resolved.get<std::string>(spec.key)));
        break;
    }
  }
  updating_ = false;
}

}  // namespace ropelab::app
