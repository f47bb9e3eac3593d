#include "app/gui/session.h"

#include <QAction>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>

#include "app/gui/actions.h"
#include "app/gui/check_dialog.h"
#include "app/gui/export_dialog.h"
#include "app/gui/main_window.h"
#include "app/gui/model_import.h"
#include "app/gui/parameter_panel.h"
#include "ropelab/error.h"
#include "ropelab/io/files.h"
#include "ropelab/io/provenance.h"
#include "ropelab/registry.h"

// Resources of the static ropelab_app library must be registered explicitly, at global scope.
static void init_preset_resources() {
  Q_INIT_RESOURCE(presets);
}

namespace ropelab::app {

namespace {

constexpr int kMaxRecent = 8;
const char* const kSessionKey = "session/preset";
const char* const kRecentKey = "session/recent";

}  // namespace

SceneParameters load_preset_file(const QString& path) {
  std::string text;
  if (path.startsWith(QLatin1Char(':'))) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) throw InputError(path.toStdString() + ": cannot read");
    text = file.readAll().toStdString();
  } else if (const QString suffix = QFileInfo(path).suffix().toLower();
             suffix == QLatin1String("png") || suffix == QLatin1String("svg") ||
             suffix == QLatin1String("pdf")) {
    // An exported figure carries the preset that made it (core io/provenance.h).
    text = io::read_provenance(path.toStdString());
  } else {
    text = io::read_file(path.toStdString(), std::size_t{16} << 20);
  }
  return from_preset(io::preset_from_json(text, path.toStdString()), path);
}

void save_preset_file(const SceneParameters& parameters, const QString& path) {
  io::save_preset(to_preset(parameters), path.toStdString());
}

SceneParameters load_any_file(const QString& path, const SceneParameters& current) {
  std::string text;
  if (path.startsWith(QLatin1Char(':'))) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) throw InputError(path.toStdString() + ": cannot read");
    text = file.readAll().toStdString();
  } else {
    text = io::read_file(path.toStdString(), std::size_t{16} << 20);
  }
  if (text.find("\"ropelab-preset\"") != std::string::npos) {
    return from_preset(io::preset_from_json(text, path.toStdString()), path);
  }
  return import_hf_config_file(current, path);
}

QStringList builtin_presets() {
  init_preset_resources();
  QStringList paths;
  for (const QString& f : QDir(QStringLiteral(":/presets"))
                              .entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
    paths << QStringLiteral(":/presets/") + f;
  }
  return paths;
}

// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------

SessionController::SessionController(MainWindow* window, bool useSettings)
    : QObject(window), window_(window), useSettings_(useSettings) {
  init_preset_resources();
  if (useSettings_) {
    // The session is the preset JSON of the last state (the one serializer).
    const QString json = QSettings().value(kSessionKey).toString();
    if (!json.isEmpty()) {
      try {
        model()->reset(AppModel::fromJson(json, QStringLiteral("saved session")));
      } catch (const std::exception&) {
        // A damaged session is ignored: the window keeps the default scene.
      }
    }
  }
  connect(model(), &AppModel::changed, this, [this] {
    lastError_.clear();
    saveSession();
  });
  window_->setAcceptDrops(true);
  window_->installEventFilter(this);
  registerActions();
}

const char* SessionController::sessionKey() {
  return kSessionKey;
}

AppModel* SessionController::model() const {
  return window_->model();
}

void SessionController::registerActions() {
  ActionRegistry* actions = window_->actions();
  actions->add(
      QStringLiteral("file.open"), tr("Open preset, session or config.json…"),
      [this] {
        const QString path = QFileDialog::getOpenFileName(
            window_, tr("Open"), QString(), tr("RoPE Lab presets and model configs (*.json)"));
        if (!path.isEmpty()) openFile(path);
      },
      QKeySequence::Open);
  actions->add(
      QStringLiteral("file.save"), tr("Save preset as…"),
      [this] {
        const QString path =
            QFileDialog::getSaveFileName(window_, tr("Save preset"), QStringLiteral("scene.json"),
                                         tr("RoPE Lab presets (*.json)"));
        if (!path.isEmpty()) savePreset(path);
      },
      QKeySequence::SaveAs);
  recentMenu_ = new QMenu(tr("Recent presets"), window_);
  actions->adopt(QStringLiteral("file.recent"), recentMenu_->menuAction());
  actions->add(
      QStringLiteral("file.exportFigure"), tr("Export figure…"),
      [this] { export_figure_dialog(window_); }, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
  actions->add(
      QStringLiteral("file.copyFigure"), tr("Copy figure to clipboard"),
      [this] { copy_figure_to_clipboard(window_); },
      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
  actions->add(QStringLiteral("file.exportData"), tr("Export data (ids, angles, attention)…"),
               [this] { export_data_dialog(window_); });
  rebuildRecentMenu();

  QAction* undo = actions->add(
      QStringLiteral("edit.undo"), tr("Undo"), [this] { this->undo(); }, QKeySequence::Undo);
  QAction* redo = actions->add(
      QStringLiteral("edit.redo"), tr("Redo"), [this] { this->redo(); }, QKeySequence::Redo);
  const auto update = [this, undo, redo] {
    undo->setEnabled(model()->canUndo());
    redo->setEnabled(model()->canRedo());
  };
  connect(model(), &AppModel::historyChanged, this, update);
  update();

  presetsMenu_ = new QMenu(tr("&Presets"), window_);
  for (const QString& path : builtin_presets()) {
    QString title = QFileInfo(path).completeBaseName();
    QString tip;
    QFile f(path);
    if (f.open(QIODevice::ReadOnly)) {
      try {
        const io::Preset preset = io::preset_from_json(f.readAll().toStdString(), "");
        title = QString::fromStdString(preset.name);
        tip = QString::fromStdString(preset.description);
      } catch (const std::exception&) {
      }
    }
    QAction* a = actions->add(
        QStringLiteral("preset:") + QFileInfo(path).completeBaseName(), title,
        [this, path] { openPreset(path); }, {}, tip);
    presetsMenu_->addAction(a);
  }

  actions->add(QStringLiteral("models.importHf"), tr("Import Hugging Face config.json…"), [this] {
    const QString path = QFileDialog::getOpenFileName(window_, tr("Import config.json"), QString(),
                                                      tr("Model configs (*.json)"));
    if (!path.isEmpty()) importHfConfig(path);
  });
  actions->add(QStringLiteral("models.loadQk"), tr("Load q and k from .npy…"), [this] {
    const QString q = QFileDialog::getOpenFileName(
        window_, tr("q (tokens, D) or (heads, tokens, D)"), QString(), tr("NumPy arrays (*.npy)"));
    if (q.isEmpty()) return;
    const QString k = QFileDialog::getOpenFileName(window_, tr("k, the same shape as q"),
                                                   QFileInfo(q).path(), tr("NumPy arrays (*.npy)"));
    if (!k.isEmpty()) loadQk(q, k);
  });
  actions->add(QStringLiteral("models.clearQk"), tr("Back to synthetic q/k"),
               [this] { clearQk(); });
  actions->add(QStringLiteral("models.checkIds"), tr("Check my ids…"), [this] {
    auto* dialog = window_->findChild<CheckIdsDialog*>(QStringLiteral("checkIdsDialog"));
    if (dialog == nullptr) dialog = new CheckIdsDialog(window_);
    dialog->show();
    dialog->raise();
  });
}

QStringList SessionController::recentFiles() const {
  return useSettings_ ? QSettings().value(kRecentKey).toStringList() : recentFallback_;
}

void SessionController::addRecent(const QString& path) {
  if (path.startsWith(QLatin1Char(':'))) return;
  QStringList list = recentFiles();
  const QString absolute = QFileInfo(path).absoluteFilePath();
  list.removeAll(absolute);
  list.prepend(absolute);
  while (list.size() > kMaxRecent) list.removeLast();
  if (useSettings_) {
    QSettings().setValue(kRecentKey, list);
  } else {
    recentFallback_ = list;
  }
  rebuildRecentMenu();
}

void SessionController::rebuildRecentMenu() {
  if (recentMenu_ == nullptr) return;
  recentMenu_->clear();
  const QStringList list = recentFiles();
  for (const QString& path : list) {
    recentMenu_->addAction(QFileInfo(path).fileName(), this, [this, path] { openPreset(path); })
        ->setToolTip(path);
  }
  recentMenu_->setEnabled(!list.isEmpty());
}

void SessionController::report(const QString& message) {
  lastError_ = message;
  window_->statusBar()->showMessage(message, 10000);
  auto* box =
      new QMessageBox(QMessageBox::Warning, tr("RoPE Lab"), message, QMessageBox::Ok, window_);
  box->setObjectName(QStringLiteral("sessionError"));
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();  // not modal to the event loop: the app (and tests) keep running
}

void SessionController::apply(const SceneParameters& parameters, AppModel::Source source) {
  lastError_.clear();
  model()->set(parameters, source);
}

void SessionController::saveSession() {
  if (!useSettings_) return;
  try {
    QSettings().setValue(kSessionKey, model()->toJson());
  } catch (const std::exception&) {
  }
}

bool SessionController::openPreset(const QString& path) {
  try {
    SceneParameters p = load_preset_file(path);
    // A loaded array dump stays only if the scene still matches it.
    if (model()->state().qkArrays && p.scene == model()->state().scene)
      p.qkArrays = model()->state().qkArrays;
    apply(p, AppModel::Source::Preset);
    addRecent(path);
    window_->statusBar()->showMessage(tr("Loaded %1").arg(path), 8000);
    return true;
  } catch (const std::exception& e) {
    report(QString::fromStdString(e.what()));
    return false;
  }
}

bool SessionController::openFile(const QString& path) {
  try {
    apply(load_any_file(path, model()->state()), AppModel::Source::Preset);
    addRecent(path);
    window_->statusBar()->showMessage(tr("Opened %1").arg(path), 8000);
    return true;
  } catch (const std::exception& e) {
    report(QString::fromStdString(e.what()));
    return false;
  }
}

bool SessionController::savePreset(const QString& path) {
  try {
    save_preset_file(window_->parameters(), path);
    addRecent(path);
    window_->statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    return true;
  } catch (const std::exception& e) {
    const QString message = QString::fromStdString(e.what());
    report(message.contains(path) ? message : path + QStringLiteral(": ") + message);
    return false;
  }
}

bool SessionController::importHfConfig(const QString& path) {
  try {
    apply(import_hf_config_file(window_->parameters(), path), AppModel::Source::Import);
    window_->statusBar()->showMessage(tr("Imported %1").arg(path), 5000);
    return true;
  } catch (const std::exception& e) {
    report(QString::fromStdString(e.what()));
    return false;
  }
}

bool SessionController::loadQk(const QString& qPath, const QString& kPath, int head) {
  try {
    if (head < 0) {
      const QkFileInfo info = inspect_qk_file(qPath);
      head = 0;
      if (info.heads > 1) {
        bool ok = false;
        head = QInputDialog::getInt(
            window_, tr("Head"),
            tr("%1 holds %2 heads: which one?").arg(QFileInfo(qPath).fileName()).arg(info.heads), 0,
            0, info.heads - 1, 1, &ok);
        if (!ok) return false;
      }
    }
    apply(with_qk_arrays(window_->parameters(), load_qk_arrays(qPath, kPath, head), qPath),
          AppModel::Source::Import);
    window_->statusBar()->showMessage(
        tr("Attention from %1 and %2 (head %3)").arg(qPath, kPath).arg(head), 8000);
    return true;
  } catch (const std::exception& e) {
    report(QString::fromStdString(e.what()));
    return false;
  }
}

void SessionController::clearQk() {
  SceneParameters p = window_->parameters();
  p.qkArrays.reset();
  apply(p, AppModel::Source::Import);
}

void SessionController::undo() {
  model()->undo();
}

void SessionController::redo() {
  model()->redo();
}

bool SessionController::eventFilter(QObject* watched, QEvent* event) {
  if (watched == window_ && event->type() == QEvent::DragEnter) {
    auto* drag = static_cast<QDragEnterEvent*>(event);
    for (const QUrl& url : drag->mimeData()->urls()) {
      const QString suffix = QFileInfo(url.toLocalFile()).suffix().toLower();
      if (suffix == QLatin1String("json") || suffix == QLatin1String("npy")) {
        drag->acceptProposedAction();
        return true;
      }
    }
  }
  if (watched == window_ && event->type() == QEvent::Drop) {
    auto* drop = static_cast<QDropEvent*>(event);
    QStringList npy;
    for (const QUrl& url : drop->mimeData()->urls()) {
      const QString path = url.toLocalFile();
      const QString suffix = QFileInfo(path).suffix().toLower();
      if (suffix == QLatin1String("npy")) {
        npy << path;
      } else if (suffix == QLatin1String("json")) {
        openFile(path);
      }
    }
    if (npy.size() == 2) {
      // q first: the file whose name starts with q.
      if (QFileInfo(npy[1]).fileName().startsWith(QLatin1Char('q'), Qt::CaseInsensitive))
        npy.swapItemsAt(0, 1);
      loadQk(npy[0], npy[1]);
    } else if (!npy.isEmpty()) {
      report(tr("%1: drop q and k together (two .npy files)").arg(npy.front()));
    }
    drop->acceptProposedAction();
    return true;
  }
  return QObject::eventFilter(watched, event);
}

}  // namespace ropelab::app
