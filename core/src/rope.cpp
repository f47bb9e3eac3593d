#include "ropelab/rope.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include <omp.h>

#include <cstdint>
#include <functional>
#include <vector>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define ROPELAB_X86 1
// Compiled for AVX2 + FMA whatever the baseline; called only when the CPU has them.
#define ROPELAB_TARGET_AVX2 __attribute__((target("avx2,fma")))
#endif

namespace ropelab {

namespace {
// Axes a row kernel sums at most (every variant has at most 3 today).
constexpr std::size_t kMaxAxes = 8;

// Rounds x >= 0 to the nearest integer by truncating x + 0.5: a plain conversion, where nearbyint
// and lround are library calls on baseline x86-64. Callers check the result exactly.
std::int64_t round_nonnegative(double x) {
  return static_cast<std::int64_t>(x + 0.5);  // NOLINT(bugprone-incorrect-roundings)
}
}  // namespace

Eigen::VectorXd inverse_frequencies(int head_dim, double base) {
  const int pairs = head_dim / 2;
  Eigen::VectorXd inv_freq(pairs);
  for (int j = 0; j < pairs; ++j) inv_freq[j] = 1.0 / std::pow(base, 2.0 * j / head_dim);
  return inv_freq;
}

Eigen::VectorXd wavelengths(const Eigen::VectorXd& inv_freq) {
  return (2.0 * M_PI) * inv_freq.cwiseInverse();
}

RowMatrix angles(const Encoding& encoding) {
  const auto tokens = static_cast<Eigen::Index>(encoding.token_count());
  const int pairs = encoding.pairs();
  RowMatrix phi(tokens, pairs);
  for (int j = 0; j < pairs; ++j) {
    if (encoding.pair_axis[j] < 0) {
      phi.col(j).setZero();  // a zero-frequency pair never rotates
      continue;
    }
    phi.col(j) =
        encoding.positions.ids.row(encoding.pair_axis[j]).transpose() * encoding.inv_freq[j];
  }
  return phi;
}

namespace {

// Most layouts put each axis's ids on a small grid origin + k * step (integers, or halves for
// delta = 1.5), so cos/sin are computed once per grid point instead of once per token. Each grid
// point holds a full P-wide row with the pairs of its axis filled and zeros elsewhere: a token's
// row is the sum of its axes' rows, which is exact (x + 0 = x) and vectorises.
template <class T>
struct AxisGrid {
  double origin = 0;
  double step = 1;
  std::vector<std::int32_t> index;  // grid point of every token
  std::vector<T> cos_rows;          // grid points x pairs
  std::vector<T> sin_rows;
};

template <class T>
bool fit_grid(const double* ids, std::size_t n, AxisGrid<T>& grid) {
  if (n == 0) return false;
  const auto [lo, hi] = std::minmax_element(ids, ids + n);
  const double span = *hi - *lo;
  const double limit = 4.0 * static_cast<double>(n) + 1024.0;
  for (double denominator : {1.0, 2.0, 4.0, 10.0}) {
    if (span * denominator > limit) return false;
    grid.origin = *lo;
    grid.step = 1.0 / denominator;
    grid.index.resize(n);
    bool exact = true;
    for (std::size_t i = 0; i < n && exact; ++i) {
      // (ids - lo) * denominator >= 0: truncating x + 0.5 rounds it (a plain conversion, where
      // nearbyint is a library call on baseline x86-64); the check below keeps it exact.
      const auto k = static_cast<double>(round_nonnegative((ids[i] - *lo) * denominator));
      exact = grid.origin + k * grid.step == ids[i];
      grid.index[i] = static_cast<std::int32_t>(k);
    }
    if (exact) return true;
  }
  return false;
}

// A per-thread pool of grid row buffers, reused across calls (a slider drag recomputes the tables
// many times over the same sizes).
template <class T>
struct GridBuffers {
  static std::vector<std::vector<T>>& pool() {
    thread_local std::vector<std::vector<T>> buffers;
    return buffers;
  }
  static std::vector<T> take() {
    auto& buffers = pool();
    if (buffers.empty()) return {};
    std::vector<T> buffer = std::move(buffers.back());
    buffers.pop_back();
    return buffer;
  }
  static void give(std::vector<T>&& buffer) {
    constexpr std::size_t kKeep = 16;
    if (pool().size() < kKeep && buffer.capacity() > 0) pool().push_back(std::move(buffer));
  }
};

// Grids longer than this use the anchored recurrence below (small grids stay exact per point).
constexpr std::int32_t kRecurrenceFrom = 8192;
constexpr std::int32_t kAnchor = 16;

template <class T>
void fill_grid_rows(const Encoding& encoding, int axis, AxisGrid<T>& grid) {
  const int pairs = encoding.pairs();
  const std::int32_t points = *std::max_element(grid.index.begin(), grid.index.end()) + 1;
  // Buffers come back from the previous call on this thread (GridBuffers): large grids would
  // otherwise cost more in fresh pages than in cos/sin.
  grid.cos_rows = GridBuffers<T>::take();
  grid.sin_rows = GridBuffers<T>::take();
  const bool every_pair = std::all_of(encoding.pair_axis.begin(), encoding.pair_axis.end(),
                                      [&](int a) { return a == axis || (a < 0 && axis == 0); });
  if (every_pair) {  // every entry is written below: no need to clear a reused buffer
    grid.cos_rows.resize(static_cast<std::size_t>(points) * pairs);
    grid.sin_rows.resize(static_cast<std::size_t>(points) * pairs);
  } else {
    grid.cos_rows.assign(static_cast<std::size_t>(points) * pairs, T(0));
    grid.sin_rows.assign(static_cast<std::size_t>(points) * pairs, T(0));
  }
  if (points > kRecurrenceFrom) {
    // Long grids (V2PE's fractional steps give one point per token): advance each pair's angle
    // by the grid step with the angle-addition recurrence, re-anchored on an exact cos/sin at
    // the start of every block of kAnchor points, so the error stays at a few ulp of double, far
    // below float32 resolution. Blocks are independent; rows are written contiguously.
    std::vector<int> own;  // the pairs this grid fills (axis 0 also carries the NoPE pairs)
    std::vector<double> step_c, step_s, theta;
    for (int j = 0; j < pairs; ++j) {
      const bool nope = encoding.pair_axis[j] < 0;
      if (encoding.pair_axis[j] != axis && !(nope && axis == 0)) continue;
      own.push_back(j);
      theta.push_back(nope ? 0.0 : encoding.inv_freq[j]);
      step_c.push_back(std::cos(grid.step * theta.back()));
      step_s.push_back(std::sin(grid.step * theta.back()));
    }
    const std::size_t m = own.size();
    const std::int32_t blocks = (points + kAnchor - 1) / kAnchor;
#pragma omp parallel
    {
      std::vector<double> c(m), sn(m);
#pragma omp for schedule(static)
      for (std::int32_t block = 0; block < blocks; ++block) {
        const std::int32_t first = block * kAnchor;
        const std::int32_t last = std::min(points, first + kAnchor);
        for (std::int32_t k = first; k < last; ++k) {
          T* cos_row = grid.cos_rows.data() + static_cast<std::size_t>(k) * pairs;
          T* sin_row = grid.sin_rows.data() + static_cast<std::size_t>(k) * pairs;
          for (std::size_t n = 0; n < m; ++n) {
            if (k == first) {
              const double phi = (grid.origin + k * grid.step) * theta[n];
              c[n] = std::cos(phi);
              sn[n] = std::sin(phi);
            } else {
              const double next = c[n] * step_c[n] - sn[n] * step_s[n];
              sn[n] = sn[n] * step_c[n] + c[n] * step_s[n];
              c[n] = next;
            }
            cos_row[own[n]] = static_cast<T>(c[n]);
            sin_row[own[n]] = static_cast<T>(sn[n]);
          }
        }
      }
    }
    return;
  }
  for (std::int32_t k = 0; k < points; ++k) {
    const double position = grid.origin + k * grid.step;
    for (int j = 0; j < pairs; ++j) {
      // Axis 0's rows also carry the zero-frequency pairs (cos 1, sin 0): every token reads
      // exactly one row of every grid, so they cost nothing per token.
      if (axis == 0 && encoding.pair_axis[j] < 0) {
        grid.cos_rows[static_cast<std::size_t>(k) * pairs + j] = T(1);
        continue;
      }
      if (encoding.pair_axis[j] != axis) continue;
      const double phi = position * encoding.inv_freq[j];
      grid.cos_rows[static_cast<std::size_t>(k) * pairs + j] = static_cast<T>(std::cos(phi));
      grid.sin_rows[static_cast<std::size_t>(k) * pairs + j] = static_cast<T>(std::sin(phi));
    }
  }
}

// cos/sin rows of any token, from grids when every axis fits one, directly otherwise.
template <class T>
class AngleRows {
 public:
  explicit AngleRows(const Encoding& encoding) : encoding_(encoding), pairs_(encoding.pairs()) {
    const int axes = static_cast<int>(encoding.axes().size());
    grids_.resize(axes);
    for (int a = 0; a < axes; ++a) {
      if (!fit_grid(encoding.positions.ids.row(a).data(), encoding.token_count(), grids_[a])) {
        grids_.clear();
        return;
      }
      fill_grid_rows(encoding, a, grids_[a]);
    }
  }

  ~AngleRows() {
    for (AxisGrid<T>& grid : grids_) {
      GridBuffers<T>::give(std::move(grid.cos_rows));
      GridBuffers<T>::give(std::move(grid.sin_rows));
    }
  }
  AngleRows(const AngleRows&) = delete;
  AngleRows& operator=(const AngleRows&) = delete;

  bool on_grids() const { return !grids_.empty(); }
  std::size_t axes() const { return grids_.size(); }
  // Grid points of an axis, its cos/sin rows (points x pairs) and every token's grid point.
  std::size_t points(std::size_t axis) const { return grids_[axis].cos_rows.size() / pairs_; }
  const T* cos_rows(std::size_t axis) const { return grids_[axis].cos_rows.data(); }
  const T* sin_rows(std::size_t axis) const { return grids_[axis].sin_rows.data(); }
  const std::int32_t* index(std::size_t axis) const { return grids_[axis].index.data(); }
  const T* cos_row(std::size_t axis, std::size_t token) const {
    return grids_[axis].cos_rows.data() +
           static_cast<std::size_t>(grids_[axis].index[token]) * pairs_;
  }
  const T* sin_row(std::size_t axis, std::size_t token) const {
    return grids_[axis].sin_rows.data() +
           static_cast<std::size_t>(grids_[axis].index[token]) * pairs_;
  }

  void row(std::size_t token, T* __restrict cos_out, T* __restrict sin_out) const {
    if (grids_.empty()) {
      for (int j = 0; j < pairs_; ++j) {
        const double phi = encoding_.pair_position(token, j) * encoding_.inv_freq[j];
        cos_out[j] = static_cast<T>(std::cos(phi));
        sin_out[j] = static_cast<T>(std::sin(phi));
      }
      return;
    }
    const std::size_t first = static_cast<std::size_t>(grids_[0].index[token]) * pairs_;
    std::copy_n(grids_[0].cos_rows.data() + first, pairs_, cos_out);
    std::copy_n(grids_[0].sin_rows.data() + first, pairs_, sin_out);
    for (std::size_t a = 1; a < grids_.size(); ++a) {
      const std::size_t offset = static_cast<std::size_t>(grids_[a].index[token]) * pairs_;
      const T* __restrict c = grids_[a].cos_rows.data() + offset;
      const T* __restrict s = grids_[a].sin_rows.data() + offset;
      for (int j = 0; j < pairs_; ++j) {
        cos_out[j] += c[j];
        sin_out[j] += s[j];
      }
    }
  }

 private:
  const Encoding& encoding_;
  int pairs_;
  std::vector<AxisGrid<T>> grids_;
};

}  // namespace

namespace {

// The hot kernels below take plain pointers and no Eigen types, so the AVX2 versions
// (target attributes, chosen at run time) share no inline code with the baseline build.
struct GridRows {
  const float* cos[kMaxAxes];
  const float* sin[kMaxAxes];
  const std::int32_t* index[kMaxAxes];
  std::size_t axes = 0;
  int pairs = 0;
};

// Sums the grid rows of each token's axes and streams the rows of tokens [begin, end) out: the
// tables are far larger than the caches and never read back here, so streaming stores skip the
// read-for-ownership and the row never takes a detour through a temporary. Pairs % 8 == 0 and
// 32-byte aligned tables.
#if defined(ROPELAB_X86)
ROPELAB_TARGET_AVX2 void stream_tables_avx2(const GridRows& g, std::size_t begin, std::size_t end,
                                            float* cos_out, float* sin_out) {
  for (std::size_t i = begin; i < end; ++i) {
    for (int part = 0; part < 2; ++part) {
      const float* const* base = part == 0 ? g.cos : g.sin;
      float* out = (part == 0 ? cos_out : sin_out) + i * static_cast<std::size_t>(g.pairs);
      for (int j = 0; j < g.pairs; j += 8) {
        __m256 sum =
            _mm256_loadu_ps(base[0] + static_cast<std::size_t>(g.index[0][i]) * g.pairs + j);
        for (std::size_t a = 1; a < g.axes; ++a) {
          sum = _mm256_add_ps(
              sum,
              _mm256_loadu_ps(base[a] + static_cast<std::size_t>(g.index[a][i]) * g.pairs + j));
        }
        _mm256_stream_ps(out + j, sum);
      }
    }
  }
}

// The same with SSE (every x86-64 has it), four pairs at a time.
void stream_tables_sse(const GridRows& g, std::size_t begin, std::size_t end, float* cos_out,
                       float* sin_out) {
  for (std::size_t i = begin; i < end; ++i) {
    for (int part = 0; part < 2; ++part) {
      const float* const* base = part == 0 ? g.cos : g.sin;
      float* out = (part == 0 ? cos_out : sin_out) + i * static_cast<std::size_t>(g.pairs);
      for (int j = 0; j < g.pairs; j += 4) {
        __m128 sum = _mm_loadu_ps(base[0] + static_cast<std::size_t>(g.index[0][i]) * g.pairs + j);
        for (std::size_t a = 1; a < g.axes; ++a) {
          sum = _mm_add_ps(
              sum, _mm_loadu_ps(base[a] + static_cast<std::size_t>(g.index[a][i]) * g.pairs + j));
        }
        _mm_stream_ps(out + j, sum);
      }
    }
  }
}
#endif

bool can_stream(const RopeTables& tables) {
#if defined(ROPELAB_X86)
  return tables.pairs % 8 == 0 && reinterpret_cast<std::uintptr_t>(tables.cos.data()) % 32 == 0 &&
         reinterpret_cast<std::uintptr_t>(tables.sin.data()) % 32 == 0;
#else
  (void)tables;
  return false;
#endif
}

template <class T>
GridRows grid_rows(const AngleRows<T>& rows, int pairs) {
  GridRows g;
  g.axes = rows.axes();
  g.pairs = pairs;
  for (std::size_t a = 0; a < g.axes; ++a) {
    g.cos[a] = rows.cos_rows(a);
    g.sin[a] = rows.sin_rows(a);
    g.index[a] = rows.index(a);
  }
  return g;
}

}  // namespace

namespace {

// --- Factored tables: large scenes whose ids are not on a short grid -----------------------------
// V2PE's fractional steps put one grid point on every token, Circle-RoPE's rings are irrational;
// precomputing a row per grid point (or calling cos/sin per token and pair) then costs several
// times the short-grid path. Each axis's id is split exactly into a grid part g(k) = origin +
// k * step (the exact grid when the ids fit one, else the integer part floor(x)) and a residue r
// (x - floor(x), exact) from a few classes; cos/sin(x * theta) come from per-class and per-grid
// tables by angle addition in double, rounded once to float: within 1e-12 of cos/sin of the
// angle before rounding (tested against the direct angles). Long grids split k = hi * 2^b + lo
// with 2^b about the square root of the number of points.
constexpr std::size_t kFactoredFrom = 8192;  // tokens; smaller scenes keep the per-point paths
constexpr std::size_t kMaxResidues = 4096;   // residue classes per axis
constexpr double kResidueScale =
    1099511627776.0;  // 2^40: residues rounding to one key share a class

struct FactoredAxis {
  std::vector<int> own;           // the pairs reading this axis
  bool contiguous = false;        // own is one run j0, j0 + 1, ...
  std::vector<std::int32_t> k;    // grid point of every token
  std::vector<std::int32_t> cls;  // residue class of every token (empty: every residue is 0)
  bool two_level = false;
  int lo_bits = 0;                 // two levels: k = (hi << lo_bits) + lo, 2^lo_bits ~ sqrt(points)
  std::vector<double> g_c, g_s;    // one level: points x own; two levels: hi rows x own
  std::vector<double> lo_c, lo_s;  // two levels: 2^lo_bits x own
  std::vector<double> r_c, r_s;    // classes x own (class 0: residue 0, not multiplied)
};

struct AxisRowArgs {
  const double* gc;  // grid part
  const double* gs;
  const double* lc;  // low part of a two-level grid
  const double* ls;
  const double* cc;  // residue class
  const double* cs;
  std::size_t m;
};

// One axis's contiguous pairs of a token's row: the grid part times (angle addition) the low part
// and the residue where they are not zero. Branch-free inside, so the loop vectorises.
template <bool kLow, bool kResidue>
inline __attribute__((always_inline)) void axis_row(const AxisRowArgs& a, float* __restrict oc,
                                                    float* __restrict os) {
  for (std::size_t q = 0; q < a.m; ++q) {
    double c = a.gc[q], s = a.gs[q];
    if constexpr (kLow) {
      const double c2 = c * a.lc[q] - s * a.ls[q];
      s = s * a.lc[q] + c * a.ls[q];
      c = c2;
    }
    if constexpr (kResidue) {
      const double c2 = c * a.cc[q] - s * a.cs[q];
      s = s * a.cc[q] + c * a.cs[q];
      c = c2;
    }
    oc[q] = static_cast<float>(c);
    os[q] = static_cast<float>(s);
  }
}

// Residue classes through a small open-addressing table keyed by round(r * 2^40).
class ResidueClasses {
 public:
  ResidueClasses() : keys_(kSlots, kEmpty), values_(kSlots, 0) { representatives_.push_back(0.0); }
  // The class of residue r in [0, 1); -1 when there are more than kMaxResidues.
  std::int32_t of(double r) {
    if (r == 0.0) return 0;
    const std::int64_t key = round_nonnegative(r * kResidueScale);  // r in (0, 1)
    if (key == 0) return 0;
    std::size_t slot =
        static_cast<std::size_t>(static_cast<std::uint64_t>(key) * 0x9E3779B97F4A7C15ull >> 51) &
        (kSlots - 1);
    while (keys_[slot] != kEmpty) {
      if (keys_[slot] == key) return values_[slot];
      slot = (slot + 1) & (kSlots - 1);
    }
    if (representatives_.size() > kMaxResidues) return -1;
    keys_[slot] = key;
    values_[slot] = static_cast<std::int32_t>(representatives_.size());
    representatives_.push_back(r);
    return values_[slot];
  }
  const std::vector<double>& representatives() const { return representatives_; }

 private:
  static constexpr std::size_t kSlots = 8192;  // > 2 * kMaxResidues: probes stay short
  static constexpr std::int64_t kEmpty = -1;
  std::vector<std::int64_t> keys_;
  std::vector<std::int32_t> values_;
  std::vector<double> representatives_;
};

void fill_cos_sin(const std::vector<double>& theta, std::size_t rows,
                  const std::function<double(std::size_t)>& position, std::vector<double>& c,
                  std::vector<double>& s) {
  const std::size_t m = theta.size();
  c.resize(rows * m);
  s.resize(rows * m);
#pragma omp parallel for schedule(static) if (rows * m > 65536)
  for (std::size_t k = 0; k < rows; ++k) {
    const double x = position(k);
    for (std::size_t n = 0; n < m; ++n) {
      const double phi = x * theta[n];
      c[k * m + n] = std::cos(phi);
      s[k * m + n] = std::sin(phi);
    }
  }
}

// Splits axis `a` into grid part and residue classes; false if it does not factor well.
// floor for |v| < 2^63 without a library call on baseline x86-64.
inline double floor_inline(double v) {
  const auto t = static_cast<double>(static_cast<std::int64_t>(v));
  return t > v ? t - 1.0 : t;
}

// Splits axis `a` into grid part and residue classes (fitted: its exact grid, if it has one;
// its index buffer is swapped into f.k); false if it does not factor well. f's buffers are reused.
bool factor_axis(const Encoding& e, int a, AxisGrid<double>* fitted, FactoredAxis& f) {
  const std::size_t n = e.token_count();
  f.own.clear();
  f.cls.clear();
  f.contiguous = false;
  f.two_level = false;
  f.lo_bits = 0;
  std::vector<double> theta;
  for (int j = 0; j < e.pairs(); ++j) {
    if (e.pair_axis[j] != a) continue;
    f.own.push_back(j);
    theta.push_back(e.inv_freq[j]);
  }
  if (f.own.empty()) return true;
  f.contiguous = f.own.back() - f.own.front() + 1 == static_cast<int>(f.own.size());
  const double* x = e.positions.ids.row(a).data();
  double origin = 0, step = 1;
  ResidueClasses classes;
  if (fitted != nullptr) {
    f.k.swap(fitted->index);
    origin = fitted->origin;
    step = fitted->step;
  } else {
    const auto [lo, hi] = std::minmax_element(x, x + n);
    if (!(std::abs(*lo) < 1e15 && std::abs(*hi) < 1e15) || *hi - *lo > 1e8) return false;
    origin = floor_inline(*lo);
    f.k.resize(n);
    f.cls.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const double whole = floor_inline(x[i]);
      f.k[i] = static_cast<std::int32_t>(whole - origin);
      f.cls[i] = classes.of(x[i] - whole);  // exact: x and floor(x) share the exponent range
      if (f.cls[i] < 0) return false;
    }
  }
  const std::int32_t points = *std::max_element(f.k.begin(), f.k.end()) + 1;
  f.two_level = points > kRecurrenceFrom;
  while (f.two_level && (std::int64_t{1} << (2 * f.lo_bits)) < points) ++f.lo_bits;
  if (!f.two_level) {
    fill_cos_sin(
        theta, static_cast<std::size_t>(points),
        [&](std::size_t k) { return origin + static_cast<double>(k) * step; }, f.g_c, f.g_s);
  } else {
    fill_cos_sin(
        theta, static_cast<std::size_t>(points >> f.lo_bits) + 1,
        [&](std::size_t h) { return origin + static_cast<double>(h << f.lo_bits) * step; }, f.g_c,
        f.g_s);
    fill_cos_sin(
        theta, std::size_t{1} << f.lo_bits,
        [&](std::size_t l) { return static_cast<double>(l) * step; }, f.lo_c, f.lo_s);
  }
  const std::vector<double>& reps = classes.representatives();
  fill_cos_sin(
      theta, reps.size(), [&](std::size_t c) { return reps[c]; }, f.r_c, f.r_s);
  return true;
}

// Rows of tokens [begin, end) of the factored tables (rc, rs: a 16-byte aligned row buffer whose
// zero-frequency pairs hold cos 1, sin 0).
template <int kIsa>
inline __attribute__((always_inline)) void factored_rows_body(const std::vector<FactoredAxis>& f,
                                                              int pairs, std::size_t begin,
                                                              std::size_t end, bool stream,
                                                              float* rc, float* rs, float* out_cos,
                                                              float* out_sin) {
  for (std::size_t i = begin; i < end; ++i) {
    for (const FactoredAxis& axis : f) {
      const std::size_t m = axis.own.size();
      if (m == 0) continue;
      const std::int32_t k = axis.k[i];
      const double* gc;
      const double* gs;
      std::int32_t lo = 0;
      if (axis.two_level) {
        gc = axis.g_c.data() + static_cast<std::size_t>(k >> axis.lo_bits) * m;
        gs = axis.g_s.data() + static_cast<std::size_t>(k >> axis.lo_bits) * m;
        lo = k & ((std::int32_t{1} << axis.lo_bits) - 1);
      } else {
        gc = axis.g_c.data() + static_cast<std::size_t>(k) * m;
        gs = axis.g_s.data() + static_cast<std::size_t>(k) * m;
      }
      const std::int32_t cls = axis.cls.empty() ? 0 : axis.cls[i];
      const double* lc = axis.lo_c.data() + static_cast<std::size_t>(lo) * m;
      const double* ls = axis.lo_s.data() + static_cast<std::size_t>(lo) * m;
      const double* cc = axis.r_c.data() + static_cast<std::size_t>(cls) * m;
      const double* cs = axis.r_s.data() + static_cast<std::size_t>(cls) * m;
      const AxisRowArgs args{gc, gs, lc, ls, cc, cs, m};
      if (axis.contiguous) {
        float* oc = rc + axis.own[0];
        float* os = rs + axis.own[0];
        if (lo != 0 && cls != 0) {
          axis_row<true, true>(args, oc, os);
        } else if (lo != 0) {
          axis_row<true, false>(args, oc, os);
        } else if (cls != 0) {
          axis_row<false, true>(args, oc, os);
        } else {
          axis_row<false, false>(args, oc, os);
        }
        continue;
      }
      for (std::size_t q = 0; q < m; ++q) {
        double c = gc[q], s = gs[q];
        if (lo != 0) {
          const double c2 = c * lc[q] - s * ls[q];
          s = s * lc[q] + c * ls[q];
          c = c2;
        }
        if (cls != 0) {
          const double c2 = c * cc[q] - s * cs[q];
          s = s * cc[q] + c * cs[q];
          c = c2;
        }
        rc[axis.own[q]] = static_cast<float>(c);
        rs[axis.own[q]] = static_cast<float>(s);
      }
    }
    float* out_c = out_cos + i * static_cast<std::size_t>(pairs);
    float* out_s = out_sin + i * static_cast<std::size_t>(pairs);
#if defined(ROPELAB_X86)
    if (stream) {
      for (int j = 0; j < pairs; j += 4) {
        _mm_stream_ps(out_c + j, _mm_load_ps(rc + j));
        _mm_stream_ps(out_s + j, _mm_load_ps(rs + j));
      }
      continue;
    }
#endif
    std::copy_n(rc, pairs, out_c);
    std::copy_n(rs, pairs, out_s);
  }
}

void factored_rows(const std::vector<FactoredAxis>& f, int pairs, std::size_t begin,
                   std::size_t end, bool stream, float* rc, float* rs, float* out_cos,
                   float* out_sin) {
  factored_rows_body<0>(f, pairs, begin, end, stream, rc, rs, out_cos, out_sin);
}

#if defined(ROPELAB_X86)
// AVX2 without FMA: the same products and sums in the same order as the baseline.
__attribute__((target("avx2"))) void factored_rows_avx2(const std::vector<FactoredAxis>& f,
                                                        int pairs, std::size_t begin,
                                                        std::size_t end, bool stream, float* rc,
                                                        float* rs, float* out_cos, float* out_sin) {
  factored_rows_body<1>(f, pairs, begin, end, stream, rc, rs, out_cos, out_sin);
}
#endif

// The factored path applies to large scenes with a long grid or an axis off every grid.
bool factored_tables(const Encoding& e, RopeTables& tables) {
  const std::size_t n = e.token_count();
  const int pairs = e.pairs();
  const int axes = static_cast<int>(e.axes().size());
  if (n < kFactoredFrom || axes == 0) return false;
  // Per-thread scratch reused across calls: fresh pages for the per-token indices would cost more
  // than filling them.
  thread_local std::vector<AxisGrid<double>> grids;
  thread_local std::vector<char> fitted;
  thread_local std::vector<FactoredAxis> f;
  grids.resize(static_cast<std::size_t>(axes));
  fitted.assign(static_cast<std::size_t>(axes), 0);
  f.resize(static_cast<std::size_t>(axes));
  bool needed = false;
  for (int a = 0; a < axes; ++a) {
    const auto i = static_cast<std::size_t>(a);
    if (!fit_grid(e.positions.ids.row(a).data(), n, grids[i])) {
      needed = true;
    } else {
      fitted[i] = 1;
      needed = needed || *std::max_element(grids[i].index.begin(), grids[i].index.end()) + 1 >
                             kRecurrenceFrom;
    }
  }
  if (!needed) return false;
  for (int a = 0; a < axes; ++a) {
    const auto i = static_cast<std::size_t>(a);
    if (!factor_axis(e, a, fitted[i] ? &grids[i] : nullptr, f[i])) return false;
  }
  // Inside the parallel region the name f would be each thread's own (empty) scratch.
  const std::vector<FactoredAxis>& factors = f;
  const bool stream = pairs % 4 == 0 &&
                      reinterpret_cast<std::uintptr_t>(tables.cos.data()) % 16 == 0 &&
                      reinterpret_cast<std::uintptr_t>(tables.sin.data()) % 16 == 0;
#pragma omp parallel
  {
    std::vector<float> row_c(static_cast<std::size_t>(pairs) + 4),
        row_s(static_cast<std::size_t>(pairs) + 4);
    // 16-byte aligned views of the row buffers for the streaming stores.
    const auto align = [](float* p) {
      const auto misalignment = reinterpret_cast<std::uintptr_t>(p) & std::uintptr_t{15};
      return p + ((16 - misalignment) & std::uintptr_t{15}) / sizeof(float);
    };
    float* rc = align(row_c.data());
    float* rs = align(row_s.data());
    for (int j = 0; j < pairs; ++j) {  // zero-frequency pairs: cos 1, sin 0 on every token
      rc[j] = 1.0f;
      rs[j] = 0.0f;
    }
    // One contiguous block of tokens per thread, as schedule(static) would split them.
    const auto threads = static_cast<std::size_t>(omp_get_num_threads());
    const auto thread = static_cast<std::size_t>(omp_get_thread_num());
    const std::size_t begin = n * thread / threads;
    const std::size_t end = n * (thread + 1) / threads;
#if defined(ROPELAB_X86)
    if (avx2_fma_available()) {
      factored_rows_avx2(factors, pairs, begin, end, stream, rc, rs, tables.cos.data(),
                         tables.sin.data());
    } else {
      factored_rows(factors, pairs, begin, end, stream, rc, rs, tables.cos.data(),
                    tables.sin.data());
    }
#else
    factored_rows(factors, pairs, begin, end, stream, rc, rs, tables.cos.data(), tables.sin.data());
#endif
  }
#if defined(ROPELAB_X86)
  _mm_sfence();
#endif
  (void)stream;
  return true;
}

}  // namespace

bool avx2_fma_available() {
#if defined(ROPELAB_X86)
  static const bool available = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return available;
#else
  return false;
#endif
}

void compute_rope_tables(const Encoding& encoding, RopeTables& tables) {
  const std::size_t n = encoding.token_count();
  const int pairs = encoding.pairs();
  tables.tokens = n;
  tables.pairs = pairs;
  tables.cos.resize(n * pairs);
  tables.sin.resize(n * pairs);
  if (factored_tables(encoding, tables)) return;
  const AngleRows<float> rows(encoding);
  const auto count = static_cast<std::ptrdiff_t>(n);
#if defined(ROPELAB_X86)
  if (rows.on_grids() && can_stream(tables) && rows.axes() <= kMaxAxes) {
    const GridRows g = grid_rows(rows, pairs);
    const bool avx2 = avx2_fma_available();
#pragma omp parallel
    {
      // One contiguous block of tokens per thread, as schedule(static) would split them.
      const auto threads = static_cast<std::size_t>(omp_get_num_threads());
      const auto thread = static_cast<std::size_t>(omp_get_thread_num());
      const std::size_t begin = n * thread / threads;
      const std::size_t end = n * (thread + 1) / threads;
      if (avx2) {
        stream_tables_avx2(g, begin, end, tables.cos.data(), tables.sin.data());
      } else {
        stream_tables_sse(g, begin, end, tables.cos.data(), tables.sin.data());
      }
    }
    _mm_sfence();  // streamed rows are visible before the tables are used
    return;
  }
#endif
#pragma omp parallel for schedule(static)
  for (std::ptrdiff_t i = 0; i < count; ++i) {
    rows.row(static_cast<std::size_t>(i), tables.cos.data() + i * pairs,
             tables.sin.data() + i * pairs);
  }
}

namespace {

// out[i] = scale * sum_d k[i][d] * sum_a w[a][index[a][i]][d] for tokens [begin, end): the
// query, rotated back by each axis's key angles, is a sum of per-axis rows of w.
struct FusedRows {
  const double* w[kMaxAxes];
  const std::int32_t* index[kMaxAxes];
  std::size_t axes = 0;
  int dim = 0;
};

#if defined(ROPELAB_X86)
ROPELAB_TARGET_AVX2 void fused_dot_avx2(const FusedRows& f, const double* k, std::size_t begin,
                                        std::size_t end, double scale, double* out) {
  const auto dim = static_cast<std::size_t>(f.dim);
  for (std::size_t i = begin; i < end; ++i) {
    const double* key = k + i * dim;
    const double* w[kMaxAxes];
    for (std::size_t a = 0; a < f.axes; ++a)
      w[a] = f.w[a] + static_cast<std::size_t>(f.index[a][i]) * dim;
    __m256d acc0 = _mm256_setzero_pd(), acc1 = _mm256_setzero_pd();
    for (std::size_t d = 0; d < dim; d += 8) {
      __m256d w0 = _mm256_loadu_pd(w[0] + d), w1 = _mm256_loadu_pd(w[0] + d + 4);
      for (std::size_t a = 1; a < f.axes; ++a) {
        w0 = _mm256_add_pd(w0, _mm256_loadu_pd(w[a] + d));
        w1 = _mm256_add_pd(w1, _mm256_loadu_pd(w[a] + d + 4));
      }
      acc0 = _mm256_fmadd_pd(_mm256_loadu_pd(key + d), w0, acc0);
      acc1 = _mm256_fmadd_pd(_mm256_loadu_pd(key + d + 4), w1, acc1);
    }
    const __m256d acc = _mm256_add_pd(acc0, acc1);
    const __m128d half = _mm_add_pd(_mm256_castpd256_pd128(acc), _mm256_extractf128_pd(acc, 1));
    out[i] = scale * _mm_cvtsd_f64(_mm_add_sd(half, _mm_unpackhi_pd(half, half)));
  }
}
#endif

void fused_dot_generic(const FusedRows& f, const double* k, std::size_t begin, std::size_t end,
                       double scale, double* out) {
  const auto dim = static_cast<std::size_t>(f.dim);
  for (std::size_t i = begin; i < end; ++i) {
    const double* key = k + i * dim;
    const double* w[kMaxAxes];
    for (std::size_t a = 0; a < f.axes; ++a)
      w[a] = f.w[a] + static_cast<std::size_t>(f.index[a][i]) * dim;
    double acc[4] = {0, 0, 0, 0};
    std::size_t d = 0;
    for (; d + 4 <= dim; d += 4) {
      for (std::size_t l = 0; l < 4; ++l) {
        double sum = w[0][d + l];
        for (std::size_t a = 1; a < f.axes; ++a) sum += w[a][d + l];
        acc[l] += key[d + l] * sum;
      }
    }
    for (; d < dim; ++d) {
      double sum = w[0][d];
      for (std::size_t a = 1; a < f.axes; ++a) sum += w[a][d];
      acc[0] += key[d] * sum;
    }
    out[i] = scale * ((acc[0] + acc[1]) + (acc[2] + acc[3]));
  }
}

}  // namespace

void rotated_dot(const Encoding& encoding, const RowMatrix& k, const double* q, std::size_t query,
                 double scale, Eigen::VectorXd& out) {
  const std::size_t n = encoding.token_count();
  const int pairs = encoding.pairs();
  const int dim = 2 * pairs;
  out.resize(static_cast<Eigen::Index>(n));
  const AngleRows<double> rows(encoding);
  // The query rotated by its own angles (the same arithmetic as rotate_rows).
  std::vector<double> q_rotated(static_cast<std::size_t>(dim));
  {
    std::vector<double> c(static_cast<std::size_t>(pairs)), s(static_cast<std::size_t>(pairs));
    rows.row(query, c.data(), s.data());
    for (int j = 0; j < pairs; ++j) {
      q_rotated[j] = q[j] * c[j] - q[j + pairs] * s[j];
      q_rotated[j + pairs] = q[j] * s[j] + q[j + pairs] * c[j];
    }
  }
  const auto count = static_cast<std::ptrdiff_t>(n);
  if (!rows.on_grids() || rows.axes() > kMaxAxes) {
    // Off the grid: every key's angles directly, rotation still fused into the dot product.
#pragma omp parallel
    {
      std::vector<double> c(static_cast<std::size_t>(pairs)), s(static_cast<std::size_t>(pairs));
#pragma omp for schedule(static)
      for (std::ptrdiff_t i = 0; i < count; ++i) {
        rows.row(static_cast<std::size_t>(i), c.data(), s.data());
        const double* key = k.data() + i * dim;
        double acc = 0;
        for (int j = 0; j < pairs; ++j) {
          acc += key[j] * (c[j] * q_rotated[j] + s[j] * q_rotated[j + pairs]) +
                 key[j + pairs] * (c[j] * q_rotated[j + pairs] - s[j] * q_rotated[j]);
        }
        out[i] = scale * acc;
      }
    }
    return;
  }
  // q' . R(phi_i) k_i = (R(phi_i)^T q') . k_i, and R(phi_i)^T q' is the sum over axes of q'
  // rotated back by that axis's pairs at token i's grid point (the other pairs' entries are 0):
  // one small table per axis, so each key is read once and never rotated.
  std::vector<std::vector<double>> w(rows.axes());
  FusedRows f;
  f.axes = rows.axes();
  f.dim = dim;
  for (std::size_t a = 0; a < rows.axes(); ++a) {
    const std::size_t points = rows.points(a);
    w[a].resize(points * static_cast<std::size_t>(dim));
    for (std::size_t g = 0; g < points; ++g) {
      const double* c = rows.cos_rows(a) + g * static_cast<std::size_t>(pairs);
      const double* s = rows.sin_rows(a) + g * static_cast<std::size_t>(pairs);
      double* row = w[a].data() + g * static_cast<std::size_t>(dim);
      for (int j = 0; j < pairs; ++j) {
        row[j] = c[j] * q_rotated[j] + s[j] * q_rotated[j + pairs];
        row[j + pairs] = c[j] * q_rotated[j + pairs] - s[j] * q_rotated[j];
      }
    }
    f.w[a] = w[a].data();
    f.index[a] = rows.index(a);
  }
#if defined(ROPELAB_X86)
  const bool avx2 = avx2_fma_available() && dim % 8 == 0;
#else
  const bool avx2 = false;
#endif
#pragma omp parallel
  {
    const auto threads = static_cast<std::size_t>(omp_get_num_threads());
    const auto thread = static_cast<std::size_t>(omp_get_thread_num());
    const std::size_t begin = n * thread / threads;
    const std::size_t end = n * (thread + 1) / threads;
#if defined(ROPELAB_X86)
    if (avx2) {
      fused_dot_avx2(f, k.data(), begin, end, scale, out.data());
    } else {
      fused_dot_generic(f, k.data(), begin, end, scale, out.data());
    }
#else
    (void)avx2;
    fused_dot_generic(f, k.data(), begin, end, scale, out.data());
#endif
  }
}

RowMatrix rotate_rows(const Encoding& encoding, const RowMatrix& x, std::size_t first,
                      std::size_t count) {
  const int pairs = encoding.pairs();
  const int rotary = 2 * pairs;
  const bool adjacent = encoding.pairing == Pairing::Adjacent;
  const AngleRows<double> rows(encoding);
  RowMatrix out(static_cast<Eigen::Index>(count), x.cols());
  const auto n = static_cast<std::ptrdiff_t>(count);
  const auto cols = static_cast<std::ptrdiff_t>(x.cols());
#pragma omp parallel
  {
    std::vector<double> c(pairs), s(pairs);
#pragma omp for schedule(static)
    for (std::ptrdiff_t r = 0; r < n; ++r) {
      const auto i = static_cast<Eigen::Index>(first) + r;
      rows.row(static_cast<std::size_t>(i), c.data(), s.data());
      const double* in = x.data() + i * x.cols();
      double* o = out.data() + r * x.cols();
      if (adjacent) {
        // Pair j = dims (2j, 2j + 1).
        for (int j = 0; j < pairs; ++j) {
          o[2 * j] = in[2 * j] * c[j] - in[2 * j + 1] * s[j];
          o[2 * j + 1] = in[2 * j] * s[j] + in[2 * j + 1] * c[j];
        }
      } else {
        // Pair j = dims (j, j + R).
        for (int j = 0; j < pairs; ++j) {
          o[j] = in[j] * c[j] - in[j + pairs] * s[j];
          o[j + pairs] = in[j] * s[j] + in[j + pairs] * c[j];
        }
      }
      // Partial rotary: dims F*D .. D - 1 pass through unrotated.
      for (std::ptrdiff_t d = rotary; d < cols; ++d) o[d] = in[d];
    }
  }
  return out;
}

RowMatrix rotate(const Encoding& encoding, const RowMatrix& x) {
  return rotate_rows(encoding, x, 0, static_cast<std::size_t>(x.rows()));
}

}  // namespace ropelab
