#include "common_options.h"

#include <utility>

namespace ropelab::detail {

OptionSpec declare(std::string_view key, std::string flag, OptionKind kind,
                   OptionValue default_value, std::string label, std::string doc) {
  OptionSpec spec;
  spec.key = std::string(key);
  spec.flag = std::move(flag);
  spec.kind = kind;
  spec.default_value = std::move(default_value);
  spec.label = std::move(label);
  spec.doc = std::move(doc);
  return spec;
}

OptionSpec convention_option(std::string doc, std::string reproduces, Convention default_value) {
  OptionSpec spec = declare(kConvention, "--convention", OptionKind::Choice,
                            std::string(default_value == Convention::Paper ? "paper" : "code"),
                            "Convention", std::move(doc));
  spec.reproduces = std::move(reproduces);
  spec.choices = {"code", "paper"};
  return spec;
}

Convention convention(const Config& config) {
  return config.options.get<std::string>(kConvention) == "paper" ? Convention::Paper
                                                                 : Convention::Code;
}

OptionSpec adjustable_spacing_option(std::string reproduces, bool default_value) {
  OptionSpec spec = declare(kAdjustableSpacing, "--no-ats", OptionKind::Switch, default_value,
                            "Adjustable temporal spacing (ATS)",
                            "Frames spaced by delta; off: delta = 1 whatever --delta says");
  spec.reproduces = std::move(reproduces);
  return spec;
}

OptionSpec tokens_per_second_option(double default_value) {
  OptionSpec spec =
      declare(kTokensPerSecond, "--tokens-per-second", OptionKind::Number, default_value,
              "Tokens per second",
              "Temporal ids count absolute time in units of 1 / tokens_per_second seconds");
  spec.min = 0;
  spec.min_exclusive = true;
  spec.max = 1e6;
  return spec;
}

OptionSpec early_integer_cast_option(bool default_value) {
  return declare(kEarlyIntegerCast, "--early-cast", OptionKind::Switch, default_value,
                 "Early integer cast",
                 "Truncate seconds per grid before multiplying, as some transformers versions do "
                 "(fps > 2 collapses every frame onto one temporal id)");
}

OptionSpec timestamp_tokens_option(int default_value) {
  OptionSpec spec =
      declare(kTimestampTokens, "--timestamp-tokens", OptionKind::Integer, default_value,
              "Timestamp tokens per frame",
              "Text tokens of the '<x.y seconds>' timestamp written before every frame (0 = "
              "none); each frame becomes its own block");
  spec.min = 0;
  spec.max = 1024;
  return spec;
}

OptionSpec frame_markers_option(bool default_value) {
  return declare(kFrameMarkers, "--no-frame-markers", OptionKind::Switch, default_value,
                 "Frame markers",
                 "<|vision_start|> / <|vision_end|> tokens around every timestamped frame");
}

OptionSpec spatial_reset_option(bool default_value) {
  return declare(
      kSpatialReset, "--spatial-reset", OptionKind::Switch, default_value, "Spatial reset",
      "h and w restart at 0 inside each visual segment instead of continuing from the text");
}

}  // namespace ropelab::detail
