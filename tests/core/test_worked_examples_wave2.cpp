// The worked examples of spec/variants-2.md, one test per example, plus the rotary conventions on
// the wave-2 variants (zero-frequency pairs, head-wise allocation).
#include <gtest/gtest.h>

#include <cmath>

#include "helpers.h"
#include "ropelab/analyses.h"
#include "ropelab/attention.h"
#include "ropelab/error.h"
#include "ropelab/rope.h"

namespace ropelab {
namespace {

using test::axis_ids;
using test::encode_id;
using test::set_option;
using test::worked_scene;
using V = std::vector<double>;

void expect_ids(const Encoding& e, int axis, const V& expected, double tol = 1e-9) {
  const V ids = axis_ids(e, axis);
  ASSERT_EQ(ids.size(), expected.size()) << e.axes()[axis];
  for (std::size_t i = 0; i < ids.size(); ++i)
    EXPECT_NEAR(ids[i], expected[i], tol) << e.axes()[axis] << " token " << i;
}

std::string axis_letters(const Encoding& e) {
  std::string s;
  for (int a : e.pair_axis) s += a < 0 ? '0' : "THW"[a];
  return s;
}

std::string repeat(const std::string& unit, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += unit;
  return s;
}

TEST(WorkedWave2, Hope) {
  const Encoding e = encode_id("hope", worked_scene());
  EXPECT_EQ(*e.config.delta, 0.75);
  expect_ids(e, 0, {0, 1, 2, 2, 2, 2, 2, 2, 2.75, 2.75, 2.75, 2.75, 2.75, 2.75, 3.75, 4.75});
  expect_ids(e, 1, {0, 1, 2, 2, 2, 3, 3, 3, 2.75, 2.75, 2.75, 3.75, 3.75, 3.75, 3.75, 4.75});
  expect_ids(e, 2, {0, 1, 1, 2, 3, 1, 2, 3, 1.75, 2.75, 3.75, 1.75, 2.75, 3.75, 3.75, 4.75});
  EXPECT_EQ(axis_letters(e), repeat("HW", 24) + repeat("0", 16));
  std::vector<int> nope;
  for (int j = 48; j < 64; ++j) nope.push_back(j);
  EXPECT_EQ(e.nope_pairs, nope);
  EXPECT_EQ(e.inv_freq[48], 0.0);
  EXPECT_DOUBLE_EQ(e.inv_freq[47], std::pow(10000.0, -94.0 / 128.0));
}

TEST(WorkedWave2, HopeMmropesAllocation) {
  Config c;
  set_option(c, "convention", "mmropes");
  const Encoding e = encode_id("hope", worked_scene(), c);
  std::string expected = "0";
  for (int j = 1; j < 48; ++j) expected += j % 2 ? 'H' : 'W';
  EXPECT_EQ(axis_letters(e), expected + repeat("0", 16));
  // Same ids when unsplit.
  expect_ids(e, 2, {0, 1, 1, 2, 3, 1, 2, 3, 1.75, 2.75, 3.75, 1.75, 2.75, 3.75, 3.75, 4.75});
}

TEST(WorkedWave2, HopeEqualsVideoRopeCodeIdsWithDeltaGamma) {
  Config c;
  c.delta = 1.25;
  const Scene scene = Scene::parse("text:2,video:5x2x3,text:1,image:3x3,text:2");
  const Encoding h = encode_id("hope", scene, c);
  const Encoding v = encode_id("videorope", scene, c);
  EXPECT_TRUE(h.positions.ids == v.positions.ids);
}

TEST(WorkedWave2, ZeroFrequencyPairsHaveAngleZeroAndAxisWithoutPairs) {
  const Encoding e = encode_id("hope", worked_scene());
  const RowMatrix phi = angles(e);
  for (Eigen::Index i = 0; i < phi.rows(); ++i) {
    for (int j = 48; j < 64; ++j) EXPECT_EQ(phi(i, j), 0.0);
  }
  RopeTables tables;
  compute_rope_tables(e, tables);
  for (std::size_t i = 0; i < e.token_count(); ++i) {
    EXPECT_EQ(tables.cos[i * 64 + 50], 1.0f);
    EXPECT_EQ(tables.sin[i * 64 + 50], 0.0f);
    EXPECT_NEAR(tables.cos[i * 64 + 3], std::cos(phi(static_cast<Eigen::Index>(i), 3)), 1e-6);
  }
  // A NoPE pair's dims are untouched by the rotation.
  const QkPair raw = make_qk(QkSource::gaussian(1), e.token_count(), 128);
  const RowMatrix r = rotate(e, raw.q);
  EXPECT_EQ(r(15, 50), raw.q(15, 50));
  EXPECT_EQ(r(15, 50 + 64), raw.q(15, 50 + 64));
  // HoPE's t has no pairs: collisions report none.
  const CollisionReport report = collisions(e, 0, 10);
  EXPECT_TRUE(report.pairs.empty());
  EXPECT_EQ(report.wrapping_pairs, 0);
  EXPECT_TRUE(std::isnan(report.slowest_wavelength));
  EXPECT_TRUE(report.curve.empty());
}

TEST(WorkedWave2, V2pe) {
  const Encoding e = encode_id("v2pe", worked_scene());
  expect_ids(e, 0, {0, 1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75, 3, 3.25, 3.5, 3.75, 4, 5, 6});
  const Encoding f = encode_id("v2pe", Scene::parse("text:2,image:3x3,text:2"));
  expect_ids(f, 0, {0, 1, 1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75, 3, 3.25, 5, 6});
  EXPECT_EQ(e.pair_axis, std::vector<int>(64, 0));
  // delta = 1 gives vanilla ids.
  Config one;
  one.delta = 1;
  const Encoding v = encode_id("v2pe", worked_scene(), one);
  expect_ids(v, 0, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});
}

TEST(WorkedWave2, Glm4v) {
  Config c;
  set_option(c, "timestamp_tokens", "1");
  const Encoding e = encode_id("glm4v", worked_scene(), c);
  ASSERT_EQ(e.token_count(), 22u);
  expect_ids(e, 0, {0, 1, 2, 3, 3, 3, 3, 3, 3, 6, 7, 8, 9, 9, 9, 9, 9, 9, 12, 13, 14, 15});
  expect_ids(e, 1, {0, 1, 2, 3, 3, 3, 4, 4, 4, 6, 7, 8, 9, 9, 9, 10, 10, 10, 12, 13, 14, 15});
  expect_ids(e, 2, {0, 1, 2, 3, 4, 5, 3, 4, 5, 6, 7, 8, 9, 10, 11, 9, 10, 11, 12, 13, 14, 15});
  EXPECT_EQ(axis_letters(e), repeat("T", 8) + repeat("H", 12) + repeat("W", 12));
  EXPECT_EQ(e.rotary_dims, 64);
  EXPECT_EQ(e.pairing, Pairing::Adjacent);
  EXPECT_DOUBLE_EQ(e.inv_freq[1], std::pow(10000.0, -2.0 / 64.0));
  EXPECT_EQ(e.positions.tokens.modality[2], Modality::Text);  // <|begin_of_image|>
  EXPECT_EQ(e.positions.tokens.modality[3], Modality::Video);
}

TEST(WorkedWave2, Glm4vDefaultsToOneTimestampTokenAndRefusesNoSeparator) {
  const Encoding e = encode_id("glm4v", worked_scene());
  EXPECT_EQ(e.token_count(), 22u);
  Config c;
  set_option(c, "frame_markers", "false");
  set_option(c, "timestamp_tokens", "0");
  try {
    encode_id("glm4v", worked_scene(), c);
    FAIL() << "glm4v needs a separator between frame groups";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("--timestamp-tokens"), std::string::npos);
  }
}

TEST(WorkedWave2, Ernie45Vl) {
  const Encoding e = encode_id("ernie45-vl", worked_scene());
  expect_ids(e, 0, {0, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 5, 6});
  expect_ids(e, 1, {0, 1, 2, 2, 2, 3, 3, 3, 2, 2, 2, 3, 3, 3, 5, 6});
  expect_ids(e, 2, {0, 1, 2, 3, 4, 2, 3, 4, 2, 3, 4, 2, 3, 4, 5, 6});
  EXPECT_EQ(axis_letters(e), repeat("HW", 22) + repeat("T", 20));
  EXPECT_EQ(e.pairing, Pairing::Adjacent);
}

TEST(WorkedWave2, Ernie45VlConventionsDifferForLongVideos) {
  const Scene scene = Scene::parse("text:1,video:4x2x2,text:2");
  const Encoding code = encode_id("ernie45-vl", scene);
  expect_ids(code, 0, {0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 6});
  EXPECT_EQ(axis_ids(code, 1).back(), 6);
  Config c;
  set_option(c, "convention", "hf");
  const Encoding hf = encode_id("ernie45-vl", scene, c);
  for (int a = 0; a < 3; ++a) {
    const V ids = axis_ids(hf, a);
    EXPECT_EQ(ids[17], 3);
    EXPECT_EQ(ids[18], 4);
  }
}

TEST(WorkedWave2, Mhrope) {
  const Encoding e = encode_id("mhrope", worked_scene());
  expect_ids(e, 0, {0, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 5, 6});
  expect_ids(e, 1, {0, 1, 2, 2, 2, 3, 3, 3, 2, 2, 2, 3, 3, 3, 5, 6});
  expect_ids(e, 2, {0, 1, 2, 3, 4, 2, 3, 4, 2, 3, 4, 2, 3, 4, 5, 6});
  EXPECT_EQ(e.head_axis, (std::vector<int>{0, 0, 1, 1, 1, 2, 2, 2}));
  EXPECT_EQ(e.head, 0);
  EXPECT_EQ(e.pair_axis, std::vector<int>(64, 0));
  Config reset;
  set_option(reset, "spatial_reset", "true");
  const Encoding r = encode_id("mhrope", worked_scene(), reset);
  expect_ids(r, 0, {0, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 5, 6});
  expect_ids(r, 1, {0, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 5, 6});
  expect_ids(r, 2, {0, 1, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 5, 6});
}

TEST(WorkedWave2, MhropeHeadSwitchesTheMap) {
  Config c;
  c.head = 3;
  const Encoding h = encode_id("mhrope", worked_scene(), c);
  EXPECT_EQ(h.pair_axis, std::vector<int>(64, 1));
  EXPECT_TRUE(h.nope_pairs.empty());
  // The angles follow the head: head 3 rotates every pair by h.
  const RowMatrix phi = angles(h);
  EXPECT_DOUBLE_EQ(phi(5, 1), 3 * h.inv_freq[1]);
  set_option(c, "head_split", "1:3:3");
  c.head = 7;
  const Encoding z = encode_id("mhrope", worked_scene(), c);
  EXPECT_EQ(z.pair_axis, std::vector<int>(64, -1));
  EXPECT_EQ(z.nope_pairs.size(), 64u);
  EXPECT_TRUE(angles(z).isZero());
  c.head = 9;
  try {
    encode_id("mhrope", worked_scene(), c);
    FAIL() << "head 9 of 8 KV heads";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("--head"), std::string::npos) << error.what();
  }
  c.head = 0;
  set_option(c, "head_split", "3:3:3");
  EXPECT_THROW(encode_id("mhrope", worked_scene(), c), InputError);
}

TEST(WorkedWave2, MhropeKvHeadsAddZeroHeads) {
  Config c;
  set_option(c, "kv_heads", "11");
  c.head = 10;
  const Encoding e = encode_id("mhrope", worked_scene(), c);
  EXPECT_EQ(e.head_axis, (std::vector<int>{0, 0, 1, 1, 1, 2, 2, 2, -1, -1, -1}));
  EXPECT_EQ(e.pair_axis, std::vector<int>(64, -1));
  set_option(c, "kv_heads", "7");  // 2 + 3 + 3 > 7
  c.head = 0;
  try {
    encode_id("mhrope", worked_scene(), c);
    FAIL();
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("--head-split"), std::string::npos);
  }
}

TEST(WorkedWave2, CircleRopeImage) {
  const Encoding e = encode_id("circle-rope", Scene::parse("text:2,image:2x3,text:2"));
  expect_ids(e, 0, {0, 1, 2, 9.5275, 7.8319, -6.165, -6.1004, -5.9078, 10.5275, 11.5275}, 1e-4);
  expect_ids(e, 1, {0, 1, 9.0711, 0.9754, -5.8649, 6.0825, 5.1629, 4.1933, 10.5275, 11.5275}, 1e-4);
  expect_ids(e, 2, {0, 1, -5.0711, -4.5029, 4.033, 6.0825, 6.9375, 7.7145, 10.5275, 11.5275}, 1e-4);
  EXPECT_EQ(axis_letters(e), repeat("T", 16) + repeat("H", 24) + repeat("W", 24));
}

TEST(WorkedWave2, CircleRopeVideo) {
  const Encoding e = encode_id("circle-rope", worked_scene());
  expect_ids(e, 0,
             {0, 1, 2, 9.5275, 7.8319, -6.165, -6.1004, -5.9078, 3, 10.5275, 8.8319, -5.165,
              -5.1004, -4.9078, 11.5275, 12.5275},
             1e-4);
}

TEST(WorkedWave2, IlRopeAndOmniRope) {
  for (const char* id : {"il-rope", "omni-rope"}) {
    const Encoding e = encode_id(id, worked_scene());
    expect_ids(e, 0, {0, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 5, 6});
    expect_ids(e, 1, {0, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 5, 6});
    expect_ids(e, 2, {0, 1, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 5, 6});
  }
  EXPECT_EQ(axis_letters(encode_id("omni-rope", worked_scene())),
            repeat("T", 16) + repeat("H", 24) + repeat("W", 24));
  EXPECT_EQ(axis_letters(encode_id("il-rope", worked_scene())), repeat("THW", 20) + "TTTT");
}

TEST(WorkedWave2, MmRope) {
  const Encoding e = encode_id("mm-rope", worked_scene());
  expect_ids(e, 0, {0, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 5, 6});
  expect_ids(e, 1, {0, 1, 2, 2, 2, 3, 3, 3, 2, 2, 2, 3, 3, 3, 5, 6});
  expect_ids(e, 2, {0, 1, 2, 3, 4, 2, 3, 4, 2, 3, 4, 2, 3, 4, 5, 6});
  EXPECT_EQ(axis_letters(e), repeat("TTHWHWHW", 8));
  Config c;
  set_option(c, "mm_scale", "4:8:8");
  const Encoding s = encode_id("mm-rope", worked_scene(), c);
  expect_ids(s, 0, {0, 1, 2, 2, 2, 2, 2, 2, 6, 6, 6, 6, 6, 6, 19, 20});
  expect_ids(s, 1, {0, 1, 2, 2, 2, 10, 10, 10, 2, 2, 2, 10, 10, 10, 19, 20});
  expect_ids(s, 2, {0, 1, 2, 10, 18, 2, 10, 18, 2, 10, 18, 2, 10, 18, 19, 20});
}

TEST(WorkedWave2, Grape) {
  const Encoding e = encode_id("grape", worked_scene());
  const Encoding m = encode_id("mrope", worked_scene());
  EXPECT_TRUE(e.positions.ids == m.positions.ids);
  EXPECT_EQ(axis_letters(e), repeat("T", 16) + repeat("H", 24) + repeat("W", 24));
  Config c;
  set_option(c, "grape_allocation", "interleaved");
  set_option(c, "grape_log_scale", "2");
  const Encoding i = encode_id("grape", worked_scene(), c);
  EXPECT_EQ(axis_letters(i), repeat("THW", 21) + "T");
  EXPECT_DOUBLE_EQ(i.inv_freq[10], std::sqrt(std::pow(10000.0, -20.0 / 128.0)));
}

TEST(WorkedWave2, PerFrameSplitWritesTimestampsAndMarkers) {
  Config c;
  set_option(c, "timestamp_tokens", "2");
  const Encoding e = encode_id("omni-rope", worked_scene(), c);
  // 2 text, per frame (2 stamps + start + 6 + end) x 2, 2 text.
  ASSERT_EQ(e.token_count(), 2u + 2 * 10 + 2);
  expect_ids(e, 0,
             {0, 1, 2, 3, 4, 5, 5, 5, 5, 5, 5, 8, 9, 10, 11, 12, 12, 12, 12, 12, 12, 15, 16, 17});
}

TEST(WorkedWave2, UnknownConventionIsRefusedNamingTheOption) {
  Config c;
  set_option(c, "convention", "hf");
  try {
    encode_id("hope", worked_scene(), c);
    FAIL() << "hope has no hf convention";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("--convention"), std::string::npos);
  }
}

}  // namespace
}  // namespace ropelab
