#include "app/gui/export_dialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QInputDialog>
#include <QMessageBox>
#include <QSpinBox>
#include <QStatusBar>

#include "app/gui/main_window.h"
#include "ropelab/io/files.h"
#include "ropelab/io/writers.h"

namespace ropelab::app {

namespace {

struct Choice {
  FigureView view = FigureView::Layout;
  bool compare = true;
  QSize size{1200, 900};
  int dpi = 144;
};

Choice last_choice;

bool ask(MainWindow* window, Choice& choice, bool withSize) {
  QDialog dialog(window);
  dialog.setWindowTitle(QObject::tr("Export figure"));
  auto* form = new QFormLayout(&dialog);
  auto* view = new QComboBox(&dialog);
  for (const QString& name : figure_view_names()) {
    view->addItem(figure_view_title(*figure_view_from_name(name)), name);
  }
  view->setCurrentIndex(static_cast<int>(choice.view));
  form->addRow(QObject::tr("View"), view);
  auto* compare = new QCheckBox(QObject::tr("Every compared variant"), &dialog);
  compare->setChecked(choice.compare);
  form->addRow(QString(), compare);
  auto* width = new QSpinBox(&dialog);
  auto* height = new QSpinBox(&dialog);
  auto* dpi = new QSpinBox(&dialog);
  width->setRange(16, 16384);
  height->setRange(16, 16384);
  dpi->setRange(10, 2400);
  width->setValue(choice.size.width());
  height->setValue(choice.size.height());
  dpi->setValue(choice.dpi);
  if (withSize) {
    form->addRow(QObject::tr("Width (px)"), width);
    form->addRow(QObject::tr("Height (px)"), height);
    form->addRow(QObject::tr("DPI"), dpi);
  } else {
    width->hide();
    height->hide();
    dpi->hide();
  }
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
  QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  form->addRow(buttons);
  if (dialog.exec() != QDialog::Accepted) return false;
  choice.view = *figure_view_from_name(view->currentData().toString());
  choice.compare = compare->isChecked();
  choice.size = QSize(width->value(), height->value());
  choice.dpi = dpi->value();
  return true;
}

FigureSpec spec_for(MainWindow* window, const Choice& choice) {
  FigureSpec spec;
  spec.view = choice.view;
  spec.compare = choice.compare;
  spec.theme = window->theme();
  if (window->layoutPanelCount() > 0) spec.cameraFrom = window->layoutView(0);
  return spec;
}

}  // namespace

QString export_data(const ComputeResult& result, DataKind kind, const QString& path) {
  if (result.variants.empty()) return QObject::tr("%1: nothing computed yet").arg(path);
  const QString suffix = QFileInfo(path).suffix().toLower();
  try {
    const io::Format format = io::parse_format(suffix.toStdString());
    const VariantResult& r = result.variants.front();
    std::string bytes;
    switch (kind) {
      case DataKind::Positions:
        bytes = io::positions_output(*r.encoding, format);
        break;
      case DataKind::Angles:
        bytes = io::angles_output(*r.encoding, format);
        break;
      case DataKind::Attention:
        bytes = io::attention_output(*r.encoding, r.attention.query, r.attention.logits,
                                     &r.attention.probabilities, format);
        break;
    }
    io::write_file_atomically(path.toStdString(), bytes);
  } catch (const std::exception& e) {
    const QString message = QString::fromStdString(e.what());
    return message.contains(path) ? message : path + QStringLiteral(": ") + message;
  }
  return {};
}

void export_figure_dialog(MainWindow* window) {
  if (window->currentResult() == nullptr) return;
  if (!ask(window, last_choice, true)) return;
  const QString path =
      QFileDialog::getSaveFileName(window, QObject::tr("Export figure"),
                                   figure_view_name(last_choice.view) + QStringLiteral(".svg"),
                                   QObject::tr("Figures (*.png *.svg *.pdf)"));
  if (path.isEmpty()) return;
  views::FigureRequest request;
  request.size = last_choice.size;
  request.dpi = last_choice.dpi;
  const QString error =
      export_figure(spec_for(window, last_choice), *window->currentResult(), path, request);
  if (!error.isEmpty()) {
    QMessageBox::warning(window, QObject::tr("Export figure"), error);
  } else {
    window->statusBar()->showMessage(QObject::tr("Saved %1").arg(path), 5000);
  }
}

void copy_figure_to_clipboard(MainWindow* window) {
  if (window->currentResult() == nullptr) return;
  Choice choice = last_choice;
  if (!ask(window, choice, true)) return;
  last_choice = choice;
  views::FigureRequest request;
  request.size = choice.size;
  request.dpi = choice.dpi;
  QApplication::clipboard()->setImage(
      figure_image(spec_for(window, choice), *window->currentResult(), request));
  window->statusBar()->showMessage(QObject::tr("Figure copied"), 4000);
}

void export_data_dialog(MainWindow* window) {
  if (window->currentResult() == nullptr) return;
  const QStringList kinds{QObject::tr("Position ids"), QObject::tr("Rotation angles"),
                          QObject::tr("Attention of the query token")};
  bool ok = false;
  const QString kind = QInputDialog::getItem(window, QObject::tr("Export data"),
                                             QObject::tr("What"), kinds, 0, false, &ok);
  if (!ok) return;
  const QString path = QFileDialog::getSaveFileName(
      window, QObject::tr("Export data"), QStringLiteral("positions.json"),
      QObject::tr("JSON (*.json);;CSV (*.csv);;NumPy (*.npy)"));
  if (path.isEmpty()) return;
  const QString error =
      export_data(*window->currentResult(), static_cast<DataKind>(kinds.indexOf(kind)), path);
  if (!error.isEmpty()) {
    QMessageBox::warning(window, QObject::tr("Export data"), error);
  } else {
    window->statusBar()->showMessage(QObject::tr("Saved %1").arg(path), 5000);
  }
}

}  // namespace ropelab::app
