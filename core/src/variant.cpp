#include "ropelab/variant.h"

#include <numeric>
#include <string>

#include "ropelab/error.h"
#include "ropelab/rope.h"
#include "variants/common_options.h"

namespace ropelab {

std::vector<int> Variant::default_split(int pairs) const {
  // Spread the pairs as evenly as possible, earlier axes first.
  const int axes = axis_count();
  std::vector<int> split(axes, pairs / axes);
  for (int a = 0; a < pairs % axes; ++a) ++split[a];
  return split;
}

std::vector<int> Variant::allocate(const std::vector<int>& split, const Config& /*config*/) const {
  // Chunked: the first split[0] pairs read axis 0, the next split[1] axis 1, ...
  std::vector<int> pair_axis;
  for (std::size_t a = 0; a < split.size(); ++a)
    pair_axis.insert(pair_axis.end(), split[a], static_cast<int>(a));
  return pair_axis;
}

const std::vector<std::string>& Encoding::axes() const {
  return variant->info().axes;
}

namespace {

std::string join_split(const std::vector<int>& split) {
  std::string text;
  for (std::size_t i = 0; i < split.size(); ++i) text += (i ? ":" : "") + std::to_string(split[i]);
  return text;
}

std::string axis_names(const Variant& variant) {
  std::string names;
  for (const auto& axis : variant.info().axes) names += (names.empty() ? "" : ":") + axis;
  return names;
}

}  // namespace

std::vector<int> resolve_split(const Variant& variant, const Config& config) {
  const int pairs = config.pairs();
  if (config.split.empty()) return variant.default_split(pairs);
  const std::vector<int>& split = config.split;
  const std::string allowed = "must have " + std::to_string(variant.axis_count()) + " values (" +
                              axis_names(variant) +
                              ") of at least 0 adding up to D/2 = " + std::to_string(pairs);
  require(static_cast<int>(split.size()) == variant.axis_count(), "split", join_split(split),
          allowed + " for " + std::string(variant.id()));
  long sum = 0;
  for (int count : split) {
    require(count >= 0, "split", join_split(split), allowed);
    sum += count;
  }
  require(sum == pairs, "split", join_split(split),
          allowed + " (they add up to " + std::to_string(sum) + ")");
  return split;
}

double resolve_delta(const Variant& variant, const Config& config) {
  const VariantInfo& info = variant.info();
  if (!info.has_delta) return 1.0;
  const VariantOptions options = resolve_options(variant, config.options);
  if (options.has(detail::kAdjustableSpacing) && !options.get<bool>(detail::kAdjustableSpacing))
    return 1.0;
  return config.delta.value_or(info.default_delta);
}

Encoding encode(const Variant& variant, const Scene& scene, const Config& config) {
  config.validate();
  scene.validate();
  Encoding encoding;
  encoding.variant = &variant;
  encoding.config = config;
  encoding.config.options = resolve_options(variant, config.options);
  encoding.config.split = resolve_split(variant, config);
  const double delta = resolve_delta(variant, encoding.config);
  if (variant.info().has_delta) encoding.config.delta = delta;
  encoding.positions = variant.positions(scene, encoding.config, delta);
  encoding.pair_axis = variant.allocate(encoding.config.split, encoding.config);
  encoding.inv_freq = inverse_frequencies(config.head_dim, config.base);
  return encoding;
}

}  // namespace ropelab
