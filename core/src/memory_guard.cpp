#include "ropelab/memory_guard.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string_view>

#include "ropelab/error.h"
#include "ropelab/options.h"
#include "ropelab/variant.h"
#include "variants/common_options.h"

namespace ropelab {

namespace {

constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();

std::uint64_t add(std::uint64_t a, std::uint64_t b) {
  return a > kMax - b ? kMax : a + b;
}

std::uint64_t mul(std::uint64_t a, std::uint64_t b) {
  return a != 0 && b > kMax / a ? kMax : a * b;
}

std::uint64_t mul(std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  return mul(mul(a, b), c);
}

std::uint64_t per_number(io::Format format) {
  switch (format) {
    case io::Format::Json:
      return kJsonBytesPerNumber;
    case io::Format::Csv:
      return kCsvBytesPerNumber;
    case io::Format::Npy:
      return kNpyBytesPerNumber;
  }
  return kJsonBytesPerNumber;
}

std::uint64_t positive(int value) {
  return value > 0 ? static_cast<std::uint64_t>(value) : 0;
}

}  // namespace

std::uint64_t planned_tokens(const Scene& scene, const Config& config) {
  std::uint64_t tokens = 0;
  // Only the options the config holds count: callers pass the variant's resolved options
  // (resolve_options), so qwen3-mrope's default of 6 timestamp tokens is planned and a variant
  // without timestamps plans none.
  const std::uint64_t inserted = config.options.has(detail::kTimestampTokens)
                                     ? positive(config.options.get<int>(detail::kTimestampTokens))
                                     : 0;
  const bool markers =
      !config.options.has(detail::kFrameMarkers) || config.options.get<bool>(detail::kFrameMarkers);
  for (const Segment& s : scene.segments) {
    if (s.is_visual()) {
      tokens = add(tokens, mul(positive(s.frames), positive(s.height), positive(s.width)));
      // Qwen3-VL may write timestamp text and two markers before every frame.
      if (inserted > 0)
        tokens = add(tokens, mul(positive(s.frames), add(inserted, markers ? 2 : 0)));
    } else {
      tokens = add(tokens, positive(s.count));
    }
  }
  return tokens;
}

std::uint64_t planned_tokens(const Variant& variant, const Scene& scene, const Config& config) {
  Config resolved = config;
  resolved.options = resolve_options(variant, config.options);
  return planned_tokens(scene, resolved);
}

MemoryEstimate estimate_memory(Workload workload, const Scene& scene, const Config& config,
                               int axes, io::Format format, std::uint64_t extra) {
  const std::uint64_t n = planned_tokens(scene, config);
  const std::uint64_t a = positive(axes);
  const std::uint64_t d = positive(config.head_dim);
  const std::uint64_t p = d / 2;
  const std::uint64_t out = per_number(format);
  // The encoding: ids (axes x tokens doubles) and the token layout (1 + 4 ints per token).
  std::uint64_t bytes = mul(n, add(mul(a, 8), 17));
  // q and k for every token (tokens x D doubles each), raw and rotated, plus rotation grids.
  const std::uint64_t qk = add(mul(4, n, mul(d, 8)), mul(n, a, 4));
  const std::string size = std::to_string(n) + " tokens";
  MemoryEstimate e;
  switch (workload) {
    case Workload::Positions:
      e.what = "positions of " + size;
      bytes = add(bytes, mul(n, add(a, 4), out));
      break;
    case Workload::Angles:
      e.what = "angles of " + size + " x " + std::to_string(p) + " pairs";
      bytes = add(bytes, mul(n, p, add(8, out)));
      break;
    case Workload::AttentionRow:
      e.what = "attention of " + size + " at head dim " + std::to_string(d);
      // User arrays: the file bytes, the parsed doubles and the matrices, for q and k.
      bytes = add(add(bytes, qk), mul(extra, 3));
      bytes = add(bytes, mul(n, 2, out));
      break;
    case Workload::AttentionMatrix:
      e.what = "the attention matrix of " + size;
      bytes = add(add(bytes, qk), mul(n, n, 8));
      break;
    case Workload::Collisions:
      e.what = "the collision curve over " + std::to_string(extra) + " distances";
      bytes = add(bytes, mul(add(extra, 1), add(16, mul(2, out))));
      break;
    case Workload::Jump:
      e.what = "the jump analysis of " + size;
      break;
    case Workload::Bias:
      e.what = "the bias map of " + size;
      bytes = add(bytes, qk);
      break;
    case Workload::Bench: {
      e.what = "the benchmark of " + size;
      const std::uint64_t m = std::min<std::uint64_t>(n, 8192);
      // cos/sin tables in float32; raw q and k plus one rotated copy (bench rotates k for every
      // token but q for one row); the rotated first m rows of q and k and their m x m logits.
      bytes = add(bytes, add(mul(n, p, 8), add(mul(3, n, mul(d, 8)), mul(n, a, 4))));
      bytes = add(bytes, add(mul(m, m, 8), mul(2, m, mul(d, 8))));
      break;
    }
  }
  e.bytes = bytes;
  return e;
}

std::uint64_t memory_cap() {
  const char* text = std::getenv(kMemoryCapVariable);
  if (text == nullptr || *text == '\0') return kDefaultMemoryCap;
  const std::string_view view(text);
  std::uint64_t mib = 0;
  const auto [ptr, ec] = std::from_chars(view.data(), view.data() + view.size(), mib);
  require(ec == std::errc() && ptr == view.data() + view.size() && mib >= 1 && mib <= 1048576,
          kMemoryCapVariable, "'" + std::string(view) + "'",
          "must be a whole number of MiB in [1, 1048576]");
  return mib << 20;
}

std::string format_bytes(std::uint64_t bytes) {
  if (bytes == kMax) return "more than 16 EiB";
  const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024 && unit < 6) {
    value /= 1024;
    ++unit;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
  return buffer;
}

void check_memory(const MemoryEstimate& estimate, std::uint64_t cap) {
  if (estimate.bytes <= cap) return;
  throw InputError(estimate.what + " needs about " + format_bytes(estimate.bytes) +
                   ", more than the memory cap of " + format_bytes(cap) +
                   " (use a smaller scene, head dim or range, or raise " + kMemoryCapVariable +
                   ")");
}

}  // namespace ropelab
