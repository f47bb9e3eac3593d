#include "app/gui/variant_options_group.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
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

// A check box whose text wraps (QCheckBox's does not): the box, and a label that toggles it.
class WrappedCheck : public QLabel {
 public:
  WrappedCheck(const QString& text, QCheckBox* box, QWidget* parent)
      : QLabel(text, parent), box_(box) {
    setWordWrap(true);
    setBuddy(box);
  }

 protected:
  void mouseReleaseEvent(QMouseEvent* /*event*/) override {
    if (box_->isEnabled()) box_->click();
  }

 private:
  QCheckBox* box_;
};

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
  head_ = nullptr;
  headAxis_ = nullptr;
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
      SceneParameters s = model_->state();
      s.options(variant_).set(key, std::move(value));
      // Fewer KV heads than the head shown: show the last head instead, and say so (one step).
      const int heads = headCount(variant_, s);
      if (heads > 0 && s.head >= heads) {
        note_->setText(tr("Only %1 KV heads now: showing head %2 instead of %3.")
                           .arg(heads)
                           .arg(heads - 1)
                           .arg(s.head));
        s.head = heads - 1;
        model_->set(std::move(s), AppModel::Source::Option);
        note_->show();
        return;
      }
      model_->set(std::move(s), AppModel::Source::Option);
    };
    QWidget* control = nullptr;
    switch (spec.kind) {
      case OptionKind::Switch: {
        auto* box = new QCheckBox(this);
        box->setAccessibleName(label);
        connect(box, &QCheckBox::toggled, this, [send](bool on) { send(on); });
        control = box;
        auto* row = new QWidget(this);
        auto* rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        box->setParent(row);
        auto* text = new WrappedCheck(label, box, row);
        text->setToolTip(tool_tip(spec));
        rowLayout->addWidget(box, 0, Qt::AlignTop);
        rowLayout->addWidget(text, 1);
        form_->addRow(row);
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
  if (v != nullptr && v->info().head_wise) {
    head_ = new QSpinBox(this);
    head_->setObjectName(QStringLiteral("headChoice"));
    head_->setKeyboardTracking(false);
    head_->setToolTip(tr("The KV head whose pair map the views show: each head of %1 rotates all "
                         "its pairs by one axis (or none).\nCLI: --head · preset key: head")
                          .arg(variant_));
    connect(head_, &QSpinBox::valueChanged, this, [this](int k) {
      if (!updating_) model_->setHead(k);
    });
    headAxis_ = new QLabel(this);
    headAxis_->setObjectName(QStringLiteral("headAxis"));
    headAxis_->setWordWrap(true);
    form_->addRow(tr("KV head"), head_);
    form_->addRow(headAxis_);
  }
  form_->addRow(note_);
}

int VariantOptionsGroup::headCount(const QString& variant, const SceneParameters& state) {
  const Variant* v = find_variant(variant.toStdString());
  if (v == nullptr || !v->info().head_wise) return 0;
  Config config = state.config(*v, false);
  try {
    config.options = resolve_options(*v, config.options);
    // head_axes trusts validated options (a head split larger than the heads is refused here).
    v->validate(state.scene, config);
    return static_cast<int>(v->head_axes(config).size());
  } catch (const InputError&) {
    return 0;  // options the core refuses: its message is shown by the compute
  }
}

void VariantOptionsGroup::refreshHead() {
  if (head_ == nullptr) return;
  const SceneParameters& s = model_->state();
  const Variant* v = find_variant(variant_.toStdString());
  const int heads = headCount(variant_, s);
  const QSignalBlocker block(head_);
  head_->setRange(0, std::max(0, heads - 1));
  head_->setValue(s.head);
  head_->setEnabled(heads > 0);
  if (v == nullptr || heads == 0) {
    headAxis_->clear();
    return;
  }
  Config config = s.config(*v, false);
  config.options = resolve_options(*v, config.options);
  const std::vector<int> axes = v->head_axes(config);
  const int axis = s.head >= 0 && s.head < heads ? axes[static_cast<std::size_t>(s.head)] : -2;
  const QString reads =
      axis == -2 ? tr("outside 0 … %1").arg(heads - 1)
      : axis == -1
          ? tr("zero frequency (NoPE): no pair rotates")
          : tr("every pair reads %1")
                .arg(QString::fromStdString(v->info().axes[static_cast<std::size_t>(axis)]));
  headAxis_->setText(tr("head %1 of 0 … %2: %3").arg(s.head).arg(heads - 1).arg(reads));
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
  refreshHead();
  updating_ = false;
}

}  // namespace ropelab::app
