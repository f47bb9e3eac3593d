// NPY, presets, Hugging Face configs, writers and atomic files.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "helpers.h"
#include "ropelab/error.h"
#include "ropelab/io/files.h"
#include "ropelab/io/npy.h"
#include "ropelab/io/preset.h"
#include "ropelab/io/writers.h"

namespace ropelab::test {
namespace {

namespace fs = std::filesystem;

fs::path temp_dir() {
  fs::path dir = fs::temp_directory_path() / ("ropelab-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir;
}

TEST(Npy, RoundTripsFloat64) {
  const std::vector<double> data{0, 1, 2.5, -3, 1e300, 4};
  const std::string bytes = io::npy_bytes({2, 3}, data.data());
  EXPECT_EQ(bytes.substr(0, 6), "\x93NUMPY");
  EXPECT_EQ((bytes.size() - data.size() * 8) % 64, 0u);  // header padded to 64 bytes
  const io::NpyArray back = io::parse_npy(bytes, "mem");
  EXPECT_EQ(back.shape, (std::vector<std::size_t>{2, 3}));
  EXPECT_EQ(back.data, data);
}

std::string npy_with(const std::string& descr, const std::string& shape, const std::string& payload,
                     bool fortran = false) {
  std::string header = "{'descr': '" + descr +
                       "', 'fortran_order': " + (fortran ? "True" : "False") +
                       ", 'shape': " + shape + ", }";
  header.append(64 - (10 + header.size() + 1) % 64, ' ');
  header += '\n';
  std::string out("\x93NUMPY\x01\x00", 8);
  out += static_cast<char>(header.size() & 0xff);
  out += static_cast<char>(header.size() >> 8);
  return out + header + payload;
}

TEST(Npy, ReadsFloat32AndFloat16) {
  const float f[2] = {1.5f, -2.0f};
  const io::NpyArray a = io::parse_npy(
      npy_with("<f4", "(2,)", std::string(reinterpret_cast<const char*>(f), 8)), "f32");
  EXPECT_EQ(a.data, (std::vector<double>{1.5, -2.0}));
  const std::uint16_t h[3] = {0x3C00, 0xC000, 0x3555};  // 1, -2, ~0.333
  const io::NpyArray b = io::parse_npy(
      npy_with("<f2", "(3,)", std::string(reinterpret_cast<const char*>(h), 6)), "f16");
  EXPECT_EQ(b.data[0], 1.0);
  EXPECT_EQ(b.data[1], -2.0);
  EXPECT_NEAR(b.data[2], 1.0 / 3, 1e-3);
}

// Position ids come from PyTorch and NumPy in every integer and float dtype (issue 14).
TEST(Npy, ReadsIntegersBoolAndBothByteOrders) {
  const std::int64_t i8[3] = {-5, 0, 131072};
  EXPECT_EQ(io::parse_npy(
                npy_with("<i8", "(3,)", std::string(reinterpret_cast<const char*>(i8), 24)), "i8")
                .data,
            (std::vector<double>{-5, 0, 131072}));
  const std::int8_t s1[2] = {-128, 127};
  EXPECT_EQ(io::parse_npy(
                npy_with("|i1", "(2,)", std::string(reinterpret_cast<const char*>(s1), 2)), "i1")
                .data,
            (std::vector<double>{-128, 127}));
  const std::uint16_t u2[2] = {65535, 7};
  EXPECT_EQ(io::parse_npy(
                npy_with("<u2", "(2,)", std::string(reinterpret_cast<const char*>(u2), 4)), "u2")
                .data,
            (std::vector<double>{65535, 7}));
  EXPECT_EQ(io::parse_npy(npy_with("|b1", "(2,)", std::string("\x01\x00", 2)), "b1").data,
            (std::vector<double>{1, 0}));
  // Big endian: int32 -2 is ff ff ff fe; int16 258 is 01 02; float32 1.5 is 3f c0 00 00.
  EXPECT_EQ(io::parse_npy(npy_with(">i4", "(1,)", std::string("\xff\xff\xff\xfe", 4)), "be").data,
            (std::vector<double>{-2}));
  EXPECT_EQ(io::parse_npy(npy_with(">i2", "(1,)", std::string("\x01\x02", 2)), "be").data,
            (std::vector<double>{258}));
  EXPECT_EQ(io::parse_npy(npy_with(">f4", "(1,)", std::string("\x3f\xc0\x00\x00", 4)), "be").data,
            (std::vector<double>{1.5}));
  const double d = 2.25;
  std::string be(reinterpret_cast<const char*>(&d), 8);
  std::reverse(be.begin(), be.end());
  EXPECT_EQ(io::parse_npy(npy_with(">f8", "(1,)", be), "be").data, (std::vector<double>{2.25}));
  const std::uint64_t big = 18446744073709551615ULL;
  EXPECT_EQ(io::parse_npy(
                npy_with("<u8", "(1,)", std::string(reinterpret_cast<const char*>(&big), 8)), "u8")
                .data[0],
            18446744073709551616.0);
}

TEST(Npy, RejectsMalformedFilesWithTheirName) {
  const std::string good = io::npy_bytes({4}, std::vector<double>{1, 2, 3, 4}.data());
  const std::vector<std::pair<std::string, std::string>> cases{
      {"", "bad magic"},
      {good.substr(0, good.size() - 3), "data holds"},
      {npy_with("<c8", "(1,)", "abcdefgh"), "dtype '<c8'"},
      {npy_with(">c16", "(1,)", "abcdefghabcdefgh"), "dtype '>c16'"},
      {npy_with("<i3", "(1,)", "abc"), "dtype '<i3'"},
      {npy_with("<f8", "(1,)", "abcdefgh", true), "Fortran"},
      {npy_with("<f8", "(99999999999, 99999999999)", ""), "too large"},
      {good.substr(0, 12), "truncated header"},
  };
  for (const auto& [bytes, problem] : cases) {
    try {
      io::parse_npy(bytes, "q.npy");
      ADD_FAILURE() << "accepted: " << problem;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("q.npy"), std::string::npos);
      EXPECT_NE(std::string(e.what()).find(problem), std::string::npos) << e.what();
    }
  }
}

TEST(Preset, RoundTripsExactly) {
  io::Preset p;
  p.name = "test";
  p.variants = {"vrope", "mrope"};
  p.scene = Scene::parse("text:3,image:2x5,video:7x3x4@0.5,text:1");
  p.config.head_dim = 64;
  p.config.base = 1e6;
  p.config.split = {8, 12, 12};
  p.config.delta = 1.25;
  p.config.options.set("convention", std::string("paper"));
  p.config.options.set("timestamp_tokens", 3);
  const std::string json = io::preset_to_json(p);
  const io::Preset back = io::preset_from_json(json, "p.json");
  EXPECT_EQ(io::preset_to_json(back), json);
  EXPECT_EQ(back.scene.describe(), "text:3,image:2x5,video:7x3x4@0.5,text:1");
  EXPECT_EQ(back.config.split, p.config.split);
}

TEST(Preset, RejectsBadFilesNamingTheProblem) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"{", "not valid JSON"},
      {"[]", "must be a JSON object"},
      {R"({"scene": []})", "version is missing"},
      {R"({"version": 99, "scene": []})", "not supported"},
      {R"({"version": 1})", "scene is missing"},
      {R"({"version": 1, "scene": [{"kind": "text", "count": "4"}]})",
       "scene[0].count must be a whole number"},
      {R"({"version": 1, "scene": [{"kind": "movie"}]})", "must be text, image or video"},
      {R"({"version": 1, "scene": [{"kind": "text", "count": -1}]})", "token count"},
      {R"({"version": 1, "variants": ["nope"], "scene": [{"kind": "text", "count": 1}]})",
       "variant = 'nope'"},
      {R"({"version": 1, "scene": [{"kind": "text", "count": 1}], "config": {"head_dim": 7}})",
       "head dim = 7"},
      {R"({"version": 1, "scene": [{"kind": "text", "count": 1}], "config": {"base": "big"}})",
       "config.base must be a number"},
      {std::string(100, '[') + std::string(100, ']'), "nested deeper"},
  };
  for (const auto& [text, problem] : cases) {
    try {
      io::preset_from_json(text, "bad.json");
      ADD_FAILURE() << "accepted: " << text;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("bad.json"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(problem), std::string::npos) << e.what();
    }
  }
}

// Qwen2.5-VL-7B-Instruct's published config.json values.
TEST(HfConfig, Qwen25VlSetsBaseHeadDimSplitAndVariant) {
  const std::string config =
      R"({"architectures": ["Qwen2_5_VLForConditionalGeneration"], "model_type": "qwen2_5_vl",
    "hidden_size": 3584, "num_attention_heads": 28, "rope_theta": 1000000.0,
    "rope_scaling": {"type": "mrope", "mrope_section": [16, 24, 24]},
    "vision_config": {"tokens_per_second": 2, "temporal_patch_size": 2, "spatial_merge_size": 2}})";
  const io::Preset p = io::import_hf_config(config, "config.json");
  EXPECT_EQ(p.variants.front(), "qwen25-mrope");
  EXPECT_EQ(p.config.head_dim, 128);
  EXPECT_EQ(p.config.base, 1e6);
  EXPECT_EQ(p.config.split, (std::vector<int>{16, 24, 24}));
  EXPECT_EQ(p.config.options.get<double>("tokens_per_second"), 2);
}

TEST(HfConfig, Qwen3VlIsInterleaved) {
  const std::string config =
      R"({"model_type": "qwen3_vl", "text_config": {"head_dim": 128, "rope_theta": 5000000,
    "rope_scaling": {"mrope_interleaved": true, "mrope_section": [24, 20, 20], "rope_type": "default"}}})";
  const io::Preset p = io::import_hf_config(config, "config.json");
  EXPECT_EQ(p.variants.front(), "qwen3-mrope");
  EXPECT_EQ(p.config.base, 5e6);
  EXPECT_EQ(p.config.split, (std::vector<int>{24, 20, 20}));
}

TEST(Writers, PositionsJsonFollowsTheContract) {
  const Encoding e = encode_id("videorope", worked_scene());
  const auto j = nlohmann::json::parse(io::positions_output(e, io::Format::Json));
  EXPECT_EQ(j["variant"], "videorope");
  EXPECT_EQ(j["axes"], (std::vector<std::string>{"t", "h", "w"}));
  EXPECT_EQ(j["tokens"], 16);
  EXPECT_EQ(j["modality"][2], "video");
  EXPECT_EQ(j["frame"][0], -1);
  EXPECT_EQ(j["position_ids"][2][2], 1);
  EXPECT_TRUE(j["position_ids"][2][2].is_number_integer());
  EXPECT_EQ(j["pair_axis"].size(), 64u);
  EXPECT_DOUBLE_EQ(j["inv_freq"][1].get<double>(), std::pow(10000.0, -2.0 / 128));
  const std::string csv = io::positions_output(e, io::Format::Csv);
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "index,modality,frame,row,col,t,h,w");
  EXPECT_NE(csv.find("\n2,video,0,0,0,2,2,1\n"), std::string::npos);
}

TEST(Files, AtomicWriteReplacesAndNeverLeavesPartialFiles) {
  const fs::path dir = temp_dir();
  const std::string target = (dir / "out.json").string();
  io::write_file_atomically(target, "first");
  io::write_file_atomically(target, "second");
  EXPECT_EQ(io::read_file(target), "second");
  EXPECT_THROW(io::write_file_atomically((dir / "missing" / "x.json").string(), "data"),
               std::runtime_error);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1u);  // no temporary left behind
  fs::remove_all(dir);
}

}  // namespace
}  // namespace ropelab::test
