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
  // Rotary conventions (spec/variants-2.md): defaults of --partial-rotary and --pairing, and
  // whether the pair map depends on the KV head (--head).
  double default_partial_rotary = 1.0;
  Pairing default_pairing = Pairing::Half;
  bool head_wise = false;
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
  // Frequency allocation: pair_axis[j] for the R = config.rotary_pairs() rotary pairs, given a
  // validated split; -1 marks a zero-frequency (NoPE) pair. Head-wise variants use config.head.
  virtual std::vector<int> allocate(const std::vector<int>& split, const Config& config) const;
  // inv_freq[j] for the R rotary pairs: base^(-2j/(F*D)) unless the variant scales it.
  virtual Eigen::VectorXd frequencies(const Config& config) const;
  // Head-wise variants: the axis of every KV head (-1 = zero-frequency head); empty otherwise.
  virtual std::vector<int> head_axes(const Config& config) const;
  // Throws InputError naming the option when a variant-specific setting is out of range.
  virtual void validate(const Scene& scene, const Config& config) const;
  // The composer's parts (custom:DESIGN/ALLOCATION); nullptr for the built-in variants.
  virtual const Variant* design_part() const { return nullptr; }
  virtual const Variant* allocation_part() const { return nullptr; }
};

// Everything a view or analysis needs: the variant's ids, allocation and frequencies.
struct Encoding {
  const Variant* variant = nullptr;
  Config config;  // with split, delta and options resolved
  Positions positions;
  std::vector<int> pair_axis;  // one per rotary pair; -1 = zero-frequency (NoPE) pair
  Eigen::VectorXd inv_freq;    // base^(-2j/(F*D)); 0 for NoPE pairs
  int rotary_dims = 0;         // F*D: dims 0 .. F*D - 1 rotate, the rest pass through
  Pairing pairing = Pairing::Half;
  std::vector<int> nope_pairs;  // sorted pairs with pair_axis -1
  std::vector<int> head_axis;   // head-wise variants: axis per KV head (-1 = NoPE); else empty
  int head = 0;                 // the KV head pair_axis describes (head-wise variants)

  // Rotary pairs R (= D/2 without partial rotary).
  int pairs() const { return static_cast<int>(pair_axis.size()); }
  int head_dim() const { return config.head_dim; }
  bool head_wise() const { return !head_axis.empty(); }
  // Feature dims of pair j: (j, j + R) for half pairing, (2j, 2j + 1) for adjacent.
  int first_dim(int pair) const { return pairing == Pairing::Half ? pair : 2 * pair; }
  int second_dim(int pair) const {
    return pairing == Pairing::Half ? pair + pairs() : 2 * pair + 1;
  }
  std::size_t token_count() const { return positions.token_count(); }
  const std::vector<std::string>& axes() const;
  double id(int axis, std::size_t token) const {
    return positions.ids(axis, static_cast<Eigen::Index>(token));
  }
  // Ids of the axis pair j reads (0 for a NoPE pair, which never rotates).
  double pair_position(std::size_t token, int pair) const {
    return pair_axis[pair] < 0 ? 0.0 : id(pair_axis[pair], token);
  }
};

// Validates scene and config against the variant and computes ids, allocation and frequencies.
// The options are resolved first (resolve_options: the user's values over the variant's defaults,
// keys the variant does not declare dropped). Throws InputError naming the offending field.
Encoding encode(const Variant& variant, const Scene& scene, const Config& config);

// The split that will be used: the user's (validated) or the variant's default.
std::vector<int> resolve_split(const Variant& variant, const Config& config);
double resolve_delta(const Variant& variant, const Config& config);
// The config with the variant's rotary defaults filled in (partial rotary, pairing).
Config resolve_rotary(const Variant& variant, const Config& config);

}  // namespace ropelab
