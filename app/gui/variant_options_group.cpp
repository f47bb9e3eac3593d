#include "app/gui/variant_options_group.h"

#include <QFormLayout>
#include <QLabel>

#include "app/gui/model/app_model.h"

namespace ropelab::app {

VariantOptionsGroup::VariantOptionsGroup(AppModel* model, QWidget* parent)
    : QWidget(parent), model_(model) {
  form_ = new QFormLayout(this);
  form_->setContentsMargins(0, 0, 0, 0);
  empty_ = new QLabel(this);
  note_ = new QLabel(this);
  note_->hide();
  form_->addRow(empty_);
  form_->addRow(note_);
}

void VariantOptionsGroup::showVariant(const QString& variant) {
  variant_ = variant;
  empty_->setText(tr("%1 declares no options.").arg(variant));
}

QWidget* VariantOptionsGroup::control(const std::string& key) const {
  const auto it = controls_.find(key);
  return it == controls_.end() ? nullptr : it->second;
}

void VariantOptionsGroup::rebuild() {}
void VariantOptionsGroup::refreshValues() {}

}  // namespace ropelab::app
