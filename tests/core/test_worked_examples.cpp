// spec/worked-examples.md: every seed variant's ids and allocation on the 16-token scene.
#include <gtest/gtest.h>

#include "helpers.h"

namespace ropelab::test {
namespace {

using Ids = std::vector<double>;

void expect_axes(const std::string& id, const std::vector<Ids>& expected, Config config = {}) {
  const Encoding e = encode_id(id, worked_scene(), config);
  ASSERT_EQ(e.token_count(), 16u);
  ASSERT_EQ(e.axes().size(), expected.size());
  for (std::size_t a = 0; a < expected.size(); ++a)
    EXPECT_EQ(axis_ids(e, static_cast<int>(a)), expected[a]) << id << " axis " << e.axes()[a];
}

std::vector<int> chunks(std::initializer_list<std::pair<int, int>> runs) {
  std::vector<int> out;
  for (auto [count, axis] : runs) out.insert(out.end(), count, axis);
  return out;
}

TEST(WorkedExample, Vanilla) {
  expect_axes("vanilla", {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}});
  EXPECT_EQ(encode_id("vanilla", worked_scene()).pair_axis, std::vector<int>(64, 0));
}

TEST(WorkedExample, Tad) {
  expect_axes("tad", {{0, 2, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 18, 20}});
}

TEST(WorkedExample, MRope) {
  expect_axes("mrope", {{0, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 5, 6},
                        {0, 1, 2, 2, 2, 3, 3, 3, 2, 2, 2, 3, 3, 3, 5, 6},
                        {0, 1, 2, 3, 4, 2, 3, 4, 2, 3, 4, 2, 3, 4, 5, 6}});
  EXPECT_EQ(encode_id("mrope", worked_scene()).pair_axis, chunks({{16, 0}, {24, 1}, {24, 2}}));
}

TEST(WorkedExample, VideoRopeDelta2) {
  expect_axes("videorope", {{0, 1, 2, 2, 2, 2, 2, 2, 4, 4, 4, 4, 4, 4, 5, 6},
                            {0, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 5, 6},
                            {0, 1, 1, 2, 3, 1, 2, 3, 3, 4, 5, 3, 4, 5, 5, 6}});
  const Encoding e = encode_id("videorope", worked_scene());
  for (int j = 0; j < 48; ++j) EXPECT_EQ(e.pair_axis[j], j % 2 == 0 ? 1 : 2) << j;
  for (int j = 48; j < 64; ++j) EXPECT_EQ(e.pair_axis[j], 0) << j;
}

TEST(WorkedExample, VideoRopeDelta15) {
  Config config;
  config.delta = 1.5;
  expect_axes("videorope",
              {{0, 1, 2, 2, 2, 2, 2, 2, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 4.5, 5.5},
               {0, 1, 2, 2, 2, 3, 3, 3, 3.5, 3.5, 3.5, 4.5, 4.5, 4.5, 4.5, 5.5},
               {0, 1, 1, 2, 3, 1, 2, 3, 2.5, 3.5, 4.5, 2.5, 3.5, 4.5, 4.5, 5.5}},
              config);
}

TEST(WorkedExample, VRope) {
  expect_axes("vrope", {{0, 1, 2, 3, 4, 3, 4, 5, 6, 7, 8, 7, 8, 9, 10, 11},
                        {0, 1, 3, 4, 5, 2, 3, 4, 7, 8, 9, 6, 7, 8, 10, 11},
                        {0, 1, 5, 4, 3, 4, 3, 2, 9, 8, 7, 8, 7, 6, 10, 11},
                        {0, 1, 4, 3, 2, 5, 4, 3, 8, 7, 6, 9, 8, 7, 10, 11}});
  const Encoding e = encode_id("vrope", worked_scene());
  const int code_order[4] = {0, 3, 1, 2};  // u1, u4, u2, u3
  for (int j = 0; j < 64; ++j) EXPECT_EQ(e.pair_axis[j], code_order[j % 4]) << j;
  Config paper;
  paper.options.set("convention", std::string("paper"));
  const Encoding p = encode_id("vrope", worked_scene(), paper);
  for (int j = 0; j < 64; ++j) EXPECT_EQ(p.pair_axis[j], j % 4) << j;
  EXPECT_EQ(p.positions.ids, e.positions.ids);  // same ids, different pair -> direction map
}

TEST(WorkedExample, RopeShare) {
  expect_axes("rope-share", {{0, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 5}});
}

TEST(WorkedExample, RopeCompact) {
  expect_axes("rope-compact", {{0, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 5},
                               {0, 1, 2, 2, 2, 3, 3, 3, 2, 2, 2, 3, 3, 3, 4, 5},
                               {0, 1, 2, 3, 4, 2, 3, 4, 2, 3, 4, 2, 3, 4, 5, 6}});
  EXPECT_EQ(encode_id("rope-compact", worked_scene()).pair_axis,
            chunks({{16, 0}, {24, 1}, {24, 2}}));
}

// variants.md's RoPE-Tie example: 3 text tokens, H = 2, W = 3 -> rows at 6, 10, columns at
// 5, 8, 11, next text at 14.
TEST(WorkedExample, RopeTieImage) {
  Scene scene;
  scene.segments = {Segment::text(3), Segment::image(2, 3), Segment::text(1)};
  const Encoding e = encode_id("rope-tie", scene);
  EXPECT_EQ(axis_ids(e, 0), (Ids{0, 1, 2, 6, 6, 6, 10, 10, 10, 14}));
  EXPECT_EQ(axis_ids(e, 1), (Ids{0, 1, 2, 5, 8, 11, 5, 8, 11, 14}));
  for (int j = 0; j < 64; ++j) EXPECT_EQ(e.pair_axis[j], j % 2) << j;
}

TEST(WorkedExample, RopeTieFractionalSteps) {
  Scene scene;
  scene.segments = {Segment::text(3), Segment::image(2, 3), Segment::text(1)};
  Config config;
  config.options.set("fractional_steps", true);
  const Encoding e = encode_id("rope-tie", scene, config);
  // Steps (WH+1)/(H+1) = 7/3 for rows and (WH+1)/(W+1) = 7/4 for columns; next text at L+WH+1 = 9.
  EXPECT_DOUBLE_EQ(e.id(0, 3), 2 + 7.0 / 3);
  EXPECT_DOUBLE_EQ(e.id(0, 6), 2 + 14.0 / 3);
  EXPECT_DOUBLE_EQ(e.id(1, 5), 2 + 21.0 / 4);
  EXPECT_DOUBLE_EQ(e.id(0, 9), 9);
  EXPECT_DOUBLE_EQ(e.id(1, 9), 9);
}

TEST(WorkedExample, Rope2d) {
  expect_axes("rope-2d", {{0, 1, 2, 2, 2, 3, 3, 3, 5, 5, 5, 6, 6, 6, 8, 9},
                          {0, 1, 2, 3, 4, 2, 3, 4, 5, 6, 7, 5, 6, 7, 8, 9}});
}

TEST(WorkedExample, Qwen3InterleavedAllocation) {
  const Encoding e = encode_id("qwen3-mrope", worked_scene());
  for (int j = 0; j < 64; ++j) {
    const int expected = j >= 60 ? 0 : j % 3;
    EXPECT_EQ(e.pair_axis[j], expected) << j;
  }
  EXPECT_EQ(e.config.split, (std::vector<int>{24, 20, 20}));
}

}  // namespace
}  // namespace ropelab::test
