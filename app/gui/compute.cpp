#include "app/gui/compute.h"

#include <QElapsedTimer>
#include <QPromise>
#include <QtConcurrent/QtConcurrent>
#if __has_include(<omp.h>)
#include <omp.h>
#endif
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "ropelab/error.h"
#include "ropelab/registry.h"
#include "ropelab/view_data.h"

namespace ropelab::app {

namespace {

// S(delta) is drawn on a logarithmic delta axis up to twice the video's temporal extent and at
// least 2048 positions, so the decay of slow temporal pairs shows even for a short video.
int similarity_range(double extent) {
  return static_cast<int>(std::clamp(std::ceil(2.0 * extent), 2048.0, 8192.0));
}

struct Cancelled {};

// Results that depend on the variant and its configuration (and for the jump curve the text and
// frame size), not on the slider that moved most recently. Small and shared by all computations.
template <typename Value>
class ResultCache {
 public:
  std::optional<Value> find(const QString& key) {
    const std::lock_guard lock(mutex_);
    for (const auto& [k, v] : entries_) {
      if (k == key) return v;
    }
    return std::nullopt;
  }
  void insert(const QString& key, Value value) {
    const std::lock_guard lock(mutex_);
    if (entries_.size() >= kCapacity) entries_.erase(entries_.begin());
    entries_.emplace_back(key, std::move(value));
  }

 private:
  static constexpr std::size_t kCapacity = 64;
  std::mutex mutex_;
  std::vector<std::pair<QString, Value>> entries_;
};

ResultCache<Properties>& property_cache() {
  static ResultCache<Properties> cache;
  return cache;
}
ResultCache<views::ChartsData>& jump_cache() {
  static ResultCache<views::ChartsData> cache;
  return cache;
}

// The jump curve's probe scenes: text · video · text with the text around the visual segment
// the views follow (segment v) and its frame size (any scene: an image counts as a one-frame
// video).
JumpProbe jump_probe(const Scene& scene, int v) {
  JumpProbe probe{0, 1, 1, 0, 16};
  if (v < 0) return probe;
  const auto& s = scene.segments;
  const auto vi = static_cast<std::size_t>(v);
  for (std::size_t i = vi; i-- > 0 && s[i].modality == Modality::Text;)
    probe.textBefore += s[i].count;
  for (std::size_t i = vi + 1; i < s.size() && s[i].modality == Modality::Text; ++i)
    probe.textAfter += s[i].count;
  probe.textBefore = std::min(probe.textBefore, 256);
  probe.textAfter = std::min(probe.textAfter, 256);
  probe.height = s[vi].height;
  probe.width = s[vi].width;
  probe.maxFrames = std::max(16, std::min(s[vi].frames, 64));
  return probe;
}

// The whole configuration as a cache key: variant, head dim, base, split, delta and every option.
// Call it with the encoding's config (split, delta and options resolved) so equal effective
// configurations share an entry. The cached results depend on no other part of the scene than what
// the callers append (the jump probe's sizes; properties use fixed probe scenes).
QString config_key(const Variant& variant, const Config& config) {
  QStringList split;
  for (int s : config.split) split << QString::number(s);
  QStringList options;
  for (const auto& [key, value] : config.options.values())
    options << QString::fromStdString(key + "=" + format_option(value));
  return QStringLiteral("%1|%2|%3|%4|%5|%6")
      .arg(QString::fromStdString(std::string(variant.id())))
      .arg(config.head_dim)
      .arg(config.base, 0, 'g', 17)
      .arg(split.join(QLatin1Char(',')))
      .arg(config.delta ? QString::number(*config.delta, 'g', 17) : QStringLiteral("-"))
      .arg(options.join(QLatin1Char(';')));
}

// Times the stages of one computation and reports progress after each.
class Stages {
 public:
  Stages(QPromise<ComputeResult>& promise, ComputeResult& result, int total)
      : promise_(promise), result_(result), total_(std::max(total, 1)) {
    timer_.start();
  }
  // Ends the running stage under `name`; throws Cancelled if the user cancelled meanwhile.
  void done(const char* name) {
    const double ms = static_cast<double>(timer_.nsecsElapsed()) / 1e6;
    timer_.restart();
    auto it = std::find_if(result_.stages.begin(), result_.stages.end(),
                           [name](const auto& s) { return std::strcmp(s.first, name) == 0; });
    if (it == result_.stages.end()) {
      result_.stages.emplace_back(name, ms);
    } else {
      it->second += ms;
    }
    promise_.setProgressValue(std::min(99, 100 * ++finished_ / total_));
    if (promise_.isCanceled()) throw Cancelled{};
  }

 private:
  QPromise<ComputeResult>& promise_;
  ComputeResult& result_;
  QElapsedTimer timer_;
  int total_;
  int finished_ = 0;
};

constexpr int kStagesPerVariant = 6;
constexpr std::int64_t kParallelTokens = 20'000;

VariantResult compute_variant(const SceneParameters& p, const Variant& variant, bool primary,
                              const Scene& scene, Stages& stages) {
  VariantResult r;
  const Config config = p.config(variant, primary);
  auto encoding = std::make_shared<const Encoding>(encode(variant, scene, config));
  r.encoding = encoding;
  stages.done("encode");
  // Extent, tiles and maps of the visual segment the user chose (or the scene's main one).
  const int segment = p.shownVisualSegment();
  const CollisionReport probe = collisions(*encoding, -1, 0, segment);
  r.collisions = collisions(*encoding, -1, similarity_range(probe.extent), segment);
  stages.done("similarity");
  const QkSource modelSource = views::qk_source(p.qkModel);
  r.attention =
      compute_attention(encoding, p.qkArrays ? *p.qkArrays : modelSource, p.query, segment);
  stages.done("attention");
  r.charts = compute_charts(*encoding, r.collisions);
  stages.done("charts");
  // The jump curve re-encodes ~20 probe scenes: it only changes with the configuration, the
  // text lengths and the frame size, never with the query or the q/k model.
  JumpProbe jumpProbe = jump_probe(scene, segment);
  const QString jumpKey = config_key(variant, encoding->config) + QStringLiteral("|%1|%2|%3|%4|%5")
                                                                      .arg(jumpProbe.textBefore)
                                                                      .arg(jumpProbe.height)
                                                                      .arg(jumpProbe.width)
                                                                      .arg(jumpProbe.textAfter)
                                                                      .arg(jumpProbe.maxFrames);
  if (auto cached = jump_cache().find(jumpKey)) {
    copy_jumps(*cached, r.charts);
  } else {
    add_jumps(r.charts, variant, encoding->config, jumpProbe);
    jump_cache().insert(jumpKey, r.charts);
  }
  stages.done("jumps");
  const QString propertyKey = config_key(variant, encoding->config);
  if (auto cached = property_cache().find(propertyKey)) {
    r.properties = *cached;
  } else {
    r.properties = properties(variant, encoding->config);
    property_cache().insert(propertyKey, r.properties);
  }
  stages.done("properties");
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
    const Scene& scene = p.scene;
    scene.validate();
#if __has_include(<omp.h>)
    // Core parallelises its loops and Eigen its products with OpenMP. On a small scene the
    // threads cost more than they save (0.6 ms instead of 7 ms for the default scene on a busy
    // two-core machine), so this worker thread runs them serially below kParallelTokens.
    omp_set_num_threads(scene.token_count() < kParallelTokens ? 1 : omp_get_num_procs());
#endif
    Stages stages(promise, result, kStagesPerVariant * static_cast<int>(p.variants.size()));
    for (int i = 0; i < p.variants.size(); ++i) {
      if (promise.isCanceled()) throw Cancelled{};
      const Variant& variant = variant_or_throw(p.variants[i].toStdString());
      result.variants.push_back(compute_variant(p, variant, i == 0, scene, stages));
    }
    promise.setProgressValue(100);
  } catch (const Cancelled&) {
    result.variants.clear();
    result.stages.clear();
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
