#include "commands.h"

#include <omp.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>

#include "ropelab/analyses.h"
#include "ropelab/attention.h"
#include "ropelab/check.h"
#include "ropelab/error.h"
#include "ropelab/io/npy.h"
#include "ropelab/io/writers.h"
#include "ropelab/memory_guard.h"
#include "ropelab/registry.h"
#include "ropelab/rope.h"

namespace ropelab::cli {

Encoding encode_options(const Options& o) {
  return encode(variant_or_throw(o.variant), o.scene, o.config);
}

// Refuses, before anything large is allocated, work whose estimated memory exceeds the cap
// (memory_guard.h). The scene and config are validated first so their own errors come first.
void guard_memory(const Options& o, Workload workload, std::uint64_t extra) {
  const Variant& variant = variant_or_throw(o.variant);
  o.config.validate();
  o.scene.validate();
  // Plan with the variant's resolved options (qwen3-mrope's default timestamps add tokens).
  Config resolved = o.config;
  resolved.options = resolve_options(variant, o.config.options);
  check_memory(estimate_memory(workload, o.scene, resolved, variant.axis_count(), o.format, extra));
}

namespace {

// Bytes of the q/k files named by --qk npy:Q.npy,K.npy (0 when unknown or another source).
std::uint64_t qk_file_bytes(const std::string& text) {
  if (text.rfind("npy:", 0) != 0) return 0;
  std::uint64_t total = 0;
  std::size_t start = 4;
  while (true) {
    const std::size_t comma = text.find(',', start);
    std::error_code error;
    const auto size = std::filesystem::file_size(text.substr(start, comma - start), error);
    if (!error) total += size;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return total;
}

}  // namespace

std::size_t resolve_query(const std::string& text, std::size_t tokens) {
  if (text == "last") return tokens - 1;
  std::size_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  require(ec == std::errc() && ptr == end && !text.empty() && value < tokens, "--query",
          "'" + text + "'",
          "must be last or a token index in [0, " + std::to_string(tokens - 1) + "]");
  return value;
}

namespace {

RowMatrix matrix_from_npy(const io::NpyArray& array, const std::string& name) {
  require(array.shape.size() == 2, name,
          "shape with " + std::to_string(array.shape.size()) + " dimensions",
          "must be (tokens, D)");
  RowMatrix m(static_cast<Eigen::Index>(array.shape[0]), static_cast<Eigen::Index>(array.shape[1]));
  std::copy(array.data.begin(), array.data.end(), m.data());
  return m;
}

QkSource qk_source(const std::string& text) {
  if (text.rfind("npy:", 0) != 0) return QkSource::parse(text);
  const std::string files = text.substr(4);
  const std::size_t comma = files.find(',');
  require(comma != std::string::npos, "--qk", "'" + text + "'", "must be npy:Q.npy,K.npy");
  QkSource source;
  source.kind = QkKind::Arrays;
  const std::string q = files.substr(0, comma), k = files.substr(comma + 1);
  source.q = matrix_from_npy(io::read_npy(q), q);
  source.k = matrix_from_npy(io::read_npy(k), k);
  return source;
}

int axis_index(const Encoding& e, const std::string& name) {
  const auto& axes = e.axes();
  const auto it = std::find(axes.begin(), axes.end(), name);
  std::string known;
  for (const auto& a : axes) known += (known.empty() ? "" : ", ") + a;
  require(it != axes.end(), "--axis", "'" + name + "'",
          "must be one of " + known + " for " + std::string(e.variant->id()));
  return static_cast<int>(it - axes.begin());
}

std::string attention(const Options& o) {
  guard_memory(o, Workload::AttentionRow, qk_file_bytes(o.qk));
  const Encoding e = encode_options(o);
  const std::size_t query = resolve_query(o.query, e.token_count());
  const RotatedQk qk = rotated_qk(e, qk_source(o.qk));
  const Eigen::VectorXd logits = attention_row(e, qk, query);
  if (!o.softmax) return io::attention_output(e, query, logits, nullptr, o.format);
  const Eigen::VectorXd p = softmax_row(logits, query, !o.bidirectional);
  return io::attention_output(e, query, logits, &p, o.format);
}

std::string analyze(const Options& o) {
  require(!o.what.empty(), "--what", "(missing)", "must be collisions, jump, bias or properties");
  require(o.format == io::Format::Json, "--format", "csv/npy", "analyze writes json only");
  const Variant& variant = variant_or_throw(o.variant);
  if (o.what == "properties") return io::properties_json(properties(variant, o.config));
  guard_memory(o,
               o.what == "collisions" ? Workload::Collisions
               : o.what == "jump"     ? Workload::Jump
                                      : Workload::Bias,
               o.what == "collisions" ? static_cast<std::uint64_t>(std::max(o.range, 0)) : 0);
  const Encoding e = encode(variant, o.scene, o.config);
  if (o.what == "collisions")
    return io::collisions_json(collisions(e, o.axis ? axis_index(e, *o.axis) : -1, o.range));
  if (o.what == "jump") return io::jump_json(e, boundary_jumps(e));
  const long query =
      o.query == "last" ? -1 : static_cast<long>(resolve_query(o.query, e.token_count()));
  return io::bias_json(bias_map(e, query));
}

// Times fn over `runs` runs after one warm-up.
template <class Fn>
nlohmann::json time_it(const std::string& name, int runs, Fn&& fn) {
  fn();
  std::vector<double> ms;
  for (int r = 0; r < runs; ++r) {
    const auto start = std::chrono::steady_clock::now();
    fn();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                     .count());
  }
  std::sort(ms.begin(), ms.end());
  return {{"name", name}, {"median_ms", ms[ms.size() / 2]}, {"min_ms", ms.front()}, {"runs", runs}};
}

std::string bench(const Options& o) {
  guard_memory(o, Workload::Bench);
  const Variant& variant = variant_or_throw(o.variant);
  Encoding e = encode(variant, o.scene, o.config);
  const std::size_t n = e.token_count();
  nlohmann::json results = nlohmann::json::array();
  results.push_back(time_it("positions", o.runs, [&] {
    e.positions = variant.positions(o.scene, e.config, resolve_delta(variant, e.config));
  }));
  // rope_tables reuses its buffers between runs, as the app does; rope_tables_fresh allocates
  // them every run, as a baseline that returns new tensors does (first touch of fresh pages costs
  // more than computing the tables).
  RopeTables tables;
  results.push_back(time_it("rope_tables", o.runs, [&] {
    e.positions = variant.positions(o.scene, e.config, resolve_delta(variant, e.config));
    compute_rope_tables(e, tables);
  }));
  results.push_back(time_it("rope_tables_fresh", o.runs, [&] {
    RopeTables fresh;
    e.positions = variant.positions(o.scene, e.config, resolve_delta(variant, e.config));
    compute_rope_tables(e, fresh);
  }));
  const QkPair raw = make_qk(QkSource::gaussian(0), n, e.head_dim());
  // The row rotates the query once and fuses every key's rotation into its dot product (keys
  // read once); keys_read_reference only reads the keys once (the floor the row is held to);
  // attention_row_unfused is the rotate-every-key-then-GEMV path it replaced.
  Eigen::VectorXd logits;
  results.push_back(time_it("attention_row", o.runs, [&] {
    attention_row(e, raw, n - 1, logits);
    const Eigen::VectorXd p = softmax_row(logits, n - 1);
    if (!std::isfinite(p.sum())) throw std::runtime_error("attention row is not finite");
  }));
  results.push_back(time_it("keys_read_reference", o.runs, [&] {
    if (!std::isfinite(read_reference(raw.k))) throw std::runtime_error("keys are not finite");
  }));
  results.push_back(time_it("attention_row_unfused", o.runs, [&] {
    const RowMatrix k = rotate(e, raw.k);
    const RowMatrix q = rotate_rows(e, raw.q, n - 1, 1);
    const Eigen::VectorXd unfused = (k * q.row(0).transpose()) / std::sqrt(double(e.head_dim()));
    const Eigen::VectorXd p = softmax_row(unfused, n - 1);
    if (!std::isfinite(p.sum())) throw std::runtime_error("attention row is not finite");
  }));
  // The matrix writes into a reused workspace; gemm_reference is a plain Eigen GEMM of the same
  // shape into a reused buffer, the speed attention_matrix is measured against.
  const std::size_t m = std::min<std::size_t>(n, 8192);
  const RotatedQk head{rotate_rows(e, raw.q, 0, m), rotate_rows(e, raw.k, 0, m)};
  RowMatrix matrix;
  results.push_back(
      time_it("attention_matrix", o.runs, [&] { attention_matrix(e, head, m, matrix); }));
  RowMatrix product;
  results.push_back(
      time_it("gemm_reference", o.runs, [&] { gemm_reference(head.q, head.k, product); }));
  const nlohmann::json root = {{"tokens", n},
                               {"head_dim", e.head_dim()},
                               {"threads", omp_get_max_threads()},
                               {"results", results}};
  return root.dump(2) + "\n";
}

// Compares the user's ids and/or allocation with the reference; status 1 on a mismatch.
std::string check(const Options& o, int& status) {
  require(o.ids || o.allocation, "check", "(nothing to check)",
          "needs --ids FILE.npy and/or --allocation FILE.npy");
  guard_memory(o, Workload::Positions);
  const Encoding e = encode_options(o);
  std::string out;
  bool ok = true;
  std::optional<RowMatrix> user;
  if (o.ids) {
    const io::NpyArray ids = io::read_npy(*o.ids);
    const IdsCheck c = check_ids(e, ids, *o.ids);
    out += describe(e, c);
    ok = ok && c.ok();
    if (o.allocation) user = first_batch(e, ids, *o.ids);
  }
  if (o.allocation) {
    const AllocationCheck c =
        check_allocation(e, io::read_npy(*o.allocation), *o.allocation, user ? &*user : nullptr);
    out += describe(e, c);
    ok = ok && c.ok();
  }
  status = ok ? 0 : 1;
  return out;
}

// `figure` needs Qt and VTK: it runs ropelab-figure (the GUI build's renderer, same code as the
// app's export) with this process's arguments, under a private Xvfb when DISPLAY is unset.
[[noreturn]] void exec_figure() {
  std::ifstream cmdline("/proc/self/cmdline", std::ios::binary);
  const std::string raw((std::istreambuf_iterator<char>(cmdline)),
                        std::istreambuf_iterator<char>());
  std::vector<std::string> args;
  for (std::size_t start = 0; start < raw.size();) {
    const std::size_t end = raw.find('\0', start);
    args.push_back(raw.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  std::string figure;
  for (const auto& candidate : {self.parent_path() / "ropelab-figure",
                                self.parent_path().parent_path() / "gui" / "ropelab-figure"}) {
    if (!ec && ::access(candidate.c_str(), X_OK) == 0) {
      figure = candidate.string();
      break;
    }
  }
  if (figure.empty())
    throw std::runtime_error("figure needs the GUI build: ropelab-figure not found next to " +
                             self.string());
  std::vector<std::string> command;
  const char* display = std::getenv("DISPLAY");
  if (display == nullptr || *display == '\0') {
    std::string xvfb;
    const char* path = std::getenv("PATH");
    std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
    for (std::size_t start = 0; start <= dirs.size();) {
      const std::size_t colon = std::min(dirs.find(':', start), dirs.size());
      const std::string candidate = dirs.substr(start, colon - start) + "/xvfb-run";
      if (colon > start && ::access(candidate.c_str(), X_OK) == 0) {
        xvfb = candidate;
        break;
      }
      start = colon + 1;
    }
    if (xvfb.empty())
      throw std::runtime_error("figure needs an X server: set DISPLAY or install xvfb");
    command = {xvfb, "-a", "-s", "-screen 0 1920x1080x24"};
  }
  command.push_back(figure);
  // args[0] is ropelab-cli itself; the rest starts with "figure".
  command.insert(command.end(), args.begin() + (args.empty() ? 0 : 1), args.end());
  std::vector<char*> argv;
  argv.reserve(command.size() + 1);
  for (auto& a : command) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::fflush(stdout);
  std::fflush(stderr);
  ::execv(argv[0], argv.data());
  throw std::runtime_error("cannot run " + command.front() + ": " + std::strerror(errno));
}

}  // namespace

std::string run_command(const Options& o) {
  int status = 0;
  return run_command(o, status);
}

std::string run_command(const Options& o, int& status) {
  status = 0;
  if (o.command == "check") return check(o, status);
  if (o.command == "variants") return io::variants_output(o.format);
  if (o.command == "positions") {
    guard_memory(o, Workload::Positions);
    return io::positions_output(encode_options(o), o.format);
  }
  if (o.command == "angles") {
    guard_memory(o, Workload::Angles);
    return io::angles_output(encode_options(o), o.format);
  }
  if (o.command == "attention") return attention(o);
  if (o.command == "analyze") return analyze(o);
  if (o.command == "bench") return bench(o);
  if (o.command == "figure") exec_figure();
  throw std::runtime_error("unknown command " + o.command);
}

}  // namespace ropelab::cli
