// The Python module `ropelab`: RoPE Lab's core as NumPy arrays (issue 14).
//
// Every function takes the CLI's options as keyword arguments (`--head-dim 64` is head_dim=64,
// `--no-lta` is no_lta=True) and runs them through the CLI's own parser (app/cli/options.cpp), so
// every option the CLI has works here with no extra code and bad input raises ValueError with the
// CLI's message. Arrays view core's buffers (a capsule owns them): no copies, no per-token Python
// work.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "options.h"
#include "ropelab/attention.h"
#include "ropelab/check.h"
#include "ropelab/error.h"
#include "ropelab/io/npy.h"
#include "ropelab/io/writers.h"
#include "ropelab/rope.h"

namespace py = pybind11;

namespace ropelab::python {

namespace {

// Options that are Python arguments of their own, never CLI options.
bool is_python_argument(const std::string& key) {
  return key == "q" || key == "k" || key == "ids" || key == "allocation";
}

std::string option_text(const std::string& key, py::handle value) {
  if (py::isinstance<py::str>(value)) return value.cast<std::string>();
  if (PyIndex_Check(value.ptr()) != 0)
    return py::str(py::int_(py::reinterpret_borrow<py::object>(value)));
  if (PyFloat_Check(value.ptr()) != 0 || PyNumber_Check(value.ptr()) != 0)
    return py::str(py::float_(py::reinterpret_borrow<py::object>(value)));
  if (py::isinstance<py::sequence>(value)) {
    // split=(16, 24, 24) is --split 16:24:24; compare=["mrope", "vrope"] is --compare mrope,vrope.
    std::string text;
    const char separator = key == "split" ? ':' : ',';
    for (py::handle item : value.cast<py::sequence>())
      text += (text.empty() ? "" : std::string(1, separator)) + option_text(key, item);
    return text;
  }
  throw InputError(key + " = " + std::string(py::str(py::repr(value))) +
                   " is invalid: must be a string, a number, a bool or a list");
}

void add_option(std::vector<std::string>& args, const std::string& key, py::handle value) {
  if (value.is_none()) return;
  std::string flag = "--" + key;
  std::replace(flag.begin(), flag.end(), '_', '-');
  if (PyBool_Check(value.ptr()) != 0) {
    if (value.cast<bool>()) args.push_back(flag);
    return;
  }
  args.push_back(flag);
  args.push_back(option_text(key, value));
}

// kwargs -> the CLI's argv: preset and config first (later options override them), then variant
// and scene, then the rest in the caller's order.
cli::Options parse(const std::string& command, const py::object& variant, const py::object& scene,
                   const py::kwargs& kwargs) {
  std::vector<std::string> args{command};
  for (const char* first : {"preset", "config"})
    if (kwargs.contains(first)) add_option(args, first, py::object(kwargs[first]));
  add_option(args, "variant", variant);
  add_option(args, "scene", scene);
  for (auto item : kwargs) {
    const std::string key = py::str(item.first);
    if (key == "preset" || key == "config" || is_python_argument(key)) continue;
    if (key == "format" || key == "out")
      throw InputError(key + " is a CLI output option: the Python functions return arrays");
    add_option(args, key, item.second);
  }
  cli::Options options = cli::parse_options(args);
  if (!options.notes.empty()) {
    const py::object warn = py::module_::import("warnings").attr("warn");
    for (const auto& note : options.notes)
      warn(note, py::module_::import("builtins").attr("UserWarning"), 2);
  }
  // Arrays are handed over in place, so size the memory guard like the CLI's binary output.
  options.format = io::Format::Npy;
  return options;
}

py::object json_loads(const std::string& text) {
  return py::module_::import("json").attr("loads")(text);
}

// A NumPy array viewing `data`, kept alive by `owner`.
template <class T>
py::array_t<T> view(const T* data, std::vector<py::ssize_t> shape, const py::capsule& owner) {
  return py::array_t<T>(std::move(shape), data, owner);
}

template <class T>
py::capsule own(T* object) {
  return py::capsule(object, [](void* p) { delete static_cast<T*>(p); });
}

// Fixed-width UTF-32 strings ('<U5'), filled in C++: one buffer, no Python string per token. The
// last array is kept (read-only) and handed out again while the token layout is the same, so
// repeated calls on one scene skip the 20 bytes per token.
py::array modality_array(const Encoding& e) {
  static std::vector<Modality> cached_layout;
  static py::object* cached = new py::object();  // leaked: outlives the interpreter's teardown
  const auto& modality = e.positions.tokens.modality;
  if (*cached && cached_layout == modality) return py::reinterpret_borrow<py::array>(*cached);
  const std::size_t n = e.token_count();
  std::size_t width = 1;
  for (Modality m : {Modality::Text, Modality::Image, Modality::Video})
    width = std::max(width, to_string(m).size());
  py::array out(py::dtype::from_args(py::str("<U" + std::to_string(width))),
                std::vector<py::ssize_t>{static_cast<py::ssize_t>(n)});
  auto* data = static_cast<char32_t*>(out.mutable_data());
  std::vector<char32_t> codes[3];
  for (Modality m : {Modality::Text, Modality::Image, Modality::Video}) {
    const std::string_view name = to_string(m);
    codes[static_cast<int>(m)].assign(name.begin(), name.end());
    codes[static_cast<int>(m)].resize(width, U'\0');
  }
  for (std::size_t i = 0; i < n; ++i) {
    const auto& c = codes[static_cast<int>(modality[i])];
    std::copy(c.begin(), c.end(), data + i * width);
  }
  out.attr("flags").attr("writeable") = false;
  cached_layout = modality;
  *cached = out;
  return out;
}

py::dict positions(const py::object& variant, const py::object& scene, const py::kwargs& kwargs) {
  const cli::Options o = parse("positions", variant, scene, kwargs);
  auto* e = new Encoding();
  const py::capsule owner = own(e);
  {
    py::gil_scoped_release release;
    cli::guard_memory(o, Workload::Positions);
    *e = cli::encode_options(o);
  }
  py::dict d = json_loads(io::positions_summary_json(*e));
  const auto n = static_cast<py::ssize_t>(e->token_count());
  const auto axes = static_cast<py::ssize_t>(e->positions.ids.rows());
  d["position_ids"] = view(e->positions.ids.data(), {axes, n}, owner);
  d["modality"] = modality_array(*e);
  const TokenLayout& t = e->positions.tokens;
  d["frame"] = view(t.frame.data(), {n}, owner);
  d["row"] = view(t.row.data(), {n}, owner);
  d["col"] = view(t.col.data(), {n}, owner);
  d["pair_axis"] =
      view(e->pair_axis.data(), {static_cast<py::ssize_t>(e->pair_axis.size())}, owner);
  d["inv_freq"] = view(e->inv_freq.data(), {static_cast<py::ssize_t>(e->inv_freq.size())}, owner);
  return d;
}

py::array angles(const py::object& variant, const py::object& scene, const py::kwargs& kwargs) {
  const cli::Options o = parse("angles", variant, scene, kwargs);
  auto* phi = new RowMatrix();
  const py::capsule owner = own(phi);
  {
    py::gil_scoped_release release;
    cli::guard_memory(o, Workload::Angles);
    *phi = ropelab::angles(cli::encode_options(o));
  }
  return view(phi->data(), {phi->rows(), phi->cols()}, owner);
}

// Table buffers of released results are kept for the next call (up to two pairs), so repeated
// calls reuse pages already mapped instead of faulting fresh ones in, as the C++ bench reuses its
// buffers.
class TablePool {
 public:
  std::unique_ptr<RopeTables> take() {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (free_.empty()) return std::make_unique<RopeTables>();
    std::unique_ptr<RopeTables> t = std::move(free_.back());
    free_.pop_back();
    return t;
  }
  void give(RopeTables* t) {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (free_.size() < 2) {
      free_.emplace_back(t);
    } else {
      delete t;
    }
  }

 private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<RopeTables>> free_;
};

TablePool& pool() {
  static auto* p = new TablePool();  // outlives every capsule, even at interpreter exit
  return *p;
}

py::tuple rope_tables(const py::object& variant, const py::object& scene,
                      const py::kwargs& kwargs) {
  const cli::Options o = parse("positions", variant, scene, kwargs);
  RopeTables* tables = pool().take().release();
  const py::capsule owner(tables, [](void* p) { pool().give(static_cast<RopeTables*>(p)); });
  {
    py::gil_scoped_release release;
    cli::guard_memory(o, Workload::Angles);
    compute_rope_tables(cli::encode_options(o), *tables);
  }
  const auto n = static_cast<py::ssize_t>(tables->tokens);
  const auto p = static_cast<py::ssize_t>(tables->pairs);
  return py::make_tuple(view(tables->cos.data(), {n, p}, owner),
                        view(tables->sin.data(), {n, p}, owner));
}

RowMatrix matrix(const py::object& value, const char* name) {
  const auto a = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(value);
  if (!a) throw InputError(std::string(name) + " must be an array of numbers");
  if (a.ndim() != 2) {
    throw InputError(std::string(name) + " = an array with " + std::to_string(a.ndim()) +
                     " dimensions is invalid: must be (tokens, D)");
  }
  RowMatrix m(a.shape(0), a.shape(1));
  std::memcpy(m.data(), a.data(), sizeof(double) * static_cast<std::size_t>(a.size()));
  return m;
}

py::dict attention(const py::object& variant, const py::object& scene, const py::object& q,
                   const py::object& k, const py::kwargs& kwargs) {
  const cli::Options o = parse("attention", variant, scene, kwargs);
  if (q.is_none() != k.is_none()) throw InputError("q and k must be given together");
  QkSource source;
  std::uint64_t extra = 0;
  if (!q.is_none()) {
    source.kind = QkKind::Arrays;
    source.q = matrix(q, "q");
    source.k = matrix(k, "k");
    extra = static_cast<std::uint64_t>(source.q.size() + source.k.size()) * sizeof(double);
  } else {
    source = QkSource::parse(o.qk);
  }
  Eigen::VectorXd logits, p;
  std::size_t query = 0;
  std::string id;
  {
    py::gil_scoped_release release;
    cli::guard_memory(o, Workload::AttentionRow, extra);
    const Encoding e = cli::encode_options(o);
    id = std::string(e.variant->id());
    query = cli::resolve_query(o.query, e.token_count());
    const RotatedQk qk = rotated_qk(e, source);
    logits = attention_row(e, qk, query);
    if (o.softmax) p = softmax_row(logits, query, !o.bidirectional);
  }
  py::dict d;
  d["variant"] = id;
  d["query"] = query;
  d["logits"] = py::array_t<double>(logits.size(), logits.data());
  if (o.softmax) d["probabilities"] = py::array_t<double>(p.size(), p.data());
  return d;
}

py::object analyze(const py::object& variant, const py::object& scene, const py::kwargs& kwargs) {
  const cli::Options o = parse("analyze", variant, scene, kwargs);
  cli::Options json = o;
  json.format = io::Format::Json;
  std::string text;
  {
    py::gil_scoped_release release;
    text = cli::run_command(json);
  }
  return json_loads(text);
}

// A user's array (NumPy, PyTorch on the CPU, lists) or .npy path as core's NpyArray.
io::NpyArray user_array(const py::object& value, const std::string& name) {
  if (py::isinstance<py::str>(value) || py::hasattr(value, "__fspath__"))
    return io::read_npy(py::str(value));
  const py::object numpy = py::module_::import("numpy");
  const py::array a = numpy.attr("asarray")(value);
  const std::string kind = py::str(a.dtype().attr("kind"));
  if (kind != "i" && kind != "u" && kind != "f" && kind != "b") {
    throw InputError(name + ": dtype '" + std::string(py::str(a.dtype())) +
                     "' is not supported (integer, float or bool)");
  }
  io::NpyArray out;
  out.dtype = py::str(a.dtype().attr("str"));
  for (py::ssize_t i = 0; i < a.ndim(); ++i)
    out.shape.push_back(static_cast<std::size_t>(a.shape(i)));
  const auto f8 = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(a);
  out.data.assign(f8.data(), f8.data() + f8.size());
  return out;
}

struct CheckResult {
  bool ok = true;
  py::object first = py::none();
  py::object per_axis = py::none();
  py::object tokens_differing = py::none();
  py::object allocation = py::none();
  std::string message;
};

CheckResult check(const py::object& variant, const py::object& scene, const py::object& ids,
                  const py::object& allocation, const py::kwargs& kwargs) {
  const cli::Options o = parse("check", variant, scene, kwargs);
  if (ids.is_none() && allocation.is_none())
    throw InputError("check needs ids= (an array or .npy path) and/or allocation=");
  cli::guard_memory(o, Workload::Positions);
  const Encoding e = cli::encode_options(o);
  CheckResult result;
  std::optional<RowMatrix> user;
  if (!ids.is_none()) {
    const io::NpyArray a = user_array(ids, "ids");
    const IdsCheck c = check_ids(e, a, "ids");
    result.ok = c.ok();
    result.message += describe(e, c);
    py::dict per_axis;
    for (std::size_t ax = 0; ax < e.axes().size(); ++ax)
      per_axis[py::str(e.axes()[ax])] = c.per_axis[ax];
    result.per_axis = per_axis;
    result.tokens_differing =
        py::array_t<std::size_t>(c.tokens_differing.size(), c.tokens_differing.data());
    if (c.first) {
      const IdsMismatch& m = *c.first;
      const TokenLayout& t = e.positions.tokens;
      py::dict first;
      first["batch"] = m.batch;
      first["token"] = m.token;
      first["segment"] = t.segment[m.token];
      first["modality"] = std::string(to_string(t.modality[m.token]));
      first["frame"] = t.frame[m.token];
      first["row"] = t.row[m.token];
      first["col"] = t.col[m.token];
      first["axis"] = e.axes()[static_cast<std::size_t>(m.axis)];
      first["expected"] = m.expected;
      first["got"] = m.got;
      result.first = first;
    }
    if (!allocation.is_none()) user = first_batch(e, a, "ids");
  }
  if (!allocation.is_none()) {
    const AllocationCheck c = check_allocation(e, user_array(allocation, "allocation"),
                                               "allocation", user ? &*user : nullptr);
    result.ok = result.ok && c.ok();
    result.message += describe(e, c);
    py::dict d;
    d["ok"] = c.ok();
    d["layout"] = c.layout;
    d["expected"] = c.expected;
    d["found"] = c.found;
    d["first"] = c.first ? py::object(py::int_(*c.first)) : py::object(py::none());
    d["differing"] = c.differing;
    result.allocation = d;
  }
  return result;
}

std::string options_help() {
  const std::string usage = cli::usage();
  const std::size_t from = usage.find("scene and configuration");
  return "Keyword arguments are ropelab-cli's options with '--' dropped and '-' written '_'\n"
         "(--head-dim 64 is head_dim=64; a flag such as --no-lta is no_lta=True; None or False\n"
         "leaves an option out; split=(16, 24, 24) is --split 16:24:24). scene is --scene's\n"
         "syntax, e.g. 'text:4,video:8x4x4,text:4'. Bad input raises ValueError with the CLI's\n"
         "message. The CLI's options:\n\n" +
         (from == std::string::npos ? usage : usage.substr(from));
}

}  // namespace

}  // namespace ropelab::python

PYBIND11_MODULE(ropelab, m) {
  using namespace ropelab::python;
  try {
    py::module_::import("numpy");
  } catch (py::error_already_set&) {
    throw py::import_error(
        "ropelab needs NumPy, which this Python lacks (Debian: apt-get install python3-numpy); "
        "the module was built for " ROPELAB_PYTHON_EXECUTABLE);
  }
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const ropelab::InputError& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    }
  });
  // The docstrings carry their own signature lines (with the CLI's defaults).
  py::options doc_options;
  doc_options.disable_function_signatures();
  const std::string options = options_help();
  m.doc() =
      "RoPE Lab from Python: the position ids, frequency allocation, angles, cos/sin tables,\n"
      "attention and analyses of every RoPE variant as NumPy arrays, and a checker for your\n"
      "own implementation's ids (check).\n\n" +
      options;
  m.attr("__version__") = "0.1.0";

  m.def(
      "variants",
      [] { return json_loads(ropelab::io::variants_output(ropelab::io::Format::Json)); },
      "variants() -> list[dict]\n\nEvery variant as a dict with id, axes, summary, paper, ... "
      "(ropelab-cli variants --format json).");

  m.def("positions", &positions, py::arg("variant") = py::none(), py::arg("scene") = py::none(),
        ("positions(variant='videorope', scene=None, **options) -> dict\n\n"
         "The position id of every token on every axis and the frequency-pair allocation: the "
         "fields of `ropelab-cli positions` JSON, with position_ids a float64 (axes, tokens) "
         "array, modality a str array, frame/row/col int32 arrays (-1 for text), pair_axis int32 "
         "and inv_freq float64 arrays, viewing core's buffers (no copy).\n\n" +
         options)
            .c_str());

  m.def("angles", &angles, py::arg("variant") = py::none(), py::arg("scene") = py::none(),
        ("angles(variant='videorope', scene=None, **options) -> numpy.ndarray\n\n"
         "The rotation angle of every (token, pair), float64 (tokens, pairs): "
         "position_ids[pair_axis[j]][i] * inv_freq[j].\n\n" +
         options)
            .c_str());

  m.def("rope_tables", &rope_tables, py::arg("variant") = py::none(), py::arg("scene") = py::none(),
        ("rope_tables(variant='videorope', scene=None, **options) -> tuple[ndarray, ndarray]\n\n"
         "(cos, sin) of every (token, pair) angle as float32 (tokens, pairs) arrays, as a model "
         "consumes them; the arrays view core's buffers (no copy). In the rotate-half layout "
         "column j is used by feature dims j and j + D/2.\n\n" +
         options)
            .c_str());

  m.def("attention", &attention, py::arg("variant") = py::none(), py::arg("scene") = py::none(),
        py::arg("q") = py::none(), py::arg("k") = py::none(),
        ("attention(variant='videorope', scene=None, q=None, k=None, **options) -> dict\n\n"
         "The attention logits q_rot . k_rot / sqrt(D) of one query token (query='last' or an "
         "index) over every key: dict with variant, query, logits (and probabilities with "
         "softmax=True). q and k are (tokens, D) arrays; without them qk='ones' (default) or "
         "'gaussian:SEED'.\n\n" +
         options)
            .c_str());

  m.def("analyze", &analyze, py::arg("variant") = py::none(), py::arg("scene") = py::none(),
        ("analyze(variant='videorope', scene=None, what=..., **options) -> dict\n\n"
         "The analyses as numbers: what='collisions', 'jump', 'bias' or 'properties' "
         "(ropelab-cli analyze JSON).\n\n" +
         options)
            .c_str());

  py::class_<CheckResult>(m, "CheckResult",
                          "The outcome of check(): ok, first (the first differing id as a dict: "
                          "batch, token, segment, modality, frame, row, col, axis, expected, got; "
                          "None on a match), per_axis (differing ids per axis), tokens_differing, "
                          "allocation (a dict, when checked) and message (the CLI's report).")
      .def_readonly("ok", &CheckResult::ok)
      .def_readonly("first", &CheckResult::first)
      .def_readonly("per_axis", &CheckResult::per_axis)
      .def_readonly("tokens_differing", &CheckResult::tokens_differing)
      .def_readonly("allocation", &CheckResult::allocation)
      .def_readonly("message", &CheckResult::message)
      .def("__bool__", [](const CheckResult& r) { return r.ok; })
      .def("__str__", [](const CheckResult& r) { return r.message; })
      .def("__repr__", [](const CheckResult& r) {
        return "<ropelab.CheckResult ok=" + std::string(r.ok ? "True" : "False") + ">\n" +
               r.message;
      });

  m.def("check", &check, py::arg("variant") = py::none(), py::arg("scene") = py::none(),
        py::arg("ids") = py::none(), py::arg("allocation") = py::none(),
        ("check(variant='videorope', scene=None, ids=None, allocation=None, **options) -> "
         "CheckResult\n\n"
         "Compares your position ids with the variant's reference: ids is an array (NumPy, a "
         "CPU torch tensor, ...) or .npy path of shape (axes, tokens) or (axes, batch, tokens), "
         "any integer or float dtype, as get_rope_index returns them. allocation is a pair -> "
         "axis map (pairs,) or a cos table (tokens, pairs) / (tokens, D) from your rotary "
         "module. Same as `ropelab-cli check`.\n\n" +
         options)
            .c_str());
}
