#include "app/gui/variant_picker.h"

#include <QAbstractItemView>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QSignalBlocker>
#include <QStyleOptionComboBox>
#include <QStylePainter>
#include <QVBoxLayout>

#include "ropelab/error.h"
#include "ropelab/registry.h"

namespace ropelab::app {

namespace {

constexpr QLatin1StringView kCustomPrefix("custom:");

// The first sentence of a summary (summaries are one line; a few add a second clause after ". ").
QString one_line(const std::string& summary) {
  const QString s = QString::fromStdString(summary);
  const int stop = static_cast<int>(s.indexOf(QStringLiteral(". ")));
  return stop > 0 ? s.left(stop) : s;
}

void fill_registered(QComboBox* box) {
  for (const Variant* v : all_variants()) {
    const QString id = QString::fromStdString(std::string(v->id()));
    box->addItem(id + QStringLiteral(" — ") + one_line(v->info().summary), id);
    box->setItemData(box->count() - 1, QString::fromStdString(v->info().summary), Qt::ToolTipRole);
  }
}

// The popup as wide as its widest entry (within the screen): every summary shows in full.
void widen_popup(QComboBox* box) {
  QAbstractItemView* view = box->view();
  int widest = 0;
  for (int i = 0; i < box->count(); ++i) {
    widest = std::max(widest, view->fontMetrics().horizontalAdvance(box->itemText(i)));
  }
  int limit = 1200;
  if (const QScreen* screen = box->screen()) limit = screen->availableGeometry().width() - 40;
  view->setMinimumWidth(std::min(widest + 48, limit));
}

}  // namespace

VariantPicker::VariantPicker(bool withNone, QWidget* parent) : QComboBox(parent) {
  // The closed box shows the id only (paintEvent): it stays as narrow as the panel.
  setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  setMinimumContentsLength(12);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  if (withNone) addItem(QStringLiteral("—"), QString());
  fill_registered(this);
  addItem(tr("Custom… (a design with another variant's allocation)"), customEntry());
  setItemData(count() - 1,
              tr("Pair one variant's position design with another's frequency allocation"),
              Qt::ToolTipRole);
  connect(this, &QComboBox::activated, this, &VariantPicker::onActivated);
}

QString VariantPicker::shortName(const QString& id) {
  if (!id.startsWith(kCustomPrefix)) return id.isEmpty() ? QStringLiteral("—") : id;
  const QString rest = id.mid(kCustomPrefix.size());
  return QStringLiteral("custom: ") + rest.section(QLatin1Char('/'), 0, 0) + QStringLiteral(" / ") +
         rest.section(QLatin1Char('/'), 1);
}

QString VariantPicker::summary(const QString& id) {
  if (id.isEmpty()) return {};
  const Variant* v = find_variant(id.toStdString());
  if (v == nullptr) return {};
  if (const Variant* d = v->design_part()) {
    return tr("%1's position design with %2's frequency allocation")
        .arg(QString::fromStdString(std::string(d->id())),
             QString::fromStdString(std::string(v->allocation_part()->id())));
  }
  return one_line(v->info().summary);
}

int VariantPicker::ensureItem(const QString& id) {
  int index = findData(id);
  if (index >= 0 || id.isEmpty() || find_variant(id.toStdString()) == nullptr) return index;
  index = count() - 1;  // above "Custom…"
  insertItem(index, shortName(id) + QStringLiteral(" — ") + summary(id), id);
  return index;
}

void VariantPicker::setCurrentId(const QString& id) {
  // Every model change passes here; the same id must not relayout the dock.
  if (id == shown_ && currentId() == id) return;
  const QSignalBlocker block(this);
  const int index = ensureItem(id);
  setCurrentIndex(std::max(0, index));
  shown_ = currentId();
  updateGeometry();  // a composed id is wider than the registered ones
}

void VariantPicker::onActivated(int index) {
  const QString id = itemData(index).toString();
  if (id != customEntry()) {
    shown_ = id;
    emit picked(id);
    return;
  }
  // Back to what was shown until the dialog says otherwise.
  setCurrentId(shown_);
  auto* dialog = new CustomVariantDialog(shown_, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, dialog] {
    setCurrentId(dialog->composedId());
    emit picked(dialog->composedId());
  });
  dialog->open();
}

void VariantPicker::paintEvent(QPaintEvent* /*event*/) {
  QStylePainter painter(this);
  QStyleOptionComboBox option;
  initStyleOption(&option);
  option.currentText = shortName(currentId());
  painter.drawComplexControl(QStyle::CC_ComboBox, option);
  painter.drawControl(QStyle::CE_ComboBoxLabel, option);
}

QSize VariantPicker::minimumSizeHint() const {
  QSize hint = QComboBox::minimumSizeHint();
  QStyleOptionComboBox option;
  initStyleOption(&option);
  const QSize text(fontMetrics().horizontalAdvance(shortName(currentId())) + 4,
                   fontMetrics().height());
  hint.setWidth(std::max(
      hint.width(), style()->sizeFromContents(QStyle::CT_ComboBox, &option, text, this).width()));
  return hint;
}

void VariantPicker::showPopup() {
  widen_popup(this);
  QComboBox::showPopup();
}

CustomVariantDialog::CustomVariantDialog(const QString& current, QWidget* parent)
    : QDialog(parent) {
  setObjectName(QStringLiteral("customVariantDialog"));
  setWindowTitle(tr("Custom variant"));
  auto* layout = new QVBoxLayout(this);
  auto* intro = new QLabel(tr("Pair one variant's position design (the ids of every token) with "
                              "another's frequency allocation (the axis each pair reads). Both "
                              "must have the same number of axes."),
                           this);
  intro->setWordWrap(true);
  layout->addWidget(intro);
  auto* form = new QFormLayout;
  design_ = new QComboBox(this);
  design_->setObjectName(QStringLiteral("designChoice"));
  allocation_ = new QComboBox(this);
  allocation_->setObjectName(QStringLiteral("allocationChoice"));
  for (QComboBox* box : {design_, allocation_}) {
    fill_registered(box);
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    box->setMinimumContentsLength(40);
    widen_popup(box);
  }
  form->addRow(tr("Position design of"), design_);
  form->addRow(tr("Frequency allocation of"), allocation_);
  layout->addLayout(form);
  message_ = new QLabel(this);
  message_->setObjectName(QStringLiteral("customMessage"));
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(message_);
  buttons_ = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(buttons_, &QDialogButtonBox::accepted, this, &CustomVariantDialog::accept);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons_);

  QString design = current, allocation = current;
  if (const Variant* v = find_variant(current.toStdString()); v && v->design_part()) {
    design = QString::fromStdString(std::string(v->design_part()->id()));
    allocation = QString::fromStdString(std::string(v->allocation_part()->id()));
  }
  design_->setCurrentIndex(std::max(0, design_->findData(design)));
  allocation_->setCurrentIndex(std::max(0, allocation_->findData(allocation)));
  connect(design_, &QComboBox::currentIndexChanged, this, &CustomVariantDialog::check);
  connect(allocation_, &QComboBox::currentIndexChanged, this, &CustomVariantDialog::check);
  check();
}

void CustomVariantDialog::check() {
  const std::string d = design_->currentData().toString().toStdString();
  const std::string a = allocation_->currentData().toString().toStdString();
  QPalette palette = message_->palette();
  try {
    const Variant& v = custom_variant(d, a);
    composed_ = QString::fromStdString(std::string(v.id()));
    message_->setText(tr("%1: ids of %2, pairs of %3.")
                          .arg(composed_, QString::fromStdString(d), QString::fromStdString(a)));
    palette.setColor(QPalette::WindowText, QPalette().color(QPalette::WindowText));
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(true);
  } catch (const InputError& e) {
    composed_.clear();
    message_->setText(tr("Refused: %1").arg(QString::fromStdString(e.what())));
    palette.setColor(QPalette::WindowText, QColor(0xb3, 0x26, 0x1e));
  }
  message_->setPalette(palette);
}

void CustomVariantDialog::accept() {
  check();
  if (composed_.isEmpty()) return;  // the message says why; the dialog stays open
  QDialog::accept();
}

}  // namespace ropelab::app
