#pragma once
// Attention logits, causal softmax and the aggregations the views draw.
#include <Eigen/Core>
#include <cstdint>
#include <string>

#include "ropelab/variant.h"

namespace ropelab {

enum class QkKind { Ones, Gaussian, Arrays };

// Where q and k come from. Ones isolates the positional part; zero-mean Gaussian content has no
// positional bias in expectation, a mean shift brings it back; Arrays are real q/k from a model.
struct QkSource {
  QkKind kind = QkKind::Ones;
  std::uint64_t seed = 0;
  double mean_shift = 0.0;  // Gaussian only: N(mean_shift, 1)
  RowMatrix q;              // Arrays only: tokens x D
  RowMatrix k;

  static QkSource ones() { return {}; }
  static QkSource gaussian(std::uint64_t seed, double mean_shift = 0.0);
  // Parses the CLI form: ones | gaussian:SEED | gaussian:SEED:SHIFT (npy is handled by io).
  static QkSource parse(const std::string& text);
  std::string describe() const;
};

// Un-rotated q and k for every token (tokens x D). Throws InputError if array shapes mismatch.
struct QkPair {
  RowMatrix q;
  RowMatrix k;
};
QkPair make_qk(const QkSource& source, std::size_t tokens, int head_dim);

struct RotatedQk {
  RowMatrix q;
  RowMatrix k;
};
RotatedQk rotated_qk(const Encoding& encoding, const QkSource& source);

// Logits of one query over every key: q'(query) . k'(key) / sqrt(D).
Eigen::VectorXd attention_row(const Encoding& encoding, const RotatedQk& qk, std::size_t query);
// The same straight from un-rotated q/k: the query is rotated once and every key's rotation is
// fused into its dot product (keys read once, no rotated copy). Equal to the above to rounding
// (tested to 1e-12 relative). The second form writes into a reused vector.
Eigen::VectorXd attention_row(const Encoding& encoding, const QkPair& raw, std::size_t query);
void attention_row(const Encoding& encoding, const QkPair& raw, std::size_t query,
                   Eigen::VectorXd& logits);
// Full logits of the first n tokens as one GEMM; the second form writes into a reused matrix.
RowMatrix attention_matrix(const Encoding& encoding, const RotatedQk& qk, std::size_t n);
void attention_matrix(const Encoding& encoding, const RotatedQk& qk, std::size_t n,
                      RowMatrix& logits);
// out = a * b^T, a plain Eigen GEMM into a reused buffer, compiled (threads, instruction set) like
// attention_matrix: `bench` prints it beside attention_matrix as the speed to compare with.
void gemm_reference(const RowMatrix& a, const RowMatrix& b, RowMatrix& out);
// The sum of every entry of m, read once with the row kernels' threads: the memory-bound floor of
// attention_row, which must read every key once (`bench` prints it as keys_read_reference).
double read_reference(const RowMatrix& m);

// Softmax over keys 0..query (causal) or over every key; masked keys get probability 0.
Eigen::VectorXd softmax_row(const Eigen::VectorXd& logits, std::size_t query, bool causal = true);
// Row-wise causal softmax of a square logits matrix.
RowMatrix causal_softmax(const RowMatrix& logits);

// Positional logits with all-ones q/k, split per axis: row a holds the sum over the pairs of
// axis a of (2/sqrt(D)) cos(dphi). Their column sums equal the ones logits.
RowMatrix logits_by_axis(const Encoding& encoding, std::size_t query);
// The ones logits of one query (the column sums of logits_by_axis), with each axis's cosine sum
// computed once per distinct id: tokens share ids on an axis (a frame's temporal id, a row's h id),
// so a 128k-token video needs thousands of cosine sums instead of 128k x P.
Eigen::VectorXd ones_logits(const Encoding& encoding, std::size_t query);

// Sums (per_frame_sum) or means of a per-token vector over the frames of a visual segment.
Eigen::VectorXd per_frame(const Encoding& encoding, const Eigen::VectorXd& values, int segment,
                          bool mean);
// The H x W map of a per-token vector averaged over the frames of a visual segment.
RowMatrix per_patch(const Encoding& encoding, const Eigen::VectorXd& values, int segment);
// Frame x frame mean of a logits matrix restricted to a visual segment.
RowMatrix frame_by_frame(const Encoding& encoding, const RowMatrix& logits, int segment);

}  // namespace ropelab
