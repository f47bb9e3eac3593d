// The visual segment the views follow (issue #10): Scene::main_visual_segment, and the segment
// argument of collisions() and compute_attention(), on a scene with an image before two videos.
#include <gtest/gtest.h>

#include <memory>

#include "helpers.h"
#include "ropelab/analyses.h"
#include "ropelab/error.h"
#include "ropelab/view_data.h"

namespace ropelab::test {
namespace {

// text 2, image 3x4 (12 tokens), text 1, video 5 frames of 2x3, text 1, video 7 frames of 1x2,
// text 1: segments 0..6.
Scene image_then_two_videos() {
  return Scene::parse("text:2,image:3x4,text:1,video:5x2x3,text:1,video:7x1x2,text:1");
}

TEST(VisualSegment, MainIsTheFirstWithTheMostFrames) {
  EXPECT_EQ(image_then_two_videos().main_visual_segment(), 5);
  EXPECT_EQ(Scene::parse("text:1,image:2x2,text:1").main_visual_segment(), 1);
  EXPECT_EQ(Scene::parse("video:4x1x1,video:4x2x2").main_visual_segment(), 0);
  EXPECT_EQ(Scene::parse("text:3").main_visual_segment(), -1);
  EXPECT_EQ(image_then_two_videos().first_visual_segment(), 1);
}

TEST(VisualSegment, CollisionsMeasureTheChosenSegmentsExtent) {
  // VideoRoPE with δ = 2: consecutive frames are δ apart on t, so a video of F frames spans
  // 2 (F - 1) on its temporal axis; an image spans nothing.
  Config c;
  c.delta = 2.0;
  const Encoding e = encode_id("videorope", image_then_two_videos(), c);
  EXPECT_DOUBLE_EQ(collisions(e, -1, 0).extent, 0.0);  // the default: the first, the image
  EXPECT_DOUBLE_EQ(collisions(e, -1, 0, 1).extent, 0.0);
  EXPECT_DOUBLE_EQ(collisions(e, -1, 0, 3).extent, 8.0);
  EXPECT_DOUBLE_EQ(collisions(e, -1, 0, 5).extent, 12.0);
  for (int bad : {0, 2, 6, 7, 100}) EXPECT_THROW(collisions(e, -1, 0, bad), InputError) << bad;
}

TEST(VisualSegment, AttentionShowsTheChosenSegment) {
  const auto e = std::make_shared<const Encoding>(encode_id("videorope", image_then_two_videos()));
  const AttentionData image = compute_attention(e, QkSource::ones(), -1);
  EXPECT_EQ(image.segment, 1);
  EXPECT_EQ(image.frames, 1);
  EXPECT_EQ(image.height, 3);
  EXPECT_EQ(image.width, 4);
  const AttentionData second = compute_attention(e, QkSource::ones(), -1, 5);
  EXPECT_EQ(second.segment, 5);
  EXPECT_EQ(second.frames, 7);
  EXPECT_EQ(second.height, 1);
  EXPECT_EQ(second.width, 2);
  ASSERT_EQ(second.tiles.size(), 7U);
  // Tokens: text 0-1, image 2-13, text 14, video 15-44, text 45, video 46-59, text 60. The last
  // tile holds the probabilities of the second video's last frame, tokens 58 and 59.
  EXPECT_DOUBLE_EQ(second.tiles.back()(0, 0), second.probabilities[58]);
  EXPECT_DOUBLE_EQ(second.tiles.back()(0, 1), second.probabilities[59]);
  const AttentionData first = compute_attention(e, QkSource::ones(), -1, 3);
  EXPECT_EQ(first.frames, 5);
  EXPECT_DOUBLE_EQ(first.tiles.front()(0, 0), first.probabilities[15]);
  EXPECT_THROW(compute_attention(e, QkSource::ones(), -1, 4), InputError);
}

}  // namespace
}  // namespace ropelab::test
