#pragma once
// Presets and sessions: parameters as preset JSON (core io/preset.h, schema-versioned, saved
// atomically), the built-in presets, recent files, an undo history of whole-parameter snapshots
// (changes within ~300 ms, or one slider drag, are one step) and the session restored on start.
// SessionController adds the menus (File, Edit, Presets, Models) and drag and drop to a window.
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>
#include <vector>

#include "app/gui/scene_parameters.h"
#include "ropelab/io/preset.h"

class QMenu;
class QSettings;

namespace ropelab::app {

class MainWindow;

io::Preset to_preset(const SceneParameters& parameters, const QString& name = {},
                     const QString& description = {});
// Throws InputError("<source>: <problem>") when the scene is not text, one video, text.
SceneParameters from_preset(const io::Preset& preset, const QString& source);
// Throw InputError naming the file and the problem; saving is atomic.
// A preset file, or an exported figure (.png, .svg, .pdf) whose provenance holds the preset.
SceneParameters load_preset_file(const QString& path);
void save_preset_file(const SceneParameters& parameters, const QString& path);

// Built-in presets (resources/presets/*.json) as resource paths, sorted.
QStringList builtin_presets();

class UndoHistory : public QObject {
  Q_OBJECT
 public:
  explicit UndoHistory(int coalesceMs = 300, QObject* parent = nullptr);

  void reset(const SceneParameters& current);
  // A new state: merged into the current step while a group is open or within coalesceMs of the
  // previous record, else a new step. Clears redo. Equal states are ignored.
  void record(const SceneParameters& state);
  void beginGroup();  // slider pressed
  void endGroup();    // slider released
  bool canUndo() const { return index_ > 0; }
  bool canRedo() const { return index_ + 1 < states_.size(); }
  SceneParameters undo();
  SceneParameters redo();
  std::size_t steps() const { return states_.size(); }

 signals:
  void changed();

 private:
  std::vector<SceneParameters> states_;
  std::size_t index_ = 0;
  int coalesceMs_;
  bool group_ = false;
  bool groupStepStarted_ = false;
  QElapsedTimer last_;
};

class SessionController : public QObject {
  Q_OBJECT
 public:
  // restoreSession: take the scene saved at the last exit (and save it on every change).
  SessionController(MainWindow* window, bool useSettings);

  UndoHistory* history() { return &history_; }
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

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void buildMenus();
  void rebuildRecentMenu();
  void addRecent(const QString& path);
  void apply(const SceneParameters& parameters);
  void report(const QString& message);
  void saveSession();

  MainWindow* window_;
  bool useSettings_;
  UndoHistory history_;
  bool applying_ = false;
  QString lastError_;
  QMenu* recentMenu_ = nullptr;
  QStringList recentFallback_;  // without settings (tests, batch modes)
};

}  // namespace ropelab::app
