// spec/analyses.md and papers.md numbers.
#include <gtest/gtest.h>

#include <cmath>

#include "helpers.h"
#include "ropelab/analyses.h"
#include "ropelab/error.h"
#include "ropelab/rope.h"

namespace ropelab::test {
namespace {

Config base_1e6() {
  Config config;
  config.base = 1e6;
  return config;
}

// papers.md: M-RoPE's temporal pairs are 0..15; pair 15's wavelength at base 1e6, D = 128 is
// about 160.1, and 2*pi*1e6^(32/128) = 198.7 (pair 16's) is what VideoRoPE App. B quotes.
TEST(Collisions, MRopeSlowestTemporalWavelength) {
  const CollisionReport r =
      collisions(encode_id("mrope", Scene::text_video_text(4, 500, 2, 2, 4), base_1e6()));
  EXPECT_EQ(r.axis_name, "t");
  ASSERT_EQ(r.pairs.size(), 16u);
  EXPECT_EQ(r.pairs.front(), 0);
  EXPECT_EQ(r.pairs.back(), 15);
  EXPECT_NEAR(r.slowest_wavelength, 160.1, 0.05);
  EXPECT_NEAR(r.wavelengths[0], 2 * M_PI, 1e-12);
  EXPECT_NEAR(r.wavelengths[13], 104, 0.5);
  EXPECT_NEAR(r.wavelengths[14], 129, 0.5);
  EXPECT_EQ(r.extent, 499);
  EXPECT_EQ(r.wrapping_pairs, 16);  // every temporal pair wraps within 500 frames
  EXPECT_NEAR(2 * M_PI / inverse_frequencies(128, 1e6)[16], 198.7, 0.05);
}

TEST(Collisions, VideoRopeTemporalPairsAreTheSlowest) {
  const CollisionReport r =
      collisions(encode_id("videorope", Scene::text_video_text(4, 500, 2, 2, 4), base_1e6()));
  ASSERT_EQ(r.pairs.size(), 16u);
  EXPECT_EQ(r.pairs.front(), 48);
  EXPECT_NEAR(r.wavelengths[0], 198692, 1);
  EXPECT_NEAR(r.wavelengths[1], 246564, 1);
  EXPECT_NEAR(r.wavelengths[2], 305971, 1);
  EXPECT_NEAR(r.slowest_wavelength, 5.06e6, 0.01e6);
  EXPECT_EQ(r.extent, 998);  // delta (T - 1)
  EXPECT_EQ(r.wrapping_pairs, 0);
}

TEST(Collisions, Qwen25ExtentIsAbsoluteTime) {
  const CollisionReport r =
      collisions(encode_id("qwen25-mrope", Scene::text_video_text(1, 10, 2, 2, 1, 1.5)));
  EXPECT_EQ(r.extent, std::floor(9 * 1.5 * 2));
}

TEST(Collisions, SimilarityCurveStartsAtOneAndMatchesDefinition) {
  const Encoding e = encode_id("mrope", Scene::default_scene());
  const CollisionReport r = collisions(e, -1, 50);
  ASSERT_EQ(r.curve.size(), 51u);
  EXPECT_DOUBLE_EQ(r.curve[0].second, 1.0);
  double expected = 0;
  for (int j = 0; j < 16; ++j) expected += std::cos(17.0 * e.inv_freq[j]) / 16;
  EXPECT_NEAR(r.curve[17].second, expected, 1e-14);
}

TEST(Jump, MRopeJumpOutGrowsWithFramesOnSpatialAxes) {
  const JumpReport small =
      boundary_jumps(encode_id("mrope", Scene::text_video_text(4, 8, 4, 4, 4)));
  const JumpReport large =
      boundary_jumps(encode_id("mrope", Scene::text_video_text(4, 32, 4, 4, 4)));
  EXPECT_EQ(small.before, (std::vector<double>{1, 1, 1}));
  EXPECT_EQ(small.after, (std::vector<double>{1, 5, 5}));
  EXPECT_EQ(large.after, (std::vector<double>{1, 29, 29}));
}

// VRoPE Sec. 3.4: both centre gaps are (H + W) / 2, whatever T.
TEST(Jump, VRopeCentreGapsAreEqual) {
  for (int frames : {1, 8, 40}) {
    for (auto [h, w] : {std::pair{4, 4}, std::pair{3, 6}, std::pair{5, 5}}) {
      const JumpReport r =
          boundary_jumps(encode_id("vrope", Scene::text_video_text(4, frames, h, w, 4)));
      EXPECT_DOUBLE_EQ(r.center_gap_before, (h + w) / 2.0);
      EXPECT_DOUBLE_EQ(r.center_gap_after, (h + w) / 2.0);
    }
  }
}

TEST(Bias, MapIsNormalisedAndSharedPositionsAreFlat) {
  const BiasReport share = bias_map(encode_id("rope-share", Scene::default_scene()));
  EXPECT_EQ(share.query, 132u);
  EXPECT_NEAR(share.map.mean(), 1.0, 1e-12);
  EXPECT_NEAR(share.max_over_min, 1.0, 1e-12);
  // Flattened RoPE: tokens later in a frame are closer to the query and get more weight.
  const BiasReport flat = bias_map(encode_id("vanilla", Scene::default_scene()));
  EXPECT_GT(flat.max_over_min, 2.0);
  EXPECT_GT(flat.corr_h_plus_w, 0.5);
  EXPECT_GT(flat.map(3, 3), flat.map(0, 0));
}

TEST(Bias, QueryBeforeTheVideoIsRejected) {
  EXPECT_THROW(bias_map(encode_id("mrope", Scene::default_scene()), 2), InputError);
}

struct Expected {
  const char* id;
  bool three_d, low_freq_temporal, spatial_symmetry, temporal_scaling, seamless;
};

// VideoRoPE Table 1 and VRoPE Table 3, computed from ids and allocation.
TEST(Properties, MatchThePapersTables) {
  const Expected table[] = {
      {"vanilla", false, false, false, false, true},
      {"tad", false, false, false, false, true},
      {"mrope", true, false, false, false, false},
      {"videorope", true, true, true, true, true},
      {"vrope", true, false, true, false, true},
      {"rope-share", false, false, false, false, true},
      {"rope-compact", true, false, true, false, true},
      {"rope-2d", true, false, true, false, true},
      {"qwen25-mrope", true, false, false, false, false},
      // Issue 11: Qwen3-VL's default per-frame layout (6 timestamp tokens, markers) makes every
      // frame its own block, so the text-to-video gaps do not grow with the video; the plain
      // layout (--timestamp-tokens 0) is checked below.
      {"qwen3-mrope", true, false, false, false, true},
  };
  for (const Expected& row : table) {
    const Properties p = properties(*find_variant(row.id), Config{});
    EXPECT_EQ(p.three_d, row.three_d) << row.id;
    EXPECT_EQ(p.low_freq_temporal, row.low_freq_temporal) << row.id;
    EXPECT_EQ(p.spatial_symmetry, row.spatial_symmetry) << row.id;
    EXPECT_EQ(p.temporal_scaling, row.temporal_scaling) << row.id;
    EXPECT_EQ(p.seamless_transition, row.seamless) << row.id;
    EXPECT_EQ(p.unbiased, p.bias_ratio < kUnbiasedThreshold) << row.id;
  }
  Config plain;
  plain.options.set("timestamp_tokens", 0);
  const Properties q = properties(*find_variant("qwen3-mrope"), plain);
  EXPECT_TRUE(q.three_d);
  EXPECT_FALSE(q.seamless_transition);
}

TEST(Properties, AblationsSwitchTheirProperty) {
  Config no_lta;
  no_lta.options.set("low_frequency_temporal", false);
  EXPECT_FALSE(properties(*find_variant("videorope"), no_lta).low_freq_temporal);
  Config no_ats;
  no_ats.options.set("adjustable_spacing", false);
  EXPECT_FALSE(properties(*find_variant("videorope"), no_ats).temporal_scaling);
  Config no_continuity;
  no_continuity.options.set("continuity", false);
  EXPECT_TRUE(properties(*find_variant("vrope"), Config{}).spatial_symmetry);
  EXPECT_FALSE(properties(*find_variant("vrope"), no_continuity).spatial_symmetry);
}

TEST(FrequencySurface, IsCosineOfPositionTimesFrequency) {
  const Eigen::VectorXd inv_freq = inverse_frequencies(128, 1e6);
  const RowMatrix z = frequency_surface(inv_freq, {13, 14, 15}, 500, 501);
  ASSERT_EQ(z.rows(), 3);
  ASSERT_EQ(z.cols(), 501);
  EXPECT_DOUBLE_EQ(z(0, 0), 1.0);
  EXPECT_DOUBLE_EQ(z(2, 250), std::cos(250 * inv_freq[15]));
}

}  // namespace
}  // namespace ropelab::test
