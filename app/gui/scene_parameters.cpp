#include "app/gui/scene_parameters.h"

#include <algorithm>

#include "ropelab/error.h"
#include "ropelab/registry.h"

namespace ropelab::app {

namespace {

const std::string kColor = "color";
const std::string kTemporalOnly = "temporal_pairs_only";
const std::string kSurface3d = "frequency_surface_3d";
const std::string kLayoutAxes = "layout_axes";
// No variant has more axes than this (VRoPE has four).
constexpr int kMaxAxes = 8;
const std::string kVisualSegment = "visual_segment";

// "0,1,3": three distinct axis indices.
std::array<int, 3> parse_layout_axes(const std::string& text, const std::string& source) {
  const auto fail = [&] {
    return InputError(source + ": app.view.layout_axes = '" + text +
                      "' must be three distinct axis indices 0 to " + std::to_string(kMaxAxes - 1) +
                      ", e.g. 0,1,3");
  };
  std::array<int, 3> axes{};
  std::size_t start = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    const std::size_t end = i < 2 ? text.find(',', start) : text.size();
    if (end == std::string::npos) throw fail();
    const std::string part = text.substr(start, end - start);
    if (part.empty() || part.size() > 1 || part[0] < '0' || part[0] >= '0' + kMaxAxes) throw fail();
    axes[i] = part[0] - '0';
    start = end + 1;
  }
  if (axes[0] == axes[1] || axes[0] == axes[2] || axes[1] == axes[2]) throw fail();
  return axes;
}

}  // namespace

double SceneParameters::delta(const QString& variant) const {
  const auto it = perVariant.find(variant.toStdString());
  if (it != perVariant.end() && it->second.delta) return *it->second.delta;
  const Variant* v = find_variant(variant.toStdString());
  return v != nullptr ? v->info().default_delta : 1.0;
}

void SceneParameters::setDelta(const QString& variant, double value) {
  perVariant[variant.toStdString()].delta = value;
}

const VariantOptions& SceneParameters::options(const QString& variant) const {
  static const VariantOptions kDefaults{};
  const auto it = perVariant.find(variant.toStdString());
  return it != perVariant.end() ? it->second.options : kDefaults;
}

VariantOptions& SceneParameters::options(const QString& variant) {
  return perVariant[variant.toStdString()].options;
}

double default_delta(const QStringList& variants) {
  for (const QString& id : variants) {
    const Variant* v = find_variant(id.toStdString());
    if (v != nullptr && v->info().has_delta) return v->info().default_delta;
  }
  return 2.0;
}

int SceneParameters::shownVisualSegment() const {
  const auto i = static_cast<std::size_t>(view.visualSegment);
  if (view.visualSegment >= 0 && i < scene.segments.size() && scene.segments[i].is_visual())
    return view.visualSegment;
  return scene.main_visual_segment();
}

Config SceneParameters::config(const Variant& variant, bool primary) const {
  Config config;
  config.head_dim = headDim;
  config.base = base;
  const QString id = QString::fromStdString(std::string(variant.id()));
  config.options = options(id);
  if (primary) config.split = split;
  config.head = head;
  config.partial_rotary = partialRotary;
  config.pairing = pairing;
  if (variant.info().has_delta) config.delta = delta(id);
  return config;
}

QString qk_model_name(views::QkModel model) {
  switch (model) {
    case views::QkModel::Ones:
      return QStringLiteral("ones");
    case views::QkModel::Gaussian:
      return QStringLiteral("gaussian");
    case views::QkModel::MeanShiftedGaussian:
      return QStringLiteral("mean-shifted-gaussian");
  }
  return QStringLiteral("ones");
}

std::optional<views::QkModel> qk_model_from_name(const QString& name) {
  for (views::QkModel m :
       {views::QkModel::Ones, views::QkModel::Gaussian, views::QkModel::MeanShiftedGaussian}) {
    if (qk_model_name(m) == name) return m;
  }
  return std::nullopt;
}

void normalize(SceneParameters& p) {
  std::map<std::string, VariantState> kept;
  for (const QString& id : p.variants) {
    const auto it = p.perVariant.find(id.toStdString());
    if (it == p.perVariant.end()) continue;
    VariantState state = it->second;
    const Variant* v = find_variant(id.toStdString());
    if (v != nullptr && state.delta &&
        (!v->info().has_delta || *state.delta == v->info().default_delta))
      state.delta.reset();
    if (!(state == VariantState{})) kept[id.toStdString()] = state;
  }
  p.perVariant = std::move(kept);
  // A scene edit that removed or replaced the chosen visual segment: back to automatic (the
  // views then follow the scene's main visual segment, and the segment choice shows it).
  if (p.view.visualSegment >= 0 && p.shownVisualSegment() != p.view.visualSegment)
    p.view.visualSegment = -1;
}

io::Preset to_preset(const SceneParameters& p, const QString& name, const QString& description) {
  io::Preset preset;
  preset.name = name.toStdString();
  preset.description = description.toStdString();
  preset.variants.clear();
  for (const QString& id : p.variants) preset.variants.push_back(id.toStdString());
  preset.scene = p.scene;
  preset.config.head_dim = p.headDim;
  preset.config.base = p.base;
  preset.config.split = p.split;
  preset.config.head = p.head;
  preset.config.partial_rotary = p.partialRotary;
  preset.config.pairing = p.pairing;
  const QString primaryId = p.variants.value(0);
  preset.config.options = p.options(primaryId);
  // δ is kept when any variant reads it (a compared VideoRoPE keeps its own δ behind M-RoPE):
  // the first listed variant with a δ gives config's, what ropelab-cli reads.
  for (const QString& id : p.variants) {
    const Variant* v = find_variant(id.toStdString());
    if (v != nullptr && v->info().has_delta) {
      preset.config.delta = p.delta(id);
      break;
    }
  }
  // Every variant of the compare set keeps its own δ and options (the primary's repeat config's
  // so a reader of either finds them).
  if (p.variants.size() > 1) {
    for (const QString& id : p.variants) {
      const Variant* v = find_variant(id.toStdString());
      io::VariantSettings s;
      if (v != nullptr && v->info().has_delta) s.delta = p.delta(id);
      s.options = p.options(id);
      preset.variant_settings[id.toStdString()] = s;
    }
  }
  if (p.query >= 0) preset.query = p.query;
  if (p.qkModel != views::QkModel::Ones) preset.qk_model = qk_model_name(p.qkModel).toStdString();
  // Colour by frame is the default: only the other choice is written.
  if (!p.view.colorByFrame) preset.view[kColor] = "modality";
  if (p.view.temporalPairsOnly) preset.view[kTemporalOnly] = "true";
  if (p.view.frequencySurface3d) preset.view[kSurface3d] = "true";
  if (p.view.layoutAxes != std::array<int, 3>{0, 1, 2}) {
    preset.view[kLayoutAxes] = std::to_string(p.view.layoutAxes[0]) + "," +
                               std::to_string(p.view.layoutAxes[1]) + "," +
                               std::to_string(p.view.layoutAxes[2]);
  }
  if (p.view.visualSegment >= 0) preset.view[kVisualSegment] = std::to_string(p.view.visualSegment);
  return preset;
}

SceneParameters from_preset(const io::Preset& preset, const QString& source) {
  const std::string name = source.toStdString();
  SceneParameters p;
  p.variants.clear();
  for (const auto& id : preset.variants) p.variants << QString::fromStdString(id);
  if (p.variants.isEmpty() || p.variants.size() > SceneParameters::kMaxCompared)
    throw InputError(name + ": a preset names 1 to 4 variants");
  p.scene = preset.scene;
  p.headDim = preset.config.head_dim;
  p.base = preset.config.base;
  p.split = preset.config.split;
  p.head = preset.config.head;
  p.partialRotary = preset.config.partial_rotary;
  p.pairing = preset.config.pairing;
  for (int i = 0; i < p.variants.size(); ++i) {
    const std::string id = p.variants[i].toStdString();
    VariantState& state = p.perVariant[id];
    state.options = preset.config.options;
    // config.delta is every δ variant's unless variant_settings gives it its own.
    const Variant* v = find_variant(id);
    if (v != nullptr && v->info().has_delta && preset.config.delta)
      state.delta = preset.config.delta;
    const auto own = preset.variant_settings.find(id);
    if (own != preset.variant_settings.end()) {
      if (own->second.delta) state.delta = own->second.delta;
      if (own->second.options) state.options = *own->second.options;
    }
  }
  if (preset.query) {
    if (*preset.query >= preset.scene.token_count())
      throw InputError(name + ": app.query = " + std::to_string(*preset.query) +
                       " must be below the token count " +
                       std::to_string(preset.scene.token_count()));
    p.query = static_cast<long>(*preset.query);
  }
  if (!preset.qk_model.empty()) {
    const auto model = qk_model_from_name(QString::fromStdString(preset.qk_model));
    if (!model) throw InputError(name + ": app.qk_model = '" + preset.qk_model + "' is unknown");
    p.qkModel = *model;
  }
  const auto view = [&](const std::string& key) {
    const auto it = preset.view.find(key);
    return it == preset.view.end() ? std::string() : it->second;
  };
  const std::string color = view(kColor);
  if (!color.empty() && color != "frame" && color != "modality")
    throw InputError(name + ": app.view.color = '" + color + "' must be frame or modality");
  p.view.colorByFrame = color != "modality";
  p.view.temporalPairsOnly = view(kTemporalOnly) == "true";
  p.view.frequencySurface3d = view(kSurface3d) == "true";
  if (const std::string axes = view(kLayoutAxes); !axes.empty()) {
    p.view.layoutAxes = parse_layout_axes(axes, name);
    for (const QString& id : p.variants) {
      const Variant* v = find_variant(id.toStdString());
      const int count = v != nullptr ? v->axis_count() : 0;
      const int widest = *std::max_element(p.view.layoutAxes.begin(), p.view.layoutAxes.end());
      if (count > 3 && widest >= count) {
        std::string message = name;
        message += ": app.view.layout_axes = '" + axes + "' names axis ";
        message += std::to_string(widest) + ", but " + id.toStdString();
        message += " has " + std::to_string(count) + " axes (0 to ";
        message += std::to_string(count - 1) + ")";
        throw InputError(message);
      }
    }
  }
  if (const std::string segment = view(kVisualSegment); !segment.empty()) {
    // A segment index of the scene (0-based) that names an image or a video.
    std::size_t used = 0;
    int index = -1;
    try {
      index = std::stoi(segment, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != segment.size() || index < 0 ||
        static_cast<std::size_t>(index) >= preset.scene.segments.size() ||
        !preset.scene.segments[static_cast<std::size_t>(index)].is_visual())
      throw InputError(name + ": app.view.visual_segment = '" + segment +
                       "' must be the 0-based index of an image or video segment of the scene");
    p.view.visualSegment = index;
  }
  normalize(p);
  // Reject now what the computation would reject later (a split that does not add up, a head dim
  // out of range...): the app keeps its last good state instead of a scene that cannot compute.
  try {
    p.scene.validate();
    const Scene probe = Scene::text_video_text(1, 1, 1, 1, 1);
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

}  // namespace ropelab::app
