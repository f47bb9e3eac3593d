// Checking a user's ids and allocation against the reference (issue 14).
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "helpers.h"
#include "ropelab/check.h"
#include "ropelab/error.h"
#include "ropelab/rope.h"

namespace ropelab::test {
namespace {

// (Designated initializers that leave members out warn under -Wextra with GCC 12.)
Config config_with_head_dim(int head_dim) {
  Config config;
  config.head_dim = head_dim;
  return config;
}

Config config_with_delta(double delta) {
  Config config;
  config.delta = delta;
  return config;
}

// The reference ids of `e` as the user would dump them: (axes, tokens) or (axes, batch, tokens).
io::NpyArray user_ids(const Encoding& e, std::size_t batches = 0,
                      const std::string& dtype = "<i8") {
  io::NpyArray a;
  a.dtype = dtype;
  const std::size_t axes = e.axes().size(), n = e.token_count();
  a.shape =
      batches == 0 ? std::vector<std::size_t>{axes, n} : std::vector<std::size_t>{axes, batches, n};
  for (std::size_t ax = 0; ax < axes; ++ax)
    for (std::size_t b = 0; b < std::max<std::size_t>(batches, 1); ++b)
      for (std::size_t i = 0; i < n; ++i) a.data.push_back(e.id(static_cast<int>(ax), i));
  return a;
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Check, ReferenceIdsMatchInEveryLayout) {
  const Encoding e = encode_id("mrope", worked_scene());
  const IdsCheck plain = check_ids(e, user_ids(e), "ids.npy");
  EXPECT_TRUE(plain.ok());
  EXPECT_EQ(plain.tokens, 16u);
  EXPECT_EQ(plain.per_axis, (std::vector<std::size_t>{0, 0, 0}));
  const IdsCheck batched = check_ids(e, user_ids(e, 3), "ids.npy");
  EXPECT_TRUE(batched.ok());
  EXPECT_EQ(batched.batches, 3u);
  EXPECT_EQ(describe(e, plain), "ids: match (3 axes x 16 tokens equal mrope's reference)\n");
}

TEST(Check, OneWrongIdNamesItsToken) {
  const Encoding e = encode_id("mrope", worked_scene());
  io::NpyArray ids = user_ids(e, 2);
  // batch 1, token 9 (video frame 1, row 0, col 1), axis t: the reference is 3.
  ids.data[0 * 32 + 16 + 9] = 4;
  const IdsCheck c = check_ids(e, ids, "ids.npy");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.first->batch, 1u);
  EXPECT_EQ(c.first->token, 9u);
  EXPECT_EQ(c.first->axis, 0);
  EXPECT_EQ(c.first->expected, 3);
  EXPECT_EQ(c.first->got, 4);
  EXPECT_EQ(c.per_axis, (std::vector<std::size_t>{1, 0, 0}));
  EXPECT_EQ(c.tokens_differing, (std::vector<std::size_t>{9}));
  EXPECT_EQ(describe(e, c),
            "ids: mismatch: your ids differ from mrope's reference at batch 1, token 9 (segment 1: "
            "video, frame 1, row 0, col 1): t = 4, expected 3\n"
            "differing ids per axis: t 1, h 0, w 0 (of 3 axes x 16 tokens x 2 batches); tokens "
            "differing: 1\n");
}

TEST(Check, DtypeRoundingAndHalfIntegerIds) {
  // VideoRoPE with delta 1.5 puts every other frame on a half-integer t: int ids cannot match.
  const Encoding e = encode_id("videorope", worked_scene(), config_with_delta(1.5));
  bool has_half = false;
  for (std::size_t i = 0; i < e.token_count(); ++i)
    has_half = has_half || e.id(0, i) != std::floor(e.id(0, i));
  ASSERT_TRUE(has_half);
  EXPECT_TRUE(check_ids(e, user_ids(e, 0, "<f4"), "f4").ok());
  io::NpyArray truncated = user_ids(e, 0, "<i8");
  for (double& v : truncated.data) v = std::trunc(v);
  EXPECT_FALSE(check_ids(e, truncated, "i8").ok());
  // float32 ids of a large position round: 16777217 is stored as 16777216 and still matches.
  Encoding big = encode_id("vanilla", Scene::parse("text:4"));
  big.positions.ids(0, 3) = 16777217;
  io::NpyArray f4 = user_ids(big, 0, "<f4");
  f4.data[3] = 16777216;
  EXPECT_TRUE(check_ids(big, f4, "f4").ok());
  f4.dtype = "<f8";
  EXPECT_FALSE(check_ids(big, f4, "f8").ok());
}

TEST(Check, WrongShapesSayWhichShapeWasExpected) {
  const Encoding e = encode_id("mrope", worked_scene());
  io::NpyArray ids = user_ids(e);
  ids.shape = {2, 24};
  EXPECT_EQ(error_of([&] { check_ids(e, ids, "ids.npy"); }),
            "ids.npy: shape (2, 24) does not fit mrope on this scene: expected (3, 16) or (3, "
            "batch, 16) (axes t, h, w; 16 tokens)");
  const Encoding v = encode_id("vanilla", worked_scene());
  io::NpyArray one = user_ids(v);
  one.shape = {16};
  EXPECT_TRUE(check_ids(v, one, "ids.npy").ok());
  one.shape = {15};
  EXPECT_NE(error_of([&] { check_ids(v, one, "ids.npy"); }).find("expected (16,), (batch, 16)"),
            std::string::npos);
}

TEST(Check, PairMapAllocation) {
  const Encoding e = encode_id("mrope", worked_scene(), config_with_head_dim(16));
  io::NpyArray map;
  map.dtype = "<i8";
  map.shape = {8};
  for (int a : e.pair_axis) map.data.push_back(a);
  EXPECT_TRUE(check_allocation(e, map, "alloc.npy").ok());
  std::swap(map.data[0], map.data[7]);  // pair 0 reads w, pair 7 reads t
  const AllocationCheck c = check_allocation(e, map, "alloc.npy");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(*c.first, 0);
  EXPECT_EQ(c.differing, 2u);
  EXPECT_EQ(describe(e, c),
            "allocation: mismatch (pair map): pair 0 reads w, expected t; 2 of 8 "
            "pairs differ\n");
  map.data[0] = 3;
  EXPECT_NE(error_of([&] {
              check_allocation(e, map, "alloc.npy");
            }).find("alloc.npy pair 0 = 3 is invalid: must be an axis index in [0, 2]"),
            std::string::npos);
}

// A cos table as a model computes it: float32, rotate-half (tokens, D), from the given map.
io::NpyArray cos_table(const Encoding& e, const std::vector<int>& pair_axis, bool interleaved) {
  io::NpyArray t;
  t.dtype = "<f4";
  const int p = e.pairs();
  t.shape = {1, e.token_count(), static_cast<std::size_t>(2 * p)};
  for (std::size_t i = 0; i < e.token_count(); ++i) {
    for (int c = 0; c < 2 * p; ++c) {
      const int j = interleaved ? c / 2 : c % p;
      const auto angle = static_cast<float>(e.id(pair_axis[static_cast<std::size_t>(j)], i)) *
                         static_cast<float>(e.inv_freq[j]);
      t.data.push_back(static_cast<float>(std::cos(angle)));
    }
  }
  return t;
}

TEST(Check, CosTableAllocationIsDeducedPerPair) {
  const Encoding e =
      encode_id("videorope", Scene::text_video_text(3, 6, 5, 4, 3), config_with_head_dim(32));
  const AllocationCheck good = check_allocation(e, cos_table(e, e.pair_axis, false), "cos.npy");
  EXPECT_TRUE(good.ok()) << describe(e, good);
  EXPECT_EQ(good.layout, "cos table (tokens, D), rotate-half");
  EXPECT_TRUE(check_allocation(e, cos_table(e, e.pair_axis, true), "cos.npy").ok());
  // The Multimodal-RoPEs bug: pair 0 on t (VideoRoPE puts t on the slowest pairs).
  std::vector<int> wrong = e.pair_axis;
  ASSERT_NE(wrong[0], 0);
  const int was = wrong[0];
  wrong[0] = 0;
  const AllocationCheck bad = check_allocation(e, cos_table(e, wrong, false), "cos.npy");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(*bad.first, 0);
  EXPECT_EQ(bad.found[0], 0);
  EXPECT_EQ(bad.expected[0], was);
  EXPECT_NE(describe(e, bad).find("pair 0 reads t, expected"), std::string::npos);
  // A table with another base fits no axis on the fast pairs.
  Encoding other = e;
  other.inv_freq = inverse_frequencies(32, 500.0);
  const AllocationCheck base = check_allocation(e, cos_table(other, e.pair_axis, false), "cos.npy");
  ASSERT_FALSE(base.ok());
  EXPECT_EQ(base.found[static_cast<std::size_t>(*base.first)], -1);
  EXPECT_NE(describe(e, base).find("fits no axis"), std::string::npos);
  io::NpyArray junk = cos_table(e, e.pair_axis, false);
  junk.shape = {e.token_count(), 5, 2};
  EXPECT_NE(error_of([&] {
              check_allocation(e, junk, "cos.npy");
            }).find("expected (16,) pair -> axis map, or a cos table (126, 16) or (126, 32)"),
            std::string::npos);
}

}  // namespace
}  // namespace ropelab::test
