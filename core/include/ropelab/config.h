#pragma once
// The RoPE configuration shared by every variant plus each variant's own switches (declared by the
// variant, see options.h).
#include <optional>
#include <vector>

#include "ropelab/options.h"

namespace ropelab {

// Where a paper and its reference code disagree, the code is the default (option "convention").
enum class Convention { Code, Paper };

struct Config {
  int head_dim = 128;
  double base = 10000.0;
  std::vector<int> split;       // pairs per axis in the variant's axis order; empty = default
  std::optional<double> delta;  // temporal spacing; empty = the variant's default
  VariantOptions options;       // the values the user set; encode() resolves the variant's defaults

  int pairs() const { return head_dim / 2; }
  // Checks head dim, base, delta and every option value against its declaration (not the split,
  // which depends on the variant).
  void validate() const;
};

inline constexpr int kMinHeadDim = 2;
inline constexpr int kMaxHeadDim = 1024;
inline constexpr double kMaxBase = 1e12;
inline constexpr double kMaxDelta = 1e6;

}  // namespace ropelab
