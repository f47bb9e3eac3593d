#pragma once
// The computation behind one set of parameters, run off the UI thread, and the controller that
// schedules it so the newest request always wins.
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

#include "app/gui/scene_parameters.h"
#include "views/attention_data.h"
#include "views/charts_data.h"
#include "views/property_table.h"

template <typename T>
class QPromise;

namespace ropelab::app {

struct VariantResult {
  std::shared_ptr<const Encoding> encoding;
  CollisionReport collisions;
  views::AttentionData attention;
  views::ChartsData charts;
  Properties properties;
};

struct ComputeResult {
  quint64 generation = 0;
  SceneParameters parameters;
  std::vector<VariantResult> variants;
  QString error;  // non-empty: the input was rejected and nothing else is set
  double computeMs = 0;
  // Milliseconds per stage summed over the variants (encode, attention, ...), for --benchmark.
  std::vector<std::pair<const char*, double>> stages;
};

// Runs every core computation the views need. Reports progress (0..100) after every stage of
// every variant and stops at the next stage when the promise is cancelled. Results that depend
// only on the configuration (properties, jump-vs-T probes) come from a small cache, so a slider
// that does not change them does not pay for them. Never throws: errors land in
// ComputeResult::error.
void compute_scene(QPromise<ComputeResult>& promise, SceneParameters parameters,
                   quint64 generation);
ComputeResult compute_scene_now(const SceneParameters& parameters);

class ComputeController : public QObject {
  Q_OBJECT
 public:
  explicit ComputeController(QObject* parent = nullptr);
  ~ComputeController() override;

  // Starts now if idle; otherwise replaces any waiting request (only the newest is kept).
  quint64 request(const SceneParameters& parameters);
  void cancel();
  bool busy() const;
  quint64 latestGeneration() const { return latest_; }

 signals:
  void finished(const ropelab::app::ComputeResult& result);
  void progress(int percent);
  void busyChanged(bool busy);

 private:
  void start(const SceneParameters& parameters, quint64 generation);
  void onFinished();

  QFutureWatcher<ComputeResult> watcher_;
  std::optional<std::pair<SceneParameters, quint64>> pending_;
  quint64 latest_ = 0;
  quint64 running_ = 0;
};

}  // namespace ropelab::app
