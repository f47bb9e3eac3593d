#pragma once
// Size guard: estimates the memory a command needs before anything large is allocated, and
// refuses work beyond a documented cap with an InputError (exit 2 in the CLI) instead of letting
// the process exhaust the machine's memory or die in the allocator.
//
// Documented caps:
//   - kDefaultMemoryCap (4 GiB): the most one computation, including its serialised output, may
//     plan to allocate. The environment variable ROPELAB_MAX_MEMORY_MB overrides it (a whole
//     number of MiB in [1, 1048576]; e.g. 16384 on a large machine, 64 in tests).
//   - The scene caps of scene.h (kMaxTokens, kMaxSide) and the config caps of config.h still
//     apply first; the guard only sees valid scenes.
// Estimates are upper-bound-ish sums of the big buffers (8 bytes per double, the JSON tree and
// text per output number, ...), not exact accounting; they use saturating arithmetic so absurd
// sizes cannot overflow.
#include <cstdint>
#include <string>

#include "ropelab/config.h"
#include "ropelab/io/writers.h"
#include "ropelab/scene.h"

namespace ropelab {

inline constexpr std::uint64_t kDefaultMemoryCap = std::uint64_t{4} << 30;
inline constexpr const char* kMemoryCapVariable = "ROPELAB_MAX_MEMORY_MB";
// Bytes one output number costs while being serialised: the in-memory JSON tree plus its text,
// the CSV stream plus its copy, or the NPY buffer plus its copy.
inline constexpr std::uint64_t kJsonBytesPerNumber = 64;
inline constexpr std::uint64_t kCsvBytesPerNumber = 48;
inline constexpr std::uint64_t kNpyBytesPerNumber = 16;

enum class Workload {
  Positions,        // ids of every token on every axis (+ output)
  Angles,           // tokens x pairs angle matrix (+ output)
  AttentionRow,     // q/k for every token, rotated, one logits row (+ output)
  AttentionMatrix,  // the full logits matrix of every token
  Collisions,       // the similarity curve over `range` distances
  Jump,             // ids only
  Bias,             // as AttentionRow, small output
  Bench,            // rope tables, q/k, rotation and the min(N, 8192)^2 logits matrix
};

struct MemoryEstimate {
  std::string what;         // e.g. "angles of 4194304 tokens x 64 pairs"
  std::uint64_t bytes = 0;  // saturates at UINT64_MAX
};

// Tokens the scene expands to, including tokens a variant inserts (Qwen3-VL timestamps). `config`
// holds resolved options (resolve_options): only a timestamp_tokens value it holds is planned.
std::uint64_t planned_tokens(const Scene& scene, const Config& config);
// The same with the variant's resolved options (qwen3-mrope: 6 timestamp tokens by default).
class Variant;
std::uint64_t planned_tokens(const Variant& variant, const Scene& scene, const Config& config);

// `axes` is the variant's axis count; `extra` is the collisions range (Collisions) or the byte
// size of user q/k arrays (AttentionRow with npy input), 0 otherwise.
MemoryEstimate estimate_memory(Workload workload, const Scene& scene, const Config& config,
                               int axes, io::Format format, std::uint64_t extra = 0);

// The cap in bytes: ROPELAB_MAX_MEMORY_MB when set (InputError if malformed), else the default.
std::uint64_t memory_cap();

// Throws InputError("<what> needs about X MiB, more than the memory cap of Y MiB ...") when the
// estimate exceeds the cap.
void check_memory(const MemoryEstimate& estimate, std::uint64_t cap = memory_cap());

// "1.5 GiB", "640 MiB", "12 KiB".
std::string format_bytes(std::uint64_t bytes);

}  // namespace ropelab
