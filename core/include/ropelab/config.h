#pragma once
// The RoPE configuration shared by every variant plus each variant's own switches.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ropelab {

// Where a paper and its reference code disagree, the code is the default.
enum class Convention { Code, Paper };

// Which feature dims a rotary pair occupies: half = (j, j + R) (rotate-half, Llama/Qwen),
// adjacent = (2j, 2j + 1) (GLM-4.1V rotate_half_llm, ERNIE rotate_half_text).
enum class Pairing { Half, Adjacent };

struct VariantOptions {
  Convention convention = Convention::Code;
  // videorope ablations (VideoRoPE Tables 5 and 7).
  bool diagonal_layout = true;         // DL
  bool low_frequency_temporal = true;  // LTA
  bool adjustable_spacing = true;      // ATS (off: delta = 1)
  bool interleaved_xy = true;          // off: sequential h then w pairs
  // vrope ablations (VRoPE Table 5).
  bool symmetric = true;
  bool continuity = true;
  // qwen25-mrope: temporal ids in units of 1 / tokens_per_second seconds.
  double tokens_per_second = 2.0;
  bool early_integer_cast = false;  // older transformers: int(second_per_grid) before multiplying
  // qwen3-mrope: timestamp text tokens written before every frame (0 = none).
  int timestamp_tokens = 0;
  bool frame_markers = true;  // <|vision_start|> / <|vision_end|> around every timestamped frame
  // mrope-i: h and w restart at 0 inside each visual segment.
  bool spatial_reset = false;
  // rope-tie: the blog's non-integer steps.
  bool fractional_steps = false;
  // Wave-2 variants' options by key (typed text), read through core/src/variants/wave2.h.
  std::map<std::string, std::string, std::less<>> extra;

  bool operator==(const VariantOptions&) const = default;
};

struct Config {
  int head_dim = 128;
  double base = 10000.0;
  std::vector<int> split;       // pairs per axis in the variant's axis order; empty = default
  std::optional<double> delta;  // temporal spacing; empty = the variant's default
  VariantOptions options;
  // Rotary conventions (spec/variants-2.md); empty = the variant's default.
  std::optional<double> partial_rotary;  // F: dims 0 .. F*D - 1 rotate, the rest pass through
  std::optional<Pairing> pairing;
  int head = 0;  // KV head whose pair map head-wise variants (mhrope) use

  int pairs() const { return head_dim / 2; }
  // F*D (D when partial_rotary is unset) and its pair count R.
  int rotary_dims() const;
  int rotary_pairs() const { return rotary_dims() / 2; }
  // Checks head dim, base and delta (not the split, which depends on the variant).
  void validate() const;
};

inline constexpr int kMinHeadDim = 2;
inline constexpr int kMaxHeadDim = 1024;
inline constexpr double kMaxBase = 1e12;
inline constexpr double kMaxDelta = 1e6;

}  // namespace ropelab
