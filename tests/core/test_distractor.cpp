// The training-free distractor proxy (analyses.md §8).
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "helpers.h"
#include "ropelab/attention.h"
#include "ropelab/distractor.h"
#include "ropelab/error.h"
#include "ropelab/rope.h"

namespace ropelab::test {
namespace {

DistractorSetup small_grid() {
  DistractorSetup setup;
  setup.haystack_frames = {20, 400};
  setup.needle_depths = {0.0, 1.0};
  setup.seeds = 3;
  return setup;
}

TEST(Distractor, AccuracyIsAFractionOfSeedsAndDeterministic) {
  Config config;
  config.base = 1e6;
  const DistractorResult a = distractor_retrieval(*find_variant("mrope"), config, small_grid());
  const DistractorResult b = distractor_retrieval(*find_variant("mrope"), config, small_grid());
  ASSERT_EQ(a.accuracy.rows(), 2);
  ASSERT_EQ(a.accuracy.cols(), 2);
  EXPECT_EQ(a.accuracy, b.accuracy);
  for (Eigen::Index i = 0; i < a.accuracy.size(); ++i) {
    const double thirds = a.accuracy.data()[i] * 3;
    EXPECT_DOUBLE_EQ(thirds, std::round(thirds));
  }
  // With no distractor within reach of a short haystack, the identical needle always wins.
  EXPECT_EQ(a.accuracy(0, 0), 1.0);
  EXPECT_EQ(a.accuracy(0, 1), 1.0);
}

TEST(Distractor, IdenticalDistractorsTieBreakTowardsTheQuery) {
  DistractorSetup setup = small_grid();
  setup.distractor_similarity = 1.0;
  setup.distractor_period = 5;
  setup.haystack_frames = {21};
  setup.needle_depths = {0.0};
  // Every fifth frame is a copy of the needle; the last copy sits nearest the query, so a
  // distance-decaying positional code picks it, not the needle at depth 0.
  EXPECT_EQ(distractor_retrieval(*find_variant("vanilla"), Config{}, setup).accuracy(0, 0), 0.0);
}

// resources/teaching/figures.json (teaching:needle, needleProxy) explains why the proxy the
// Distractor retrieval dialog runs (base 10^6, D = 128, the default grid) ranks VideoRoPE below
// M-RoPE: recency. Each claim of that text, computed.
TEST(Distractor, RecencyExplainsWhyVideoRopeRanksBelowMrope) {
  Config config;
  config.base = 1e6;
  config.head_dim = 128;
  const DistractorResult mrope = distractor_retrieval(*find_variant("mrope"), config);
  const DistractorResult video = distractor_retrieval(*find_variant("videorope"), config);
  // The ranking the text explains.
  EXPECT_LT(video.accuracy.mean(), mrope.accuracy.mean());

  // "The positional term favours frames near the query": with content-free (all-ones) q and k,
  // the logit of each frame of a 400-frame haystack against the query after it. VideoRoPE's last
  // tenth scores well above the rest; M-RoPE's frames differ only on t and score flat.
  const auto recency_gap = [&](const char* id) {
    const Variant& v = *find_variant(id);
    const int frames = 400;
    const Encoding e = encode(v, Scene::text_video_text(1, frames, 1, 1, 1), config);
    const QkPair ones = make_qk(QkSource::ones(), e.token_count(), e.head_dim());
    const RowMatrix keys = rotate(e, ones.k);
    const RowMatrix query = rotate_rows(e, ones.q, e.token_count() - 1, 1);
    const Eigen::VectorXd logit =
        keys.middleRows(1, frames) * query.row(0).transpose() / e.head_dim();
    return logit.tail(frames / 10).mean() - logit.head(frames - frames / 10).mean();
  };
  const double videoGap = recency_gap("videorope"), mropeGap = recency_gap("mrope");
  EXPECT_GT(videoGap, 0.15);
  EXPECT_LT(std::abs(mropeGap), 0.03);
  EXPECT_GT(videoGap, 5 * std::abs(mropeGap));

  // "Its misses are distractors nearer the query than the needle": every VideoRoPE miss picks a
  // distractor, most of them after the needle, and later in the haystack than M-RoPE's misses.
  const auto summary = [](const DistractorResult& r) {
    int distractors = 0, later = 0;
    double depth = 0;
    for (const DistractorMiss& m : r.misses) {
      distractors += m.distractor ? 1 : 0;
      later += m.predicted > m.needle ? 1 : 0;
      depth += static_cast<double>(m.predicted) / (m.frames - 1);
    }
    const double n = static_cast<double>(r.misses.size());
    return std::array<double, 3>{distractors / n, later / n, depth / n};
  };
  ASSERT_FALSE(video.misses.empty());
  const auto v = summary(video), m = summary(mrope);
  EXPECT_EQ(v[0], 1.0);
  EXPECT_GT(v[1], 0.8);         // 44 of 51 misses
  EXPECT_GT(v[1], m[1] + 0.1);  // M-RoPE: 30 of 46
  EXPECT_GT(v[2], m[2] + 0.1);  // mean depth of the predicted frame: 0.72 vs 0.53
  // The misses and the accuracy count the same cells (6 lengths x 5 depths x 4 seeds).
  for (const DistractorResult* r : {&video, &mrope})
    EXPECT_NEAR(1.0 - static_cast<double>(r->misses.size()) / 120.0, r->accuracy.mean(), 1e-12);
}

TEST(Distractor, ReportsProgressAndCanBeCancelled) {
  std::vector<double> seen;
  DistractorSetup setup = small_grid();
  setup.progress = [&](double done) {
    seen.push_back(done);
    return true;
  };
  distractor_retrieval(*find_variant("vanilla"), Config{}, setup);
  EXPECT_EQ(seen, (std::vector<double>{0.25, 0.5, 0.75, 1.0}));
  setup.progress = [](double done) { return done < 0.5; };
  EXPECT_THROW(distractor_retrieval(*find_variant("vanilla"), Config{}, setup), Cancelled);
}

TEST(Distractor, RejectsEmptyGrids) {
  DistractorSetup setup;
  setup.haystack_frames.clear();
  EXPECT_THROW(distractor_retrieval(*find_variant("vanilla"), Config{}, setup), InputError);
}

}  // namespace
}  // namespace ropelab::test
