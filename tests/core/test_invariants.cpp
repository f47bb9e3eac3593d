// Properties every variant must have, whatever the scene.
#include <gtest/gtest.h>

#include <cmath>

#include "helpers.h"
#include "ropelab/analyses.h"
#include "ropelab/attention.h"
#include "ropelab/rope.h"

namespace ropelab::test {
namespace {

std::vector<Scene> scenes() {
  std::vector<Scene> out;
  out.push_back(Scene{{Segment::text(7)}});
  out.push_back(Scene{{Segment::text(3), Segment::image(3, 4), Segment::text(2)}});
  out.push_back(Scene{{Segment::video(3, 2, 5)}});
  out.push_back(Scene{{Segment::video(4, 3, 3), Segment::text(5)}});
  out.push_back(Scene{{Segment::text(1), Segment::video(3, 2, 2), Segment::text(2),
                       Segment::video(2, 3, 1), Segment::text(1)}});
  return out;
}

class EveryVariant : public ::testing::TestWithParam<const Variant*> {};

TEST_P(EveryVariant, ShapesAndAllocationAreConsistent) {
  const Variant& v = *GetParam();
  for (const Scene& scene : scenes()) {
    const Encoding e = encode(v, scene, Config{});
    EXPECT_GE(e.token_count(), static_cast<std::size_t>(scene.token_count()));
    EXPECT_EQ(e.positions.ids.rows(), v.axis_count());
    EXPECT_TRUE(e.positions.ids.allFinite());
    // One entry per rotary pair: R = F*D/2 (glm4v rotates half the head dim).
    ASSERT_EQ(static_cast<int>(e.pair_axis.size()), e.rotary_dims / 2);
    ASSERT_EQ(e.inv_freq.size(), static_cast<Eigen::Index>(e.pair_axis.size()));
    std::vector<int> counts(v.axis_count(), 0);
    int nope = 0;
    for (int j = 0; j < e.pairs(); ++j) {
      const int a = e.pair_axis[j];
      ASSERT_GE(a, -1);
      ASSERT_LT(a, v.axis_count());
      if (a < 0) {
        ++nope;
        EXPECT_EQ(e.inv_freq[j], 0.0);  // zero-frequency pair
        continue;
      }
      ++counts[a];
    }
    EXPECT_EQ(static_cast<int>(e.nope_pairs.size()), nope);
    // HoPE turns its temporal section into zero-frequency pairs.
    if (v.id() == "hope") counts[0] += nope;
    // Interleaved and head-wise allocations do not follow the split's counts.
    const bool by_split = v.id() != "qwen3-mrope" && v.id() != "mrope-i" && v.id() != "il-rope" &&
                          !v.info().head_wise;
    if (by_split) {
      EXPECT_EQ(counts, e.config.split) << v.id();
    }
    if (v.info().head_wise) {
      EXPECT_EQ(e.pair_axis, std::vector<int>(e.pairs(), e.head_axis[e.head])) << v.id();
    }
  }
}

// TAD adds a time index that counts text tokens too, so its text ids are twice vanilla's.
TEST_P(EveryVariant, TextOnlyEqualsVanillaOnEveryAxis) {
  const Variant& v = *GetParam();
  const Scene text{{Segment::text(9)}};
  const Encoding e = encode(v, text, Config{});
  const double scale = v.id() == "tad" ? 2.0 : 1.0;
  for (int a = 0; a < v.axis_count(); ++a) {
    for (std::size_t i = 0; i < 9; ++i) EXPECT_EQ(e.id(a, i), scale * i) << v.id();
  }
}

TEST_P(EveryVariant, LogitsDependOnlyOnRelativePositions) {
  const Variant& v = *GetParam();
  Encoding e = encode(v, Scene::text_video_text(2, 3, 2, 3, 2), Config{});
  const QkSource gaussian = QkSource::gaussian(7);
  const Eigen::VectorXd before = attention_row(e, rotated_qk(e, gaussian), e.token_count() - 1);
  e.positions.ids.array() += 37.0;
  const Eigen::VectorXd after = attention_row(e, rotated_qk(e, gaussian), e.token_count() - 1);
  EXPECT_LT((before - after).cwiseAbs().maxCoeff(), 1e-9) << v.id();
}

TEST_P(EveryVariant, RotationPreservesNorms) {
  const Encoding e = encode(*GetParam(), Scene::default_scene(), Config{});
  const QkPair raw = make_qk(QkSource::gaussian(3), e.token_count(), e.head_dim());
  const RowMatrix rotated = rotate(e, raw.q);
  EXPECT_LT((rotated.rowwise().norm() - raw.q.rowwise().norm()).cwiseAbs().maxCoeff(), 1e-10);
}

TEST_P(EveryVariant, RopeTablesMatchDirectAngles) {
  for (double delta : {2.0, 0.3}) {  // 0.3 leaves the grid fast path: both paths must agree
    Config config;
    config.delta = delta;
    const Encoding e = encode(*GetParam(), Scene::text_video_text(3, 5, 3, 4, 3), config);
    RopeTables tables;
    compute_rope_tables(e, tables);
    const RowMatrix phi = angles(e);
    ASSERT_EQ(tables.cos.size(), static_cast<std::size_t>(phi.size()));
    for (Eigen::Index i = 0; i < phi.rows(); ++i) {
      for (Eigen::Index j = 0; j < phi.cols(); ++j) {
        ASSERT_EQ(tables.cos[i * phi.cols() + j], static_cast<float>(std::cos(phi(i, j))));
        ASSERT_EQ(tables.sin[i * phi.cols() + j], static_cast<float>(std::sin(phi(i, j))));
      }
    }
  }
}

TEST_P(EveryVariant, DescribesItsTwoHalves) {
  const Variant& v = *GetParam();
  EXPECT_GT(v.formula().position_design.size(), 20u) << v.id();
  EXPECT_GT(v.formula().frequency_allocation.size(), 10u) << v.id();
  EXPECT_FALSE(v.info().summary.empty());
  EXPECT_FALSE(v.info().paper.empty());
}

INSTANTIATE_TEST_SUITE_P(All, EveryVariant, ::testing::ValuesIn(all_variants()),
                         [](const auto& info) {
                           std::string name(info.param->id());
                           std::erase(name, '-');
                           return name;
                         });

// VRoPE App. A: with H = 1 the four indices collapse to (w, w, -w, -w) up to offsets.
TEST(VRopeInvariant, HeightOneDegeneratesToOneDimension) {
  const Encoding e = encode_id("vrope", Scene::text_video_text(2, 3, 1, 5, 2));
  for (std::size_t i = 0; i < e.token_count(); ++i) {
    if (e.positions.tokens.modality[i] == Modality::Text) continue;
    const double w = e.positions.tokens.col[i];
    EXPECT_EQ(e.id(0, i), e.id(1, i));
    EXPECT_EQ(e.id(2, i), e.id(3, i));
    const double origin = 2 + e.positions.tokens.frame[i] * 5.0;  // s0 + f (H + W - 1)
    EXPECT_EQ(e.id(0, i) - origin, w);
    EXPECT_EQ(e.id(2, i) - origin, -w + 4);  // -w + (W - 1)
  }
}

TEST(VideoRopeInvariant, CodeConventionGapsAreSymmetric) {
  for (double delta : {1.0, 2.0, 3.5}) {
    Config config;
    config.delta = delta;
    const Encoding e = encode_id("videorope", Scene::text_video_text(4, 6, 5, 7, 4), config);
    const CenterTokenGaps gaps = center_token_gaps(e);
    for (std::size_t a = 0; a < 3; ++a)
      EXPECT_DOUBLE_EQ(gaps.before[a], gaps.after[a]) << delta << " axis " << a;
  }
  Config paper;
  paper.options.set("convention", std::string("paper"));
  const CenterTokenGaps gaps =
      center_token_gaps(encode_id("videorope", Scene::text_video_text(4, 6, 5, 7, 4), paper));
  EXPECT_NE(gaps.before[1], gaps.after[1]);  // the paper's form is not symmetric on h
}

TEST(MRopeInvariant, BoundaryJumpGrowsWithFrames) {
  double previous = 0;
  for (int frames : {8, 16, 32, 64}) {
    const JumpReport jump =
        boundary_jumps(encode_id("mrope", Scene::text_video_text(4, frames, 4, 4, 4)));
    EXPECT_EQ(jump.after[1], frames - 3);  // h: s0 + T - (s0 + H - 1)
    EXPECT_GT(jump.after[1], previous);
    previous = jump.after[1];
    EXPECT_EQ(jump.after[0], 1);  // t steps by one
  }
}

TEST(Qwen25Invariant, TemporalIdsScaleWithSecondsPerFrame) {
  for (double seconds : {0.5, 1.0, 2.0, 3.0}) {
    const Encoding e = encode_id("qwen25-mrope", Scene::text_video_text(2, 6, 2, 2, 1, seconds));
    for (std::size_t i = 0; i < e.token_count(); ++i) {
      const int f = e.positions.tokens.frame[i];
      if (f < 0) continue;
      EXPECT_EQ(e.id(0, i), 2 + std::floor(f * seconds * 2.0)) << seconds;
    }
  }
}

TEST(Qwen25Invariant, EarlyIntegerCastCollapsesFastVideos) {
  Config config;
  config.options.set("early_integer_cast", true);
  const Encoding e = encode_id("qwen25-mrope", Scene::text_video_text(2, 6, 2, 2, 1, 0.5), config);
  for (std::size_t i = 2; i < 2 + 24; ++i) EXPECT_EQ(e.id(0, i), 2);
}

}  // namespace
}  // namespace ropelab::test
