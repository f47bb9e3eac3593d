#include "wave2.h"

#include <charconv>
#include <cstdlib>

namespace ropelab::detail {

namespace {

const std::string* find_text(const Config& config, std::string_view key) {
  const auto it = config.options.extra.find(key);
  return it == config.options.extra.end() ? nullptr : &it->second;
}

}  // namespace

std::string option_text(const Config& config, std::string_view key, std::string_view fallback) {
  const std::string* text = find_text(config, key);
  return text ? *text : std::string(fallback);
}

double option_number(const Config& config, std::string_view key, double fallback) {
  const std::string* text = find_text(config, key);
  if (!text) return fallback;
  char* end = nullptr;
  const double value = std::strtod(text->c_str(), &end);
  require(!text->empty() && end == text->c_str() + text->size(), "--" + std::string(key),
          "'" + *text + "'", "must be a number");
  return value;
}

int option_int(const Config& config, std::string_view key, int fallback) {
  const std::string* text = find_text(config, key);
  if (!text) return fallback;
  int value = 0;
  const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  require(ec == std::errc() && ptr == text->data() + text->size(), "--" + std::string(key),
          "'" + *text + "'", "must be a whole number");
  return value;
}

bool option_bool(const Config& config, std::string_view key, bool fallback) {
  const std::string* text = find_text(config, key);
  if (!text) return fallback;
  return *text == "true" || *text == "1" || *text == "on";
}

std::string convention(const Config& config) {
  if (const std::string* text = find_text(config, "convention")) return *text;
  return config.options.convention == Convention::Paper ? "paper" : "code";
}

int timestamp_tokens(const Config& config, int fallback) {
  if (find_text(config, "timestamp_tokens")) return option_int(config, "timestamp_tokens", 0);
  return config.options.timestamp_tokens != 0 ? config.options.timestamp_tokens : fallback;
}

bool frame_markers(const Config& config) {
  return config.options.frame_markers;
}

bool spatial_reset(const Config& config) {
  return config.options.spatial_reset;
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
  const std::string c = convention(config);
  std::string list;
  for (const auto& a : accepted) list += (list.empty() ? "" : ", ") + a;
  require(std::find(accepted.begin(), accepted.end(), c) != accepted.end(), "--convention",
          "'" + c + "'", "must be one of " + list + " for " + std::string(variant));
}

}  // namespace ropelab::detail
