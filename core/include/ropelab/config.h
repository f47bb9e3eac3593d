#pragma once
// The RoPE configuration shared by every variant plus each variant's own switches (declared by the
// variant, see options.h).
#include <optional>
#include <string>
#include <vector>

#include "ropelab/options.h"

namespace ropelab {

// Where a paper and its reference code disagree, the code is the default (option "convention").
enum class Convention { Code, Paper };

// Which feature dims a rotary pair occupies: half = (j, j + R) (rotate-half, Llama/Qwen),
// adjacent = (2j, 2j + 1) (GLM-4.1V rotate_half_llm, ERNIE rotate_half_text).
enum class Pairing { Half, Adjacent };

struct Config {
  int head_dim = 128;
  double base = 10000.0;
  std::vector<int> split;       // pairs per axis in the variant's axis order; empty = default
  std::optional<double> delta;  // temporal spacing; empty = the variant's default
  VariantOptions options;       // the values the user set; encode() resolves the variant's defaults
  // Rotary conventions (spec/variants-2.md); empty = the variant's default.
  std::optional<double> partial_rotary;  // F: dims 0 .. F*D - 1 rotate, the rest pass through
  std::optional<Pairing> pairing;
  int head = 0;  // KV head whose pair map head-wise variants (mhrope) use

  int pairs() const { return head_dim / 2; }
  // F*D (D when partial_rotary is unset) and its pair count R.
  int rotary_dims() const;
  int rotary_pairs() const { return rotary_dims() / 2; }
  // Checks head dim, base, delta, partial rotary and every option value against its declaration
  // (not the split, which depends on the variant).
  void validate() const;
};

inline constexpr int kMinHeadDim = 2;
inline constexpr int kMaxHeadDim = 1024;
inline constexpr double kMaxBase = 1e12;
inline constexpr double kMaxDelta = 1e6;

}  // namespace ropelab
