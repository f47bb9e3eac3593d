// Table-driven bad input: every line of cases/cases.txt runs ropelab-cli and must exit 2 with a
// message naming the problem, never crash, hang or leave a (partial) output file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "run_cli.h"

namespace ropelab::test {
namespace {

namespace fs = std::filesystem;

struct Case {
  std::string id;
  std::string expect;  // text stderr must contain
  std::string args;
  std::string env;  // NAME=VALUE ... (optional)
  int line = 0;
};

// gtest prints parameters in failure messages and test listings: show the id, not raw bytes.
void PrintTo(const Case& c, std::ostream* os) {
  *os << c.id;
}

std::string trim(const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::vector<Case> load_cases() {
  std::ifstream in(std::string(ROPELAB_BADINPUT_CASES) + "/cases.txt");
  std::vector<Case> cases;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (trim(line).empty() || trim(line)[0] == '#') continue;
    std::vector<std::string> fields;
    std::size_t start = 0;
    while (true) {
      const std::size_t bar = line.find(" | ", start);
      fields.push_back(trim(line.substr(start, bar - start)));
      if (bar == std::string::npos) break;
      start = bar + 3;
    }
    Case c;
    c.line = number;
    c.id = fields.size() > 0 ? fields[0] : "";
    c.expect = fields.size() > 1 ? fields[1] : "";
    c.args = fields.size() > 2 ? fields[2] : "";
    c.env = fields.size() > 3 ? fields[3] : "";
    cases.push_back(c);
  }
  return cases;
}

const std::vector<Case>& cases() {
  static const std::vector<Case> kCases = load_cases();
  return kCases;
}

TEST(BadInputTable, HasAtLeastFortyWellFormedUniqueCases) {
  ASSERT_GE(cases().size(), 40u);
  std::set<std::string> ids;
  for (const Case& c : cases()) {
    EXPECT_TRUE(ids.insert(c.id).second) << "duplicate id " << c.id << " on line " << c.line;
    EXPECT_FALSE(c.expect.empty() || c.args.empty()) << "line " << c.line;
  }
}

class BadInput : public ::testing::TestWithParam<Case> {};

TEST_P(BadInput, ExitsTwoWithAMessageAndNoFile) {
  const Case& c = GetParam();
  const fs::path dir = fresh_dir("badinput-" + c.id);
  std::string args = c.args;
  if (const std::size_t at = args.find("@GENERATED@"); at != std::string::npos) {
    args.replace(at, 11, dir.string());
    // A preset beyond the 4 MiB JSON limit: valid JSON padded with spaces.
    std::ofstream(dir / "big_preset.json")
        << R"({"version": 1, "scene": [{"kind": "text", "count": 2}])" << std::string(5 << 20, ' ')
        << "}";
  }
  // --out goes right after the command word: the command must not write even a partial file.
  const fs::path out = dir / "out.json";
  const std::size_t command_end = args.find(' ');
  args = command_end == std::string::npos ? args + " --out '" + out.string() + "'"
                                          : args.substr(0, command_end) + " --out '" +
                                                out.string() + "'" + args.substr(command_end);
  const std::string prefix = "cd '" + std::string(ROPELAB_BADINPUT_CASES) + "' && env " + c.env;
  const CliResult r = run_cli(prefix, args, dir / "stderr.txt");
  SCOPED_TRACE("case " + c.id + " (cases.txt line " + std::to_string(c.line) + "): " + c.args);
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_FALSE(sanitizer_report(r.err)) << r.err;
  EXPECT_NE(r.err.find("ropelab-cli: error: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(c.expect), std::string::npos) << "expected: " << c.expect << "\n" << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out.substr(0, 200);
  EXPECT_FALSE(fs::exists(out));
  for (const auto& entry : fs::directory_iterator(dir)) {
    EXPECT_EQ(entry.path().filename().string().find("out.json"), std::string::npos)
        << "left behind: " << entry.path();
  }
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Cases, BadInput, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& info) { return info.param.id; });

}  // namespace
}  // namespace ropelab::test
