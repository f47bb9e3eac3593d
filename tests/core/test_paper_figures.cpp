// The "Paper figures" entries and the numbers they report.
#include <gtest/gtest.h>

#include <set>

#include "helpers.h"
#include "ropelab/paper_figures.h"

namespace ropelab::test {
namespace {

TEST(PaperFigures, EveryEntryIsCompleteAndEncodes) {
  std::set<std::string> ids;
  for (const PaperFigure& f : paper_figures()) {
    EXPECT_TRUE(ids.insert(f.id).second) << "duplicate " << f.id;
    EXPECT_FALSE(f.title.empty());
    EXPECT_FALSE(f.claim.empty());
    EXPECT_FALSE(f.computes.empty());
    for (const std::string& v : f.variants)
      EXPECT_NO_THROW(encode(*find_variant(v), f.scene, f.config)) << f.id << " " << v;
  }
  EXPECT_GE(ids.size(), 10u);
}

TEST(PaperFigures, Fig4PairRanges) {
  const PaperFigure* a = find_paper_figure("videorope-fig4a");
  const PaperFigure* b = find_paper_figure("videorope-fig4b");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->pairs, (std::vector<int>{13, 14, 15}));
  EXPECT_EQ(a->t_max, 500);
  EXPECT_EQ(b->pairs, (std::vector<int>{48, 49, 50}));
  EXPECT_EQ(b->t_max, 20000);
  // The drawn pairs are the variant's temporal pairs.
  const Encoding m = encode(*find_variant("mrope"), a->scene, a->config);
  for (int j : a->pairs) EXPECT_EQ(m.pair_axis[j], 0);
  const Encoding v = encode(*find_variant("videorope"), b->scene, b->config);
  for (int j : b->pairs) EXPECT_EQ(v.pair_axis[j], 0);
}

TEST(PaperFigures, AppendixBDistractorPeriod) {
  Config config;
  config.base = 1e6;
  const DistractorPeriod d = distractor_period(config, 3000);
  EXPECT_NEAR(d.paper_period, 198.7, 0.05);
  EXPECT_EQ(d.paper_pair, 16);
  EXPECT_NEAR(d.code_slowest_wavelength, 160.1, 0.05);
  EXPECT_EQ(d.code_slowest_pair, 15);
  EXPECT_EQ(d.wrapping_pairs, 16);
  EXPECT_EQ(d.video_extent, 2999);
  EXPECT_EQ(distractor_period(config, 150).wrapping_pairs, 15);  // pair 15 (160.1) no longer wraps
}

TEST(PaperFigures, Fig5AdjacentIds) {
  const PaperFigure& f = *find_paper_figure("videorope-fig5");
  const AdjacentIds m = adjacent_ids(encode(*find_variant("mrope"), f.scene, f.config));
  EXPECT_EQ(m.text_a, (std::vector<double>{0, 0, 0}));
  EXPECT_EQ(m.text_b, (std::vector<double>{1, 1, 1}));
  EXPECT_EQ(m.frame_a, (std::vector<double>{4, 4, 4}));
  EXPECT_EQ(m.frame_b, (std::vector<double>{5, 4, 4}));  // same spatial ids in the next frame
  const AdjacentIds v = adjacent_ids(encode(*find_variant("videorope"), f.scene, f.config));
  EXPECT_EQ(v.frame_a, (std::vector<double>{4, 3, 3}));  // centred: h - floor((H-1)/2)
  EXPECT_EQ(v.frame_b, (std::vector<double>{6, 5, 5}));  // moved along the diagonal by delta = 2
}

// VideoRoPE: the paper centres with H/2 and resumes text at s0 + delta T; its x/y parity is
// swapped. VRoPE: same ids, different channel order.
TEST(PaperFigures, DefinitionsDiff) {
  const DefinitionsDiff v = definitions_diff(*find_variant("videorope"), worked_scene(), Config{});
  EXPECT_EQ(v.tokens.size(), 14u);  // every video token and the text after it; text before agrees
  EXPECT_EQ(v.tokens.front(), 2u);
  EXPECT_EQ(v.paper.id(0, 14), 2 + 2 * 2);  // s0 + delta T
  EXPECT_EQ(v.code.id(0, 14), 2 + 2 * 1 + 1);
  EXPECT_EQ(v.pairs.size(), 48u);
  const DefinitionsDiff u = definitions_diff(*find_variant("vrope"), worked_scene(), Config{});
  EXPECT_TRUE(u.tokens.empty());
  EXPECT_EQ(u.pairs.size(), 48u);  // (u1, u4, u2, u3) vs (u1, u2, u3, u4): only j mod 4 = 0 agrees
}

}  // namespace
}  // namespace ropelab::test
