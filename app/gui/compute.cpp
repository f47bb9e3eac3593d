#include "app/gui/compute.h"

#include <QElapsedTimer>
#include <QPromise>
#include <QtConcurrent/QtConcurrent>
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "ropelab/error.h"
#include "ropelab/registry.h"

namespace ropelab::app {

namespace {

// S(delta) is drawn up to twice the video's temporal extent, within sensible limits.
int similarity_range(double extent) {
  return static_cast<int>(std::clamp(std::ceil(2.0 * extent), 64.0, 4096.0));
}

struct Cancelled {};

VariantResult compute_variant(const SceneParameters& p, const Variant& variant, bool primary,
                              const Scene& scene) {
  VariantResult r;
  const Config config = p.config(variant, primary);
  auto encoding = std::make_shared<const Encoding>(encode(variant, scene, config));
  r.encoding = encoding;
  const CollisionReport probe = collisions(*encoding, -1, 0);
  r.collisions = collisions(*encoding, -1, similarity_range(probe.extent));
  r.attention = views::compute_attention(encoding, p.qkModel, p.query);
  views::JumpProbe jumpProbe{p.textBefore, p.height, p.width, p.textAfter,
                             std::max(16, std::min(p.frames, 64))};
  r.charts = views::compute_charts(*encoding, r.collisions, jumpProbe);
  r.properties = properties(variant, encoding->config);
  return r;
}

}  // namespace

void compute_scene(QPromise<ComputeResult>& promise, SceneParameters p, quint64 generation) {
  QElapsedTimer timer;
  timer.start();
  ComputeResult result;
  result.generation = generation;
  result.parameters = p;
  promise.setProgressRange(0, 100);
  try {
    const Scene scene = p.scene();
    scene.validate();
    for (int i = 0; i < p.variants.size(); ++i) {
      if (promise.isCanceled()) throw Cancelled{};
      const Variant& variant = variant_or_throw(p.variants[i].toStdString());
      result.variants.push_back(compute_variant(p, variant, i == 0, scene));
      promise.setProgressValue(100 * (i + 1) / static_cast<int>(p.variants.size()));
    }
  } catch (const Cancelled&) {
    result.variants.clear();
    result.error = QStringLiteral("Computation cancelled; showing the last result.");
  } catch (const InputError& e) {
    result.variants.clear();
    result.error = QString::fromStdString(e.what());
  } catch (const std::bad_alloc&) {
    result.variants.clear();
    result.error = QStringLiteral("Not enough memory for this scene: make it smaller.");
  } catch (const std::exception& e) {
    result.variants.clear();
    result.error = QStringLiteral("Computation failed: %1").arg(e.what());
  }
  result.computeMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
  promise.addResult(std::move(result));
}

ComputeResult compute_scene_now(const SceneParameters& parameters) {
  return QtConcurrent::run(compute_scene, parameters, quint64{0}).result();
}

ComputeController::ComputeController(QObject* parent) : QObject(parent) {
  connect(&watcher_, &QFutureWatcher<ComputeResult>::finished, this,
          &ComputeController::onFinished);
  connect(&watcher_, &QFutureWatcher<ComputeResult>::progressValueChanged, this,
          &ComputeController::progress);
}

ComputeController::~ComputeController() {
  pending_.reset();
  watcher_.cancel();
  watcher_.waitForFinished();
}

bool ComputeController::busy() const {
  return running_ != 0;
}

quint64 ComputeController::request(const SceneParameters& parameters) {
  const quint64 generation = ++latest_;
  if (busy()) {
    pending_ = std::make_pair(parameters, generation);
  } else {
    start(parameters, generation);
  }
  return generation;
}

void ComputeController::start(const SceneParameters& parameters, quint64 generation) {
  const bool wasBusy = busy();
  running_ = generation;
  watcher_.setFuture(QtConcurrent::run(compute_scene, parameters, generation));
  if (!wasBusy) emit busyChanged(true);
}

void ComputeController::cancel() {
  pending_.reset();
  watcher_.cancel();
}

void ComputeController::onFinished() {
  const QFuture<ComputeResult> future = watcher_.future();
  running_ = 0;
  if (future.resultCount() > 0) {
    ComputeResult result = future.result();
    // A result older than a waiting request is still shown (it is newer than what is on screen),
    // so dragging a slider over a slow scene keeps moving; the newest request runs next.
    emit finished(result);
  }
  if (pending_) {
    auto [parameters, generation] = *pending_;
    pending_.reset();
    start(parameters, generation);
  } else {
    emit busyChanged(false);
  }
}

}  // namespace ropelab::app
