#include "app/gui/model/app_model.h"

#include <utility>

namespace ropelab::app {

AppModel::AppModel(QObject* parent) : QObject(parent) {
  normalize(state_);
  history_.push_back(state_);
}

void AppModel::set(SceneParameters state, Source source) {
  normalize(state);
  if (state == state_) return;
  state_ = std::move(state);
  if (source != Source::Undo) {
    history_.resize(index_ + 1);
    if ((dragging_ && dragStepStarted_) || (groups_ > 0 && groupStepStarted_)) {
      history_[index_] = state_;
    } else {
      history_.push_back(state_);
      ++index_;
      if (history_.size() > kMaxUndoSteps) {
        history_.erase(history_.begin());
        --index_;
      }
    }
    if (dragging_) dragStepStarted_ = true;
    if (groups_ > 0) groupStepStarted_ = true;
    emit historyChanged();
  }
  emit changed(source);
}

void AppModel::reset(SceneParameters state) {
  normalize(state);
  const bool differs = !(state == state_);
  state_ = std::move(state);
  history_.assign(1, state_);
  index_ = 0;
  dragging_ = dragStepStarted_ = false;
  emit historyChanged();
  if (differs) emit changed(Source::Reset);
}

void AppModel::beginDrag() {
  dragging_ = true;
  dragStepStarted_ = false;
  emit dragChanged(true);
}

void AppModel::endDrag() {
  dragging_ = false;
  dragStepStarted_ = false;
  emit dragChanged(false);
}

void AppModel::undo() {
  if (!canUndo()) return;
  --index_;
  emit historyChanged();
  set(history_[index_], Source::Undo);
}

void AppModel::redo() {
  if (!canRedo()) return;
  ++index_;
  emit historyChanged();
  set(history_[index_], Source::Undo);
}

void AppModel::setVariants(const QStringList& variants, Source source) {
  SceneParameters s = state_;
  // Another primary variant has other axes: its own default split.
  if (variants.value(0) != s.variants.value(0)) s.split.clear();
  s.variants = variants;
  set(std::move(s), source);
}

void AppModel::setBase(double base) {
  SceneParameters s = state_;
  s.base = base;
  set(std::move(s));
}

void AppModel::setHeadDim(int headDim) {
  SceneParameters s = state_;
  // A split is a number of pairs: a new D makes the old one meaningless.
  if (s.headDim != headDim) s.split.clear();
  s.headDim = headDim;
  set(std::move(s));
}

void AppModel::setSplit(const std::vector<int>& split, Source source) {
  SceneParameters s = state_;
  s.split = split;
  set(std::move(s), source);
}

void AppModel::setHead(int head) {
  SceneParameters s = state_;
  s.head = head;
  set(std::move(s));
}

void AppModel::setDelta(const QString& variant, double delta) {
  SceneParameters s = state_;
  s.setDelta(variant, delta);
  set(std::move(s));
}

void AppModel::setOptions(const QString& variant, const VariantOptions& options) {
  SceneParameters s = state_;
  s.options(variant) = options;
  set(std::move(s), Source::Option);
}

void AppModel::setScene(const Scene& scene) {
  SceneParameters s = state_;
  s.scene = scene;
  // A query past the new end would be rejected: back to auto.
  if (s.query >= scene.token_count()) s.query = -1;
  set(std::move(s), Source::Scene);
}

void AppModel::setQuery(long query) {
  SceneParameters s = state_;
  s.query = query;
  set(std::move(s));
}

void AppModel::setQkModel(views::QkModel model) {
  SceneParameters s = state_;
  s.qkModel = model;
  set(std::move(s), Source::QkModel);
}

void AppModel::setView(const ViewSettings& view) {
  SceneParameters s = state_;
  s.view = view;
  set(std::move(s), Source::View);
}

QString AppModel::toJson(const QString& name, const QString& description) const {
  return QString::fromStdString(io::preset_to_json(to_preset(state_, name, description)));
}

SceneParameters AppModel::fromJson(const QString& json, const QString& source) {
  return from_preset(io::preset_from_json(json.toStdString(), source.toStdString()), source);
}

}  // namespace ropelab::app
