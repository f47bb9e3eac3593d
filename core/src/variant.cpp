#include "ropelab/variant.h"

#include <numeric>
#include <stdexcept>
#include <string>

#include "ropelab/error.h"
#include "ropelab/options.h"
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

Eigen::VectorXd Variant::frequencies(const Config& config) const {
  return inverse_frequencies(config.rotary_dims(), config.base);
}

std::vector<int> Variant::head_axes(const Config& /*config*/) const {
  return {};
}

void Variant::validate(const Scene& /*scene*/, const Config& /*config*/) const {}

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
  const int pairs = config.rotary_pairs();
  if (config.split.empty() || variant.info().head_wise) return variant.default_split(pairs);
  const std::vector<int>& split = config.split;
  const std::string allowed =
      "must have " + std::to_string(variant.axis_count()) + " values (" + axis_names(variant) +
      ") of at least 0 adding up to the rotary pairs R = " + std::to_string(pairs);
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

Config resolve_rotary(const Variant& variant, const Config& config) {
  Config resolved = config;
  const VariantInfo& info = variant.info();
  if (!resolved.partial_rotary) resolved.partial_rotary = info.default_partial_rotary;
  if (!resolved.pairing) resolved.pairing = info.default_pairing;
  if (info.head_wise) resolved.split.clear();
  return resolved;
}

Encoding encode(const Variant& variant, const Scene& scene, const Config& user_config) {
  const Config config = resolve_rotary(variant, user_config);
  config.validate();
  scene.validate();
  Encoding encoding;
  encoding.variant = &variant;
  encoding.config = config;
  encoding.config.options = resolve_options(variant, config.options);
  // A choice another variant declares (e.g. --convention mmropes) is refused by this one's own
  // declaration, naming the option.
  for (const OptionSpec& spec : variant.options()) {
    const auto it = config.options.values().find(spec.key);
    if (it != config.options.values().end()) validate_option(spec, it->second);
  }
  variant.validate(scene, encoding.config);
  encoding.config.split = resolve_split(variant, config);
  const double delta = resolve_delta(variant, encoding.config);
  if (variant.info().has_delta) encoding.config.delta = delta;
  encoding.head_axis = variant.head_axes(encoding.config);
  if (!encoding.head_axis.empty()) {
    const int heads = static_cast<int>(encoding.head_axis.size());
    require(config.head >= 0 && config.head < heads, "--head", std::to_string(config.head),
            "must be a KV head in [0, " + std::to_string(heads - 1) + "] (" +
                std::to_string(heads) + " KV heads)");
    encoding.head = config.head;
  } else {
    encoding.config.head = 0;
  }
  encoding.positions = variant.positions(scene, encoding.config, delta);
  encoding.pair_axis = variant.allocate(encoding.config.split, encoding.config);
  encoding.rotary_dims = config.rotary_dims();
  encoding.pairing = *config.pairing;
  encoding.inv_freq = variant.frequencies(encoding.config);
  if (encoding.inv_freq.size() != encoding.pairs() || encoding.pairs() != config.rotary_pairs())
    throw std::logic_error(std::string(variant.id()) + ": allocation does not cover every pair");
  for (int j = 0; j < encoding.pairs(); ++j) {
    if (encoding.pair_axis[j] >= 0) continue;
    encoding.inv_freq[j] = 0.0;
    encoding.nope_pairs.push_back(j);
  }
  return encoding;
}

}  // namespace ropelab
