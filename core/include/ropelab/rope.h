#pragma once
// Frequencies, angles, cos/sin tables and rotation in the rotate-half layout (pair j is feature
// dims j and j + D/2).
#include <Eigen/Core>
#include <Eigen/StdVector>
#include <vector>

#include "ropelab/variant.h"

namespace ropelab {

Eigen::VectorXd inverse_frequencies(int head_dim, double base);
Eigen::VectorXd wavelengths(const Eigen::VectorXd& inv_freq);

// phi(i, j) = position_ids[pair_axis[j]][i] * inv_freq[j]; tokens x pairs.
RowMatrix angles(const Encoding& encoding);

// cos/sin of every (token, pair) angle in float32, tokens x pairs row-major, as a model consumes
// them. Buffers are reused across calls. Exploits that each axis has few distinct positions.
struct RopeTables {
  // 64-byte aligned so rows can be written with streaming stores.
  using Buffer = std::vector<float, Eigen::aligned_allocator<float>>;
  std::size_t tokens = 0;
  int pairs = 0;
  Buffer cos;
  Buffer sin;
};
void compute_rope_tables(const Encoding& encoding, RopeTables& tables);

// Rotates every row of x (tokens x D) by its token's angles.
RowMatrix rotate(const Encoding& encoding, const RowMatrix& x);
// Rotates rows [first, first + count) of x, row r by the angles of token r.
RowMatrix rotate_rows(const Encoding& encoding, const RowMatrix& x, std::size_t first,
                      std::size_t count);

}  // namespace ropelab
