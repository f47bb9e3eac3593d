#include "ropelab/rope.h"

#include <algorithm>
#include <cmath>
#include <optional>

#if defined(__AVX__)
#include <immintrin.h>
#endif

namespace ropelab {

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
      const double k = std::nearbyint((ids[i] - *lo) * denominator);
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

#if defined(__AVX__)
// Sums the grid rows of a token's axes eight pairs at a time and streams the result out: the
// tables are far larger than the caches and never read back here, so streaming stores skip the
// read-for-ownership and the row never takes a detour through a temporary.
void stream_sum(const float* const* rows, std::size_t axes, float* out, int pairs) {
  for (int j = 0; j < pairs; j += 8) {
    __m256 sum = _mm256_loadu_ps(rows[0] + j);
    for (std::size_t a = 1; a < axes; ++a) sum = _mm256_add_ps(sum, _mm256_loadu_ps(rows[a] + j));
    _mm256_stream_ps(out + j, sum);
  }
}
#endif

bool can_stream(const RopeTables& tables) {
#if defined(__AVX__)
  return tables.pairs % 8 == 0 && reinterpret_cast<std::uintptr_t>(tables.cos.data()) % 32 == 0 &&
         reinterpret_cast<std::uintptr_t>(tables.sin.data()) % 32 == 0;
#else
  (void)tables;
  return false;
#endif
}

}  // namespace

void compute_rope_tables(const Encoding& encoding, RopeTables& tables) {
  const std::size_t n = encoding.token_count();
  const int pairs = encoding.pairs();
  tables.tokens = n;
  tables.pairs = pairs;
  tables.cos.resize(n * pairs);
  tables.sin.resize(n * pairs);
  const AngleRows<float> rows(encoding);
  const auto count = static_cast<std::ptrdiff_t>(n);
#if defined(__AVX__)
  if (rows.on_grids() && can_stream(tables) && rows.axes() <= 8) {
#pragma omp parallel for schedule(static)
    for (std::ptrdiff_t i = 0; i < count; ++i) {
      const float* cos_rows[8];
      const float* sin_rows[8];
      for (std::size_t a = 0; a < rows.axes(); ++a) {
        cos_rows[a] = rows.cos_row(a, static_cast<std::size_t>(i));
        sin_rows[a] = rows.sin_row(a, static_cast<std::size_t>(i));
      }
      stream_sum(cos_rows, rows.axes(), tables.cos.data() + i * pairs, pairs);
      stream_sum(sin_rows, rows.axes(), tables.sin.data() + i * pairs, pairs);
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
