#pragma once
// Options shared by several variants. Each factory returns the declaration with the calling
// variant's default, so a variant lists it in options() and reads it back by its key constant.
#include <string_view>

#include "ropelab/config.h"
#include "ropelab/options.h"

namespace ropelab::detail {

inline constexpr std::string_view kConvention = "convention";
inline constexpr std::string_view kAdjustableSpacing = "adjustable_spacing";
inline constexpr std::string_view kTokensPerSecond = "tokens_per_second";
inline constexpr std::string_view kEarlyIntegerCast = "early_integer_cast";
inline constexpr std::string_view kTimestampTokens = "timestamp_tokens";
inline constexpr std::string_view kFrameMarkers = "frame_markers";
inline constexpr std::string_view kSpatialReset = "spatial_reset";

// The fields every declaration has; the factories below and the variants add a range, choices or
// the table it reproduces.
OptionSpec declare(std::string_view key, std::string flag, OptionKind kind,
                   OptionValue default_value, std::string label, std::string doc);

// code|paper: where a paper and its reference code disagree (--convention).
OptionSpec convention_option(std::string doc, std::string reproduces,
                             Convention default_value = Convention::Code);
// The convention a resolved config asks for.
Convention convention(const Config& config);
// Temporal spacing delta on or off (--no-ats); off means delta = 1.
OptionSpec adjustable_spacing_option(std::string reproduces, bool default_value = true);
// Temporal ids in units of 1 / tokens_per_second seconds (--tokens-per-second).
OptionSpec tokens_per_second_option(double default_value = 2.0);
// transformers' older cast of second_per_grid to an integer before multiplying (--early-cast).
OptionSpec early_integer_cast_option(bool default_value = false);
// Timestamp text tokens written before every frame, 0 = none (--timestamp-tokens).
OptionSpec timestamp_tokens_option(int default_value = 0);
// <|vision_start|> / <|vision_end|> around every timestamped frame (--no-frame-markers).
OptionSpec frame_markers_option(bool default_value = true);
// h and w restart at 0 inside each visual segment (--spatial-reset).
OptionSpec spatial_reset_option(bool default_value = false);

}  // namespace ropelab::detail
