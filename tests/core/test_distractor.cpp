// The training-free distractor proxy (analyses.md §8).
#include <gtest/gtest.h>

#include "helpers.h"
#include "ropelab/distractor.h"
#include "ropelab/error.h"

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
