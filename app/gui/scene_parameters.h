#pragma once
// Everything the user sets, in one value: what the sliders show, what a computation reads and
// what QSettings stores. Converts to core's Scene and Config.
#include <QStringList>
#include <memory>
#include <vector>

#include "ropelab/config.h"
#include "ropelab/scene.h"
#include "ropelab/variant.h"
#include "views/attention_data.h"

class QSettings;

namespace ropelab::app {

// The temporal spacing δ when none is given: the default of the first listed variant that has a δ
// (compare mrope,videorope draws VideoRoPE at its own δ = 2, as the app does), else 2.
double default_delta(const QStringList& variants);

struct SceneParameters {
  QStringList variants{QStringLiteral("videorope")};  // the first is the primary; 1 to 4
  double delta = 2.0;
  double base = 10000.0;
  int headDim = 128;
  std::vector<int> split;  // primary variant's pairs per axis; empty = its default
  int textBefore = 4;
  int frames = 8;
  int height = 4;
  int width = 4;
  int textAfter = 4;
  long query = -1;  // -1: the first text token after the video
  views::QkModel qkModel = views::QkModel::Ones;
  // Variant switches and video timing (presets, Hugging Face configs).
  VariantOptions options;
  double secondsPerFrame = 1.0;
  // q and k loaded from a model dump (.npy, kind Arrays, tokens x D); null: qkModel decides.
  std::shared_ptr<const QkSource> qkArrays;

  static constexpr int kMaxCompared = 4;

  Scene scene() const;
  // The split applies to the primary variant only: compared variants have other axes.
  Config config(const Variant& variant, bool primary) const;
  void save(QSettings& settings) const;
  static SceneParameters load(QSettings& settings);
  bool operator==(const SceneParameters&) const = default;
};

}  // namespace ropelab::app
