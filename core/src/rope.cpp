#include "ropelab/rope.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include <omp.h>

#include <cstdint>
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

template <class T>
void fill_grid_rows(const Encoding& encoding, int axis, AxisGrid<T>& grid) {
  const int pairs = encoding.pairs();
  const std::int32_t points = *std::max_element(grid.index.begin(), grid.index.end()) + 1;
  grid.cos_rows.assign(static_cast<std::size_t>(points) * pairs, T(0));
  grid.sin_rows.assign(static_cast<std::size_t>(points) * pairs, T(0));
  for (std::int32_t k = 0; k < points; ++k) {
    const double position = grid.origin + k * grid.step;
    for (int j = 0; j < pairs; ++j) {
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
  const AngleRows<double> rows(encoding);
  RowMatrix out(static_cast<Eigen::Index>(count), x.cols());
  const auto n = static_cast<std::ptrdiff_t>(count);
#pragma omp parallel
  {
    std::vector<double> c(pairs), s(pairs);
#pragma omp for schedule(static)
    for (std::ptrdiff_t r = 0; r < n; ++r) {
      const auto i = static_cast<Eigen::Index>(first) + r;
      rows.row(static_cast<std::size_t>(i), c.data(), s.data());
      const double* in = x.data() + i * x.cols();
      double* o = out.data() + r * x.cols();
      for (int j = 0; j < pairs; ++j) {
        o[j] = in[j] * c[j] - in[j + pairs] * s[j];
        o[j + pairs] = in[j] * s[j] + in[j + pairs] * c[j];
      }
    }
  }
  return out;
}

RowMatrix rotate(const Encoding& encoding, const RowMatrix& x) {
  return rotate_rows(encoding, x, 0, static_cast<std::size_t>(x.rows()));
}

}  // namespace ropelab
