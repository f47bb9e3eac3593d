// Issue 11 item 3: Hugging Face config import. 1-D RoPE models load as vanilla with their
// rope_theta and head dim; anything the variants cannot represent is refused, naming the file and
// the field. The files are published config.json contents (tests/data/configs/README.md).
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "helpers.h"
#include "ropelab/error.h"
#include "ropelab/io/files.h"
#include "ropelab/io/preset.h"

namespace ropelab::test {
namespace {

std::string config_path(const std::string& name) {
  return std::string(ROPELAB_TEST_DATA) + "/configs/" + name;
}

io::Preset import_file(const std::string& name) {
  const std::string path = config_path(name);
  return io::import_hf_config(io::read_file(path, 1 << 20), path);
}

TEST(HfImport, Qwen2VlIsMRope) {
  const io::Preset p = import_file("qwen2-vl-7b-instruct.json");
  EXPECT_EQ(p.variants, (std::vector<std::string>{"mrope"}));
  EXPECT_EQ(p.config.head_dim, 128);  // 3584 / 28
  EXPECT_EQ(p.config.base, 1e6);
  EXPECT_EQ(p.config.split, (std::vector<int>{16, 24, 24}));
}

TEST(HfImport, Qwen25VlIsQwen25MRopeWithTokensPerSecond) {
  const io::Preset p = import_file("qwen2.5-vl-7b-instruct.json");
  EXPECT_EQ(p.variants, (std::vector<std::string>{"qwen25-mrope"}));
  EXPECT_EQ(p.config.head_dim, 128);
  EXPECT_EQ(p.config.base, 1e6);
  EXPECT_EQ(p.config.split, (std::vector<int>{16, 24, 24}));
  EXPECT_EQ(p.config.options.get<double>("tokens_per_second"), 2);
}

TEST(HfImport, Qwen3VlIsQwen3MRopeWithSixTimestampTokens) {
  const io::Preset p = import_file("qwen3-vl-8b-instruct.json");
  EXPECT_EQ(p.variants, (std::vector<std::string>{"qwen3-mrope"}));
  EXPECT_EQ(p.config.head_dim, 128);
  EXPECT_EQ(p.config.base, 5e6);
  EXPECT_EQ(p.config.split, (std::vector<int>{24, 20, 20}));
  // Issue 11 item 2: the model sees 6 timestamp tokens + 2 markers per frame.
  const Encoding e = encode_id("qwen3-mrope", worked_scene(), p.config);
  EXPECT_EQ(e.token_count(), 16u + 2 * 8);
}

TEST(HfImport, LlavaWithLlamaTextConfigIsVanilla) {
  const io::Preset p = import_file("llava-1.5-7b-hf.json");
  EXPECT_EQ(p.variants, (std::vector<std::string>{"vanilla"}));
  EXPECT_EQ(p.config.head_dim, 128);  // LlamaConfig defaults: 4096 / 32
  EXPECT_EQ(p.config.base, 1e4);
  EXPECT_TRUE(p.config.split.empty());
}

TEST(HfImport, PlainQwen2IsVanilla) {
  const io::Preset p = import_file("qwen2-7b-instruct.json");
  EXPECT_EQ(p.variants, (std::vector<std::string>{"vanilla"}));
  EXPECT_EQ(p.config.head_dim, 128);  // 3584 / 28
  EXPECT_EQ(p.config.base, 1e6);
}

TEST(HfImport, RopeParametersAreRead) {
  // transformers 5 spells rope_scaling as rope_parameters (with rope_theta inside).
  const io::Preset p = io::import_hf_config(
      R"({"model_type": "mistral", "hidden_size": 4096, "num_attention_heads": 32,
          "rope_parameters": {"rope_type": "default", "rope_theta": 1000000.0}})",
      "mistral.json");
  EXPECT_EQ(p.variants, (std::vector<std::string>{"vanilla"}));
  EXPECT_EQ(p.config.base, 1e6);
  EXPECT_EQ(p.config.head_dim, 128);
}

void expect_refused(const std::string& name, const std::string& field, const std::string& problem) {
  SCOPED_TRACE(name);
  try {
    import_file(name);
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(config_path(name) + ": "), std::string::npos) << what;  // names the file
    EXPECT_NE(what.find(field), std::string::npos) << what;
    EXPECT_NE(what.find(problem), std::string::npos) << what;
  }
}

TEST(HfImport, BrokenAndUnrepresentableFilesAreRefusedNamingFileAndField) {
  expect_refused("broken-mrope-section-sum.json", "rope_scaling.mrope_section",
                 "= [16, 24, 20] adds up to 60, must add up to head_dim / 2 = 64");
  expect_refused("broken-partial-rotary.json", "partial_rotary_factor", "= 0.5 (partial rotary)");
  expect_refused("broken-bert.json", "model_type", "= 'bert' is not a RoPE model");
  expect_refused("broken-no-model-type.json", "model_type", "is missing");
  expect_refused("llama-3.1-8b.json", "rope_scaling.rope_type", "= 'llama3' (scaled RoPE)");
}

// --- issue 12 item 4: GLM-4.1V / GLM-4.5V, ERNIE-4.5-VL, InternVL with V2PE --------------------

io::Preset builtin_preset(const std::string& name) {
  return io::load_preset(std::string(ROPELAB_SOURCE_DIR) + "/resources/presets/" + name);
}

// The imported configuration computes what the built-in preset of the same model computes, on the
// preset's scene: same ids, pair map, frequencies, rotary dims and pairing.
void expect_same_encoding(const io::Preset& imported, const io::Preset& preset) {
  ASSERT_EQ(imported.variants.front(), preset.variants.front());
  const Encoding a = encode_id(imported.variants.front(), preset.scene, imported.config);
  const Encoding b = encode_id(preset.variants.front(), preset.scene, preset.config);
  EXPECT_EQ(a.head_dim(), b.head_dim());
  EXPECT_EQ(a.rotary_dims, b.rotary_dims);
  EXPECT_EQ(a.pairing, b.pairing);
  EXPECT_EQ(a.pair_axis, b.pair_axis);
  EXPECT_EQ(a.inv_freq, b.inv_freq);
  EXPECT_EQ(a.nope_pairs, b.nope_pairs);
  EXPECT_TRUE(a.positions.ids == b.positions.ids);
}

TEST(HfImport, Glm41vIsGlm4vWithHalfOfTheDimsRotatingInAdjacentPairs) {
  const io::Preset p = import_file("glm-4.1v-9b-thinking.json");
  EXPECT_EQ(p.variants, (std::vector<std::string>{"glm4v"}));
  EXPECT_EQ(p.config.head_dim, 128);  // 4096 / 32
  EXPECT_EQ(p.config.base, 1e4);
  ASSERT_TRUE(p.config.partial_rotary);
  EXPECT_EQ(*p.config.partial_rotary, 0.5);
  EXPECT_EQ(p.config.rotary_dims(), 64);
  ASSERT_TRUE(p.config.pairing);
  EXPECT_EQ(*p.config.pairing, Pairing::Adjacent);
  EXPECT_EQ(p.config.split, (std::vector<int>{8, 12, 12}));
  const Encoding e = encode_id("glm4v", worked_scene(), p.config);
  EXPECT_EQ(e.pairs(), 32);
  EXPECT_EQ(e.inv_freq[1], std::pow(1e4, -2.0 / 64));  // base^(-2j / (F * D))
  for (int j = 0; j < 32; ++j) EXPECT_EQ(e.pair_axis[j], j < 8 ? 0 : j < 20 ? 1 : 2) << j;
  expect_same_encoding(p, builtin_preset("glm-4.1v.json"));
}

TEST(HfImport, Glm45vIsGlm4vWithRotateHalfInsideTheRotaryDims) {
  const io::Preset p = import_file("glm-4.5v.json");
  EXPECT_EQ(p.variants, (std::vector<std::string>{"glm4v"}));
  EXPECT_EQ(p.config.head_dim, 128);  // head_dim given (4096 / 96 heads is not whole)
  EXPECT_EQ(*p.config.partial_rotary, 0.5);
  EXPECT_EQ(*p.config.pairing, Pairing::Half);
  EXPECT_EQ(p.config.split, (std::vector<int>{8, 12, 12}));
  expect_same_encoding(p, builtin_preset("glm-4.5v.json"));
  // Glm4vMoeTextConfig defaults partial_rotary_factor to 0.5 when the file has none.
  const io::Preset d = io::import_hf_config(
      R"({"model_type": "glm4v_moe", "text_config": {"head_dim": 64}})", "glm45.json");
  EXPECT_EQ(*d.config.partial_rotary, 0.5);
  EXPECT_EQ(d.config.rotary_dims(), 32);
  EXPECT_EQ(d.config.base, 1e4);
}

TEST(HfImport, ErniePaddleConfigPutsTimeOnTheLastFreqAllocationPairs) {
  const io::Preset p = import_file("ernie-4.5-vl-28b-a3b-pt.json");
  EXPECT_EQ(p.variants, (std::vector<std::string>{"ernie45-vl"}));
  EXPECT_EQ(p.config.head_dim, 128);  // 2560 / 20
  EXPECT_EQ(p.config.base, 5e5);
  EXPECT_EQ(*p.config.pairing, Pairing::Adjacent);
  EXPECT_FALSE(p.config.partial_rotary);
  EXPECT_EQ(p.config.split, (std::vector<int>{20, 22, 22}));  // t:h:w
  const Encoding e = encode_id("ernie45-vl", worked_scene(), p.config);
  for (int j = 0; j < 64; ++j) EXPECT_EQ(e.pair_axis[j], j >= 44 ? 0 : j % 2 == 0 ? 1 : 2) << j;
  expect_same_encoding(p, builtin_preset("ernie-4.5-vl.json"));
  // freq_allocation 16 of 64 pairs: 48 alternate h/w.
  const io::Preset q = io::import_hf_config(
      R"({"model_type": "ernie4_5_moe_vl", "head_dim": 128, "freq_allocation": 16})", "e.json");
  EXPECT_EQ(q.config.split, (std::vector<int>{16, 24, 24}));
}

TEST(HfImport, ErnieTransformersPortReadsTheSectionInHwtOrder) {
  const io::Preset p = import_file("ernie-4.5-vl-28b-a3b-hf.json");
  EXPECT_EQ(p.variants, (std::vector<std::string>{"ernie45-vl"}));
  EXPECT_EQ(p.config.base, 5e5);                              // rope_parameters.rope_theta
  EXPECT_EQ(p.config.split, (std::vector<int>{20, 22, 22}));  // [22, 22, 20] is (h, w, t)
  EXPECT_EQ(*p.config.pairing, Pairing::Adjacent);
  expect_same_encoding(p, builtin_preset("ernie-4.5-vl.json"));
}

TEST(HfImport, InternVlWithV2peFixIsV2peWithDeltaStrideOver256) {
  const io::Preset p = import_file("internvl3-2b-v2pe.json");
  EXPECT_EQ(p.variants, (std::vector<std::string>{"v2pe"}));
  EXPECT_EQ(p.config.head_dim, 128);  // llm_config: 1536 / 12
  EXPECT_EQ(p.config.base, 1e6);
  ASSERT_TRUE(p.config.delta);
  EXPECT_EQ(*p.config.delta, 0.25);  // rope_pos_id_stride 64 / 256
  expect_same_encoding(p, builtin_preset("internvl3-v2pe.json"));
  // Without a V2PE version InternVL's ids are the plain 1-D positions of its language model.
  const io::Preset plain = io::import_hf_config(
      R"({"model_type": "internvl_chat", "llm_config": {"rope_theta": 1000000.0,
          "hidden_size": 2048, "num_attention_heads": 16}})",
      "internvl.json");
  EXPECT_EQ(plain.variants, (std::vector<std::string>{"vanilla"}));
  EXPECT_EQ(plain.config.head_dim, 128);
  const io::Preset stride16 = io::import_hf_config(
      R"({"model_type": "internvl_chat", "rope_pos_id_version": "v2pe_fix",
          "rope_pos_id_stride": 16, "llm_config": {}})",
      "internvl.json");
  EXPECT_EQ(*stride16.config.delta, 0.0625);
  EXPECT_EQ(stride16.config.base, 1e4);  // the llm configs' default rope_theta
}

TEST(HfImport, Wave2ConfigsMissingOrBreakingANeededFieldAreRefusedNamingFileAndField) {
  expect_refused("broken-glm4v-no-partial-rotary.json", "text_config.partial_rotary_factor",
                 "is missing");
  expect_refused("broken-glm4v-partial-rotary-odd.json", "text_config.partial_rotary_factor",
                 "= 0.3 must be in (0, 1]");
  expect_refused("broken-v2pe-no-stride.json", "rope_pos_id_stride", "is missing");
  expect_refused("broken-v2pe-random-stride.json", "rope_pos_id_version", "= 'v2pe_rnd'");
  expect_refused("broken-ernie-freq-allocation.json", "freq_allocation", "= 99 must be in [0, 64]");
  try {
    io::import_hf_config(R"({"model_type": "internvl_chat", "rope_pos_id_version": "v2pe_fix"})",
                         "internvl.json");
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("internvl.json: llm_config is missing"), std::string::npos)
        << e.what();
  }
  try {  // the section must cover the rotary pairs (F * D / 2 = 32), not all 64
    io::import_hf_config(R"({"model_type": "glm4v", "text_config": {"head_dim": 128,
        "partial_rotary_factor": 0.5, "rope_scaling": {"mrope_section": [16, 24, 24]}}})",
                         "glm.json");
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(
                  "glm.json: text_config.rope_scaling.mrope_section = [16, 24, 24] adds up to 64, "
                  "must add up to head_dim * partial_rotary_factor / 2 = 32"),
              std::string::npos)
        << e.what();
  }
}

TEST(HfImport, PartialRotaryAndPairingGivenBeforeAConfigDoNotSurviveIt) {
  io::Preset base;
  base.config.partial_rotary = 0.25;
  base.config.pairing = Pairing::Adjacent;
  base.config.split = {16, 24, 24};
  const io::Preset p = io::import_hf_config(
      io::read_file(config_path("qwen2-vl-7b-instruct.json"), 1 << 20), "q.json", base);
  EXPECT_FALSE(p.config.partial_rotary);
  EXPECT_FALSE(p.config.pairing);
  // A GLM-4.5V config without mrope_section gets glm4v's own section, not the one before.
  const io::Preset g = io::import_hf_config(
      R"({"model_type": "glm4v_moe", "text_config": {"head_dim": 128}})", "g.json", base);
  EXPECT_TRUE(g.config.split.empty());
  EXPECT_EQ(encode_id("glm4v", worked_scene(), g.config).pair_axis[8], 1);  // [8, 12, 12]
}

TEST(HfImport, LlavaWithAMultimodalTextConfigIsRefused) {
  try {
    io::import_hf_config(R"({"model_type": "llava", "text_config": {"model_type": "bert"}})",
                         "llava.json");
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("llava.json: text_config.model_type = 'bert'"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace ropelab::test
