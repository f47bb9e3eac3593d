#pragma once
// The interleaved allocation of Qwen3-VL (apply_interleaved_mrope) shared by qwen3-mrope and
// mrope-i: pair j reads h if j mod 3 = 1 and j < 3 * split[h], w if j mod 3 = 2 and
// j < 3 * split[w], t otherwise (THW THW ... TTTT).
#include <cmath>
#include <vector>

namespace ropelab::detail {

inline std::vector<int> interleaved_allocation(const std::vector<int>& split, int pairs) {
  std::vector<int> pair_axis(pairs, 0);
  for (int j = 0; j < pairs; ++j) {
    if (j % 3 == 1 && j < 3 * split[1]) pair_axis[j] = 1;
    if (j % 3 == 2 && j < 3 * split[2]) pair_axis[j] = 2;
  }
  return pair_axis;
}

// [24, 20, 20] for D = 128, scaled.
inline std::vector<int> interleaved_default_split(int pairs) {
  const int spatial = static_cast<int>(std::lround(pairs * 20.0 / 64.0));
  return {pairs - 2 * spatial, spatial, spatial};
}

}  // namespace ropelab::detail
