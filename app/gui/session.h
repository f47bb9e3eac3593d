#pragma once
// Presets and sessions: the model's state as preset JSON (core io/preset.h, schema-versioned,
// saved atomically), the built-in presets, recent files and the session restored on start (the
// same JSON, saved on every change). SessionController registers the file, edit, preset and model
// actions (app/gui/actions.h) and handles drag and drop; every load goes through the model, so it
// is one undo step.
#include <QObject>
#include <QString>
#include <QStringList>
#include <vector>

#include "app/gui/model/app_model.h"
#include "ropelab/io/preset.h"

class QMenu;
class QSettings;

namespace ropelab::app {

class MainWindow;

// Throw InputError naming the file and the problem; saving is atomic.
// A preset file, or an exported figure (.png, .svg, .pdf) whose provenance holds the preset.
SceneParameters load_preset_file(const QString& path);
void save_preset_file(const SceneParameters& parameters, const QString& path);
// A preset, a saved session (the same JSON) or a Hugging Face config.json, by content.
SceneParameters load_any_file(const QString& path, const SceneParameters& current);

// Built-in presets (resources/presets/*.json) as resource paths, sorted.
QStringList builtin_presets();

class SessionController : public QObject {
  Q_OBJECT
 public:
  // useSettings: take the scene saved at the last exit (and save it on every change).
  SessionController(MainWindow* window, bool useSettings);

  AppModel* model() const;
  // Any file `ropelab FILE` takes: a preset, a saved session or a Hugging Face config.json.
  bool openFile(const QString& path);
  // Each returns false and reports (message naming the file; last good state kept) on failure.
  bool openPreset(const QString& path);
  bool savePreset(const QString& path);
  bool importHfConfig(const QString& path);
  // head: for (heads, tokens, D) arrays; -1 asks (dialog) when there is more than one head.
  bool loadQk(const QString& qPath, const QString& kPath, int head = -1);
  void clearQk();
  QString lastError() const { return lastError_; }
  QStringList recentFiles() const;
  void undo();
  void redo();
  QMenu* recentMenu() const { return recentMenu_; }
  QMenu* presetsMenu() const { return presetsMenu_; }
  static const char* sessionKey();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void registerActions();
  void rebuildRecentMenu();
  void addRecent(const QString& path);
  void apply(const SceneParameters& parameters, AppModel::Source source);
  void report(const QString& message);
  void saveSession();

  MainWindow* window_;
  bool useSettings_;
  QString lastError_;
  QMenu* recentMenu_ = nullptr;
  QMenu* presetsMenu_ = nullptr;
  QStringList recentFallback_;  // without settings (tests, batch modes)
};

}  // namespace ropelab::app
