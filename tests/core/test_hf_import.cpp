// Issue 11 item 3: Hugging Face config import. 1-D RoPE models load as vanilla with their
// rope_theta and head dim; anything the variants cannot represent is refused, naming the file and
// the field. The files are published config.json contents (tests/data/configs/README.md).
#include <gtest/gtest.h>

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
