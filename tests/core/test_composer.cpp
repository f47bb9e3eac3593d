// The design x allocation composer (issue 12 item 3): custom:DESIGN/ALLOCATION.
#include <gtest/gtest.h>

#include "helpers.h"
#include "ropelab/error.h"
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

}  // namespace
}  // namespace ropelab
