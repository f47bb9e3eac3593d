#include "wave2.h"

#include <cstdlib>

#include "ropelab/options.h"

namespace ropelab::detail {

std::string option_text(const Config& config, std::string_view key, std::string_view fallback) {
  if (!config.options.has(key)) return std::string(fallback);
  return config.options.get<std::string>(key);
}

double option_number(const Config& config, std::string_view key, double fallback) {
  return config.options.has(key) ? config.options.get<double>(key) : fallback;
}

int option_int(const Config& config, std::string_view key, int fallback) {
  return config.options.has(key) ? config.options.get<int>(key) : fallback;
}

bool option_bool(const Config& config, std::string_view key, bool fallback) {
  return config.options.has(key) ? config.options.get<bool>(key) : fallback;
}

std::string convention_name(const Config& config) {
  return option_text(config, kConvention, "code");
}

int timestamp_tokens(const Config& config, int fallback) {
  return option_int(config, kTimestampTokens, fallback);
}

bool frame_markers(const Config& config) {
  return option_bool(config, kFrameMarkers, true);
}

bool spatial_reset(const Config& config) {
  return option_bool(config, kSpatialReset, false);
}

std::vector<double> parse_triple(std::string_view flag, const std::string& text) {
  std::vector<double> values;
  std::size_t start = 0;
  while (true) {
    const std::size_t colon = text.find(':', start);
    const std::string part = text.substr(start, colon - start);
    char* end = nullptr;
    const double v = std::strtod(part.c_str(), &end);
    require(!part.empty() && end == part.c_str() + part.size() && std::isfinite(v),
            std::string(flag), "'" + text + "'", "must be three numbers A:B:C");
    values.push_back(v);
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  require(values.size() == 3, std::string(flag), "'" + text + "'", "must be three numbers A:B:C");
  return values;
}

void require_convention(const Config& config, std::string_view variant,
                        const std::vector<std::string>& accepted) {
  const std::string c = convention_name(config);
  std::string list;
  for (const auto& a : accepted) list += (list.empty() ? "" : ", ") + a;
  require(std::find(accepted.begin(), accepted.end(), c) != accepted.end(), "--convention",
          "'" + c + "'", "must be one of " + list + " for " + std::string(variant));
}

OptionSpec wave2_convention_option(std::vector<std::string> accepted, std::string doc) {
  return choice_option(kConvention, "--convention", "code", std::move(accepted), "Convention",
                       std::move(doc));
}

OptionSpec text_option(std::string_view key, std::string flag, std::string default_value,
                       std::string label, std::string doc) {
  return declare(key, std::move(flag), OptionKind::Text, std::move(default_value), std::move(label),
                 std::move(doc));
}

OptionSpec number_option(std::string_view key, std::string flag, double default_value, double min,
                         double max, std::string label, std::string doc, bool min_exclusive) {
  OptionSpec spec = declare(key, std::move(flag), OptionKind::Number, default_value,
                            std::move(label), std::move(doc));
  spec.min = min;
  spec.max = max;
  spec.min_exclusive = min_exclusive;
  return spec;
}

OptionSpec choice_option(std::string_view key, std::string flag, std::string default_value,
                         std::vector<std::string> choices, std::string label, std::string doc) {
  OptionSpec spec = declare(key, std::move(flag), OptionKind::Choice, std::move(default_value),
                            std::move(label), std::move(doc));
  spec.choices = std::move(choices);
  return spec;
}

std::vector<OptionSpec> per_frame_options(int timestamp_default) {
  return {timestamp_tokens_option(timestamp_default), frame_markers_option(true)};
}

}  // namespace ropelab::detail
