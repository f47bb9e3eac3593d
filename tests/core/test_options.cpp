// Declared variant options (options.h): every declaration is complete, parses and validates,
// round-trips through a preset and changes what encode() computes; the key switches move real ids
// and pairs.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "helpers.h"
#include "ropelab/error.h"
#include "ropelab/io/preset.h"
#include "ropelab/options.h"
#include "ropelab/registry.h"

namespace ropelab {
namespace {

// A valid value different from the declaration's default.
OptionValue non_default(const OptionSpec& spec) {
  switch (spec.kind) {
    case OptionKind::Switch:
      return !std::get<bool>(spec.default_value);
    case OptionKind::Integer: {
      const int d = std::get<int>(spec.default_value);
      return d + 3 <= spec.max ? d + 3 : d - 1;
    }
    case OptionKind::Number: {
      const double d = std::get<double>(spec.default_value);
      return d * 2.5 <= spec.max ? d * 2.5 : d / 2;
    }
    case OptionKind::Choice:
      for (const std::string& c : spec.choices) {
        if (c != std::get<std::string>(spec.default_value)) return c;
      }
      break;
    case OptionKind::Text:
      return std::string("x");
  }
  ADD_FAILURE() << spec.key << " has no non-default value";
  return spec.default_value;
}

// A configuration in which the option matters (frame markers only exist with timestamps).
Config context_for(const std::string& key) {
  Config config;
  config.head_dim = 32;
  if (key == "frame_markers") config.options.set("timestamp_tokens", 2);
  if (key == "exact_time") config.options.set("tokens_per_second", 25.0);
  return config;
}

// Text, a 4-frame 4x6 video at 0.5 s per frame, text: every switch shows in it.
Scene option_scene() {
  return Scene::parse("text:2,video:4x4x6@0.5,text:2");
}

struct Declared {
  const Variant* variant;
  OptionSpec spec;
};

std::vector<Declared> every_declaration() {
  std::vector<Declared> all;
  for (const Variant* v : all_variants()) {
    for (const OptionSpec& spec : v->options()) all.push_back({v, spec});
  }
  return all;
}

TEST(Options, EveryDeclarationIsCompleteAndInTheUnion) {
  const std::vector<Declared> all = every_declaration();
  // Keys are unique in the union; convention is declared by both videorope and vrope.
  for (const OptionSpec& spec : all_option_specs()) {
    EXPECT_EQ(std::count_if(all_option_specs().begin(), all_option_specs().end(),
                            [&](const OptionSpec& s) { return s.key == spec.key; }),
              1);
  }
  EXPECT_EQ(std::count_if(all.begin(), all.end(),
                          [](const Declared& d) { return d.spec.key == "convention"; }),
            2);
  for (const auto& [variant, spec] : all) {
    SCOPED_TRACE(std::string(variant->id()) + " " + spec.key);
    EXPECT_FALSE(spec.key.empty());
    EXPECT_EQ(spec.flag.rfind("--", 0), 0u);
    EXPECT_FALSE(spec.label.empty());
    EXPECT_FALSE(spec.doc.empty());
    EXPECT_NO_THROW(validate_option(spec, spec.default_value));
    const OptionSpec* by_key = find_option_by_key(spec.key);
    ASSERT_NE(by_key, nullptr);
    EXPECT_EQ(find_option_by_flag(spec.flag), by_key);
    EXPECT_EQ(by_key->kind, spec.kind);
    EXPECT_EQ(by_key->flag, spec.flag);
    EXPECT_EQ(by_key->choices, spec.choices);
    if (spec.kind == OptionKind::Switch) {
      // The flag sets the opposite of the default, so every declaration of a key agrees on it.
      EXPECT_EQ(by_key->default_value, spec.default_value);
    }
  }
  // The existing flag names and preset keys (spec/cli.md) are all declared.
  const std::vector<std::pair<std::string, std::string>> contract{
      {"convention", "--convention"},
      {"diagonal_layout", "--no-dl"},
      {"low_frequency_temporal", "--no-lta"},
      {"adjustable_spacing", "--no-ats"},
      {"interleaved_xy", "--sequential-xy"},
      {"symmetric", "--no-symmetric"},
      {"continuity", "--no-continuity"},
      {"tokens_per_second", "--tokens-per-second"},
      {"early_integer_cast", "--early-cast"},
      {"timestamp_tokens", "--timestamp-tokens"},
      {"frame_markers", "--no-frame-markers"},
      {"spatial_reset", "--spatial-reset"},
      {"fractional_steps", "--fractional-steps"}};
  for (const auto& [key, flag] : contract) {
    const OptionSpec* spec = find_option_by_key(key);
    ASSERT_NE(spec, nullptr) << key;
    EXPECT_EQ(spec->flag, flag);
  }
}

TEST(Options, ParseAndValidateNameTheFlagAndTheAllowedValues) {
  const OptionSpec& tps = *find_option_by_key("tokens_per_second");
  EXPECT_EQ(std::get<double>(parse_option(tps, "1e1")), 10.0);
  EXPECT_EQ(std::get<int>(parse_option(*find_option_by_key("timestamp_tokens"), "6")), 6);
  EXPECT_EQ(std::get<std::string>(parse_option(*find_option_by_key("convention"), "paper")),
            "paper");
  const OptionSpec& lta = *find_option_by_key("low_frequency_temporal");
  EXPECT_EQ(std::get<bool>(parse_option(lta, "off")), false);
  EXPECT_EQ(std::get<bool>(parse_option(lta, "1")), true);
  const auto message = [](const OptionSpec& spec, const std::string& text) {
    try {
      parse_option(spec, text);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message(tps, "0"),
            "--tokens-per-second = 0 is invalid: must be a finite number in (0, "
            "1e+06]");
  EXPECT_EQ(message(tps, "fast"),
            "--tokens-per-second = 'fast' is invalid: must be a number in (0, 1e+06]");
  EXPECT_EQ(message(*find_option_by_key("timestamp_tokens"), "1025"),
            "--timestamp-tokens = 1025 is invalid: must be an integer in [0, 1024]");
  EXPECT_EQ(message(*find_option_by_key("timestamp_tokens"), "2.5"),
            "--timestamp-tokens = '2.5' is invalid: must be a whole number in [0, 1024]");
  EXPECT_EQ(message(*find_option_by_key("convention"), "both"),
            "--convention = 'both' is invalid: must be code or paper");
  EXPECT_EQ(message(lta, "maybe"), "--no-lta = 'maybe' is invalid: must be true or false");
  EXPECT_THROW(validate_option(lta, OptionValue(3)), InputError);
  EXPECT_EQ(format_option(OptionValue(2.5)), "2.5");
  EXPECT_EQ(format_option(OptionValue(true)), "true");
}

TEST(Options, ResolveGivesUserValuesOverDefaultsAndReportsIgnoredKeys) {
  VariantOptions user;
  user.set("low_frequency_temporal", false);
  user.set("timestamp_tokens", 4);
  std::vector<std::string> ignored;
  const VariantOptions r = resolve_options(variant_or_throw("videorope"), user, &ignored);
  EXPECT_EQ(r.values().size(), 5u);
  EXPECT_FALSE(r.get<bool>("low_frequency_temporal"));
  EXPECT_TRUE(r.get<bool>("diagonal_layout"));
  EXPECT_EQ(r.get<std::string>("convention"), "code");
  EXPECT_FALSE(r.has("timestamp_tokens"));
  EXPECT_EQ(ignored, std::vector<std::string>{"timestamp_tokens"});
  // encode() hands the variant exactly the resolved options.
  Config config;
  config.options = user;
  const Encoding e = encode(variant_or_throw("videorope"), Scene::default_scene(), config);
  EXPECT_EQ(e.config.options, r);
  EXPECT_TRUE(resolve_options(variant_or_throw("mrope"), user).values().empty());
}

TEST(Options, EveryOptionRoundTripsThroughAPreset) {
  for (const auto& [variant, spec] : every_declaration()) {
    SCOPED_TRACE(std::string(variant->id()) + " " + spec.key);
    io::Preset p;
    p.variants = {std::string(variant->id())};
    p.config.options.set(spec.key, non_default(spec));
    const std::string text = io::preset_to_json(p);
    EXPECT_NE(text.find("\"" + spec.key + "\""), std::string::npos);
    const io::Preset back = io::preset_from_json(text, "round.json");
    EXPECT_EQ(back.config.options, p.config.options);
    EXPECT_EQ(back.config.options.values().at(spec.key), non_default(spec));
  }
}

TEST(Options, EveryNonDefaultValueChangesWhatEncodeComputes) {
  for (const auto& [variant, spec] : every_declaration()) {
    SCOPED_TRACE(std::string(variant->id()) + " " + spec.key);
    const Config base = context_for(spec.key);
    Config changed = base;
    changed.options.set(spec.key, non_default(spec));
    // exact_time shows where float32 floors lower: 0.04 s per grid at 25 tokens/s (frame 5).
    const Scene scene =
        spec.key == "exact_time" ? Scene::parse("text:2,video:8x2x2@0.04,text:2") : option_scene();
    const Encoding a = encode(*variant, scene, base);
    const Encoding b = encode(*variant, scene, changed);
    EXPECT_EQ(b.config.options.values().at(spec.key), non_default(spec));
    const bool ids_differ =
        a.token_count() != b.token_count() || a.positions.ids != b.positions.ids;
    EXPECT_TRUE(ids_differ || a.pair_axis != b.pair_axis);
  }
}

TEST(Options, VideoRopeSwitchesMoveRealIdsAndPairs) {
  const Variant& v = variant_or_throw("videorope");
  const Scene scene = Scene::parse("text:2,video:2x3x3,text:1");
  Config config;  // D = 128, default split 16:24:24
  const Encoding on = encode(v, scene, config);
  // LTA: t on the 16 lowest-frequency pairs 48..63; off: on the first 16.
  for (int j = 0; j < 64; ++j) EXPECT_EQ(on.pair_axis[j] == 0, j >= 48) << j;
  config.options.set("low_frequency_temporal", false);
  const Encoding no_lta = encode(v, scene, config);
  for (int j = 0; j < 64; ++j) EXPECT_EQ(no_lta.pair_axis[j] == 0, j < 16) << j;
  // Interleaved x/y: pairs 0, 1, 2, 3 read h, w, h, w; sequential: 24 h pairs, then 24 w pairs.
  EXPECT_EQ(std::vector<int>(on.pair_axis.begin(), on.pair_axis.begin() + 4),
            (std::vector<int>{1, 2, 1, 2}));
  Config sequential;
  sequential.options.set("interleaved_xy", false);
  const Encoding seq = encode(v, scene, sequential);
  EXPECT_EQ(seq.pair_axis[0], 1);
  EXPECT_EQ(seq.pair_axis[23], 1);
  EXPECT_EQ(seq.pair_axis[24], 2);
  // DL: the first video token (f, h, w) = (0, 0, 0) after 2 text tokens is (2, 1, 1) on the
  // diagonal (centred by floor((3 - 1) / 2) = 1); DL off gives M-RoPE's block (2, 2, 2).
  EXPECT_EQ(test::axis_ids(on, 1)[2], 1);
  Config no_dl;
  no_dl.options.set("diagonal_layout", false);
  const Encoding block = encode(v, scene, no_dl);
  EXPECT_EQ(test::axis_ids(block, 0)[2], 2);
  EXPECT_EQ(test::axis_ids(block, 1)[2], 2);
  EXPECT_EQ(test::axis_ids(block, 2)[2], 2);
  // ATS: frame 1 at t = 2 + delta = 4; off: delta = 1, t = 3.
  EXPECT_EQ(test::axis_ids(on, 0)[11], 4);
  Config no_ats;
  no_ats.options.set("adjustable_spacing", false);
  EXPECT_EQ(test::axis_ids(encode(v, scene, no_ats), 0)[11], 3);
}

TEST(Options, Qwen3TimestampTokensAddTextBeforeEveryFrame) {
  const Scene scene = Scene::parse("text:1,video:2x2x2,text:1");
  Config config;
  // Default (issue 11): per frame 6 timestamp tokens, a start marker, 4 patches and an end marker.
  EXPECT_EQ(encode(variant_or_throw("qwen3-mrope"), scene, config).token_count(), 26u);
  config.options.set("timestamp_tokens", 0);  // plain interleaved M-RoPE
  EXPECT_EQ(encode(variant_or_throw("qwen3-mrope"), scene, config).token_count(), 10u);
  config.options.set("timestamp_tokens", 6);
  EXPECT_EQ(encode(variant_or_throw("qwen3-mrope"), scene, config).token_count(), 26u);
  config.options.set("frame_markers", false);
  EXPECT_EQ(encode(variant_or_throw("qwen3-mrope"), scene, config).token_count(), 22u);
}

TEST(Options, ConfigValidationNamesTheOptionAndTheValue) {
  Config config;
  config.options.set("timestamp_tokens", 5000);
  try {
    config.validate();
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "--timestamp-tokens = 5000 is invalid: must be an integer in [0, 1024]");
  }
  Config unknown;
  unknown.options.set("warp_speed", true);
  EXPECT_THROW(unknown.validate(), InputError);
}

TEST(Options, PresetsRefuseUnknownKeysAndBadValuesNamingFileAndKey) {
  const auto message = [](const std::string& options) {
    try {
      io::preset_from_json(R"({"version": 1, "scene": [{"kind": "text", "count": 4}],
                               "config": {"options": )" +
                               options + "}}",
                           "p.json");
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message(R"({"warp_speed": true})")
                .rfind("p.json: config.options.warp_speed is not a "
                       "known option",
                       0),
            0u);
  EXPECT_EQ(message(R"({"timestamp_tokens": 2000})"),
            "p.json: config.options.timestamp_tokens: --timestamp-tokens = 2000 is invalid: must "
            "be an integer in [0, 1024]");
  EXPECT_EQ(message(R"({"diagonal_layout": "yes"})"),
            "p.json: config.options.diagonal_layout must be true or false");
  // An old preset with every key of the old fixed list loads and keeps each value.
  const io::Preset old = io::preset_from_json(R"({"version": 1,
      "scene": [{"kind": "text", "count": 4}],
      "config": {"options": {"convention": "paper", "diagonal_layout": false,
        "low_frequency_temporal": true, "adjustable_spacing": true, "interleaved_xy": false,
        "symmetric": true, "continuity": false, "tokens_per_second": 4, "early_integer_cast": false,
        "timestamp_tokens": 6, "frame_markers": true, "spatial_reset": true,
        "fractional_steps": false}}})",
                                              "old.json");
  EXPECT_EQ(old.config.options.values().size(), 13u);
  EXPECT_EQ(old.config.options.get<std::string>("convention"), "paper");
  EXPECT_FALSE(old.config.options.get<bool>("diagonal_layout"));
  EXPECT_EQ(old.config.options.get<double>("tokens_per_second"), 4.0);
  EXPECT_EQ(old.config.options.get<int>("timestamp_tokens"), 6);
  EXPECT_TRUE(old.config.options.get<bool>("spatial_reset"));
}

}  // namespace
}  // namespace ropelab
