#pragma once
// Command-line parsing for ropelab-cli (spec/cli.md). Options apply in order, so options given
// after --preset override its values.
#include <optional>
#include <string>
#include <vector>

#include "ropelab/config.h"
#include "ropelab/io/preset.h"
#include "ropelab/io/writers.h"
#include "ropelab/scene.h"

namespace ropelab::cli {

struct Options {
  std::string command;
  std::string variant = "videorope";
  Scene scene = Scene::default_scene();
  Config config;
  io::Format format = io::Format::Json;
  std::optional<std::string> out;
  // attention
  std::string query = "last";
  std::string qk = "ones";
  bool softmax = false;
  bool bidirectional = false;
  // analyze
  std::string what;
  std::optional<std::string> axis;
  int range = 1000;
  // bench
  int runs = 7;
  // check
  std::optional<std::string> ids;
  std::optional<std::string> allocation;
  // figure
  std::string view = "layout";
  std::string size = "1200x900";
  int dpi = 144;
  std::string sweep;         // figure: PARAM:FROM:TO:N (an animated GIF or a PNG sequence)
  std::string paper_figure;  // figure: a Paper figures entry (e.g. teaching:rotation) to render
  std::vector<std::string> compare;
  std::vector<std::string> notes;  // printed to stderr (e.g. an option the variant ignores)
};

// Throws InputError naming the option on unknown options, missing or malformed values.
Options parse_options(const std::vector<std::string>& args);
std::string usage();
// Every variant's declared options: flag, range or choices, default, doc and the paper table.
std::string variant_options_help();

}  // namespace ropelab::cli
