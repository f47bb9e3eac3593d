#pragma once
// Everything the user sets, in one value (the application model's state, app/gui/model/): the
// scene's segments, the variants and compare set, the RoPE configuration, each variant's own δ
// and options, the query token, the q/k model and the view settings. Converts to core's Scene
// and Config, and to and from the versioned preset JSON (the one serializer: presets, session,
// settings, figure provenance).
#include <QString>
#include <QStringList>
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ropelab/config.h"
#include "ropelab/io/preset.h"
#include "ropelab/scene.h"
#include "ropelab/variant.h"
#include "views/attention_data.h"

namespace ropelab::app {

// What a compared variant keeps of its own: δ (empty: the variant's default) and its options.
struct VariantState {
  std::optional<double> delta;
  VariantOptions options;
  bool operator==(const VariantState&) const = default;
};

// View settings that are part of the state (undo, session, presets).
struct ViewSettings {
  bool colorByFrame = true;         // layout points coloured by frame (false: by modality)
  bool temporalPairsOnly = false;   // frequency view: only the temporal axis's pairs
  bool frequencySurface3d = false;  // frequency view: the 3-D surface instead of the heatmap
  // The axes a layout panel draws on x, y, z for a variant with more than three (VRoPE's
  // u1..u4); 0-based indices into the variant's axes, distinct.
  std::array<int, 3> layoutAxes{0, 1, 2};
  // The scene segment (index into Scene::segments) the attention and frequency views follow;
  // -1: automatic, Scene::main_visual_segment() (the first segment with the most frames, so a
  // video before any image). Always -1 or the index of a visual segment of the scene.
  int visualSegment = -1;
  bool operator==(const ViewSettings&) const = default;
};

struct SceneParameters {
  QStringList variants{QStringLiteral("videorope")};  // the first is the primary; 1 to 4
  Scene scene = Scene::default_scene();
  double base = 10000.0;
  int headDim = 128;
  std::vector<int> split;  // primary variant's pairs per axis; empty = its default
  int head = 0;            // KV head whose pair map head-wise variants show (--head, JSON head)
  // Rotary conventions as a preset gives them (JSON partial_rotary, pairing); empty = each
  // variant's default.
  std::optional<double> partialRotary;
  std::optional<Pairing> pairing;
  // Per variant id: δ and options. A variant without an entry uses its defaults.
  std::map<std::string, VariantState> perVariant;
  long query = -1;  // -1: the first text token after the first visual segment
  views::QkModel qkModel = views::QkModel::Ones;
  // q and k loaded from a model dump (.npy, kind Arrays, tokens x D); null: qkModel decides.
  std::shared_ptr<const QkSource> qkArrays;
  ViewSettings view;

  static constexpr int kMaxCompared = 4;

  // δ of a variant: its own, else its default (variants without δ: their default, unused).
  double delta(const QString& variant) const;
  double primaryDelta() const { return delta(variants.value(0)); }
  void setDelta(const QString& variant, double delta);
  const VariantOptions& options(const QString& variant) const;
  VariantOptions& options(const QString& variant);
  // The split applies to the primary variant only: compared variants have other axes.
  Config config(const Variant& variant, bool primary) const;
  // The visual segment the attention and frequency views show (view.visualSegment, else the
  // scene's main one; -1 when the scene has none).
  int shownVisualSegment() const;
  bool operator==(const SceneParameters&) const = default;
};

// The canonical form of a state: perVariant keeps listed variants only, and only what differs
// from their defaults (δ equal to the default is dropped), so equal states compare equal after a
// round trip through the preset JSON.
void normalize(SceneParameters& parameters);

// The preset JSON's value for a state and back (core io/preset.h). to_preset writes the
// primary's δ and options into config (what the CLI reads) and every variant's own under
// variant_settings; from_preset gives every variant config's options unless it has its own.
io::Preset to_preset(const SceneParameters& parameters, const QString& name = {},
                     const QString& description = {});
// Throws InputError("<source>: <problem>") when the preset cannot compute (bad split...).
SceneParameters from_preset(const io::Preset& preset, const QString& source);
QString qk_model_name(views::QkModel model);
std::optional<views::QkModel> qk_model_from_name(const QString& name);

}  // namespace ropelab::app
