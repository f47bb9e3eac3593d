// Attention logits, softmax and aggregations.
#include <gtest/gtest.h>

#include <cmath>

#include "helpers.h"
#include "ropelab/attention.h"
#include "ropelab/error.h"
#include "ropelab/rope.h"

namespace ropelab::test {
namespace {

// With all-ones q/k the logit is (2/sqrt(D)) sum_j cos(dphi_j) (analyses.md §2).
TEST(Attention, OnesLogitsHaveTheClosedForm) {
  const Encoding e = encode_id("videorope", Scene::default_scene());
  const std::size_t query = e.token_count() - 1;
  const Eigen::VectorXd logits = attention_row(e, rotated_qk(e, QkSource::ones()), query);
  for (std::size_t k = 0; k < e.token_count(); k += 7) {
    double expected = 0;
    for (int j = 0; j < 64; ++j)
      expected += std::cos((e.pair_position(query, j) - e.pair_position(k, j)) * e.inv_freq[j]);
    expected *= 2.0 / std::sqrt(128.0);
    EXPECT_NEAR(logits[static_cast<Eigen::Index>(k)], expected, 1e-11) << k;
  }
  EXPECT_NEAR(logits[static_cast<Eigen::Index>(query)], 2.0 * 64 / std::sqrt(128.0), 1e-11);
}

TEST(Attention, AxisDecompositionSumsToTheLogits) {
  const Encoding e = encode_id("mrope", Scene::default_scene());
  const Eigen::VectorXd logits = attention_row(e, rotated_qk(e, QkSource::ones()), 100);
  const RowMatrix parts = logits_by_axis(e, 100);
  ASSERT_EQ(parts.rows(), 3);
  EXPECT_LT((parts.colwise().sum().transpose() - logits).cwiseAbs().maxCoeff(), 1e-11);
}

TEST(Attention, MatrixIsTheGemmOfRotatedQk) {
  const Encoding e = encode_id("vrope", Scene::default_scene());
  const RotatedQk qk = rotated_qk(e, QkSource::gaussian(5));
  const RowMatrix m = attention_matrix(e, qk, 50);
  for (std::size_t row : {0, 17, 49}) {
    EXPECT_LT(
        (m.row(static_cast<Eigen::Index>(row)).transpose() - attention_row(e, qk, row).head(50))
            .cwiseAbs()
            .maxCoeff(),
        1e-12);
  }
}

TEST(Attention, CausalSoftmaxMasksTheFuture) {
  const Encoding e = encode_id("vanilla", Scene::default_scene());
  const Eigen::VectorXd logits = attention_row(e, rotated_qk(e, QkSource::gaussian(1)), 20);
  const Eigen::VectorXd p = softmax_row(logits, 20);
  EXPECT_NEAR(p.sum(), 1.0, 1e-12);
  EXPECT_EQ(p.tail(p.size() - 21).cwiseAbs().maxCoeff(), 0.0);
  const Eigen::VectorXd both = softmax_row(logits, 20, false);
  EXPECT_GT(both.tail(10).minCoeff(), 0.0);
  const RowMatrix full =
      causal_softmax(attention_matrix(e, rotated_qk(e, QkSource::gaussian(1)), 30));
  EXPECT_LT((full.rowwise().sum().array() - 1.0).abs().maxCoeff(), 1e-12);
}

TEST(Attention, GaussianIsSeededAndMeanShiftable) {
  const QkPair a = make_qk(QkSource::gaussian(42), 100, 16);
  const QkPair b = make_qk(QkSource::gaussian(42), 100, 16);
  const QkPair c = make_qk(QkSource::gaussian(43), 100, 16);
  EXPECT_EQ(a.q, b.q);
  EXPECT_NE(a.q, c.q);
  EXPECT_NEAR(a.q.mean(), 0.0, 0.1);
  EXPECT_NEAR(a.q.array().square().mean(), 1.0, 0.1);
  EXPECT_NEAR(make_qk(QkSource::gaussian(42, 1.5), 100, 16).k.mean(), 1.5, 0.1);
}

TEST(Attention, AggregationsPerFramePatchAndFramePairs) {
  const Encoding e = encode_id("mrope", Scene::default_scene());
  Eigen::VectorXd values = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(e.token_count()));
  for (std::size_t i = 0; i < e.token_count(); ++i) {
    if (e.positions.tokens.frame[i] >= 0)
      values[static_cast<Eigen::Index>(i)] = e.positions.tokens.frame[i] * 100 +
                                             e.positions.tokens.row[i] * 4 +
                                             e.positions.tokens.col[i];
  }
  const Eigen::VectorXd frames = per_frame(e, values, 1, true);
  ASSERT_EQ(frames.size(), 8);
  EXPECT_DOUBLE_EQ(frames[3], 300 + 7.5);
  const RowMatrix patch = per_patch(e, values, 1);
  EXPECT_DOUBLE_EQ(patch(2, 1), 350 + 9);
  const RowMatrix frame_pairs =
      frame_by_frame(e, attention_matrix(e, rotated_qk(e, QkSource::ones()), e.token_count()), 1);
  ASSERT_EQ(frame_pairs.rows(), 8);
  EXPECT_NEAR(frame_pairs(2, 5), frame_pairs(5, 2), 1e-12);  // symmetric for ones q/k
}

// The fused row (rotation inside the dot product, keys read once) equals the rotate-then-GEMV
// row to 1e-12 of the row's largest logit: on the id grid (integer and half-integer delta), off
// it (delta 0.7071 leaves the grid: direct angles), for 1-D, 3-D and timestamped layouts, with
// ones, Gaussian and mean-shifted q/k, for every query position tried.
TEST(Attention, FusedRowEqualsTheUnfusedRow) {
  struct Case {
    const char* id;
    double delta;
  };
  for (const Case c :
       {Case{"videorope", 2.0}, Case{"videorope", 1.5}, Case{"videorope", 0.7071},
        Case{"mrope", 0.0}, Case{"vanilla", 0.0}, Case{"qwen3-mrope", 0.0}, Case{"vrope", 0.0}}) {
    Config config;
    if (c.delta > 0) config.delta = c.delta;
    const Encoding e = encode_id(c.id, Scene::text_video_text(5, 6, 4, 6, 3), config);
    for (const QkSource& source :
         {QkSource::ones(), QkSource::gaussian(3), QkSource::gaussian(4, 1.0)}) {
      const QkPair raw = make_qk(source, e.token_count(), e.head_dim());
      const RotatedQk rotated{rotate(e, raw.q), rotate(e, raw.k)};
      Eigen::VectorXd fused;
      for (std::size_t query : {std::size_t{0}, std::size_t{40}, e.token_count() - 1}) {
        const Eigen::VectorXd unfused = attention_row(e, rotated, query);
        attention_row(e, raw, query, fused);  // reused buffer
        ASSERT_EQ(fused.size(), unfused.size());
        const double largest = unfused.cwiseAbs().maxCoeff();
        EXPECT_LE((fused - unfused).cwiseAbs().maxCoeff(), 1e-12 * largest)
            << c.id << " delta " << c.delta << " " << source.describe() << " query " << query;
      }
    }
  }
  // A query's logit over itself with ones q/k is the closed form (2/sqrt(D)) * P.
  const Encoding e = encode_id("videorope", Scene::default_scene());
  const Eigen::VectorXd ones =
      attention_row(e, make_qk(QkSource::ones(), e.token_count(), 128), std::size_t{17});
  EXPECT_NEAR(ones[17], 128.0 / std::sqrt(128.0), 1e-12);
  EXPECT_THROW(attention_row(e, make_qk(QkSource::ones(), 10, 128), std::size_t{0}), InputError);
}

TEST(Attention, MatrixIntoAReusedBufferEqualsTheFreshOne) {
  const Encoding e = encode_id("mrope", Scene::default_scene());
  const RotatedQk qk = rotated_qk(e, QkSource::gaussian(9));
  RowMatrix reused = RowMatrix::Constant(7, 3, 42.0);
  attention_matrix(e, qk, 60, reused);
  ASSERT_EQ(reused.rows(), 60);
  ASSERT_EQ(reused.cols(), 60);
  const RowMatrix direct = (qk.q.topRows(60) * qk.k.topRows(60).transpose()) / std::sqrt(128.0);
  EXPECT_LT((reused - direct).cwiseAbs().maxCoeff(), 1e-12);
  attention_matrix(e, qk, 30, reused);  // a smaller n reuses the buffer
  EXPECT_LT((reused - direct.topLeftCorner(30, 30)).cwiseAbs().maxCoeff(), 1e-12);
}

TEST(Attention, ReferenceKernelsOfTheBench) {
  RowMatrix a(3, 2), b(2, 2);
  a << 1, 2, 3, 4, 5, 6;
  b << 1, 0, 1, 1;
  RowMatrix out;
  gemm_reference(a, b, out);  // a * b^T
  RowMatrix expected(3, 2);
  expected << 1, 3, 3, 7, 5, 11;
  EXPECT_EQ(out, expected);
  EXPECT_EQ(read_reference(a), 21.0);
}

TEST(Attention, ArraysMustMatchTheScene) {
  const Encoding e = encode_id("vanilla", Scene::default_scene());
  QkSource source;
  source.kind = QkKind::Arrays;
  source.q = RowMatrix::Ones(10, 128);
  source.k = RowMatrix::Ones(10, 128);
  EXPECT_THROW(rotated_qk(e, source), InputError);
}

}  // namespace
}  // namespace ropelab::test
