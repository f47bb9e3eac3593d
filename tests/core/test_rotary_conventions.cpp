// Rotary conventions of spec/variants-2.md: partial rotary, channel pairing, zero-frequency pairs
// and head-wise allocation, through angles, rotation, cos/sin tables and attention.
#include <gtest/gtest.h>

#include <cmath>

#include "helpers.h"
#include "ropelab/attention.h"
#include "ropelab/error.h"
#include "ropelab/rope.h"

namespace ropelab {
namespace {

using test::encode_id;
using test::worked_scene;

Config partial(double f, Pairing pairing = Pairing::Half) {
  Config c;
  c.partial_rotary = f;
  c.pairing = pairing;
  return c;
}

TEST(PartialRotary, RotaryPairsAndFrequenciesCoverOnlyFD) {
  const Encoding e = encode_id("mrope", worked_scene(), partial(0.5));
  EXPECT_EQ(e.rotary_dims, 64);
  ASSERT_EQ(e.pairs(), 32);
  EXPECT_EQ(e.head_dim(), 128);
  // inv_freq[j] = base^(-2j/(F*D)).
  EXPECT_DOUBLE_EQ(e.inv_freq[1], std::pow(10000.0, -2.0 / 64.0));
  EXPECT_DOUBLE_EQ(e.inv_freq[31], std::pow(10000.0, -62.0 / 64.0));
  // The default mrope split scales over R = 32 pairs: 8 t, 12 h, 12 w.
  EXPECT_EQ(e.config.split, (std::vector<int>{8, 12, 12}));
  EXPECT_EQ(angles(e).cols(), 32);
}

TEST(PartialRotary, PassThroughDimsAreUntouched) {
  const Encoding e = encode_id("mrope", worked_scene(), partial(0.5));
  const QkPair raw = make_qk(QkSource::gaussian(3), e.token_count(), 128);
  const RowMatrix rotated = rotate(e, raw.q);
  for (Eigen::Index i = 0; i < rotated.rows(); ++i) {
    for (int d = 64; d < 128; ++d) EXPECT_EQ(rotated(i, d), raw.q(i, d));
  }
  // A rotary dim of a moving token does change.
  EXPECT_NE(rotated(15, 0), raw.q(15, 0));
}

TEST(PartialRotary, OnesLogitsKeepThePassThroughConstant) {
  // With ones q/k every rotary pair adds (2/sqrt(D)) cos(dphi) and the D - F*D pass-through
  // dims add (D - F*D)/sqrt(D).
  const Encoding e = encode_id("mrope", worked_scene(), partial(0.5));
  const RotatedQk qk = rotated_qk(e, QkSource::ones());
  const Eigen::VectorXd logits = attention_row(e, qk, 15);
  const RowMatrix phi = angles(e);
  for (Eigen::Index k = 0; k < logits.size(); ++k) {
    double expected = 64.0 / std::sqrt(128.0);
    for (int j = 0; j < 32; ++j)
      expected += 2.0 / std::sqrt(128.0) * std::cos(phi(15, j) - phi(k, j));
    EXPECT_NEAR(logits[k], expected, 1e-12);
  }
  EXPECT_NEAR(logits[15], 128.0 / std::sqrt(128.0), 1e-12);
}

TEST(PartialRotary, OddRotaryDimsAreRefusedNamingTheOption) {
  try {
    encode_id("mrope", worked_scene(), partial(0.3));
    FAIL() << "0.3 * 128 = 38.4 is not an even integer";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("--partial-rotary"), std::string::npos) << e.what();
  }
  EXPECT_THROW(encode_id("mrope", worked_scene(), partial(0.0)), InputError);
  EXPECT_THROW(encode_id("mrope", worked_scene(), partial(1.5)), InputError);
  EXPECT_THROW(encode_id("mrope", worked_scene(), partial(1.0 / 128.0)), InputError);  // F*D = 1
}

TEST(Pairing, AdjacentRotatesDims2jAnd2jPlus1) {
  const Encoding e = encode_id("mrope", worked_scene(), partial(1.0, Pairing::Adjacent));
  const RowMatrix phi = angles(e);
  for (int j : {0, 5, 63}) {
    RowMatrix x = RowMatrix::Zero(static_cast<Eigen::Index>(e.token_count()), 128);
    x.col(2 * j).setOnes();
    const RowMatrix r = rotate(e, x);
    for (Eigen::Index i = 0; i < r.rows(); ++i) {
      EXPECT_NEAR(r(i, 2 * j), std::cos(phi(i, j)), 1e-12);
      EXPECT_NEAR(r(i, 2 * j + 1), std::sin(phi(i, j)), 1e-12);
      for (int d = 0; d < 128; ++d) {
        if (d != 2 * j && d != 2 * j + 1) {
          EXPECT_EQ(r(i, d), 0.0) << "dim " << d;
        }
      }
    }
  }
  // Half pairing: the same unit vector on dim j moves into dim j + 64.
  const Encoding h = encode_id("mrope", worked_scene());
  RowMatrix x = RowMatrix::Zero(static_cast<Eigen::Index>(h.token_count()), 128);
  x.col(5).setOnes();
  const RowMatrix r = rotate(h, x);
  EXPECT_NEAR(r(15, 69), std::sin(angles(h)(15, 5)), 1e-12);
  EXPECT_NEAR(r(15, 6), 0.0, 1e-12);
}

TEST(Pairing, IdsAllocationAndAnglesDoNotDependOnPairing) {
  const Encoding a = encode_id("mrope", worked_scene(), partial(1.0, Pairing::Adjacent));
  const Encoding h = encode_id("mrope", worked_scene(), partial(1.0, Pairing::Half));
  EXPECT_EQ(a.pair_axis, h.pair_axis);
  EXPECT_TRUE(a.positions.ids == h.positions.ids);
  EXPECT_TRUE(angles(a) == angles(h));
  // With ones q/k the logits are the same for both layouts.
  const Eigen::VectorXd la = attention_row(a, rotated_qk(a, QkSource::ones()), 15);
  const Eigen::VectorXd lh = attention_row(h, rotated_qk(h, QkSource::ones()), 15);
  EXPECT_TRUE(la.isApprox(lh, 1e-12));
}

TEST(RotaryTables, MatchAnglesWithPartialRotaryAndAdjacentPairing) {
  Config c = partial(0.5, Pairing::Adjacent);
  c.delta = 1.5;
  const Encoding e = encode_id("videorope", Scene::text_video_text(3, 5, 3, 4, 3), c);
  RopeTables tables;
  compute_rope_tables(e, tables);
  const RowMatrix phi = angles(e);
  ASSERT_EQ(tables.pairs, 32);
  for (Eigen::Index i = 0; i < phi.rows(); ++i) {
    for (int j = 0; j < 32; ++j) {
      EXPECT_NEAR(tables.cos[static_cast<std::size_t>(i) * 32 + j], std::cos(phi(i, j)), 1e-6);
      EXPECT_NEAR(tables.sin[static_cast<std::size_t>(i) * 32 + j], std::sin(phi(i, j)), 1e-6);
    }
  }
}

TEST(RotaryDefaults, WaveOneVariantsKeepNeutralValues) {
  for (const Variant* v : all_variants()) {
    if (v->info().default_partial_rotary != 1.0 || v->info().head_wise) continue;
    const Encoding e = encode(*v, worked_scene(), Config{});
    if (e.pairing != Pairing::Half) continue;
    EXPECT_EQ(e.rotary_dims, 128) << v->id();
    EXPECT_EQ(e.pairs(), 64) << v->id();
    EXPECT_FALSE(e.head_wise()) << v->id();
  }
}

}  // namespace
}  // namespace ropelab

namespace ropelab {
namespace {

// The largest difference between the tables and the cos/sin of the direct angles.
double worst_table_error(const Encoding& e) {
  RopeTables tables;
  compute_rope_tables(e, tables);
  const RowMatrix phi = angles(e);
  double worst = 0;
  for (Eigen::Index i = 0; i < phi.rows(); ++i) {
    for (Eigen::Index j = 0; j < phi.cols(); ++j) {
      const auto k = static_cast<std::size_t>(i * phi.cols() + j);
      worst = std::max(worst, std::abs(tables.cos[k] - std::cos(phi(i, j))));
      worst = std::max(worst, std::abs(tables.sin[k] - std::sin(phi(i, j))));
    }
  }
  return worst;
}

// V2PE's quarter steps give one grid point per visual token: long grids take the anchored
// angle-addition path, which must still agree with the direct angles to float32 precision.
TEST(RotaryTables, LongGridsMatchDirectAngles) {
  EXPECT_LT(worst_table_error(
                test::encode_id("v2pe", Scene::text_video_text(8, 40, 16, 16, 8))),  // 10256 tokens
            1e-7);
}

// Large scenes off the short grids take the factored path (grid part x residue class by angle
// addition, rounded once to float): Circle-RoPE's irrational ring ids, V2PE's one point per token,
// HoPE's fractional gamma with a zero-frequency section, the composer, partial rotary with
// adjacent pairing. Each must agree with the direct angles to float32 resolution.
TEST(RotaryTables, FactoredTablesMatchDirectAnglesOnLargeScenes) {
  Scene two_blocks = Scene::text_video_text(5, 80, 16, 16, 7);  // 20492 tokens
  two_blocks.segments.push_back(Segment::image(12, 20));
  two_blocks.segments.push_back(Segment::text(3));
  struct Case {
    std::string id;
    Config config;
  };
  Config gamma;
  gamma.delta = 1.0 / 3;  // hope: ids on no grid of step 1, 1/2, 1/4 or 1/10
  Config partial_adjacent;
  partial_adjacent.partial_rotary = 0.5;
  partial_adjacent.pairing = Pairing::Adjacent;
  Config v2pe_fine;
  v2pe_fine.delta = 0.0625;
  Config circle_auto;
  circle_auto.options.set("circle_radius", std::string("auto"));
  const std::vector<Case> cases{{"circle-rope", {}},
                                {"circle-rope", circle_auto},
                                {"v2pe", {}},
                                {"v2pe", v2pe_fine},
                                {"hope", gamma},
                                {"circle-rope", partial_adjacent},
                                {"custom:circle-rope/mrope-i", {}}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.id);
    const Encoding e = test::encode_id(c.id, two_blocks, c.config);
    ASSERT_GE(e.token_count(), 20000u);
    EXPECT_LT(worst_table_error(e), 1e-7);
  }
}

}  // namespace
}  // namespace ropelab
