#include "common_options.h"

#include <utility>

namespace ropelab::detail {

OptionSpec convention_option(std::string doc, std::string reproduces, Convention default_value) {
  OptionSpec spec;
  spec.key = kConvention;
  spec.flag = "--convention";
  spec.kind = OptionKind::Choice;
  spec.default_value = std::string(default_value == Convention::Paper ? "paper" : "code");
  spec.label = "Convention";
  spec.doc = std::move(doc);
  spec.reproduces = std::move(reproduces);
  spec.choices = {"code", "paper"};
  return spec;
}

Convention convention(const Config& config) {
  return config.options.get<std::string>(kConvention) == "paper" ? Convention::Paper
                                                                 : Convention::Code;
}

OptionSpec adjustable_spacing_option(std::string reproduces, bool default_value) {
  OptionSpec spec;
  spec.key = kAdjustableSpacing;
  spec.flag = "--no-ats";
  spec.kind = OptionKind::Switch;
  spec.default_value = default_value;
  spec.label = "Adjustable temporal spacing (ATS)";
  spec.doc = "Frames spaced by delta; off: delta = 1 whatever --delta says";
  spec.reproduces = std::move(reproduces);
  return spec;
}

OptionSpec tokens_per_second_option(double default_value) {
  OptionSpec spec;
  spec.key = kTokensPerSecond;
  spec.flag = "--tokens-per-second";
  spec.kind = OptionKind::Number;
  spec.default_value = default_value;
  spec.label = "Tokens per second";
  spec.doc = "Temporal ids count absolute time in units of 1 / tokens_per_second seconds";
  spec.min = 0;
  spec.min_exclusive = true;
  spec.max = 1e6;
  return spec;
}

OptionSpec early_integer_cast_option(bool default_value) {
  OptionSpec spec;
  spec.key = kEarlyIntegerCast;
  spec.flag = "--early-cast";
  spec.kind = OptionKind::Switch;
  spec.default_value = default_value;
  spec.label = "Early integer cast";
  spec.doc =
      "Truncate seconds per grid before multiplying, as some transformers versions do "
      "(fps > 2 collapses every frame onto one temporal id)";
  return spec;
}

OptionSpec timestamp_tokens_option(int default_value) {
  OptionSpec spec;
  spec.key = kTimestampTokens;
  spec.flag = "--timestamp-tokens";
  spec.kind = OptionKind::Integer;
  spec.default_value = default_value;
  spec.label = "Timestamp tokens per frame";
  spec.doc =
      "Text tokens of the '<x.y seconds>' timestamp written before every frame (0 = none); "
      "each frame becomes its own block";
  spec.min = 0;
  spec.max = 1024;
  return spec;
}

OptionSpec frame_markers_option(bool default_value) {
  OptionSpec spec;
  spec.key = kFrameMarkers;
  spec.flag = "--no-frame-markers";
  spec.kind = OptionKind::Switch;
  spec.default_value = default_value;
  spec.label = "Frame markers";
  spec.doc = "<|vision_start|> / <|vision_end|> tokens around every timestamped frame";
  return spec;
}

OptionSpec spatial_reset_option(bool default_value) {
  OptionSpec spec;
  spec.key = kSpatialReset;
  spec.flag = "--spatial-reset";
  spec.kind = OptionKind::Switch;
  spec.default_value = default_value;
  spec.label = "Spatial reset";
  spec.doc = "h and w restart at 0 inside each visual segment instead of continuing from the text";
  return spec;
}

}  // namespace ropelab::detail
