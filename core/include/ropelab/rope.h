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

// out[i] = scale * (q' . k'_i) for every token i, where q' is q (D values, un-rotated) rotated by
// token `query`'s angles and k'_i is row i of k (tokens x D, un-rotated) rotated by token i's.
// The rotation is fused into the dot product: k is read once and no rotated copy is made. out is
// resized (its buffer reused when it fits).
void rotated_dot(const Encoding& encoding, const RowMatrix& k, const double* q, std::size_t query,
                 double scale, Eigen::VectorXd& out);

// Whether this CPU runs the AVX2 + FMA versions of the hot kernels (chosen at run time; the
// baseline build is portable x86-64).
bool avx2_fma_available();

// Rotates every row of x (tokens x D) by its token's angles.
RowMatrix rotate(const Encoding& encoding, const RowMatrix& x);
// Rotates rows [first, first + count) of x, row r by the angles of token r.
RowMatrix rotate_rows(const Encoding& encoding, const RowMatrix& x, std::size_t first,
                      std::size_t count);

}  // namespace ropelab
