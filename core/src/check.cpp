#include "ropelab/check.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "ropelab/error.h"

namespace ropelab {

namespace {

std::string shape_text(const std::vector<std::size_t>& shape) {
  std::string text = "(";
  for (std::size_t i = 0; i < shape.size(); ++i)
    text += std::to_string(shape[i]) + (shape.size() == 1 ? "," : i + 1 < shape.size() ? ", " : "");
  return text + ")";
}

std::string axes_text(const Encoding& e) {
  std::string text;
  for (const auto& a : e.axes()) text += (text.empty() ? "" : ", ") + a;
  return text;
}

// The reference id as the user's dtype would hold it.
bool same_id(double expected, double got, const std::string& dtype) {
  const char kind = dtype.empty() ? 'f' : dtype[dtype.size() - 2];
  const char width = dtype.empty() ? '8' : dtype.back();
  if (kind == 'f' && width == '4') return got == static_cast<double>(static_cast<float>(expected));
  if (kind == 'f' && width == '2')
    return std::abs(got - expected) <= std::max(std::abs(expected) * 0x1p-11, 0x1p-25);
  return got == expected;
}

struct IdsLayout {
  std::size_t batches = 1;
  // element (axis a, batch b, token i) is at a * axis_stride + b * batch_stride + i
  std::size_t axis_stride = 0;
  std::size_t batch_stride = 0;
};

IdsLayout ids_layout(const Encoding& e, const io::NpyArray& ids, const std::string& name) {
  const std::size_t axes = e.axes().size(), n = e.token_count();
  const std::vector<std::size_t>& s = ids.shape;
  IdsLayout layout;
  if (s.size() == 2 && s[0] == axes && s[1] == n) {
    layout.axis_stride = n;
    return layout;
  }
  if (s.size() == 3 && s[0] == axes && s[1] >= 1 && s[2] == n) {
    layout.batches = s[1];
    layout.batch_stride = n;
    layout.axis_stride = s[1] * n;
    return layout;
  }
  if (axes == 1 && s.size() == 1 && s[0] == n) return layout;
  if (axes == 1 && s.size() == 2 && s[0] >= 1 && s[1] == n) {
    layout.batches = s[0];
    layout.batch_stride = n;
    return layout;
  }
  const std::string a = std::to_string(axes), t = std::to_string(n);
  std::string expected = "(" + a + ", " + t + ") or (" + a + ", batch, " + t + ")";
  if (axes == 1) expected = "(" + t + ",), (batch, " + t + "), " + expected;
  throw InputError(name + ": shape " + shape_text(s) + " does not fit " +
                   std::string(e.variant->id()) + " on this scene: expected " + expected +
                   " (axes " + axes_text(e) + "; " + t + " tokens)");
}

// Keeps only the pair dimension of a cos table: (tokens, D) in the rotate-half layout (column j
// equals j + D/2) or the interleaved layout (column 2j equals 2j + 1) becomes (tokens, pairs).
RowMatrix pair_columns(const io::NpyArray& a, std::size_t tokens, int pairs, std::string& layout,
                       const std::string& name) {
  const auto width = static_cast<int>(a.shape[1]);
  RowMatrix table(static_cast<Eigen::Index>(tokens), pairs);
  const auto at = [&](std::size_t i, int c) { return a.data[i * a.shape[1] + c]; };
  if (width == pairs) {
    layout = "cos table (tokens, pairs)";
    for (std::size_t i = 0; i < tokens; ++i)
      for (int j = 0; j < pairs; ++j) table(static_cast<Eigen::Index>(i), j) = at(i, j);
    return table;
  }
  const auto columns_equal = [&](auto left, auto right) {
    for (std::size_t i = 0; i < tokens; ++i)
      for (int j = 0; j < pairs; ++j)
        if (std::abs(at(i, left(j)) - at(i, right(j))) > 1e-6) return false;
    return true;
  };
  int (*column)(int, int) = nullptr;
  if (columns_equal([](int j) { return j; }, [pairs](int j) { return j + pairs; })) {
    layout = "cos table (tokens, D), rotate-half";
    column = [](int j, int) { return j; };
  } else if (columns_equal([](int j) { return 2 * j; }, [](int j) { return 2 * j + 1; })) {
    layout = "cos table (tokens, D), interleaved";
    column = [](int j, int) { return 2 * j; };
  } else {
    throw InputError(name +
                     ": a (tokens, D) cos table must repeat each pair's column, as rotate-half "
                     "(column j equals column j + D/2) or interleaved (column 2j equals 2j + 1); "
                     "this one does neither");
  }
  for (std::size_t i = 0; i < tokens; ++i)
    for (int j = 0; j < pairs; ++j)
      table(static_cast<Eigen::Index>(i), j) = at(i, column(j, pairs));
  return table;
}

}  // namespace

IdsCheck check_ids(const Encoding& e, const io::NpyArray& ids, const std::string& name) {
  const IdsLayout layout = ids_layout(e, ids, name);
  const int axes = static_cast<int>(e.axes().size());
  IdsCheck check;
  check.batches = layout.batches;
  check.tokens = e.token_count();
  check.per_axis.assign(static_cast<std::size_t>(axes), 0);
  std::vector<char> differs(check.tokens, 0);
  for (std::size_t b = 0; b < layout.batches; ++b) {
    for (std::size_t i = 0; i < check.tokens; ++i) {
      for (int a = 0; a < axes; ++a) {
        const double got = ids.data[static_cast<std::size_t>(a) * layout.axis_stride +
                                    b * layout.batch_stride + i];
        const double expected = e.id(a, i);
        if (same_id(expected, got, ids.dtype)) continue;
        ++check.per_axis[static_cast<std::size_t>(a)];
        differs[i] = 1;
        if (!check.first) check.first = IdsMismatch{b, i, a, expected, got};
      }
    }
  }
  for (std::size_t i = 0; i < check.tokens; ++i)
    if (differs[i]) check.tokens_differing.push_back(i);
  return check;
}

RowMatrix first_batch(const Encoding& e, const io::NpyArray& ids, const std::string& name) {
  const IdsLayout layout = ids_layout(e, ids, name);
  const auto axes = static_cast<Eigen::Index>(e.axes().size());
  const auto n = static_cast<Eigen::Index>(e.token_count());
  RowMatrix out(axes, n);
  for (Eigen::Index a = 0; a < axes; ++a)
    for (Eigen::Index i = 0; i < n; ++i)
      out(a, i) =
          ids.data[static_cast<std::size_t>(a) * layout.axis_stride + static_cast<std::size_t>(i)];
  return out;
}

AllocationCheck check_allocation(const Encoding& e, const io::NpyArray& allocation,
                                 const std::string& name, const RowMatrix* ids) {
  const int pairs = e.pairs();
  const int axes = static_cast<int>(e.axes().size());
  const std::size_t n = e.token_count();
  io::NpyArray a = allocation;
  while (a.shape.size() > 1 && a.shape.front() == 1) a.shape.erase(a.shape.begin());
  AllocationCheck check;
  check.expected = e.pair_axis;
  const std::string p = std::to_string(pairs), t = std::to_string(n), d = std::to_string(2 * pairs);
  const std::string expected_shapes = "expected (" + p + ",) pair -> axis map, or a cos table (" +
                                      t + ", " + p + ") or (" + t + ", " + d + ")";
  if (a.shape.size() == 1 && a.shape[0] == static_cast<std::size_t>(pairs)) {
    check.layout = "pair map";
    for (int j = 0; j < pairs; ++j) {
      const double v = a.data[static_cast<std::size_t>(j)];
      require(
          std::isfinite(v) && v == std::nearbyint(v) && v >= 0 && v < axes,
          name + " pair " + std::to_string(j), format_number(v),
          "must be an axis index in [0, " + std::to_string(axes - 1) + "] (" + axes_text(e) + ")");
      check.found.push_back(static_cast<int>(v));
    }
    check.closest = check.found;
  } else if (a.shape.size() == 2 && a.shape[0] == n &&
             (a.shape[1] == static_cast<std::size_t>(pairs) ||
              a.shape[1] == 2 * static_cast<std::size_t>(pairs))) {
    for (double v : a.data)
      require(std::isfinite(v), name, "a table with non-finite values", "must hold finite cosines");
    const RowMatrix table = pair_columns(a, n, pairs, check.layout, name);
    const RowMatrix& user = ids != nullptr ? *ids : e.positions.ids;
    for (int j = 0; j < pairs; ++j) {
      std::vector<double> score(static_cast<std::size_t>(axes), 0.0), error(score);
      for (int ax = 0; ax < axes; ++ax) {
        for (std::size_t i = 0; i < n; ++i) {
          const double angle = user(ax, static_cast<Eigen::Index>(i)) * e.inv_freq[j];
          const double diff = std::abs(table(static_cast<Eigen::Index>(i), j) - std::cos(angle));
          auto& s = score[static_cast<std::size_t>(ax)];
          s = std::max(s, diff / (2e-3 + 1e-6 * std::abs(angle)));
          auto& err = error[static_cast<std::size_t>(ax)];
          err = std::max(err, diff);
        }
      }
      const auto best =
          static_cast<std::size_t>(std::min_element(score.begin(), score.end()) - score.begin());
      const auto want = static_cast<std::size_t>(e.pair_axis[static_cast<std::size_t>(j)]);
      check.closest.push_back(static_cast<int>(best));
      check.error.push_back(error[best]);
      check.found.push_back(score[want] <= 1.0   ? static_cast<int>(want)
                            : score[best] <= 1.0 ? static_cast<int>(best)
                                                 : -1);
    }
  } else {
    throw InputError(name + ": shape " + shape_text(allocation.shape) +
                     " is not an allocation of " + std::string(e.variant->id()) +
                     " on this scene: " + expected_shapes);
  }
  for (int j = 0; j < pairs; ++j) {
    if (check.found[static_cast<std::size_t>(j)] == check.expected[static_cast<std::size_t>(j)])
      continue;
    ++check.differing;
    if (!check.first) check.first = j;
  }
  return check;
}

std::string describe_token(const Encoding& e, std::size_t token) {
  const TokenLayout& t = e.positions.tokens;
  const int segment = t.segment[token];
  std::string text = segment >= 0 ? "segment " + std::to_string(segment) + ": " : "inserted ";
  text += std::string(to_string(t.modality[token]));
  if (t.modality[token] != Modality::Text) {
    text += ", frame " + std::to_string(t.frame[token]) + ", row " + std::to_string(t.row[token]) +
            ", col " + std::to_string(t.col[token]);
  }
  return text;
}

std::string describe(const Encoding& e, const IdsCheck& c) {
  std::ostringstream out;
  const auto& axes = e.axes();
  const std::string size = std::to_string(axes.size()) + " axes x " + std::to_string(c.tokens) +
                           " tokens" +
                           (c.batches > 1 ? " x " + std::to_string(c.batches) + " batches" : "");
  if (c.ok()) {
    out << "ids: match (" << size << " equal " << e.variant->id() << "'s reference)\n";
    return out.str();
  }
  const IdsMismatch& m = *c.first;
  out << "ids: mismatch: your ids differ from " << e.variant->id() << "'s reference at "
      << (c.batches > 1 ? "batch " + std::to_string(m.batch) + ", " : "") << "token " << m.token
      << " (" << describe_token(e, m.token) << "): " << axes[static_cast<std::size_t>(m.axis)]
      << " = " << format_number(m.got) << ", expected " << format_number(m.expected) << '\n';
  out << "differing ids per axis:";
  for (std::size_t a = 0; a < axes.size(); ++a)
    out << (a ? ", " : " ") << axes[a] << ' ' << c.per_axis[a];
  out << " (of " << size << "); tokens differing: " << c.tokens_differing.size() << '\n';
  return out.str();
}

std::string describe(const Encoding& e, const AllocationCheck& c) {
  std::ostringstream out;
  const auto& axes = e.axes();
  const auto axis = [&](int a) { return std::string(axes[static_cast<std::size_t>(a)]); };
  if (c.ok()) {
    out << "allocation: match (" << c.layout << ": every one of " << c.expected.size()
        << " pairs reads the axis " << e.variant->id() << " gives it)\n";
    return out.str();
  }
  const auto j = static_cast<std::size_t>(*c.first);
  out << "allocation: mismatch (" << c.layout << "): pair " << j << ' ';
  if (c.found[j] >= 0) {
    out << "reads " << axis(c.found[j]) << ", expected " << axis(c.expected[j]);
  } else {
    out << "fits no axis (closest " << axis(c.closest[j]) << ", max |cos error| "
        << format_number(c.error[j]) << "), expected " << axis(c.expected[j])
        << ": check inv_freq (base, head dim) and the ids";
  }
  out << "; " << c.differing << " of " << c.expected.size() << " pairs differ\n";
  return out.str();
}

}  // namespace ropelab
