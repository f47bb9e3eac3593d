#pragma once
// Preset files: a scene, a configuration and the variants to show, as versioned JSON.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ropelab/config.h"
#include "ropelab/scene.h"

namespace ropelab::io {

inline constexpr int kPresetSchemaVersion = 1;

// What one variant of a compare set keeps of its own: its temporal spacing and its options.
// Written under "variant_settings" (id -> {delta, options}); absent, config's apply.
struct VariantSettings {
  std::optional<double> delta;
  std::optional<VariantOptions> options;
  bool operator==(const VariantSettings&) const = default;
};

struct Preset {
  std::string name;
  std::string description;
  std::vector<std::string> variants{"videorope"};  // first = the main variant
  Scene scene = Scene::default_scene();
  Config config;  // the main variant's (what ropelab-cli reads)
  std::map<std::string, VariantSettings> variant_settings;
  // What the desktop app shows beyond the computation (under "app"; the CLI ignores it): the
  // query token (empty: the first text token after the first visual segment), the q/k model
  // ("ones", "gaussian", "mean-shifted-gaussian"; empty: ones) and view settings (key -> value).
  std::optional<long long> query;
  std::string qk_model;
  std::map<std::string, std::string> view;
};

std::string preset_to_json(const Preset& preset);
// Throws InputError("<source>: <problem>") on malformed JSON, wrong types, missing keys,
// unknown variants or out-of-range values.
Preset preset_from_json(const std::string& text, const std::string& source);
Preset load_preset(const std::string& path);
void save_preset(const Preset& preset, const std::string& path);

// Applies options of a Hugging Face config.json of Qwen2-VL, Qwen2.5-VL or Qwen3-VL to a preset.
Preset import_hf_config(const std::string& text, const std::string& source, Preset base = {});

}  // namespace ropelab::io
