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

io::Preset to_preset(const SceneParameters& p, const QString& name, const QString& description) {
  io::Preset preset;
  preset.name = name.toStdString();
  preset.description = description.toStdString();
  preset.variants.clear();
  for (const QString& id : p.variants) preset.variants.push_back(id.toStdString());
  preset.scene = p.scene();
  preset.config.head_dim = p.headDim;
  preset.config.base = p.base;
  preset.config.split = p.split;
  preset.config.options = p.options;
  // δ is kept when any variant reads it (a compared VideoRoPE keeps its own δ behind M-RoPE).
  for (const QString& id : p.variants) {
    const Variant* v = find_variant(id.toStdString());
    if (v != nullptr && v->info().has_delta) preset.config.delta = p.delta;
  }
  return preset;
}

SceneParameters from_preset(const io::Preset& preset, const QString& source) {
  const std::string name = source.toStdString();
  SceneParameters p;
  p.variants.clear();
  for (const auto& id : preset.variants) p.variants << QString::fromStdString(id);
  if (p.variants.isEmpty() || p.variants.size() > SceneParameters::kMaxCompared)
    throw InputError(name + ": a preset names 1 to 4 variants");
  for (const auto& id : preset.variants) static_cast<void>(variant_or_throw(id));
  p.headDim = preset.config.head_dim;
  p.base = preset.config.base;
  p.split = preset.config.split;
  p.delta = preset.config.delta.value_or(default_delta(p.variants));
  p.options = preset.config.options;
  const auto& segments = preset.scene.segments;
  const int v = preset.scene.first_visual_segment();
  if (v < 0 || segments[static_cast<std::size_t>(v)].modality != Modality::Video)
    throw InputError(name + ": the app shows text, one video, text scenes (got " +
                     preset.scene.describe() + ")");
  p.textBefore = p.textAfter = 0;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (static_cast<int>(i) == v) continue;
    if (segments[i].modality != Modality::Text)
      throw InputError(name + ": the app shows text, one video, text scenes (got " +
                       preset.scene.describe() + ")");
    (static_cast<int>(i) < v ? p.textBefore : p.textAfter) += segments[i].count;
  }
  const Segment& video = segments[static_cast<std::size_t>(v)];
  p.frames = video.frames;
  p.height = video.height;
  p.width = video.width;
  p.secondsPerFrame = video.seconds_per_frame;
  // Reject now what the computation would reject later (a split that does not add up, a head dim
  // out of range...): the app keeps its last good state instead of a scene that cannot compute.
  try {
    p.scene().validate();
    const Scene probe = Scene::text_video_text(1, 1, 1, 1, 1, p.secondsPerFrame);
    for (int i = 0; i < p.variants.size(); ++i) {
      const Variant& variant = variant_or_throw(p.variants[i].toStdString());
      (void)encode(variant, probe, p.config(variant, i == 0));
    }
  } catch (const InputError& e) {
    const std::string what = e.what();
    throw InputError(what.rfind(name, 0) == 0 ? what : name + ": " + what);
  }
  return p;
}

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

UndoHistory::UndoHistory(int coalesceMs, QObject* parent)
    : QObject(parent), coalesceMs_(coalesceMs) {
  states_.emplace_back();
}

void UndoHistory::reset(const SceneParameters& current) {
  states_.assign(1, current);
  index_ = 0;
  group_ = groupStepStarted_ = false;
  last_.invalidate();
  emit changed();
}

void UndoHistory::record(const SceneParameters& state) {
  if (state == states_[index_]) return;
  const bool merge = (group_ && groupStepStarted_) ||
                     (!group_ && last_.isValid() && last_.elapsed() < coalesceMs_ && index_ > 0);
  states_.resize(index_ + 1);
  if (merge) {
    states_[index_] = state;
  } else {
    states_.push_back(state);
    ++index_;
  }
  if (group_) groupStepStarted_ = true;
  last_.start();
  emit changed();
}

void UndoHistory::beginGroup() {
  group_ = true;
  groupStepStarted_ = false;
}

void UndoHistory::endGroup() {
  group_ = false;
  groupStepStarted_ = false;
  // The value at release (and the result it triggers) still belongs to the drag.
  last_.start();
}

SceneParameters UndoHistory::undo() {
  if (canUndo()) --index_;
  last_.invalidate();
  emit changed();
  return states_[index_];
}

SceneParameters UndoHistory::redo() {
  if (canRedo()) ++index_;
  last_.invalidate();
  emit changed();
  return states_[index_];
}

// ---------------------------------------------------------------------------------------------

SessionController::SessionController(MainWindow* window, bool useSettings)
    : QObject(window), window_(window), useSettings_(useSettings) {
  init_preset_resources();
  if (useSettings_) {
    QSettings settings;
    const QString json = settings.value(kSessionKey).toString();
    if (!json.isEmpty()) {
      try {
        SceneParameters p = from_preset(io::preset_from_json(json.toStdString(), "saved session"),
                                        QStringLiteral("session"));
        p.query = window_->parameters().query;
        p.qkModel = window_->parameters().qkModel;
        window_->setParameters(p);
      } catch (const std::exception&) {
        // A damaged session is ignored: the window keeps its restored scene.
      }
    }
  }
  history_.reset(window_->parameters());
  ParameterPanel* panel = window_->parameterPanel();
  connect(panel, &ParameterPanel::changed, this, [this] {
    if (applying_) return;
    history_.record(window_->parameterPanel()->parameters());
    saveSession();
  });
  connect(panel, &ParameterPanel::dragStarted, &history_, &UndoHistory::beginGroup);
  connect(panel, &ParameterPanel::dragFinished, &history_, &UndoHistory::endGroup);
  window_->setAcceptDrops(true);
  window_->installEventFilter(this);
  buildMenus();
}

void SessionController::buildMenus() {
  QMenuBar* bar = window_->menuBar();
  QMenu* file = nullptr;
  for (QAction* a : bar->actions()) {
    if (a->menu() != nullptr && a->text().remove(QLatin1Char('&')) == tr("File")) file = a->menu();
  }
  if (file == nullptr) file = bar->addMenu(tr("&File"));
  QAction* first = file->actions().value(0);
  const auto insert = [&](const QString& text, auto slot, const QKeySequence& key = {}) {
    auto* action = new QAction(text, file);
    action->setShortcut(key);
    connect(action, &QAction::triggered, this, slot);
    file->insertAction(first, action);
    return action;
  };
  insert(
      tr("Open preset…"),
      [this] {
        const QString path = QFileDialog::getOpenFileName(window_, tr("Open preset"), QString(),
                                                          tr("RoPE Lab presets (*.json)"));
        if (!path.isEmpty()) openPreset(path);
      },
      QKeySequence::Open);
  insert(
      tr("Save preset as…"),
      [this] {
        const QString path =
            QFileDialog::getSaveFileName(window_, tr("Save preset"), QStringLiteral("scene.json"),
                                         tr("RoPE Lab presets (*.json)"));
        if (!path.isEmpty()) savePreset(path);
      },
      QKeySequence::SaveAs);
  recentMenu_ = new QMenu(tr("Recent presets"), file);
  file->insertMenu(first, recentMenu_);
  file->insertSeparator(first);
  insert(
      tr("Export figure…"), [this] { export_figure_dialog(window_); },
      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
  insert(
      tr("Copy figure to clipboard"), [this] { copy_figure_to_clipboard(window_); },
      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
  insert(tr("Export data (ids, angles, attention)…"), [this] { export_data_dialog(window_); });
  file->insertSeparator(first);
  rebuildRecentMenu();

  QMenu* edit = new QMenu(tr("&Edit"), bar);
  bar->insertMenu(bar->actions().value(1), edit);
  QAction* undo = edit->addAction(tr("Undo"), this, &SessionController::undo);
  undo->setShortcut(QKeySequence::Undo);
  QAction* redo = edit->addAction(tr("Redo"), this, &SessionController::redo);
  redo->setShortcut(QKeySequence::Redo);
  const auto update = [this, undo, redo] {
    undo->setEnabled(history_.canUndo());
    redo->setEnabled(history_.canRedo());
  };
  connect(&history_, &UndoHistory::changed, this, update);
  update();

  QMenu* presets = bar->addMenu(tr("&Presets"));
  for (const QString& path : builtin_presets()) {
    QString title = QFileInfo(path).completeBaseName();
    QFile f(path);
    if (f.open(QIODevice::ReadOnly)) {
      try {
        title = QString::fromStdString(io::preset_from_json(f.readAll().toStdString(), "").name);
      } catch (const std::exception&) {
      }
    }
    presets->addAction(title, this, [this, path] { openPreset(path); });
  }

  QMenu* models = bar->addMenu(tr("&Models"));
  models->addAction(tr("Import Hugging Face config.json…"), this, [this] {
    const QString path = QFileDialog::getOpenFileName(window_, tr("Import config.json"), QString(),
                                                      tr("Model configs (*.json)"));
    if (!path.isEmpty()) importHfConfig(path);
  });
  models->addAction(tr("Load q and k from .npy…"), this, [this] {
    const QString q = QFileDialog::getOpenFileName(
        window_, tr("q (tokens, D) or (heads, tokens, D)"), QString(), tr("NumPy arrays (*.npy)"));
    if (q.isEmpty()) return;
    const QString k = QFileDialog::getOpenFileName(window_, tr("k, the same shape as q"),
                                                   QFileInfo(q).path(), tr("NumPy arrays (*.npy)"));
    if (!k.isEmpty()) loadQk(q, k);
  });
  models->addAction(tr("Back to synthetic q/k"), this, &SessionController::clearQk);
  models->addSeparator();
  add_check_ids_action(window_, models);
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

void SessionController::apply(const SceneParameters& parameters) {
  lastError_.clear();
  applying_ = true;
  window_->setParameters(parameters);
  applying_ = false;
  history_.record(parameters);
  saveSession();
}

void SessionController::saveSession() {
  if (!useSettings_) return;
  try {
    QSettings().setValue(kSessionKey, QString::fromStdString(io::preset_to_json(
                                          to_preset(window_->parameterPanel()->parameters()))));
  } catch (const std::exception&) {
  }
}

bool SessionController::openPreset(const QString& path) {
  try {
    SceneParameters p = load_preset_file(path);
    p.qkModel = window_->parameters().qkModel;
    apply(p);
    addRecent(path);
    const SceneParameters shown = window_->parameters();
    window_->statusBar()->showMessage(
        shown.frames != p.frames || shown.height != p.height || shown.width != p.width ||
                shown.textBefore != p.textBefore || shown.textAfter != p.textAfter
            ? tr("Loaded %1; the scene was clamped to the sliders' ranges").arg(path)
            : tr("Loaded %1").arg(path),
        8000);
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
    apply(import_hf_config_file(window_->parameters(), path));
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
    apply(with_qk_arrays(window_->parameters(), load_qk_arrays(qPath, kPath, head), qPath));
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
  apply(p);
}

void SessionController::undo() {
  if (!history_.canUndo()) return;
  applying_ = true;
  window_->setParameters(history_.undo());
  applying_ = false;
  saveSession();
}

void SessionController::redo() {
  if (!history_.canRedo()) return;
  applying_ = true;
  window_->setParameters(history_.redo());
  applying_ = false;
  saveSession();
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
        QFile f(path);
        const bool preset =
            f.open(QIODevice::ReadOnly) && f.read(4096).contains("\"ropelab-preset\"");
        preset ? openPreset(path) : importHfConfig(path);
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
