// The HF config importer recognises the wave-2 model configs (issue 12 item 4).
#include <gtest/gtest.h>

#include "ropelab/error.h"
#include "ropelab/io/preset.h"

namespace ropelab {
namespace {

io::Preset import(const std::string& text) {
  return io::import_hf_config(text, "config.json", io::Preset{});
}

TEST(HfImportWave2, Glm41vIsPartialRotaryWithAdjacentPairing) {
  const io::Preset p = import(R"({"model_type": "glm4v", "text_config": {
      "hidden_size": 4096, "num_attention_heads": 32, "partial_rotary_factor": 0.5,
      "rope_theta": 10000, "rope_scaling": {"type": "default", "mrope_section": [8, 12, 12]}}})");
  EXPECT_EQ(p.variants.front(), "glm4v");
  EXPECT_EQ(p.config.head_dim, 128);
  EXPECT_EQ(*p.config.partial_rotary, 0.5);
  EXPECT_EQ(*p.config.pairing, Pairing::Adjacent);
  EXPECT_EQ(p.config.split, (std::vector<int>{8, 12, 12}));
  EXPECT_EQ(p.config.base, 10000.0);
}

TEST(HfImportWave2, Glm45vMoeUsesHalfPairing) {
  const io::Preset p = import(R"({"model_type": "glm4v_moe", "text_config": {
      "head_dim": 128, "partial_rotary_factor": 0.5, "rope_theta": 10000}})");
  EXPECT_EQ(p.variants.front(), "glm4v");
  EXPECT_EQ(*p.config.pairing, Pairing::Half);
  EXPECT_EQ(*p.config.partial_rotary, 0.5);
}

TEST(HfImportWave2, Ernie45VlReadsTheSectionInHwtOrder) {
  const io::Preset p = import(R"({"model_type": "ernie4_5_vl_moe", "text_config": {
      "head_dim": 128, "rope_theta": 500000,
      "rope_parameters": {"mrope_section": [22, 22, 20]}}})");
  EXPECT_EQ(p.variants.front(), "ernie45-vl");
  EXPECT_EQ(p.config.split, (std::vector<int>{20, 22, 22}));  // t:h:w
  EXPECT_EQ(*p.config.pairing, Pairing::Adjacent);
  const io::Preset q = import(R"({"model_type": "ernie4_5_moe_vl", "head_dim": 128,
      "freq_allocation": 20})");
  EXPECT_EQ(q.variants.front(), "ernie45-vl");
  EXPECT_EQ(q.config.split, (std::vector<int>{20, 22, 22}));
}

TEST(HfImportWave2, InternVlV2peStrideBecomesDelta) {
  const io::Preset p = import(R"({"model_type": "internvl_chat", "rope_pos_id_version": "v2pe_fix",
      "rope_pos_id_stride": 64, "llm_config": {"hidden_size": 2048, "num_attention_heads": 16,
      "rope_theta": 1000000}})");
  EXPECT_EQ(p.variants.front(), "v2pe");
  EXPECT_EQ(*p.config.delta, 0.25);
  EXPECT_EQ(p.config.head_dim, 128);
  EXPECT_EQ(p.config.base, 1e6);
}

TEST(HfImportWave2, BadFieldsNameTheFileAndField) {
  try {
    import(R"({"model_type": "internvl_chat", "rope_pos_id_version": "v2pe_rnd",
        "rope_pos_id_stride": 0})");
    FAIL();
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("config.json"), std::string::npos) << what;
    EXPECT_NE(what.find("rope_pos_id_stride"), std::string::npos) << what;
  }
  try {
    import(R"({"model_type": "glm4v", "text_config": {"head_dim": 128,
        "partial_rotary_factor": 0.3}})");
    FAIL();
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("config.json"), std::string::npos) << what;
    EXPECT_NE(what.find("partial-rotary"), std::string::npos) << what;
  }
  EXPECT_THROW(import(R"({"model_type": "ernie4_5_vl", "head_dim": 128, "freq_allocation": 99})"),
               InputError);
}

}  // namespace
}  // namespace ropelab
