#include "app/gui/check_dialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QVBoxLayout>
#include <optional>

#include "app/gui/main_window.h"
#include "ropelab/check.h"
#include "ropelab/error.h"
#include "ropelab/io/npy.h"
#include "views/layout_view.h"

namespace ropelab::app {

IdsCheckOutcome check_ids_files(const Encoding& e, const QString& idsPath,
                                const QString& allocationPath) {
  if (idsPath.isEmpty() && allocationPath.isEmpty())
    throw InputError("choose an ids file (.npy) and/or an allocation file to check");
  IdsCheckOutcome outcome;
  std::string report;
  std::optional<RowMatrix> user;
  if (!idsPath.isEmpty()) {
    const std::string path = idsPath.toStdString();
    const io::NpyArray ids = io::read_npy(path);
    const IdsCheck c = check_ids(e, ids, path);
    report += describe(e, c);
    outcome.ok = c.ok();
    outcome.tokens = c.tokens_differing;
    if (!allocationPath.isEmpty()) user = first_batch(e, ids, path);
  }
  if (!allocationPath.isEmpty()) {
    const std::string path = allocationPath.toStdString();
    const AllocationCheck c =
        check_allocation(e, io::read_npy(path), path, user ? &*user : nullptr);
    report += describe(e, c);
    outcome.ok = outcome.ok && c.ok();
  }
  outcome.report = QString::fromStdString(report).trimmed();
  return outcome;
}

namespace {

QLineEdit* file_row(QWidget* parent, QFormLayout* form, const QString& label,
                    const QString& caption) {
  auto* row = new QHBoxLayout;
  auto* edit = new QLineEdit(parent);
  auto* browse = new QPushButton(QObject::tr("Browse…"), parent);
  QObject::connect(browse, &QPushButton::clicked, parent, [parent, edit, caption] {
    const QString path = QFileDialog::getOpenFileName(parent, caption, edit->text(),
                                                      QObject::tr("NumPy arrays (*.npy)"));
    if (!path.isEmpty()) edit->setText(path);
  });
  row->addWidget(edit, 1);
  row->addWidget(browse);
  form->addRow(label, row);
  return edit;
}

}  // namespace

CheckIdsDialog::CheckIdsDialog(MainWindow* window) : QDialog(window), window_(window) {
  setObjectName(QStringLiteral("checkIdsDialog"));
  setWindowTitle(tr("Check my ids"));
  auto* layout = new QVBoxLayout(this);
  auto* intro = new QLabel(
      tr("Compare the position ids your code computes for the current scene — shape (axes, "
         "tokens) or (axes, batch, tokens), any dtype, e.g. np.save('ids.npy', "
         "get_rope_index(...)[0].numpy()) — and optionally its pair → axis map or a cos table "
         "with the current variant's reference. Differing tokens are marked in the layout."),
      this);
  intro->setWordWrap(true);
  layout->addWidget(intro);
  auto* form = new QFormLayout;
  ids_ = file_row(this, form, tr("Ids (.npy)"), tr("Position ids"));
  allocation_ =
      file_row(this, form, tr("Allocation (.npy, optional)"), tr("Pair → axis map or cos table"));
  layout->addLayout(form);
  report_ = new QPlainTextEdit(this);
  report_->setObjectName(QStringLiteral("checkReport"));
  report_->setReadOnly(true);
  report_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  report_->setMinimumSize(560, 120);
  layout->addWidget(report_, 1);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  QPushButton* check = buttons->addButton(tr("Check"), QDialogButtonBox::ApplyRole);
  check->setDefault(true);
  connect(check, &QPushButton::clicked, this, &CheckIdsDialog::runCheck);
  QPushButton* clear = buttons->addButton(tr("Clear marks"), QDialogButtonBox::ResetRole);
  connect(clear, &QPushButton::clicked, this, [this] {
    if (window_->layoutPanelCount() > 0) window_->layoutView(0)->setMarkedTokens({});
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
}

void CheckIdsDialog::setIdsPath(const QString& path) {
  ids_->setText(path);
}

void CheckIdsDialog::setAllocationPath(const QString& path) {
  allocation_->setText(path);
}

QString CheckIdsDialog::reportText() const {
  return report_->toPlainText();
}

bool CheckIdsDialog::runCheck() {
  views::LayoutView* layout = window_->layoutPanelCount() > 0 ? window_->layoutView(0) : nullptr;
  const Encoding* encoding = layout != nullptr ? layout->encoding() : nullptr;
  if (encoding == nullptr) {
    report_->setPlainText(tr("The scene is still being computed; try again in a moment."));
    return false;
  }
  try {
    const IdsCheckOutcome outcome =
        check_ids_files(*encoding, ids_->text().trimmed(), allocation_->text().trimmed());
    report_->setPlainText(outcome.report);
    layout->setMarkedTokens(outcome.tokens);
    window_->statusBar()->showMessage(outcome.ok
                                          ? tr("Check: match")
                                          : tr("Check: mismatch, %n token(s) marked in the layout",
                                               nullptr, static_cast<int>(outcome.tokens.size())),
                                      10000);
    return true;
  } catch (const std::exception& e) {
    report_->setPlainText(tr("Cannot check: %1").arg(QString::fromUtf8(e.what())));
    layout->setMarkedTokens({});
    return false;
  }
}

void add_check_ids_action(MainWindow* window, QMenu* menu) {
  QAction* action = menu->addAction(QObject::tr("Check my ids…"));
  action->setObjectName(QStringLiteral("checkMyIds"));
  QObject::connect(action, &QAction::triggered, window, [window] {
    auto* dialog = window->findChild<CheckIdsDialog*>(QStringLiteral("checkIdsDialog"));
    if (dialog == nullptr) dialog = new CheckIdsDialog(window);
    dialog->show();
    dialog->raise();
  });
}

}  // namespace ropelab::app
