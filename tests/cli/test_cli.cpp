// ropelab-cli end to end: the contract of spec/cli.md, exit codes and bad input.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <algorithm>

#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "ropelab/io/npy.h"
#include "ropelab/options.h"
#include "ropelab/registry.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct Result {
  int status = -1;
  std::string out;
  std::string err;
};

Result run(const std::string& args) {
  const fs::path err_file =
      fs::temp_directory_path() / ("ropelab-cli-err-" + std::to_string(::getpid()));
  const std::string command = std::string(ROPELAB_CLI) + " " + args + " 2>" + err_file.string();
  Result r;
  FILE* pipe = ::popen(command.c_str(), "r");
  std::array<char, 65536> buffer{};
  std::size_t n;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    r.out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::ifstream in(err_file);
  r.err.assign(std::istreambuf_iterator<char>(in), {});
  fs::remove(err_file);
  return r;
}

TEST(Cli, VariantsListsEveryVariant) {
  const Result r = run("variants --format json");
  ASSERT_EQ(r.status, 0) << r.err;
  const json list = json::parse(r.out);
  ASSERT_EQ(list.size(), 22u);  // 12 + issue 12's ten
  for (const json& v : list) {
    EXPECT_TRUE(v.contains("id") && v.contains("axes") && v.contains("summary") &&
                v.contains("paper"));
  }
  EXPECT_EQ(list[4]["id"], "videorope");
}

TEST(Cli, PositionsDefaultSceneIsVideoRope) {
  const Result r = run("positions");
  ASSERT_EQ(r.status, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["variant"], "videorope");
  EXPECT_EQ(j["tokens"], 136);
  EXPECT_EQ(j["position_ids"][0][131], 4 + 2 * 7);  // last video token's t with delta 2
  EXPECT_EQ(j["position_ids"][0][132], 4 + 2 * 7 + 1);
}

TEST(Cli, PositionsWorkedExampleForEveryFormat) {
  const std::string scene =
      "--variant mrope --text-before 2 --frames 2 --height 2 --width 3 --text-after 2";
  const json j = json::parse(run("positions " + scene).out);
  EXPECT_EQ(j["position_ids"][1],
            (std::vector<int>{0, 1, 2, 2, 2, 3, 3, 3, 2, 2, 2, 3, 3, 3, 5, 6}));
  const Result csv = run("positions " + scene + " --format csv");
  EXPECT_NE(csv.out.find("index,modality,frame,row,col,t,h,w\n0,text,-1,-1,-1,0,0,0\n"),
            std::string::npos);
  const Result npy = run("positions " + scene + " --format npy");
  const ropelab::io::NpyArray a = ropelab::io::parse_npy(npy.out, "stdout");
  EXPECT_EQ(a.shape, (std::vector<std::size_t>{3, 16}));
  EXPECT_EQ(a.data[16 + 5], 3);  // h of token 5
}

TEST(Cli, PresetThenOverrides) {
  const fs::path preset = fs::temp_directory_path() / "ropelab-cli-preset.json";
  std::ofstream(preset)
      << R"({"version": 1, "variants": ["vrope"], "scene": [{"kind": "text", "count": 2}, {"kind": "video", "frames": 2, "height": 2, "width": 3}, {"kind": "text", "count": 2}], "config": {"head_dim": 64}})";
  const json j = json::parse(run("positions --preset " + preset.string()).out);
  EXPECT_EQ(j["variant"], "vrope");
  EXPECT_EQ(j["pair_axis"].size(), 32u);
  EXPECT_EQ(j["position_ids"][2],
            (std::vector<int>{0, 1, 5, 4, 3, 4, 3, 2, 9, 8, 7, 8, 7, 6, 10, 11}));
  const json k =
      json::parse(run("positions --preset " + preset.string() + " --variant mrope --frames 3").out);
  EXPECT_EQ(k["variant"], "mrope");
  EXPECT_EQ(k["tokens"], 2 + 18 + 2);
  fs::remove(preset);
}

TEST(Cli, AnglesAreIdsTimesFrequencies) {
  const json j = json::parse(run("angles --variant vanilla --text-before 1 --frames 1 --height 1 "
                                 "--width 1 --text-after 1 --head-dim 8")
                                 .out);
  EXPECT_EQ(j["pairs"], 4);
  EXPECT_DOUBLE_EQ(j["angles"][2][1].get<double>(), 2 * std::pow(10000.0, -2.0 / 8));
}

TEST(Cli, AttentionOnesAndSoftmax) {
  const json j = json::parse(run("attention --variant vanilla --softmax --query 5").out);
  EXPECT_EQ(j["query"], 5);
  EXPECT_NEAR(j["logits"][5].get<double>(), 2.0 * 64 / std::sqrt(128.0), 1e-9);
  double sum = 0;
  for (const json& p : j["probabilities"]) sum += p.get<double>();
  EXPECT_NEAR(sum, 1.0, 1e-9);
  EXPECT_EQ(j["probabilities"][6], 0);
  EXPECT_EQ(run("attention --qk gaussian:3").status, 0);
}

TEST(Cli, AttentionWithNpyArrays) {
  const fs::path dir = fs::temp_directory_path();
  std::vector<double> ones(136 * 128, 1.0);
  std::ofstream(dir / "q.npy", std::ios::binary) << ropelab::io::npy_bytes({136, 128}, ones.data());
  std::ofstream(dir / "k.npy", std::ios::binary) << ropelab::io::npy_bytes({136, 128}, ones.data());
  const Result arrays =
      run("attention --qk npy:" + (dir / "q.npy").string() + "," + (dir / "k.npy").string());
  ASSERT_EQ(arrays.status, 0) << arrays.err;
  EXPECT_EQ(json::parse(arrays.out)["logits"], json::parse(run("attention").out)["logits"]);
  std::ofstream(dir / "k.npy", std::ios::binary) << ropelab::io::npy_bytes({10, 128}, ones.data());
  const Result bad =
      run("attention --qk npy:" + (dir / "q.npy").string() + "," + (dir / "k.npy").string());
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("k array"), std::string::npos) << bad.err;
}

TEST(Cli, AnalyzeEveryKind) {
  const json c =
      json::parse(run("analyze --what collisions --variant mrope --base 1000000 --frames 500").out);
  EXPECT_EQ(c["axis"], "t");
  EXPECT_EQ(c["wrapping_pairs"], 16);
  EXPECT_NEAR(c["slowest_wavelength"].get<double>(), 160.1, 0.05);
  EXPECT_EQ(c["curve"].size(), 1001u);
  const json j = json::parse(run("analyze --what jump --variant vrope").out);
  EXPECT_EQ(j["center_gap_before"], 4);
  EXPECT_EQ(j["center_gap_after"], 4);
  const json none =
      json::parse(run("analyze --what jump --variant mrope --scene video:2x2x2,text:3").out);
  EXPECT_TRUE(none["before"].is_null());
  EXPECT_EQ(none["after"], (std::vector<int>{1, 1, 1}));
  const json b = json::parse(run("analyze --what bias --variant vanilla").out);
  EXPECT_EQ(b["map"].size(), 4u);
  EXPECT_GT(b["max_over_min"].get<double>(), 1.0);
  const json p = json::parse(run("analyze --what properties --variant videorope").out);
  EXPECT_TRUE(p["three_d"] && p["low_freq_temporal"] && p["spatial_symmetry"] &&
              p["temporal_scaling"]);
}

TEST(Cli, BenchReportsEveryHotPath) {
  const Result r = run("bench --runs 2 --frames 4");
  ASSERT_EQ(r.status, 0) << r.err;
  const json j = json::parse(r.out);
  std::vector<std::string> names;
  for (const json& result : j["results"]) {
    names.push_back(result["name"]);
    EXPECT_GE(result["median_ms"].get<double>(), 0.0);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"positions", "rope_tables", "rope_tables_fresh",
                                             "attention_row", "keys_read_reference",
                                             "attention_row_unfused", "attention_matrix",
                                             "gemm_reference"}));
  // Both table timings come from runs of the same scene: tokens 4 * 4 * 4 + 8 = 72 here.
  EXPECT_EQ(j["tokens"].get<int>(), 72);
  for (const json& result : j["results"]) EXPECT_EQ(result["runs"].get<int>(), 2);
}

// Bad input: exit 2, a message naming the option and the problem, and no output file.
TEST(Cli, BadInputExitsTwoWithAClearMessage) {
  const fs::path out = fs::temp_directory_path() / "ropelab-cli-never.json";
  fs::remove(out);
  const std::vector<std::pair<std::string, std::string>> cases{
      {"positions --head-dim 127", "head dim = 127"},
      {"positions --head-dim abc", "--head-dim = 'abc'"},
      {"positions --split 16:24:20", "add up to 60"},
      {"positions --base 1", "base = 1"},
      {"positions --base nan", "base = nan"},
      {"positions --delta nan", "delta = nan"},
      {"positions --delta inf", "delta = inf"},
      {"positions --frames 0", "frames = 0"},
      {"positions --width -3", "width = -3"},
      {"positions --frames 100000 --height 1000 --width 1000", "scene size"},
      {"positions --variant no-such-rope", "variant = 'no-such-rope'"},
      {"positions --variant mrope --partial-rotary 0.3", "--partial-rotary = 0.3"},
      {"positions --variant mhrope --head 9", "--head = 9"},
      {"positions --variant hope --convention hf", "--convention = 'hf'"},
      {"positions --design videorope --allocation vrope", "--allocation = 'vrope'"},
      {"positions --format xml", "--format = 'xml'"},
      {"positions --frames", "--frames = (missing)"},
      {"positions --bogus 1", "option '--bogus' is unknown"},
      {"frobnicate", "command = 'frobnicate'"},
      {"positions --preset /nonexistent/p.json", "/nonexistent/p.json"},
      {"attention --query 9999", "--query = '9999'"},
      {"attention --qk gaussian:x", "--qk seed"},
      {"analyze --what nothing", "--what = 'nothing'"},
      {"analyze --what collisions --axis q", "--axis = 'q'"},
  };
  for (const auto& [args, message] : cases) {
    const std::size_t command_end = args.find(' ');
    const std::string with_out =
        command_end == std::string::npos
            ? args + " --out " + out.string()
            : args.substr(0, command_end) + " --out " + out.string() + args.substr(command_end);
    const Result r = run(with_out);
    EXPECT_EQ(r.status, 2) << args << "\n" << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << args << "\n" << r.err;
    EXPECT_FALSE(fs::exists(out)) << args;
  }
}

// Issue 12: each wave-2 variant accepts exactly the conventions variants-2.md lists for it (one
// declaring none has only "code"); any other value exits 2 naming --convention, never a note.
TEST(Cli, Wave2VariantsAcceptOnlyTheirOwnConventions) {
  const std::map<std::string, std::set<std::string>> accepted{
      {"hope", {"code", "mmropes"}}, {"v2pe", {"code", "mmropes"}},
      {"glm4v", {"code"}},           {"ernie45-vl", {"code", "hf"}},
      {"mhrope", {"code"}},          {"circle-rope", {"code"}},
      {"il-rope", {"code"}},         {"omni-rope", {"code"}},
      {"mm-rope", {"code"}},         {"grape", {"code"}},
  };
  for (const auto& [variant, conventions] : accepted) {
    for (const std::string convention : {"code", "paper", "mmropes", "hf"}) {
      const std::string args =
          "positions --scene text:2,video:2x2x3,text:2 --format csv --variant " + variant +
          " --convention " + convention;
      const Result r = run(args);
      if (conventions.count(convention)) {
        EXPECT_EQ(r.status, 0) << args << "\n" << r.err;
        EXPECT_EQ(r.err.find("--convention"), std::string::npos) << args << "\n" << r.err;
      } else {
        EXPECT_EQ(r.status, 2) << args << "\n" << r.err;
        EXPECT_NE(
            r.err.find("--convention = '" + convention + "' is invalid: " + variant + " accepts "),
            std::string::npos)
            << args << "\n"
            << r.err;
        EXPECT_TRUE(r.out.empty()) << args;
      }
    }
  }
  // The accepted conventions change the ids where the spec says they do.
  EXPECT_NE(
      run("positions --scene text:1,video:4x2x2,text:2 --format csv --variant ernie45-vl").out,
      run("positions --scene text:1,video:4x2x2,text:2 --format csv --variant ernie45-vl "
          "--convention hf")
          .out);
}

TEST(Cli, OutFileIsWrittenWhole) {
  const fs::path out = fs::temp_directory_path() / "ropelab-cli-positions.json";
  ASSERT_EQ(run("positions --out " + out.string()).status, 0);
  std::ifstream in(out);
  EXPECT_EQ(json::parse(in)["tokens"], 136);
  fs::remove(out);
}

// --- declared variant options (options.h): every flag is driven by the declarations ----------

// The flag with a valid non-default value ("--no-lta", "--tokens-per-second 5").
std::string non_default_args(const ropelab::OptionSpec& spec) {
  using ropelab::OptionKind;
  switch (spec.kind) {
    case OptionKind::Switch:
      return spec.flag;
    case OptionKind::Integer:
      return spec.flag + " " + std::to_string(std::get<int>(spec.default_value) + 3);
    case OptionKind::Number: {
      const double d = std::get<double>(spec.default_value);
      const double v = d == 0 ? std::min(spec.max, 0.5) : d * 2.5 <= spec.max ? d * 2.5 : d / 2;
      return spec.flag + " " + ropelab::format_option(v);
    }
    case OptionKind::Choice:
      for (const std::string& c : spec.choices) {
        if (c != std::get<std::string>(spec.default_value)) return spec.flag + " " + c;
      }
      break;
    case OptionKind::Text:
      // The wave-2 text options take structured values.
      if (spec.key == "head_split") return spec.flag + " 0:3:3";
      if (spec.key == "mm_scale") return spec.flag + " 4:8:8";
      if (spec.key == "circle_radius" || spec.key == "circle_positive") return spec.flag + " auto";
      return spec.flag + " x";
  }
  return spec.flag;
}

// A value outside the declared range or choices.
std::string bad_value(const ropelab::OptionSpec& spec) {
  using ropelab::OptionKind;
  switch (spec.kind) {
    case OptionKind::Integer:
      return std::to_string(static_cast<long long>(spec.max) + 1);
    case OptionKind::Number:
      return ropelab::format_option(spec.max * 10);
    case OptionKind::Choice:
      return "bogus";
    default:
      return "";
  }
}

TEST(CliOptions, HelpListsEveryVariantsOptionsWithDefaultAndDoc) {
  const Result r = run("help");
  ASSERT_EQ(r.status, 0) << r.err;
  for (const ropelab::Variant* v : ropelab::all_variants()) {
    for (const ropelab::OptionSpec& spec : v->options()) {
      SCOPED_TRACE(std::string(v->id()) + " " + spec.key);
      EXPECT_NE(r.out.find("    " + spec.flag), std::string::npos);
      EXPECT_NE(r.out.find(spec.key + ", default " + ropelab::format_option(spec.default_value)),
                std::string::npos);
      EXPECT_NE(r.out.find(spec.doc), std::string::npos);
      if (!spec.reproduces.empty()) {
        EXPECT_NE(r.out.find("[" + spec.reproduces + "]"), std::string::npos);
      }
    }
  }
  EXPECT_NE(r.out.find("--tokens-per-second (0, 1e+06]"), std::string::npos);
  EXPECT_NE(r.out.find("--timestamp-tokens [0, 1024]"), std::string::npos);
  EXPECT_NE(r.out.find("--convention code|paper"), std::string::npos);
}

TEST(CliOptions, EveryFlagParsesAndChangesTheVariantsIds) {
  const std::string scene = "--scene text:2,video:4x4x6@0.5,text:2 --head-dim 32";
  for (const ropelab::Variant* v : ropelab::all_variants()) {
    for (const ropelab::OptionSpec& spec : v->options()) {
      SCOPED_TRACE(std::string(v->id()) + " " + spec.key);
      // Shown outside this scene / head 0 only (core WorkedWave2 tests cover them).
      if ((v->id() == "ernie45-vl" && spec.key == "convention") ||
          (v->id() == "mhrope" && spec.key == "kv_heads"))
        continue;
      // exact_time shows at 0.04 s per grid and 25 tokens/s (frame 5 floors lower in float32).
      const std::string context =
          spec.key == "frame_markers" ? " --timestamp-tokens 2"
          : spec.key == "exact_time"
              ? " --tokens-per-second 25 --scene text:2,video:8x2x2@0.04,text:2"
              : "";
      const std::string base =
          "positions --variant " + std::string(v->id()) + " " + scene + context;
      const Result a = run(base);
      const Result b = run(base + " " + non_default_args(spec));
      ASSERT_EQ(a.status, 0) << a.err;
      ASSERT_EQ(b.status, 0) << b.err;
      EXPECT_EQ(b.err.find("is ignored"), std::string::npos) << b.err;
      const json ja = json::parse(a.out), jb = json::parse(b.out);
      EXPECT_TRUE(ja["position_ids"] != jb["position_ids"] || ja["pair_axis"] != jb["pair_axis"] ||
                  ja["inv_freq"] != jb["inv_freq"]);  // grape_log_scale: frequencies only
      // --flag=value works as well as --flag value.
      if (spec.kind != ropelab::OptionKind::Switch) {
        std::string inline_form = non_default_args(spec);
        inline_form[spec.flag.size()] = '=';
        const Result c = run(base + " " + inline_form);
        ASSERT_EQ(c.status, 0) << c.err;
        EXPECT_EQ(c.out, b.out);
      }
    }
  }
}

TEST(CliOptions, NoLtaPutsTimeOnTheFirstPairs) {
  const Result r = run("positions --variant videorope --no-lta");
  ASSERT_EQ(r.status, 0) << r.err;
  const json axis = json::parse(r.out)["pair_axis"];
  ASSERT_EQ(axis.size(), 64u);
  for (int j = 0; j < 64; ++j) EXPECT_EQ(axis[j] == 0, j < 16) << j;
  const json with_lta = json::parse(run("positions --variant videorope").out)["pair_axis"];
  for (int j = 0; j < 64; ++j) EXPECT_EQ(with_lta[j] == 0, j >= 48) << j;
}

TEST(CliOptions, AnOptionTheVariantDoesNotUseIsIgnoredWithANote) {
  const Result r = run("positions --variant mrope --no-lta --timestamp-tokens 3");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("note: --no-lta is ignored: mrope does not use it (videorope does)"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("note: --timestamp-tokens is ignored"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, run("positions --variant mrope").out);
}

TEST(CliOptions, OutOfRangeOrUnknownChoiceExitsTwoNamingTheFlag) {
  for (const ropelab::OptionSpec& spec : ropelab::all_option_specs()) {
    SCOPED_TRACE(spec.key);
    if (spec.kind == ropelab::OptionKind::Switch) {
      const Result r = run("positions " + spec.flag + "=1");
      EXPECT_EQ(r.status, 2);
      EXPECT_NE(r.err.find(spec.flag + " = '1' is invalid"), std::string::npos) << r.err;
      continue;
    }
    const Result r = run("positions " + spec.flag + " " + bad_value(spec));
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("error: " + spec.flag + " = "), std::string::npos) << r.err;
    const Result missing = run("positions " + spec.flag);
    EXPECT_EQ(missing.status, 2);
    EXPECT_NE(missing.err.find(spec.flag + " = (missing)"), std::string::npos) << missing.err;
  }
}

// --- check (issue 14) ---------------------------------------------------------------------------

// Writes an .npy file of any dtype by hand (the CLI's own writer only writes float64).
template <class T>
fs::path write_npy(const std::string& file, const std::string& descr,
                   const std::vector<std::size_t>& shape, const std::vector<T>& values) {
  std::string shape_text = "(";
  for (std::size_t i = 0; i < shape.size(); ++i)
    shape_text += std::to_string(shape[i]) + (shape.size() == 1 || i + 1 < shape.size() ? "," : "");
  std::string header =
      "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape_text + "), }";
  header.append(63 - (10 + header.size()) % 64, ' ');
  header += '\n';
  const fs::path path = fs::temp_directory_path() / ("ropelab-check-" + file);
  std::ofstream out(path, std::ios::binary);
  out.write("\x93NUMPY\x01\x00", 8);
  out.put(static_cast<char>(header.size() & 0xff));
  out.put(static_cast<char>(header.size() >> 8));
  out << header;
  out.write(reinterpret_cast<const char*>(values.data()),
            static_cast<std::streamsize>(values.size() * sizeof(T)));
  return path;
}

const std::string kCheckScene = "--variant mrope --scene text:2,video:2x2x3,text:2";

// mrope's reference ids of kCheckScene as int64, (3, batches, 16).
std::vector<std::int64_t> mrope_ids(int batches) {
  const json j = json::parse(run("positions " + kCheckScene).out);
  std::vector<std::int64_t> ids;
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < batches; ++b)
      for (const json& v : j["position_ids"][a]) ids.push_back(v.get<std::int64_t>());
  return ids;
}

TEST(CliCheck, CorrectIdsExitZero) {
  const fs::path ids = write_npy("ok.npy", "<i8", {3, 16}, mrope_ids(1));
  const Result r = run("check " + kCheckScene + " --ids " + ids.string());
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "ids: match (3 axes x 16 tokens equal mrope's reference)\n");
  fs::remove(ids);
}

TEST(CliCheck, BatchedFloat32IdsExitZero) {
  std::vector<float> ids;
  for (std::int64_t v : mrope_ids(4)) ids.push_back(static_cast<float>(v));
  const fs::path path = write_npy("batched.npy", "<f4", {3, 4, 16}, ids);
  const Result r = run("check " + kCheckScene + " --ids " + path.string());
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "ids: match (3 axes x 16 tokens x 4 batches equal mrope's reference)\n");
  fs::remove(path);
}

TEST(CliCheck, OneWrongIdExitsOneAndNamesTheToken) {
  std::vector<std::int64_t> ids = mrope_ids(1);
  ids[2 * 16 + 13] = 7;  // w of token 13 (frame 1, row 1, col 2) is 4
  const fs::path path = write_npy("wrong.npy", "<i8", {3, 16}, ids);
  const Result r = run("check " + kCheckScene + " --ids " + path.string());
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(r.out,
            "ids: mismatch: your ids differ from mrope's reference at token 13 (segment 1: video, "
            "frame 1, row 1, col 2): w = 7, expected 4\n"
            "differing ids per axis: t 0, h 0, w 1 (of 3 axes x 16 tokens); tokens differing: 1\n");
  fs::remove(path);
}

TEST(CliCheck, AllocationMapAndCosTable) {
  const json j = json::parse(run("positions " + kCheckScene + " --head-dim 16").out);
  std::vector<std::int64_t> map = j["pair_axis"].get<std::vector<std::int64_t>>();
  ASSERT_EQ(map, (std::vector<std::int64_t>{0, 0, 1, 1, 1, 2, 2, 2}));
  const fs::path good = write_npy("map.npy", "<i8", {8}, map);
  Result r = run("check " + kCheckScene + " --head-dim 16 --allocation " + good.string());
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out,
            "allocation: match (pair map: every one of 8 pairs reads the axis mrope gives it)\n");
  std::swap(map[1], map[2]);
  const fs::path bad = write_npy("map_bad.npy", "<i8", {8}, map);
  r = run("check " + kCheckScene + " --head-dim 16 --allocation " + bad.string());
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(r.out,
            "allocation: mismatch (pair map): pair 1 reads h, expected t; 2 of 8 pairs differ\n");
  // A float32 rotate-half cos table (tokens, D) with t and w swapped on every pair.
  std::vector<float> cos;
  const std::vector<int> swapped{2, 2, 1, 1, 1, 0, 0, 0};
  for (std::size_t i = 0; i < 16; ++i)
    for (int c = 0; c < 16; ++c) {
      const int p = c % 8;
      cos.push_back(static_cast<float>(std::cos(j["position_ids"][swapped[p]][i].get<double>() *
                                                j["inv_freq"][p].get<double>())));
    }
  const fs::path table = write_npy("cos.npy", "<f4", {16, 16}, cos);
  r = run("check " + kCheckScene + " --head-dim 16 --allocation " + table.string());
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(
      r.out.rfind("allocation: mismatch (cos table (tokens, D), rotate-half): pair 0 reads w, "
                  "expected t",
                  0),
      0u)
      << r.out;
  for (const auto& p : {good, bad, table}) fs::remove(p);
}

TEST(CliCheck, JunkFileAndWrongShapeExitTwo) {
  const fs::path junk = fs::temp_directory_path() / "ropelab-check-junk.npy";
  std::ofstream(junk) << "not an array";
  Result r = run("check " + kCheckScene + " --ids " + junk.string());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("bad magic bytes"), std::string::npos) << r.err;
  const fs::path shape = write_npy("shape.npy", "<i8", {2, 16}, std::vector<std::int64_t>(32, 0));
  r = run("check " + kCheckScene + " --ids " + shape.string());
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("shape (2, 16) does not fit mrope on this scene: expected (3, 16) or (3, "
                       "batch, 16)"),
            std::string::npos)
      << r.err;
  r = run("check " + kCheckScene);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("needs --ids FILE.npy and/or --allocation FILE.npy"), std::string::npos);
  r = run("check " + kCheckScene + " --ids /nonexistent/ids.npy");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("/nonexistent/ids.npy"), std::string::npos);
  fs::remove(junk);
  fs::remove(shape);
}

}  // namespace

// Issue 11 item 5: help and version exit 0 with usage on stdout.
namespace {

TEST(CliHelp, HelpFlagsPrintUsageAndSucceed) {
  for (const char* args : {"--help", "-h", "help", "positions --help", "angles -h",
                           "positions --variant mrope --help", "bench --help"}) {
    SCOPED_TRACE(args);
    const Result r = run(args);
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out.rfind("ropelab-cli — RoPE Lab's headless command line", 0), 0u);
    EXPECT_NE(r.out.find("usage: ropelab-cli COMMAND [options]"), std::string::npos);
    EXPECT_NE(r.out.find("--timestamp-tokens"), std::string::npos);
    EXPECT_TRUE(r.err.empty()) << r.err;
  }
}

TEST(CliHelp, NoArgumentsIsAUsageError) {
  const Result r = run("");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("usage: ropelab-cli"), std::string::npos);
}

TEST(CliHelp, VersionPrintsTheProjectVersion) {
  const Result r = run("--version");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "ropelab-cli 0.1.0\n");
  EXPECT_EQ(run("positions --version").status, 0);
}

TEST(CliHelp, UnknownOptionStillExits2) {
  const Result r = run("positions --helpme");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("option '--helpme' is unknown"), std::string::npos) << r.err;
}

// Issue 11 item 2: qwen3-mrope writes 6 timestamp tokens + 2 markers per frame by default.
TEST(CliQwen3, TimestampTokensDefaultSix) {
  const Result def = run("positions --variant qwen3-mrope --scene text:2,video:2x2x3,text:2");
  ASSERT_EQ(def.status, 0) << def.err;
  EXPECT_EQ(json::parse(def.out)["position_ids"][0].size(), 16u + 2 * (6 + 2));
  const Result zero =
      run("positions --variant qwen3-mrope --scene text:2,video:2x2x3,text:2 --timestamp-tokens 0");
  ASSERT_EQ(zero.status, 0) << zero.err;
  EXPECT_EQ(json::parse(zero.out)["position_ids"][0].size(), 16u);
}

// Issue 11 item 1: the issue's example, t of token 6 in float32 (10) and exactly (11).
TEST(CliQwen25, Float32DefaultAndExactTime) {
  const std::string base =
      "positions --variant qwen25-mrope --scene text:1,video:11x1x1@0.08,text:1 "
      "--tokens-per-second 25";
  const Result f = run(base), e = run(base + " --exact-time");
  ASSERT_EQ(f.status, 0) << f.err;
  ASSERT_EQ(e.status, 0) << e.err;
  EXPECT_EQ(json::parse(f.out)["position_ids"][0][6], 10);
  EXPECT_EQ(json::parse(e.out)["position_ids"][0][6], 11);
}

// Issue 11 item 4: CSV ids are integers (no 1e+01) for a 1,205-token text, every row.
TEST(CliCsv, TextOf1205TokensHasIntegerIds) {
  const Result r = run("positions --variant vanilla --scene text:1205 --format csv");
  ASSERT_EQ(r.status, 0) << r.err;
  std::istringstream in(r.out);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "index,modality,frame,row,col,p");
  std::size_t row = 0;
  while (std::getline(in, line)) {
    const std::string i = std::to_string(row);
    EXPECT_EQ(line, i + ",text,-1,-1,-1," + i);
    ++row;
  }
  EXPECT_EQ(row, 1205u);
}

}  // namespace
