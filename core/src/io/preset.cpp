#include "ropelab/io/preset.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "ropelab/error.h"
#include "ropelab/io/files.h"
#include "ropelab/options.h"
#include "ropelab/registry.h"

namespace ropelab::io {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxPresetBytes = 4 << 20;

// Reads typed values out of a JSON object, naming the file and key path in every error.
class Reader {
 public:
  Reader(const json& object, std::string source, std::string path)
      : object_(object), source_(std::move(source)), path_(std::move(path)) {
    if (!object_.is_object()) fail(path_.empty() ? "the file" : path_, "must be a JSON object");
  }

  bool has(const char* key) const { return object_.contains(key) && !object_.at(key).is_null(); }
  const json& at(const char* key) const {
    if (!has(key)) fail(name(key), "is missing");
    return object_.at(key);
  }
  std::string string(const char* key) const {
    const json& v = at(key);
    if (!v.is_string()) fail(name(key), "must be a string");
    return v.get<std::string>();
  }
  double number(const char* key) const {
    const json& v = at(key);
    if (!v.is_number()) fail(name(key), "must be a number");
    return v.get<double>();
  }
  int integer(const char* key) const {
    const json& v = at(key);
    if (!v.is_number_integer() &&
        !(v.is_number_float() && std::nearbyint(v.get<double>()) == v.get<double>()))
      fail(name(key), "must be a whole number");
    const double d = v.get<double>();
    if (std::abs(d) > 2e9) fail(name(key), "= " + format_number(d) + " is out of range");
    return static_cast<int>(d);
  }
  bool boolean(const char* key) const {
    const json& v = at(key);
    if (!v.is_boolean()) fail(name(key), "must be true or false");
    return v.get<bool>();
  }
  Reader child(const char* key) const { return Reader(at(key), source_, name(key)); }
  std::string name(const char* key) const { return path_.empty() ? key : path_ + "." + key; }
  const std::string& source() const { return source_; }
  [[noreturn]] void fail(const std::string& what, const std::string& problem) const {
    throw InputError(source_ + ": " + what + " " + problem);
  }
  template <class T>
  void optional(const char* key, T& target) const {
    if (!has(key)) return;
    if constexpr (std::is_same_v<T, bool>)
      target = boolean(key);
    else if constexpr (std::is_same_v<T, int>)
      target = integer(key);
    else
      target = number(key);
  }

 private:
  const json& object_;
  std::string source_;
  std::string path_;
};

Segment segment_from(const Reader& r) {
  const std::string kind = r.string("kind");
  if (kind == "text") return Segment::text(r.integer("count"));
  if (kind == "image") return Segment::image(r.integer("height"), r.integer("width"));
  if (kind == "video") {
    Segment s = Segment::video(r.integer("frames"), r.integer("height"), r.integer("width"));
    r.optional("seconds_per_frame", s.seconds_per_frame);
    return s;
  }
  r.fail(r.name("kind"), "= '" + kind + "' must be text, image or video");
}

json segment_to(const Segment& s) {
  switch (s.modality) {
    case Modality::Text:
      return {{"kind", "text"}, {"count", s.count}};
    case Modality::Image:
      return {{"kind", "image"}, {"height", s.height}, {"width", s.width}};
    case Modality::Video:
      return {{"kind", "video"},
              {"frames", s.frames},
              {"height", s.height},
              {"width", s.width},
              {"seconds_per_frame", s.seconds_per_frame}};
  }
  return {};
}

// Reads one option's JSON value as its declaration's type and validates it against the spec.
OptionValue option_from(const Reader& r, const OptionSpec& spec) {
  const char* key = spec.key.c_str();
  OptionValue value;
  switch (spec.kind) {
    case OptionKind::Switch:
      value = r.boolean(key);
      break;
    case OptionKind::Integer:
      value = r.integer(key);
      break;
    case OptionKind::Number:
      value = r.number(key);
      break;
    case OptionKind::Choice:
    case OptionKind::Text:
      value = r.string(key);
      break;
  }
  try {
    validate_option(spec, value);
  } catch (const InputError& e) {
    r.fail(r.name(key) + ":", e.what());
  }
  return value;
}

// Every declared option present in the object (keys as in the old fixed list, so old presets
// load); an undeclared key is refused, naming it.
void options_from(const Reader& r, const json& object, VariantOptions& o) {
  for (const auto& item : object.items()) {
    if (!find_option_by_key(item.key())) {
      std::string known;
      for (const OptionSpec& spec : all_option_specs()) {
        if (!known.empty()) known += ", ";
        known += spec.key;
      }
      r.fail(r.name(item.key().c_str()), "is not a known option (known: " + known + ")");
    }
  }
  for (const OptionSpec& spec : all_option_specs()) {
    if (r.has(spec.key.c_str())) o.set(spec.key, option_from(r, spec));
  }
}

// The options the user set, by declaration order.
json options_to(const VariantOptions& o) {
  json object = json::object();
  for (const OptionSpec& spec : all_option_specs()) {
    auto it = o.values().find(spec.key);
    if (it == o.values().end()) continue;
    std::visit([&](const auto& v) { object[spec.key] = v; }, it->second);
  }
  return object;
}

void config_from(const Reader& r, Config& c) {
  r.optional("head_dim", c.head_dim);
  r.optional("base", c.base);
  if (r.has("delta")) c.delta = r.number("delta");
  if (r.has("partial_rotary")) c.partial_rotary = r.number("partial_rotary");
  if (r.has("pairing")) {
    const std::string pairing = r.string("pairing");
    if (pairing != "half" && pairing != "adjacent")
      r.fail(r.name("pairing"), "= '" + pairing + "' must be half or adjacent");
    c.pairing = pairing == "half" ? Pairing::Half : Pairing::Adjacent;
  }
  r.optional("head", c.head);
  if (r.has("split")) {
    const json& split = r.at("split");
    if (!split.is_array() || split.size() > 16)
      r.fail(r.name("split"), "must be a list of at most 16 whole numbers");
    c.split.clear();
    for (const json& v : split) {
      if (!v.is_number_integer()) r.fail(r.name("split"), "must be a list of whole numbers");
      const auto value = v.get<long long>();
      if (value < 0 || value > 100000) r.fail(r.name("split"), "entries must be in [0, 100000]");
      c.split.push_back(static_cast<int>(value));
    }
  }
  if (r.has("options")) options_from(r.child("options"), r.at("options"), c.options);
}

void variant_settings_from(const Reader& r, Preset& p) {
  (void)r.child("variant_settings");  // checks that it is an object
  const json& object = r.at("variant_settings");
  if (object.size() > 64) r.fail("variant_settings", "must hold at most 64 variants");
  for (const auto& [id, value] : object.items()) {
    if (!find_variant(id)) r.fail("variant_settings", "names an unknown variant '" + id + "'");
    const Reader entry(value, r.source(), "variant_settings." + id);
    VariantSettings s;
    if (entry.has("delta")) {
      s.delta = entry.number("delta");
      if (!(*s.delta > 0 && *s.delta <= kMaxDelta))
        entry.fail(entry.name("delta"), "= " + format_number(*s.delta) + " must be in (0, 1e6]");
    }
    if (entry.has("options")) {
      VariantOptions o;
      options_from(entry.child("options"), entry.at("options"), o);
      s.options = o;
    }
    p.variant_settings[id] = s;
  }
}

void app_from(const Reader& r, Preset& p) {
  const Reader app = r.child("app");
  if (app.has("query")) {
    const int q = app.integer("query");
    if (q < 0) app.fail(app.name("query"), "must be a token index (0 or more) or null");
    p.query = q;
  }
  if (app.has("qk_model")) {
    p.qk_model = app.string("qk_model");
    if (p.qk_model != "ones" && p.qk_model != "gaussian" && p.qk_model != "mean-shifted-gaussian")
      app.fail(app.name("qk_model"),
               "= '" + p.qk_model + "' must be ones, gaussian or mean-shifted-gaussian");
  }
  if (app.has("view")) {
    const Reader view = app.child("view");
    const json& object = app.at("view");
    if (object.size() > 64) view.fail("app.view", "must hold at most 64 settings");
    for (const auto& [key, value] : object.items()) p.view[key] = view.string(key.c_str());
  }
}

// The composer's pair in JSON: {"variant": "custom", "design": ID, "allocation": ID} (the form
// the positions JSON writes), read from `r` (an entry of "variants", or the file itself); an
// unknown id or an incompatible pair is refused naming the field.
std::string custom_from(const Reader& r) {
  const std::string design = r.string("design");
  const std::string allocation = r.string("allocation");
  try {
    custom_variant(design, allocation);
  } catch (const InputError& e) {
    // The composer names the command-line option; here the JSON field is the culprit.
    const std::string what = e.what();
    const std::size_t reason = what.find(" is invalid: ");
    const bool bad_design = what.rfind("--design", 0) == 0;
    const std::string field = bad_design ? "design" : "allocation";
    r.fail(r.name(field.c_str()),
           "= '" + (bad_design ? design : allocation) +
               "' is invalid: " + (reason == std::string::npos ? what : what.substr(reason + 13)));
  }
  return custom_variant_id(design, allocation);
}

// One variant of a preset: an id string ("custom:DESIGN/ALLOCATION" too), or an object with
// "variant" (and, for "custom", "design" and "allocation").
std::string variant_from(const Reader& r, const std::string& field, const json& value) {
  std::string id;
  if (value.is_string()) {
    id = value.get<std::string>();
  } else if (value.is_object()) {
    const Reader entry(value, r.source(), field);
    id = entry.string("variant");
    if (id == "custom") return custom_from(entry);
    for (const char* key : {"design", "allocation"}) {
      if (entry.has(key)) entry.fail(entry.name(key), "is only read with \"variant\": \"custom\"");
    }
  } else {
    r.fail(field,
           "must be a variant id or an object {\"variant\": \"custom\", \"design\": ID, "
           "\"allocation\": ID}");
  }
  if (id == "custom")
    r.fail(field, "= 'custom' needs \"design\" and \"allocation\" fields (an object)");
  if (!find_variant(id)) {
    try {
      variant_or_throw(id);
    } catch (const InputError& e) {
      r.fail(field + ":", e.what());
    }
  }
  return id;
}

// The composer's ids are written as objects, every other id as a string.
json variant_to(const std::string& id) {
  const Variant* v = find_variant(id);
  if (v == nullptr || v->design_part() == nullptr) return id;
  return {{"variant", "custom"},
          {"design", std::string(v->design_part()->id())},
          {"allocation", std::string(v->allocation_part()->id())}};
}

json parse_json(const std::string& text, const std::string& source) {
  if (text.size() > kMaxPresetBytes)
    throw InputError(source + ": larger than the 4 MiB limit for JSON files");
  // Deep nesting is refused before parsing so a hostile file cannot exhaust the stack.
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (in_string) {
      if (ch == '\\')
        ++i;
      else if (ch == '"')
        in_string = false;
    } else if (ch == '"') {
      in_string = true;
    } else if (ch == '[' || ch == '{') {
      if (++depth > 64) throw InputError(source + ": JSON nested deeper than 64 levels");
    } else if (ch == ']' || ch == '}') {
      --depth;
    }
  }
  try {
    return json::parse(text);
  } catch (const json::exception& e) {
    throw InputError(source + ": not valid JSON (" + std::string(e.what()) + ")");
  }
}

}  // namespace

std::string preset_to_json(const Preset& p) {
  json scene = json::array();
  for (const Segment& s : p.scene.segments) scene.push_back(segment_to(s));
  json config = {{"head_dim", p.config.head_dim},
                 {"base", p.config.base},
                 {"options", options_to(p.config.options)}};
  config["split"] = p.config.split.empty() ? json(nullptr) : json(p.config.split);
  config["delta"] = p.config.delta ? json(*p.config.delta) : json(nullptr);
  if (p.config.partial_rotary) config["partial_rotary"] = *p.config.partial_rotary;
  if (p.config.pairing)
    config["pairing"] = *p.config.pairing == Pairing::Adjacent ? "adjacent" : "half";
  if (p.config.head != 0) config["head"] = p.config.head;
  json variants = json::array();
  for (const std::string& id : p.variants) variants.push_back(variant_to(id));
  json root = {{"schema", "ropelab-preset"},
               {"version", kPresetSchemaVersion},
               {"name", p.name},
               {"description", p.description},
               {"variants", variants},
               {"scene", scene},
               {"config", config}};
  if (!p.variant_settings.empty()) {
    json settings = json::object();
    for (const auto& [id, s] : p.variant_settings) {
      json entry = json::object();
      if (s.delta) entry["delta"] = *s.delta;
      if (s.options) entry["options"] = options_to(*s.options);
      settings[id] = entry;
    }
    root["variant_settings"] = settings;
  }
  if (p.query || !p.qk_model.empty() || !p.view.empty()) {
    json app = json::object();
    app["query"] = p.query ? json(*p.query) : json(nullptr);
    if (!p.qk_model.empty()) app["qk_model"] = p.qk_model;
    if (!p.view.empty()) app["view"] = p.view;
    root["app"] = app;
  }
  return root.dump(2) + "\n";
}

Preset preset_from_json(const std::string& text, const std::string& source) {
  const json root = parse_json(text, source);
  const Reader r(root, source, "");
  const int version = r.integer("version");
  if (version < 1 || version > kPresetSchemaVersion) {
    r.fail("version", "= " + std::to_string(version) + " is not supported (this build reads 1 to " +
                          std::to_string(kPresetSchemaVersion) + ")");
  }
  Preset p;
  if (r.has("name")) p.name = r.string("name");
  if (r.has("description")) p.description = r.string("description");
  if (r.has("variant") && r.has("variants"))
    r.fail("variant", "and \"variants\" are both given: use one (variants lists up to 4)");
  if (r.has("variants")) {
    const json& list = r.at("variants");
    if (!list.is_array() || list.empty() || list.size() > 4)
      r.fail("variants", "must be a list of 1 to 4 variant ids");
    p.variants.clear();
    for (std::size_t i = 0; i < list.size(); ++i)
      p.variants.push_back(variant_from(r, "variants[" + std::to_string(i) + "]", list[i]));
  } else if (r.has("variant")) {
    // The single-variant form: "variant": ID, or "variant": "custom" with "design" and
    // "allocation" beside it.
    const json& value = r.at("variant");
    if (!value.is_string()) r.fail("variant", "must be a string");
    if (value.get<std::string>() == "custom") {
      p.variants = {custom_from(r)};
    } else {
      for (const char* key : {"design", "allocation"}) {
        if (r.has(key)) r.fail(key, "is only read with \"variant\": \"custom\"");
      }
      p.variants = {variant_from(r, "variant", value)};
    }
  }
  const json& scene = r.at("scene");
  if (!scene.is_array() || scene.empty() || scene.size() > 4096)
    r.fail("scene", "must be a list of 1 to 4096 segments");
  p.scene.segments.clear();
  for (std::size_t i = 0; i < scene.size(); ++i)
    p.scene.segments.push_back(
        segment_from(Reader(scene[i], source, "scene[" + std::to_string(i) + "]")));
  if (r.has("config")) config_from(r.child("config"), p.config);
  if (r.has("variant_settings")) variant_settings_from(r, p);
  if (r.has("app")) app_from(r, p);
  try {
    p.scene.validate();
    p.config.validate();
  } catch (const InputError& e) {
    throw InputError(source + ": " + e.what());
  }
  return p;
}

Preset load_preset(const std::string& path) {
  return preset_from_json(read_file(path, kMaxPresetBytes), path);
}

void save_preset(const Preset& preset, const std::string& path) {
  write_file_atomically(path, preset_to_json(preset));
}

namespace {

// How one Hugging Face model_type maps onto a variant. The language model's settings are read
// from `nested` (text_config; InternVL: llm_config) when present. Defaults are transformers' config
// defaults for fields a config.json may omit (LLaVA-1.5's text_config carries only model_type and a
// few sizes).
enum class HfSection {
  Thw,
  Hwt
};  // the order of mrope_section in the file (ERNIE's port: h, w, t)

struct HfModel {
  const char* model_type;
  const char* variant;   // "vanilla" for 1-D RoPE models
  bool multimodal;       // reads mrope_section (3 axes) and vision_config
  double default_theta;  // rope_theta when the file has none (0: required)
  int default_head_dim;  // head dim when the file has none (0: required)
  // Partial rotary: < 0 the model rotates every dim (a factor other than 1 is refused); 0 the
  // file must give partial_rotary_factor; otherwise the factor when the file has none.
  double partial_rotary = -1;
  const char* pairing = nullptr;  // "half" / "adjacent": the model's channel pairing
  HfSection section = HfSection::Thw;
  bool freq_allocation = false;  // ERNIE (PaddlePaddle): the last freq_allocation pairs read t
  bool v2pe = false;             // InternVL: rope_pos_id_version / rope_pos_id_stride (V2PE)
  const char* nested = "text_config";
  bool nested_required = false;
};

// model_type -> handler. New families slot in here (one row each).
constexpr HfModel kHfModels[] = {
    {"qwen2_vl", "mrope", true, 1e6, 0},
    {"qwen2_5_vl", "qwen25-mrope", true, 1e6, 0},
    {"qwen3_vl", "qwen3-mrope", true, 5e6, 0},
    {"qwen3_vl_moe", "qwen3-mrope", true, 5e6, 0},
    // GLM-4.1V (transformers glm4v): rotate_half_llm pairs (2j, 2j + 1) inside the rotary dims;
    // Glm4vTextConfig has no partial_rotary_factor default (without it transformers would rotate
    // every dim, which mrope_section [8, 12, 12] does not cover), so the file must give it.
    // GLM-4.5V (glm4v_moe): rotate-half inside the rotary dims, factor defaults to 0.5.
    {.model_type = "glm4v",
     .variant = "glm4v",
     .multimodal = true,
     .default_theta = 1e4,
     .default_head_dim = 0,
     .partial_rotary = 0,
     .pairing = "adjacent"},
    {.model_type = "glm4v_moe",
     .variant = "glm4v",
     .multimodal = true,
     .default_theta = 1e4,
     .default_head_dim = 0,
     .partial_rotary = 0.5,
     .pairing = "half"},
    // ERNIE-4.5-VL: PaddlePaddle's config (freq_allocation, default 20; rope_theta 500000 as in
    // the ERNIE-4.5 configs) and transformers' port (rope_parameters.mrope_section in h, w, t
    // order, [22, 22, 20]). Both rotate adjacent pairs (rotate_half_text).
    {.model_type = "ernie4_5_moe_vl",
     .variant = "ernie45-vl",
     .multimodal = true,
     .default_theta = 5e5,
     .default_head_dim = 0,
     .pairing = "adjacent",
     .freq_allocation = true},
    {.model_type = "ernie4_5_vl_moe",
     .variant = "ernie45-vl",
     .multimodal = true,
     .default_theta = 5e5,
     .default_head_dim = 0,
     .pairing = "adjacent",
     .section = HfSection::Hwt},
    // InternVL (OpenGVLab's InternVLChatConfig): 1-D RoPE of the language model in llm_config
    // (LlamaConfig, InternLM2Config or Qwen2Config: defaults 4096 / 32 heads, rope_theta 1e4);
    // rope_pos_id_version v2pe_fix with rope_pos_id_stride makes it V2PE.
    {.model_type = "internvl_chat",
     .variant = "vanilla",
     .multimodal = false,
     .default_theta = 1e4,
     .default_head_dim = 128,
     .v2pe = true,
     .nested = "llm_config",
     .nested_required = true},
    // 1-D RoPE language models: vanilla with their rope_theta and head dim.
    {"llama", "vanilla", false, 1e4, 128},
    {"mistral", "vanilla", false, 1e4, 128},
    {"mixtral", "vanilla", false, 1e6, 128},
    {"qwen2", "vanilla", false, 1e4, 128},
    {"qwen2_moe", "vanilla", false, 1e4, 128},
    {"qwen3", "vanilla", false, 1e4, 128},
    {"qwen3_moe", "vanilla", false, 1e4, 128},
    {"gemma", "vanilla", false, 1e4, 256},
    {"gemma2", "vanilla", false, 1e4, 256},
    {"phi3", "vanilla", false, 1e4, 96},
    {"internlm2", "vanilla", false, 1e4, 128},
    {"yi", "vanilla", false, 1e4, 128},
};

// Wrappers whose language model sits in text_config and decides the variant (LLaVA-1.5:
// text_config.model_type "llama").
constexpr const char* kHfWrappers[] = {"llava", "llava_next", "llava_onevision",
                                       "llava_next_video"};

const HfModel* find_hf_model(const std::string& type) {
  for (const HfModel& m : kHfModels) {
    if (type == m.model_type) return &m;
  }
  return nullptr;
}

std::string known_hf_models() {
  std::string out;
  for (const HfModel& m : kHfModels) out += (out.empty() ? "" : ", ") + std::string(m.model_type);
  for (const char* w : kHfWrappers) out += ", " + std::string(w);
  return out;
}

std::string section_text(const std::vector<int>& section) {
  std::string out = "[";
  for (std::size_t i = 0; i < section.size(); ++i)
    out += (i ? ", " : "") + std::to_string(section[i]);
  return out + "]";
}

// partial_rotary_factor as the model reads it: refused for models that rotate every dim, checked
// against the head dim (F * D an even number of dims) for the others.
void read_partial_rotary(const Reader& cfg, const HfModel& model, const std::string& variant,
                         int head_dim, std::optional<double>& factor) {
  if (!cfg.has("partial_rotary_factor")) return;
  const double f = cfg.number("partial_rotary_factor");
  if (model.partial_rotary < 0) {
    if (f != 1.0)
      cfg.fail(cfg.name("partial_rotary_factor"),
               "= " + format_number(f) + " (partial rotary) cannot be represented by " + variant +
                   ": it rotates every dimension");
    return;
  }
  const double dims = f * head_dim;
  if (!(f > 0 && f <= 1) || std::abs(dims - std::nearbyint(dims)) > 1e-9 ||
      static_cast<long>(std::nearbyint(dims)) % 2 != 0 || dims < 2)
    cfg.fail(cfg.name("partial_rotary_factor"),
             "= " + format_number(f) +
                 " must be in (0, 1] with partial_rotary_factor * head_dim an even number >= 2 "
                 "(head_dim " +
                 std::to_string(head_dim) + " gives " + format_number(dims) + ")");
  factor = f;
}

// V2PE (OpenGVLab/V2PE get_rope_pos_id): "v2pe_fix" advances each visual token by
// rope_pos_id_stride / 256 (256 tokens per tile); "default" is InternVL's plain 1-D positions.
void read_v2pe(const Reader& r, const Reader& llm, std::string& variant, Preset& base) {
  const Reader* cfg = r.has("rope_pos_id_version")     ? &r
                      : llm.has("rope_pos_id_version") ? &llm
                                                       : nullptr;
  if (!cfg) return;
  const std::string version = cfg->string("rope_pos_id_version");
  if (version == "default") return;
  if (version == "v2pe_rnd")
    cfg->fail(cfg->name("rope_pos_id_version"),
              "= 'v2pe_rnd' draws the stride at random for every image (V2PE's training mode); "
              "RoPE Lab needs a fixed one: set rope_pos_id_version to v2pe_fix and "
              "rope_pos_id_stride (V2PE's evaluation uses 64)");
  if (version != "v2pe_fix")
    cfg->fail(cfg->name("rope_pos_id_version"),
              "= '" + version + "' is not a V2PE position version (default, v2pe_fix, v2pe_rnd)");
  if (!cfg->has("rope_pos_id_stride"))
    cfg->fail(cfg->name("rope_pos_id_stride"),
              "is missing: rope_pos_id_version v2pe_fix needs it (delta = stride / 256; V2PE's "
              "evaluation uses 64)");
  const double stride = cfg->number("rope_pos_id_stride");
  if (!(stride > 0 && stride / 256.0 <= kMaxDelta))
    cfg->fail(
        cfg->name("rope_pos_id_stride"),
        "= " + format_number(stride) + " must be positive (delta = stride / 256 in (0, 1e6])");
  variant = "v2pe";
  base.config.delta = stride / 256.0;
}

}  // namespace

Preset import_hf_config(const std::string& text, const std::string& source, Preset base) {
  const json root = parse_json(text, source);
  const Reader r(root, source, "");
  if (!r.has("model_type"))
    r.fail("model_type",
           "is missing: cannot tell which RoPE the model uses (known: " + known_hf_models() + ")");
  std::string type = r.string("model_type");
  std::string type_field = "model_type";
  // Qwen3-VL, GLM-4V and LLaVA nest the language model's settings under text_config.
  bool nested = r.has("text_config");
  for (const char* wrapper : kHfWrappers) {
    if (type != wrapper) continue;
    // transformers' LlavaConfig defaults text_config to llama.
    type = nested && r.child("text_config").has("model_type")
               ? r.child("text_config").string("model_type")
               : "llama";
    type_field = "text_config.model_type";
    if (!find_hf_model(type) || find_hf_model(type)->multimodal)
      r.fail(type_field, "= '" + type + "' is not a language model RoPE Lab can import (known: " +
                             known_hf_models() + ")");
  }
  const HfModel* model = find_hf_model(type);
  if (!model)
    r.fail(type_field, "= '" + type + "' is not a RoPE model RoPE Lab can import (known: " +
                           known_hf_models() + ")");
  std::string variant = model->variant;
  if (type_field == "model_type") nested = r.has(model->nested);
  if (!nested && model->nested_required)
    r.fail(model->nested, "is missing: model_type '" + type +
                              "' keeps its language model's settings (rope_theta, head dim) there");
  const Reader text_cfg =
      nested ? r.child(type_field == "model_type" ? model->nested : "text_config") : r;

  // Base and head dim: the file's values, else transformers' defaults for the model type.
  base.config.base =
      text_cfg.has("rope_theta") ? text_cfg.number("rope_theta") : model->default_theta;
  if (text_cfg.has("head_dim")) {
    base.config.head_dim = text_cfg.integer("head_dim");
  } else if (text_cfg.has("hidden_size") && text_cfg.has("num_attention_heads")) {
    const int heads = text_cfg.integer("num_attention_heads");
    if (heads <= 0) text_cfg.fail(text_cfg.name("num_attention_heads"), "must be positive");
    base.config.head_dim = text_cfg.integer("hidden_size") / heads;
  } else if (model->default_head_dim > 0) {
    base.config.head_dim = model->default_head_dim;
  } else {
    text_cfg.fail(text_cfg.name("head_dim"),
                  "is missing (and hidden_size / num_attention_heads are not both given)");
  }
  if (base.config.head_dim < kMinHeadDim || base.config.head_dim > kMaxHeadDim ||
      base.config.head_dim % 2 != 0) {
    try {
      base.config.validate();
    } catch (const InputError& e) {
      throw InputError(source + ": " + e.what());
    }
  }

  // rope_scaling (transformers 4) or rope_parameters (transformers 5).
  const char* scaling_key = text_cfg.has("rope_scaling")      ? "rope_scaling"
                            : text_cfg.has("rope_parameters") ? "rope_parameters"
                                                              : nullptr;
  const std::optional<Reader> scaling =
      scaling_key ? std::optional<Reader>(text_cfg.child(scaling_key)) : std::nullopt;

  // Partial rotary (transformers 5 moves partial_rotary_factor into rope_parameters).
  std::optional<double> factor;
  read_partial_rotary(text_cfg, *model, variant, base.config.head_dim, factor);
  if (scaling) read_partial_rotary(*scaling, *model, variant, base.config.head_dim, factor);
  // The model decides partial rotary, pairing and the section: settings carried in `base` do not
  // survive (a section the file does not give is the variant's default).
  base.config.partial_rotary.reset();
  base.config.pairing.reset();
  base.config.split.clear();
  if (model->partial_rotary >= 0) {
    if (!factor && model->partial_rotary == 0)
      text_cfg.fail(text_cfg.name("partial_rotary_factor"),
                    "is missing: model_type '" + type +
                        "' rotates part of each head and transformers has no default for it "
                        "(GLM-4.1V uses 0.5)");
    base.config.partial_rotary = factor.value_or(model->partial_rotary);
  }
  if (model->pairing)
    base.config.pairing =
        std::string(model->pairing) == "adjacent" ? Pairing::Adjacent : Pairing::Half;
  const int rotary_pairs = base.config.rotary_dims() / 2;

  if (scaling) {
    if (scaling->has("rope_theta")) base.config.base = scaling->number("rope_theta");
    const char* type_key = scaling->has("rope_type") ? "rope_type"
                           : scaling->has("type")    ? "type"
                                                     : nullptr;
    const std::string rope_type = type_key ? scaling->string(type_key) : "default";
    // "mrope" is Qwen2-VL's spelling of unscaled multimodal RoPE; scaled types stretch the
    // frequencies in ways no variant here models.
    if (rope_type != "default" && !(model->multimodal && rope_type == "mrope"))
      scaling->fail(scaling->name(type_key),
                    "= '" + rope_type +
                        "' (scaled RoPE) cannot be represented: RoPE Lab models unscaled "
                        "frequencies base^(-2j/D)");
    if (scaling->has("mrope_section")) {
      if (!model->multimodal)
        scaling->fail(scaling->name("mrope_section"),
                      "is given but model_type '" + type + "' is a 1-D RoPE model");
      const json& section = scaling->at("mrope_section");
      if (!section.is_array() || section.size() != 3)
        scaling->fail(scaling->name("mrope_section"), "must be a list of 3 whole numbers");
      std::vector<int> split;
      for (const json& v : section) {
        if (!v.is_number_integer() || v.get<long long>() < 0 || v.get<long long>() > 100000)
          scaling->fail(scaling->name("mrope_section"), "must hold whole numbers in [0, 100000]");
        split.push_back(v.get<int>());
      }
      const long long sum = static_cast<long long>(split[0]) + split[1] + split[2];
      if (sum != rotary_pairs)
        scaling->fail(scaling->name("mrope_section"),
                      "= " + section_text(split) + " adds up to " + std::to_string(sum) +
                          (base.config.partial_rotary
                               ? ", must add up to head_dim * partial_rotary_factor / 2 = "
                               : ", must add up to head_dim / 2 = ") +
                          std::to_string(rotary_pairs));
      // ERNIE-4.5-VL's transformers port lists the section as (h, w, t); splits are t, h, w.
      if (model->section == HfSection::Hwt)
        std::rotate(split.begin(), split.begin() + 2, split.end());
      base.config.split = split;
    }
    if (scaling->has("mrope_interleaved") && scaling->boolean("mrope_interleaved")) {
      if (!model->multimodal ||
          std::string_view(model->variant).find("mrope") == std::string_view::npos)
        scaling->fail(scaling->name("mrope_interleaved"),
                      "is set but model_type '" + type + "' does not interleave its sections");
      variant = "qwen3-mrope";
    }
  }
  if (model->freq_allocation) {
    // PaddlePaddle's ERNIE-4.5-VL: the last freq_allocation pairs read t (default 20), the
    // others alternate h (even j) and w (odd j).
    const int t = text_cfg.has("freq_allocation") ? text_cfg.integer("freq_allocation") : 20;
    if (t < 0 || t > rotary_pairs)
      text_cfg.fail(text_cfg.name("freq_allocation"),
                    "= " + std::to_string(t) + " must be in [0, " + std::to_string(rotary_pairs) +
                        "] (head_dim / 2)");
    base.config.split = {t, (rotary_pairs - t + 1) / 2, (rotary_pairs - t) / 2};
  }
  if (model->v2pe) read_v2pe(r, text_cfg, variant, base);
  if (model->multimodal && r.has("vision_config")) {
    const Reader vision = r.child("vision_config");
    if (vision.has("tokens_per_second")) {
      const OptionSpec* spec = find_option_by_key("tokens_per_second");
      base.config.options.set(spec->key, option_from(vision, *spec));
    }
  }
  if (!model->multimodal) base.config.split.clear();
  base.variants = {variant};
  try {
    base.config.validate();
    variant_or_throw(variant);
  } catch (const InputError& e) {
    throw InputError(source + ": " + e.what());
  }
  return base;
}

}  // namespace ropelab::io
