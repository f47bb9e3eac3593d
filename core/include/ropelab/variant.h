#pragma once
// One variant = a position design (ids per axis for every token) + a frequency allocation (the
// axis every rotary frequency pair reads). Each variant lives in its own file under
// core/src/variants/ and is listed once in registry.cpp.
#include <Eigen/Core>
#include <string>
#include <string_view>
#include <vector>

#include "ropelab/config.h"
#include "ropelab/options.h"
#include "ropelab/scene.h"

namespace ropelab {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct VariantInfo {
  std::string id;
  std::vector<std::string> axes;
  std::string summary;
  std::string paper;
  int temporal_axis = 0;   // the axis that carries time (analyses' default axis)
  bool has_delta = false;  // temporal spacing is a parameter of the variant
  double default_delta = 1.0;
};

// Position ids of every token on every axis: one row per axis, one column per token.
struct Positions {
  TokenLayout tokens;
  RowMatrix ids;

  std::size_t token_count() const { return tokens.size(); }
};

// The two halves of a variant in words, in the reference code's convention (rotate-half layout,
// pair j = dims j and j + D/2, pair 0 fastest), for the formula panel.
struct Formula {
  std::string position_design;
  std::string frequency_allocation;
};

class Variant {
 public:
  virtual ~Variant() = default;
  Variant() = default;
  Variant(const Variant&) = delete;
  Variant& operator=(const Variant&) = delete;

  virtual const VariantInfo& info() const = 0;
  virtual Formula formula() const = 0;
  std::string_view id() const { return info().id; }
  int axis_count() const { return static_cast<int>(info().axes.size()); }

  // The switches this variant offers, each with this variant's default (see options.h). Declare
  // them in the variant's file; shared ones come from variants/common_options.h.
  virtual std::vector<OptionSpec> options() const { return {}; }
  // Pairs per axis when the user gives no split.
  virtual std::vector<int> default_split(int pairs) const;
  // Position design. `delta` is already resolved (variant default or user value).
  virtual Positions positions(const Scene& scene, const Config& config, double delta) const = 0;
  // Frequency allocation: pair_axis[j] for j = 0..pairs-1, given a validated split.
  virtual std::vector<int> allocate(const std::vector<int>& split, const Config& config) const;
};

// Everything a view or analysis needs: the variant's ids, allocation and frequencies.
struct Encoding {
  const Variant* variant = nullptr;
  Config config;  // with split, delta and options resolved
  Positions positions;
  std::vector<int> pair_axis;  // size pairs
  Eigen::VectorXd inv_freq;    // base^(-2j/D)

  int pairs() const { return static_cast<int>(pair_axis.size()); }
  int head_dim() const { return config.head_dim; }
  std::size_t token_count() const { return positions.token_count(); }
  const std::vector<std::string>& axes() const;
  double id(int axis, std::size_t token) const {
    return positions.ids(axis, static_cast<Eigen::Index>(token));
  }
  // Ids of the axis pair j reads.
  double pair_position(std::size_t token, int pair) const { return id(pair_axis[pair], token); }
};

// Validates scene and config against the variant and computes ids, allocation and frequencies.
// The options are resolved first (resolve_options: the user's values over the variant's defaults,
// keys the variant does not declare dropped). Throws InputError naming the offending field.
Encoding encode(const Variant& variant, const Scene& scene, const Config& config);

// The split that will be used: the user's (validated) or the variant's default.
std::vector<int> resolve_split(const Variant& variant, const Config& config);
double resolve_delta(const Variant& variant, const Config& config);

}  // namespace ropelab
