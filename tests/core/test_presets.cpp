// The built-in presets in resources/presets load, encode and describe what they claim.
#include <gtest/gtest.h>

#include <filesystem>

#include "helpers.h"
#include "ropelab/io/preset.h"

namespace ropelab::test {
namespace {

io::Preset builtin(const std::string& name) {
  return io::load_preset(std::string(ROPELAB_SOURCE_DIR) + "/resources/presets/" + name);
}

TEST(BuiltinPresets, EveryPresetLoadsAndEncodes) {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(ROPELAB_SOURCE_DIR) +
                                                               "/resources/presets")) {
    const io::Preset p = io::load_preset(entry.path().string());
    EXPECT_FALSE(p.name.empty()) << entry.path();
    for (const std::string& id : p.variants) {
      if (p.scene.token_count() < 100000) {
        EXPECT_NO_THROW(encode(*find_variant(id), p.scene, p.config)) << entry.path() << " " << id;
      }
    }
    ++count;
  }
  EXPECT_GE(count, 6);
}

TEST(BuiltinPresets, ModelValues) {
  const io::Preset qwen25 = builtin("qwen25-vl.json");
  EXPECT_EQ(qwen25.variants.front(), "qwen25-mrope");
  EXPECT_EQ(qwen25.config.base, 1e6);
  EXPECT_EQ(qwen25.config.options.get<double>("tokens_per_second"), 2);
  const io::Preset qwen3 = builtin("qwen3-vl.json");
  EXPECT_EQ(qwen3.config.split, (std::vector<int>{24, 20, 20}));
  EXPECT_EQ(qwen3.config.base, 5e6);
  const io::Preset niah = builtin("v-niah.json");
  EXPECT_EQ(niah.scene.token_count(), 32 + 3000 * 9 * 16 + 32);
  const io::Preset vrope = builtin("vrope.json");
  EXPECT_EQ(vrope.scene.segments[1].frames, 16);
  EXPECT_EQ(vrope.scene.segments[1].height, 8);
  EXPECT_EQ(builtin("videorope-delta2.json").config.delta, 2.0);
}

}  // namespace
}  // namespace ropelab::test
