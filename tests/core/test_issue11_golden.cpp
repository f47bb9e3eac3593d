// Issue 11 items 1-2: transformers' float32 time arithmetic for Qwen2.5-VL and the Qwen3-VL
// timestamp layout as default, against golden data produced by running transformers
// (tests/data/reference/README.md says exactly how).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "helpers.h"
#include "ropelab/paper_figures.h"

namespace ropelab::test {
namespace {

using nlohmann::json;

json load_reference(const std::string& name) {
  std::ifstream in(std::string(ROPELAB_TEST_DATA) + "/reference/" + name + ".json");
  EXPECT_TRUE(in.good()) << name;
  return json::parse(in);
}

// Each segment carries its own seconds per frame; single-frame segments were images.
Scene scene_with_times(const json& entry) {
  Scene scene;
  for (const json& s : entry["scene"]) {
    if (s["kind"] == "text") {
      scene.segments.push_back(Segment::text(s["count"]));
    } else if (s["kind"] == "image" || s.value("frames", 1) == 1) {
      scene.segments.push_back(Segment::image(s["height"], s["width"]));
    } else {
      scene.segments.push_back(
          Segment::video(s["frames"], s["height"], s["width"], s.value("seconds_per_frame", 1.0)));
    }
  }
  return scene;
}

void expect_ids(const Encoding& e, const json& expected, const std::string& label) {
  const auto rows = expected.get<std::vector<std::vector<double>>>();
  ASSERT_EQ(e.axes().size(), rows.size()) << label;
  for (std::size_t a = 0; a < rows.size(); ++a)
    EXPECT_EQ(axis_ids(e, static_cast<int>(a)), rows[a]) << label << " axis " << a;
}

// Default = transformers' float32 product; --exact-time = exact rational floor.
TEST(Issue11Golden, Qwen25Float32EveryEntry) {
  const json entries = load_reference("qwen25-mrope-float32");
  ASSERT_EQ(entries.size(), 111u);
  int differing = 0;
  for (const json& entry : entries) {
    const json& o = entry["options"];
    const std::string label = entry["scene_id"].get<std::string>() + " " + o.dump();
    Config config;
    config.split = o["mrope_section"].get<std::vector<int>>();
    config.options.set("tokens_per_second", o["tokens_per_second"].get<double>());
    const Scene scene = scene_with_times(entry);
    expect_ids(encode_id("qwen25-mrope", scene, config), entry["position_ids"], label);
    Config exact = config;
    exact.options.set("exact_time", true);
    expect_ids(encode_id("qwen25-mrope", scene, exact), entry["position_ids_exact"],
               label + " --exact-time");
    if (entry["differs_from_exact"].get<bool>()) ++differing;
  }
  EXPECT_EQ(differing, 12);  // fps 25 and 50 at 25 tokens/s, plus two typed @S values
}

// The issue's own example: frame 11's t at 25 tokens/s, 0.08 s per grid.
TEST(Issue11Golden, Qwen25IssueExample) {
  const Scene scene = Scene::parse("text:1,video:11x1x1@0.08,text:1");
  Config config;
  config.options.set("tokens_per_second", 25.0);
  const Encoding f32 = encode_id("qwen25-mrope", scene, config);
  config.options.set("exact_time", true);
  const Encoding exact = encode_id("qwen25-mrope", scene, config);
  // frame 5: 5 * 0.08 * 25 = 10 exactly, float32 gives 9.99999 -> 9 (+ s0 = 1).
  EXPECT_EQ(f32.id(0, 6), 10);
  EXPECT_EQ(exact.id(0, 6), 11);
}

TEST(Issue11Golden, Qwen25DefinitionsDiffShowsThreeReadings) {
  const Scene scene = Scene::parse("text:1,video:11x1x1@0.08,text:1");
  Config config;
  config.options.set("tokens_per_second", 25.0);
  const DefinitionsDiff d = definitions_diff(*find_variant("qwen25-mrope"), scene, config);
  ASSERT_EQ(d.readings.size(), 3u);
  EXPECT_TRUE(d.readings[0].tokens.empty());
  EXPECT_EQ(d.readings[0].encoding.id(0, 6), 10);
  EXPECT_EQ(d.readings[1].encoding.id(0, 6), 11);
  EXPECT_FALSE(d.readings[1].tokens.empty());
  // early cast: 0.08 truncates to 0, every frame at t = s0 = 1
  EXPECT_EQ(d.readings[2].encoding.id(0, 11), 1);
  // frames 1..10 differ and so does the closing text (it follows the largest id); frame 0 and the
  // opening text agree
  EXPECT_EQ(d.readings[2].tokens.size(), 11u);
  EXPECT_EQ(d.readings[2].tokens.front(), 2u);
  // Variants without these readings keep none.
  EXPECT_TRUE(
      definitions_diff(*find_variant("videorope"), worked_scene(), Config{}).readings.empty());
}

// Qwen3-VL: 6 timestamp tokens per frame is the default; other counts through the option.
TEST(Issue11Golden, Qwen3VideosDefaultTimestamps) {
  const json entries = load_reference("qwen3-mrope-videos");
  ASSERT_EQ(entries.size(), 15u);
  int defaults = 0;
  for (const json& entry : entries) {
    const json& o = entry["options"];
    const std::string label = entry["scene_id"].get<std::string>() + " " + o.dump();
    Config config;
    config.split = o["mrope_section"].get<std::vector<int>>();
    if (o["timestamp_tokens"] != 6) {
      config.options.set("timestamp_tokens", o["timestamp_tokens"].get<int>());
    } else {
      ++defaults;  // left unset: the default must be 6
    }
    config.options.set("frame_markers", o["frame_markers"].get<bool>());
    const Encoding e = encode_id("qwen3-mrope", scene_with_times(entry), config);
    expect_ids(e, entry["position_ids"], label);
    EXPECT_EQ(e.pair_axis, entry["pair_axis"].get<std::vector<int>>()) << label;
  }
  EXPECT_EQ(defaults, 10);
}

TEST(Issue11Golden, Qwen3ZeroTimestampsKeepsPlainLayout) {
  Config config;
  config.options.set("timestamp_tokens", 0);
  EXPECT_EQ(encode_id("qwen3-mrope", worked_scene(), config).token_count(), 16u);
  // default 6: each of the 2 frames gets 6 timestamp tokens + start/end markers
  EXPECT_EQ(encode_id("qwen3-mrope", worked_scene()).token_count(), 16u + 2 * (6 + 2));
}

}  // namespace
}  // namespace ropelab::test
