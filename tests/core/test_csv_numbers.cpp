// Issue 11 item 4: CSV numbers. Integers print as integers, other values as the shortest decimal
// that round-trips; ids never use scientific notation. Parsed the way numpy.loadtxt(delimiter=",",
// skiprows=1) parses a numeric column: each cell must be a whole float literal.
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "helpers.h"
#include "ropelab/io/writers.h"
#include "ropelab/rope.h"

namespace ropelab::test {
namespace {

std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);  // header (skiprows=1)
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::istringstream cells_in(line);
    std::string cell;
    while (std::getline(cells_in, cell, ',')) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

// float(cell) as numpy does it: the whole cell must be consumed.
double parse_float(const std::string& cell) {
  char* end = nullptr;
  const double v = std::strtod(cell.c_str(), &end);
  EXPECT_TRUE(!cell.empty() && end == cell.c_str() + cell.size()) << "'" << cell << "'";
  return v;
}

TEST(CsvNumbers, TextOf1205TokensRoundTripsEveryRow) {
  const Encoding e = encode_id("vanilla", Scene::parse("text:1205"));
  const auto rows = csv_rows(io::positions_output(e, io::Format::Csv));
  ASSERT_EQ(rows.size(), 1205u);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 6u) << i;  // index,modality,frame,row,col,p
    EXPECT_EQ(rows[i][0], std::to_string(i));
    // ids are written as plain integers: "10", "120", "1200", never "1e+01"
    EXPECT_EQ(rows[i][5], std::to_string(i)) << i;
    EXPECT_EQ(rows[i][5].find_first_of("eE."), std::string::npos) << rows[i][5];
    EXPECT_EQ(parse_float(rows[i][5]), static_cast<double>(i));
  }
}

TEST(CsvNumbers, MultiAxisIdsAreIntegersAndHalvesStayExact) {
  // videorope with delta 1.5 has half-integer ids; every cell round-trips exactly.
  Config config;
  config.delta = 1.5;
  const Encoding e = encode_id("videorope", Scene::parse("text:40,video:9x2x2,text:40"), config);
  const auto rows = csv_rows(io::positions_output(e, io::Format::Csv));
  ASSERT_EQ(rows.size(), e.token_count());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (int a = 0; a < static_cast<int>(e.axes().size()); ++a) {
      const std::string& cell = rows[i][5 + static_cast<std::size_t>(a)];
      EXPECT_EQ(cell.find_first_of("eE"), std::string::npos) << cell;
      EXPECT_EQ(parse_float(cell), e.id(a, i)) << i << " axis " << a;
    }
  }
}

TEST(CsvNumbers, AnglesRoundTripWithShortestDigits) {
  const Encoding e = encode_id("vanilla", Scene::parse("text:1205"));
  const RowMatrix phi = angles(e);
  const auto rows = csv_rows(io::angles_output(e, io::Format::Csv));
  ASSERT_EQ(rows.size(), 1205u);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), static_cast<std::size_t>(phi.cols()) + 1) << i;
    for (Eigen::Index j = 0; j < phi.cols(); ++j) {
      EXPECT_EQ(parse_float(rows[i][static_cast<std::size_t>(j) + 1]),
                phi(static_cast<Eigen::Index>(i), j))
          << i << "," << j;
    }
  }
  EXPECT_EQ(rows[10][1], "10");  // pair 0 has frequency 1: phi = position, an integer
  EXPECT_EQ(rows[1][2], "0.8659643233600653");  // 10000^(-2/128), shortest round-trip
}

}  // namespace
}  // namespace ropelab::test
