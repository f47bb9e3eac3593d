// The design x allocation composer (issue 12 item 3): custom:DESIGN/ALLOCATION.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "helpers.h"
#include "ropelab/error.h"
#include "ropelab/io/preset.h"
#include "ropelab/registry.h"

namespace ropelab {
namespace {

using test::worked_scene;

TEST(Composer, PairsOneDesignWithAnotherAllocation) {
  const Variant& custom = custom_variant("videorope", "mrope-i");
  EXPECT_EQ(custom.id(), "custom:videorope/mrope-i");
  EXPECT_EQ(&custom, find_variant("custom:videorope/mrope-i"));
  EXPECT_EQ(&custom, &custom_variant("videorope", "mrope-i"));  // one instance per pair
  const Encoding c = encode(custom, worked_scene(), Config{});
  const Encoding design = encode(*find_variant("videorope"), worked_scene(), Config{});
  const Encoding allocation = encode(*find_variant("mrope-i"), worked_scene(), Config{});
  // VideoRoPE's diagonal ids (delta 2) ...
  EXPECT_TRUE(c.positions.ids == design.positions.ids);
  EXPECT_EQ(test::axis_ids(c, 0)[8], 4);
  // ... rotated by MRoPE-I's interleaved map THW THW ... TTTT.
  EXPECT_EQ(c.pair_axis, allocation.pair_axis);
  EXPECT_EQ(c.pair_axis[1], 1);
  EXPECT_EQ(c.pair_axis[2], 2);
  EXPECT_EQ(c.pair_axis[63], 0);
  EXPECT_EQ(c.config.split, allocation.config.split);
}

TEST(Composer, TakesTheAllocationsRotaryConventions) {
  const Encoding c = encode(custom_variant("mrope", "glm4v"), worked_scene(), Config{});
  EXPECT_EQ(c.rotary_dims, 64);
  EXPECT_EQ(c.pairing, Pairing::Adjacent);
  EXPECT_EQ(c.token_count(), 16u);  // mrope's design writes no frame markers
  const Encoding h = encode(custom_variant("videorope", "hope"), worked_scene(), Config{});
  EXPECT_EQ(h.nope_pairs.size(), 16u);
  const Encoding m = encode(custom_variant("mrope", "mhrope"), worked_scene(), Config{});
  EXPECT_EQ(m.head_axis, (std::vector<int>{0, 0, 1, 1, 1, 2, 2, 2}));
}

TEST(Composer, RefusesAnAxisCountMismatchNamingTheOption) {
  try {
    custom_variant("videorope", "vrope");
    FAIL() << "3 axes vs 4";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("--allocation"), std::string::npos) << what;
    EXPECT_NE(what.find("vrope"), std::string::npos) << what;
  }
  EXPECT_EQ(find_variant("custom:videorope/vrope"), nullptr);
  EXPECT_THROW(variant_or_throw("custom:videorope/vrope"), InputError);
  EXPECT_THROW(custom_variant("nope", "mrope"), InputError);
  EXPECT_THROW(custom_variant("mrope", "nope"), InputError);
  EXPECT_THROW(variant_or_throw("custom:mrope"), InputError);
}

// --- the composer in preset / session JSON (issue 12 item 3) ---------------------------------

std::string refusal(const std::string& text) {
  try {
    io::preset_from_json(text, "p.json");
  } catch (const InputError& e) {
    return e.what();
  }
  return "(accepted)";
}

TEST(ComposerJson, PresetsWriteTheObjectFormAndReadItBack) {
  io::Preset p;
  p.variants = {"custom:videorope/mrope-i", "videorope", "mrope-i"};
  p.scene = worked_scene();
  const std::string text = io::preset_to_json(p);
  const nlohmann::json j = nlohmann::json::parse(text);
  EXPECT_EQ(
      j["variants"][0],
      (nlohmann::json{{"variant", "custom"}, {"design", "videorope"}, {"allocation", "mrope-i"}}));
  EXPECT_EQ(j["variants"][1], "videorope");
  const io::Preset back = io::preset_from_json(text, "p.json");
  EXPECT_EQ(back.variants, p.variants);
  EXPECT_EQ(io::preset_to_json(back), text);
  // The encoding of the read-back preset is the composer's: VideoRoPE's ids, MRoPE-I's map.
  const Encoding e = encode(variant_or_throw(back.variants.front()), back.scene, back.config);
  EXPECT_EQ(e.pair_axis, encode(*find_variant("mrope-i"), back.scene, Config{}).pair_axis);
}

TEST(ComposerJson, AcceptsTheIssuesSingleVariantFormAndTheIdString) {
  const std::string scene = R"("scene": [{"kind": "text", "count": 2}])";
  const io::Preset a = io::preset_from_json(
      R"({"version": 1, "variant": "custom", "design": "mrope", "allocation": "glm4v", )" + scene +
          "}",
      "p.json");
  EXPECT_EQ(a.variants, (std::vector<std::string>{"custom:mrope/glm4v"}));
  const io::Preset b = io::preset_from_json(
      R"({"version": 1, "variants": ["custom:mrope/glm4v"], )" + scene + "}", "p.json");
  EXPECT_EQ(b.variants, a.variants);
  const io::Preset c =
      io::preset_from_json(R"({"version": 1, "variant": "hope", )" + scene + "}", "p.json");
  EXPECT_EQ(c.variants, (std::vector<std::string>{"hope"}));
}

TEST(ComposerJson, IncompatibleOrIncompletePairsAreRefusedNamingTheField) {
  const std::string scene = R"(, "scene": [{"kind": "text", "count": 2}]})";
  EXPECT_EQ(refusal(R"({"version": 1, "variants": [{"variant": "custom", "design": "videorope",
      "allocation": "vrope"}])" +
                    scene),
            "p.json: variants[0].allocation = 'vrope' is invalid: must have as many axes as the "
            "design 'videorope' (4 vs 3)");
  EXPECT_EQ(refusal(R"({"version": 1, "variant": "custom", "design": "mrope",
      "allocation": "vanilla")" +
                    scene),
            "p.json: allocation = 'vanilla' is invalid: must have as many axes as the design "
            "'mrope' (1 vs 3)");
  const std::string unknown = refusal(R"({"version": 1, "variants": ["mrope", {"variant": "custom",
      "design": "no-such", "allocation": "mrope"}])" +
                                      scene);
  EXPECT_EQ(unknown.rfind("p.json: variants[1].design = 'no-such' is invalid: must be one of", 0),
            0u)
      << unknown;
  EXPECT_EQ(refusal(R"({"version": 1, "variant": "custom", "design": "mrope")" + scene),
            "p.json: allocation is missing");
  EXPECT_EQ(
      refusal(R"({"version": 1, "variants": ["custom"])" + scene),
      "p.json: variants[0] = 'custom' needs \"design\" and \"allocation\" fields (an object)");
  EXPECT_EQ(refusal(R"({"version": 1, "variant": "mrope", "design": "videorope")" + scene),
            "p.json: design is only read with \"variant\": \"custom\"");
  EXPECT_EQ(refusal(R"({"version": 1, "variant": "mrope", "variants": ["mrope"])" + scene),
            "p.json: variant and \"variants\" are both given: use one (variants lists up to 4)");
}

}  // namespace
}  // namespace ropelab
