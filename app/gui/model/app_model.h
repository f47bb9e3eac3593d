#pragma once
// The application model: the one owner of everything a user can set (SceneParameters). Every
// change — slider, typed entry, preset, import, paper figure, tour step, reset, q/k model, scene
// edit, option, drag and drop, undo — goes through set(); compute, views, the parameter panel,
// the session and teaching subscribe to changed(). Undo/redo keeps whole-state snapshots: every
// change is one step, except that a slider drag (beginDrag … endDrag) is one step as a whole.
#include <QObject>
#include <QString>
#include <vector>

#include "app/gui/scene_parameters.h"

namespace ropelab::app {

class AppModel : public QObject {
  Q_OBJECT
 public:
  // Why the state changed (status messages, tests); undo treats every source alike.
  enum class Source {
    Edit,         // a control of the parameter panel (slider, typed entry, choice)
    Scene,        // the scene editor
    Option,       // a variant option
    Preset,       // a preset file or a built-in preset
    Import,       // a Hugging Face config.json, q/k arrays
    PaperFigure,  // Paper figures menu
    Tour,         // a tour step
    Reset,        // default scene, reset split
    QkModel,      // the attention view's q/k model
    View,         // view settings
    Undo,         // undo / redo
  };
  Q_ENUM(Source)

  static constexpr std::size_t kMaxUndoSteps = 500;

  explicit AppModel(QObject* parent = nullptr);

  const SceneParameters& state() const { return state_; }
  // The one way to change the state: normalized, recorded as an undo step (merged into the
  // running drag's step while a drag is open), then changed() is emitted. Equal states are
  // ignored (nothing recorded, nothing emitted).
  void set(SceneParameters state, Source source = Source::Edit);
  // A new state that starts the history (session restore at start-up).
  void reset(SceneParameters state);

  void beginDrag();
  void endDrag();
  bool dragging() const { return dragging_; }
  // Changes made while a Group lives are one undo step (a tour step that sets the scene and
  // opens a paper figure). Groups nest.
  class Group {
   public:
    explicit Group(AppModel& model) : model_(model) { ++model_.groups_; }
    ~Group() {
      if (--model_.groups_ == 0) model_.groupStepStarted_ = false;
    }
    Group(const Group&) = delete;
    Group& operator=(const Group&) = delete;

   private:
    AppModel& model_;
  };

  bool canUndo() const { return index_ > 0; }
  bool canRedo() const { return index_ + 1 < history_.size(); }
  std::size_t steps() const { return history_.size(); }
  void undo();
  void redo();

  // Small edits (each one set() call).
  void setVariants(const QStringList& variants, Source source = Source::Edit);
  void setBase(double base);
  void setHeadDim(int headDim);
  void setSplit(const std::vector<int>& split, Source source = Source::Edit);
  // The KV head head-wise variants (mhrope) show.
  void setHead(int head);
  void setDelta(const QString& variant, double delta);
  void setOptions(const QString& variant, const VariantOptions& options);
  void setScene(const Scene& scene);
  void setQuery(long query);
  void setQkModel(views::QkModel model);
  void setView(const ViewSettings& view);

  // The one serializer: the state as preset JSON (core io/preset.h), and back (throws
  // InputError naming `source` and the problem).
  QString toJson(const QString& name = {}, const QString& description = {}) const;
  static SceneParameters fromJson(const QString& json, const QString& source);

 signals:
  void changed(ropelab::app::AppModel::Source source);
  void dragChanged(bool dragging);
  void historyChanged();

 private:
  SceneParameters state_;
  std::vector<SceneParameters> history_;
  std::size_t index_ = 0;
  bool dragging_ = false;
  bool dragStepStarted_ = false;
  int groups_ = 0;
  bool groupStepStarted_ = false;
};

}  // namespace ropelab::app
