// Golden ids of the wave-2 variants (spec/variants-2.md), produced by running each variant's
// reference code (tests/data/reference/README.md says how; wave2_cases.md maps every entry to CLI
// options). Every entry of every file is checked: ids, allocation, rotary conventions.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "helpers.h"
#include "ropelab/registry.h"

namespace ropelab {
namespace {

using nlohmann::json;

const char* const kFiles[] = {"hope",        "v2pe",    "glm4v",     "ernie45-vl", "mhrope",
                              "circle-rope", "il-rope", "omni-rope", "mm-rope",    "grape"};

std::string triple(const json& v) {
  std::string text;
  for (const json& x : v) {
    std::ostringstream s;
    s << x.get<double>();
    text += (text.empty() ? "" : ":") + s.str();
  }
  return text;
}

std::string text_of(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  std::ostringstream s;
  s << v.get<double>();
  return s.str();
}

Scene scene_of(const json& segments) {
  Scene scene;
  for (const json& s : segments) {
    const std::string kind = s.at("kind");
    if (kind == "text") {
      scene.segments.push_back(Segment::text(s.at("count")));
    } else if (kind == "image" || s.value("frames", 1) == 1) {
      // The files write an image as a one-frame video (its tokens are labelled "image").
      scene.segments.push_back(Segment::image(s.at("height"), s.at("width")));
    } else {
      scene.segments.push_back(Segment::video(s.at("frames"), s.at("height"), s.at("width"),
                                              s.value("seconds_per_frame", 1.0)));
    }
  }
  return scene;
}

Config config_of(const json& options) {
  Config c;
  for (const auto& [key, v] : options.items()) {
    if (key == "head_dim") {
      c.head_dim = v.get<int>();
    } else if (key == "delta") {
      c.delta = v.get<double>();
    } else if (key == "partial_rotary") {
      c.partial_rotary = v.get<double>();
    } else if (key == "pairing") {
      c.pairing = v == "adjacent" ? Pairing::Adjacent : Pairing::Half;
    } else if (key == "head") {
      c.head = v.get<int>();
    } else if (key == "convention") {
      test::set_option(c, "convention", v.get<std::string>());
    } else if (key == "head_split" || key == "mm_scale") {
      test::set_option(c, key, triple(v));
    } else if (key == "circle_positive") {
      test::set_option(c, key, v.is_boolean() ? "off" : text_of(v));
    } else if (key == "timestamp_tokens" || key == "frame_markers" || key == "spatial_reset" ||
               key == "kv_heads" || key.rfind("circle_", 0) == 0 || key.rfind("grape_", 0) == 0) {
      test::set_option(c, key, text_of(v));
    }
    // mrope_section(_hwt), layout, model, reference, unpatched, rope_pos_id_stride and
    // visual_stride describe how the reference was run; the CLI options above reproduce them.
  }
  return c;
}

Modality modality_of(const std::string& kind) {
  if (kind == "video") return Modality::Video;
  if (kind == "image") return Modality::Image;
  return Modality::Text;  // text, timestamp, vision_start, vision_end
}

class GoldenWave2 : public ::testing::TestWithParam<const char*> {};

TEST_P(GoldenWave2, EveryEntryMatchesTheReferenceCode) {
  const std::string id = GetParam();
  const std::filesystem::path path =
      std::filesystem::path(ROPELAB_TEST_DATA) / "reference" / (id + ".json");
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not present yet";
  std::ifstream in(path);
  const json entries = json::parse(in);
  ASSERT_FALSE(entries.empty());
  const Variant* variant = find_variant(id);
  ASSERT_NE(variant, nullptr) << id;
  for (std::size_t n = 0; n < entries.size(); ++n) {
    const json& entry = entries[n];
    SCOPED_TRACE(id + " #" + std::to_string(n) + " " + entry.at("scene_id").get<std::string>() +
                 " " + entry.at("options").dump());
    const Encoding e =
        encode(*variant, scene_of(entry.at("scene")), config_of(entry.at("options")));
    const json& ids = entry.at("position_ids");
    ASSERT_EQ(ids.size(), e.axes().size());
    ASSERT_EQ(ids[0].size(), e.token_count());
    for (std::size_t a = 0; a < ids.size(); ++a) {
      for (std::size_t i = 0; i < ids[a].size(); ++i) {
        const double expected = ids[a][i].get<double>();
        ASSERT_NEAR(e.id(static_cast<int>(a), i), expected,
                    1e-4 * std::max(1.0, std::abs(expected)))
            << "axis " << a << " token " << i;
      }
    }
    const json& kinds = entry.at("token_kinds");
    for (std::size_t i = 0; i < kinds.size(); ++i)
      ASSERT_EQ(e.positions.tokens.modality[i], modality_of(kinds[i])) << "token " << i;
    EXPECT_EQ(e.pair_axis, entry.at("pair_axis").get<std::vector<int>>());
    EXPECT_EQ(e.rotary_dims, entry.at("rotary_dims").get<int>());
    EXPECT_EQ(e.pairing == Pairing::Adjacent ? "adjacent" : "half",
              entry.at("pairing").get<std::string>());
    EXPECT_EQ(e.nope_pairs, entry.at("nope_pairs").get<std::vector<int>>());
    if (entry.contains("head_axis")) {
      EXPECT_EQ(e.head_axis, entry.at("head_axis").get<std::vector<int>>());
      EXPECT_EQ(e.head, entry.at("head").get<int>());
    }
    if (entry.contains("inv_freq")) {
      const auto inv = entry.at("inv_freq").get<std::vector<double>>();
      ASSERT_EQ(static_cast<Eigen::Index>(inv.size()), e.inv_freq.size());
      for (std::size_t j = 0; j < inv.size(); ++j)
        EXPECT_NEAR(e.inv_freq[static_cast<Eigen::Index>(j)], inv[j], 1e-6 * inv[j] + 1e-12)
            << "pair " << j;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Wave2, GoldenWave2, ::testing::ValuesIn(kFiles), [](const auto& info) {
  std::string name = info.param;
  for (char& ch : name) {
    if (ch == '-') ch = '_';
  }
  return name;
});

}  // namespace
}  // namespace ropelab
