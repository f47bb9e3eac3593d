// Golden ids and allocations produced by running the authors' reference code
// (tests/data/reference/README.md says exactly how).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "helpers.h"

namespace ropelab::test {
namespace {

using nlohmann::json;

json load(const std::string& variant) {
  std::ifstream in(std::string(ROPELAB_TEST_DATA) + "/reference/" + variant + ".json");
  EXPECT_TRUE(in.good()) << variant;
  return json::parse(in);
}

// The reference runs passed single-frame segments to the Qwen code as images.
Scene scene_of(const json& entry, double seconds_per_frame) {
  Scene scene;
  for (const json& s : entry["scene"]) {
    if (s["kind"] == "text") {
      scene.segments.push_back(Segment::text(s["count"]));
    } else if (s["frames"] == 1) {
      scene.segments.push_back(Segment::image(s["height"], s["width"]));
    } else {
      scene.segments.push_back(
          Segment::video(s["frames"], s["height"], s["width"], seconds_per_frame));
    }
  }
  return scene;
}

Config config_of(const json& options, double& seconds_per_frame) {
  Config config;
  seconds_per_frame = options.value("second_per_grid", 1.0);
  if (options.contains("delta")) config.delta = options["delta"].get<double>();
  if (options.contains("mrope_section"))
    config.split = options["mrope_section"].get<std::vector<int>>();
  // Every entry option that is a declared variant option goes through the declarations (the
  // golden files spell early_integer_cast as early_cast); the rest (delta, second_per_grid,
  // mrope_section, layout) are not variant options.
  for (const auto& [key, value] : options.items()) {
    const std::string name = key == "early_cast" ? "early_integer_cast" : key;
    const OptionSpec* spec = find_option_by_key(name);
    if (!spec) continue;
    config.options.set(
        name, parse_option(*spec, value.is_string() ? value.get<std::string>() : value.dump()));
  }
  return config;
}

void check_file(const std::string& variant) {
  const json entries = load(variant);
  ASSERT_FALSE(entries.empty());
  int checked = 0;
  for (const json& entry : entries) {
    if (entry["options"].value("layout", "whole") == "qwen3")
      continue;  // mrope-i's per-frame split = qwen3-mrope
    double seconds = 1;
    const Config config = config_of(entry["options"], seconds);
    const Encoding e = encode_id(variant, scene_of(entry, seconds), config);
    const std::string label =
        variant + " " + entry["scene_id"].get<std::string>() + " " + entry["options"].dump();
    const auto expected = entry["position_ids"].get<std::vector<std::vector<double>>>();
    ASSERT_EQ(e.axes(), entry["axes"].get<std::vector<std::string>>()) << label;
    for (std::size_t a = 0; a < expected.size(); ++a)
      EXPECT_EQ(axis_ids(e, static_cast<int>(a)), expected[a]) << label << " axis " << a;
    if (entry.contains("pair_axis")) {
      EXPECT_EQ(e.pair_axis, entry["pair_axis"].get<std::vector<int>>()) << label;
    }
    ++checked;
  }
  EXPECT_GE(checked, 6) << variant;
}

TEST(ReferenceGolden, Vanilla) {
  check_file("vanilla");
}
TEST(ReferenceGolden, Tad) {
  check_file("tad");
}
TEST(ReferenceGolden, MRope) {
  check_file("mrope");
}
TEST(ReferenceGolden, VideoRope) {
  check_file("videorope");
}
TEST(ReferenceGolden, VRope) {
  check_file("vrope");
}
TEST(ReferenceGolden, Qwen25MRope) {
  check_file("qwen25-mrope");
}
TEST(ReferenceGolden, Qwen3MRope) {
  check_file("qwen3-mrope");
}
TEST(ReferenceGolden, MRopeI) {
  check_file("mrope-i");
}

}  // namespace
}  // namespace ropelab::test
