// What the views draw, computed in core (ropelab/view_data.h): each field against the direct
// computation it stands for.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "helpers.h"
#include "ropelab/analyses.h"
#include "ropelab/error.h"
#include "ropelab/rope.h"
#include "ropelab/view_data.h"

namespace ropelab::test {
namespace {

std::shared_ptr<const Encoding> shared_encoding(const std::string& id, const Scene& scene) {
  return std::make_shared<const Encoding>(encode_id(id, scene));
}

TEST(ViewData, OnesLogitsEqualTheAxisSums) {
  for (const char* id : {"videorope", "mrope", "qwen3-mrope", "vanilla"}) {
    const Encoding e = encode_id(id, Scene::default_scene());
    for (std::size_t query : {std::size_t{0}, std::size_t{37}, e.token_count() - 1}) {
      const Eigen::VectorXd expected = logits_by_axis(e, query).colwise().sum().transpose();
      const Eigen::VectorXd logits = ones_logits(e, query);
      ASSERT_EQ(logits.size(), expected.size());
      EXPECT_LT((logits - expected).cwiseAbs().maxCoeff(), 1e-12) << id << " " << query;
      // A token's logit over itself is (2/sqrt(D)) * P = 2 * 64 / sqrt(128).
      EXPECT_NEAR(logits[static_cast<Eigen::Index>(query)], 128.0 / std::sqrt(128.0), 1e-12);
    }
  }
}

// text 2, video 2x2x3, text 2: tokens 0-1 text, 2-13 video, 14-15 text.
TEST(ViewData, AttentionOfTheWorkedScene) {
  const auto e = shared_encoding("videorope", worked_scene());
  EXPECT_EQ(default_query(*e), 14U);
  const AttentionData d = compute_attention(e, QkSource::ones(), -1);
  EXPECT_EQ(d.query, 14U);
  const Eigen::VectorXd direct = attention_row(*e, rotated_qk(*e, QkSource::ones()), 14);
  EXPECT_LT((d.logits - direct).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT((d.probabilities - softmax_row(direct, 14)).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_EQ(d.probabilities[15], 0.0);  // causal: the later text token is masked
  EXPECT_EQ(d.segment, 1);
  EXPECT_EQ(d.frames, 2);
  EXPECT_EQ(d.height, 2);
  EXPECT_EQ(d.width, 3);
  ASSERT_EQ(d.tileFrames, (std::vector<int>{0, 1}));
  ASSERT_EQ(d.tiles.size(), 2U);
  for (int f = 0; f < 2; ++f) {
    for (int r = 0; r < 2; ++r) {
      for (int c = 0; c < 3; ++c) {
        EXPECT_EQ(d.tiles[static_cast<std::size_t>(f)](r, c),
                  d.probabilities[2 + 6 * f + 3 * r + c]);
      }
    }
  }
  // The patch map: the frame mean of each patch's probability, divided by the map's mean.
  RowMatrix map(2, 3);
  for (int r = 0; r < 2; ++r) {
    for (int c = 0; c < 3; ++c) {
      map(r, c) = (d.probabilities[2 + 3 * r + c] + d.probabilities[8 + 3 * r + c]) / 2.0;
    }
  }
  map /= map.mean();
  EXPECT_LT((d.patchMap - map).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_NEAR(d.patchMap.mean(), 1.0, 1e-12);
  EXPECT_NEAR(d.patchMaxOverMin, map.maxCoeff() / map.minCoeff(), 1e-12);
  // Frame x frame: mean logit of the 6 x 6 block of each (query frame, key frame).
  EXPECT_EQ(d.frameMatrixTokens, 14U);
  EXPECT_FALSE(d.frameMatrixSkipped());
  const RotatedQk qk = rotated_qk(*e, QkSource::ones());
  const RowMatrix logits = attention_matrix(*e, qk, 14);
  ASSERT_EQ(d.frameMatrix.rows(), 2);
  ASSERT_EQ(d.frameMatrix.cols(), 2);
  for (int a = 0; a < 2; ++a) {
    for (int b = 0; b < 2; ++b) {
      EXPECT_NEAR(d.frameMatrix(a, b), logits.block(2 + 6 * a, 2 + 6 * b, 6, 6).mean(), 1e-12);
    }
  }
}

TEST(ViewData, GaussianAttentionIsTheDotProductOfRotatedQk) {
  const auto e = shared_encoding("vrope", Scene::default_scene());
  const QkSource source = QkSource::gaussian(7, 1.0);
  const AttentionData d = compute_attention(e, source, 50);
  const QkPair raw = make_qk(source, e->token_count(), e->head_dim());
  const RowMatrix q = rotate_rows(*e, raw.q, 50, 1);
  for (std::size_t k : {std::size_t{0}, std::size_t{20}, std::size_t{50}, e->token_count() - 1}) {
    const RowMatrix key = rotate_rows(*e, raw.k, k, 1);
    const double expected = q.row(0).dot(key.row(0)) / std::sqrt(128.0);
    EXPECT_NEAR(d.logits[static_cast<Eigen::Index>(k)], expected,
                1e-12 * std::abs(expected) + 1e-13)
        << k;
  }
  EXPECT_NEAR(d.probabilities.head(51).sum(), 1.0, 1e-12);
  EXPECT_EQ(d.probabilities.tail(d.probabilities.size() - 51).cwiseAbs().maxCoeff(), 0.0);
}

TEST(ViewData, LargeVideosSkipTheFrameMatrixAndSpreadTheTiles) {
  // text 4, video 40x8x8 (2,560 tokens > 2,048), text 4.
  const auto e = shared_encoding("mrope", Scene::text_video_text(4, 40, 8, 8, 4));
  const AttentionData d = compute_attention(e, QkSource::ones(), -1);
  EXPECT_EQ(d.query, 4U + 2560U);
  EXPECT_TRUE(d.frameMatrixSkipped());
  EXPECT_EQ(d.frameMatrixTokens, 4U + 2560U);
  ASSERT_EQ(d.tileFrames.size(), 16U);
  EXPECT_EQ(d.tileFrames.front(), 0);
  EXPECT_EQ(d.tileFrames[1], 2);  // 1 * 39 / 15
  EXPECT_EQ(d.tileFrames.back(), 39);
}

TEST(ViewData, TextOnlyScenesHaveNoVisualParts) {
  const auto e = shared_encoding("vanilla", Scene::parse("text:10"));
  const AttentionData d = compute_attention(e, QkSource::ones(), 3);
  EXPECT_EQ(d.segment, -1);
  EXPECT_TRUE(d.tiles.empty());
  EXPECT_FALSE(d.frameMatrixSkipped());
  EXPECT_EQ(default_query(*e), 0U);  // no visual token: the first text token
  EXPECT_THROW(compute_attention(e, QkSource::ones(), 10), InputError);
}

TEST(ViewData, ChartsCopyTheEncodingsWavelengths) {
  const Encoding e = encode_id("videorope", Scene::default_scene());
  const CollisionReport report = collisions(e, -1, 100);
  const ChartsData d = compute_charts(e, report);
  EXPECT_EQ(d.variant, "videorope");
  EXPECT_EQ(d.axes, e.axes());
  EXPECT_EQ(d.pairAxis, e.pair_axis);
  ASSERT_EQ(d.wavelengths.size(), 64U);
  EXPECT_NEAR(d.wavelengths[0], 2.0 * M_PI, 1e-12);  // inv_freq[0] = 1
  for (int j = 0; j < 64; ++j) {
    EXPECT_NEAR(d.wavelengths[static_cast<std::size_t>(j)], 2.0 * M_PI / e.inv_freq[j],
                1e-9 * d.wavelengths[static_cast<std::size_t>(j)]);
  }
  EXPECT_EQ(d.collisions.curve.size(), report.curve.size());
  EXPECT_TRUE(d.jumpFrames.empty());
}

TEST(ViewData, JumpCurveProbesEveryFrameCountThroughBoundaryJumps) {
  EXPECT_EQ(jump_probe_frames(5), (std::vector<int>{1, 2, 3, 4, 5}));
  const std::vector<int> wide = jump_probe_frames(64);
  ASSERT_EQ(wide.size(), 20U);
  EXPECT_EQ(wide.front(), 1);
  EXPECT_EQ(wide[1], 4);  // 1 + 63 / 19
  EXPECT_EQ(wide.back(), 64);

  const Variant& mrope = *find_variant("mrope");
  ChartsData d;
  add_jumps(d, mrope, Config{}, JumpProbe{3, 4, 4, 2, 16});
  ASSERT_EQ(d.jumpFrames, jump_probe_frames(16));
  for (std::size_t k = 0; k < d.jumpFrames.size(); ++k) {
    const JumpReport r = boundary_jumps(
        encode(mrope, Scene::text_video_text(3, d.jumpFrames[k], 4, 4, 2), Config{}));
    double out = 0, in = 0;
    for (double v : r.after) out = std::max(out, std::abs(v));
    for (double v : r.before) in = std::max(in, std::abs(v));
    EXPECT_EQ(d.jumpOutLargest[k], out);
    EXPECT_EQ(d.jumpIn[k], in);
  }
  // M-RoPE: the text after a 1x4x4 video starts at max id + 1 = s0 + 4, one past its h/w ids
  // s0 + 3 and four past its single t id s0: the largest jump out is 4; into the video it is 1.
  EXPECT_EQ(d.jumpOutLargest.front(), 4.0);
  EXPECT_EQ(d.jumpIn.front(), 1.0);

  ChartsData copy;
  copy_jumps(d, copy);
  EXPECT_EQ(copy.jumpFrames, d.jumpFrames);
  EXPECT_EQ(copy.jumpOutLargest, d.jumpOutLargest);
  EXPECT_EQ(copy.jumpIn, d.jumpIn);
  // Probes above the token limit are left out.
  ChartsData big;
  add_jumps(big, mrope, Config{}, JumpProbe{1, 100, 100, 1, 64});  // 10,000 tokens per frame
  EXPECT_EQ(big.jumpFrames.back(), 27);  // 27 frames: 270,000 tokens; the next probe, 30, is over
}

}  // namespace
}  // namespace ropelab::test
