#include "ropelab/attention.h"

#include <cmath>
#include <limits>
#include <unordered_map>
#include <vector>

#include "ropelab/error.h"
#include "ropelab/rope.h"

namespace ropelab {

QkSource QkSource::gaussian(std::uint64_t seed, double mean_shift) {
  QkSource source;
  source.kind = QkKind::Gaussian;
  source.seed = seed;
  source.mean_shift = mean_shift;
  return source;
}

QkSource QkSource::parse(const std::string& text) {
  if (text == "ones") return ones();
  if (text.rfind("gaussian:", 0) == 0) {
    const std::string rest = text.substr(9);
    const std::size_t colon = rest.find(':');
    const std::string seed_text = rest.substr(0, colon);
    char* end = nullptr;
    const unsigned long long seed = std::strtoull(seed_text.c_str(), &end, 10);
    require(
        !seed_text.empty() && end == seed_text.c_str() + seed_text.size() && seed_text[0] != '-',
        "--qk seed", "'" + seed_text + "'", "must be a non-negative whole number");
    double shift = 0.0;
    if (colon != std::string::npos) {
      const std::string shift_text = rest.substr(colon + 1);
      shift = std::strtod(shift_text.c_str(), &end);
      require(!shift_text.empty() && end == shift_text.c_str() + shift_text.size() &&
                  std::isfinite(shift),
              "--qk mean shift", "'" + shift_text + "'", "must be a finite number");
    }
    return gaussian(seed, shift);
  }
  throw InputError("--qk = '" + text +
                   "' is invalid: must be ones, gaussian:SEED[:SHIFT] or npy:Q.npy,K.npy");
}

std::string QkSource::describe() const {
  switch (kind) {
    case QkKind::Ones:
      return "ones";
    case QkKind::Gaussian:
      return "gaussian:" + std::to_string(seed) +
             (mean_shift != 0 ? ":" + format_number(mean_shift) : "");
    case QkKind::Arrays:
      return "arrays";
  }
  return "ones";
}

namespace {

// splitmix64 + Box-Muller: the same numbers on every platform and compiler, unlike
// std::normal_distribution.
class Gaussian {
 public:
  explicit Gaussian(std::uint64_t seed) : state_(seed) {}
  double next() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double u1 = (static_cast<double>(bits() >> 11) + 1.0) * 0x1.0p-53;  // (0, 1]
    const double u2 = static_cast<double>(bits() >> 11) * 0x1.0p-53;
    const double radius = std::sqrt(-2.0 * std::log(u1));
    spare_ = radius * std::sin(2.0 * M_PI * u2);
    has_spare_ = true;
    return radius * std::cos(2.0 * M_PI * u2);
  }

 private:
  std::uint64_t bits() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::uint64_t state_;
  double spare_ = 0;
  bool has_spare_ = false;
};

RowMatrix gaussian_matrix(std::size_t rows, int cols, std::uint64_t seed, double shift) {
  Gaussian rng(seed);
  RowMatrix m(static_cast<Eigen::Index>(rows), cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.next() + shift;
  return m;
}

void check_array(const RowMatrix& m, std::size_t tokens, int head_dim, const char* name) {
  require(m.rows() == static_cast<Eigen::Index>(tokens) && m.cols() == head_dim, name,
          "shape (" + std::to_string(m.rows()) + ", " + std::to_string(m.cols()) + ")",
          "must have shape (tokens, D) = (" + std::to_string(tokens) + ", " +
              std::to_string(head_dim) + ")");
  require(m.allFinite(), name, "non-finite values", "must contain only finite numbers");
}

}  // namespace

QkPair make_qk(const QkSource& source, std::size_t tokens, int head_dim) {
  const auto rows = static_cast<Eigen::Index>(tokens);
  switch (source.kind) {
    case QkKind::Ones:
      return {RowMatrix::Ones(rows, head_dim), RowMatrix::Ones(rows, head_dim)};
    case QkKind::Gaussian:
      // q and k use distinct streams of the same seed.
      return {gaussian_matrix(tokens, head_dim, source.seed * 2 + 1, source.mean_shift),
              gaussian_matrix(tokens, head_dim, source.seed * 2 + 2, source.mean_shift)};
    case QkKind::Arrays:
      check_array(source.q, tokens, head_dim, "q array");
      check_array(source.k, tokens, head_dim, "k array");
      return {source.q, source.k};
  }
  return {};
}

RotatedQk rotated_qk(const Encoding& encoding, const QkSource& source) {
  QkPair raw = make_qk(source, encoding.token_count(), encoding.head_dim());
  return {rotate(encoding, raw.q), rotate(encoding, raw.k)};
}

Eigen::VectorXd attention_row(const Encoding& encoding, const RotatedQk& qk, std::size_t query) {
  const double scale = 1.0 / std::sqrt(static_cast<double>(encoding.head_dim()));
  return (qk.k * qk.q.row(static_cast<Eigen::Index>(query)).transpose()) * scale;
}

void attention_row(const Encoding& encoding, const QkPair& raw, std::size_t query,
                   Eigen::VectorXd& logits) {
  require(raw.k.rows() == static_cast<Eigen::Index>(encoding.token_count()) &&
              raw.k.cols() == encoding.head_dim() && raw.q.cols() == encoding.head_dim() &&
              static_cast<Eigen::Index>(query) < raw.q.rows(),
          "q/k arrays",
          "shape (" + std::to_string(raw.k.rows()) + ", " + std::to_string(raw.k.cols()) + ")",
          "must have shape (tokens, D) = (" + std::to_string(encoding.token_count()) + ", " +
              std::to_string(encoding.head_dim()) + ")");
  const double scale = 1.0 / std::sqrt(static_cast<double>(encoding.head_dim()));
  rotated_dot(encoding, raw.k, raw.q.row(static_cast<Eigen::Index>(query)).data(), query, scale,
              logits);
}

Eigen::VectorXd attention_row(const Encoding& encoding, const QkPair& raw, std::size_t query) {
  Eigen::VectorXd logits;
  attention_row(encoding, raw, query, logits);
  return logits;
}

void attention_matrix(const Encoding& encoding, const RotatedQk& qk, std::size_t n,
                      RowMatrix& logits) {
  const auto rows = static_cast<Eigen::Index>(n);
  const double scale = 1.0 / std::sqrt(static_cast<double>(encoding.head_dim()));
  logits.resize(rows, rows);
  // The scale rides on the GEMM's alpha: no second pass over the matrix.
  logits.noalias() = scale * (qk.q.topRows(rows) * qk.k.topRows(rows).transpose());
}

void gemm_reference(const RowMatrix& a, const RowMatrix& b, RowMatrix& out) {
  out.resize(a.rows(), b.rows());
  out.noalias() = a * b.transpose();
}

double read_reference(const RowMatrix& m) {
  const double* data = m.data();
  const auto size = static_cast<std::ptrdiff_t>(m.size());
  double total = 0;
#pragma omp parallel for schedule(static) reduction(+ : total)
  for (std::ptrdiff_t i = 0; i < size; ++i) total += data[i];
  return total;
}

RowMatrix attention_matrix(const Encoding& encoding, const RotatedQk& qk, std::size_t n) {
  RowMatrix logits;
  attention_matrix(encoding, qk, n, logits);
  return logits;
}

Eigen::VectorXd softmax_row(const Eigen::VectorXd& logits, std::size_t query, bool causal) {
  const Eigen::Index visible = causal ? static_cast<Eigen::Index>(query) + 1 : logits.size();
  Eigen::VectorXd p = Eigen::VectorXd::Zero(logits.size());
  const double top = logits.head(visible).maxCoeff();
  p.head(visible) = (logits.head(visible).array() - top).exp().matrix();
  p.head(visible) /= p.head(visible).sum();
  return p;
}

RowMatrix causal_softmax(const RowMatrix& logits) {
  RowMatrix p(logits.rows(), logits.cols());
  for (Eigen::Index i = 0; i < logits.rows(); ++i) {
    p.row(i) = softmax_row(logits.row(i).transpose(), static_cast<std::size_t>(i)).transpose();
  }
  return p;
}

RowMatrix logits_by_axis(const Encoding& encoding, std::size_t query) {
  const auto axes = static_cast<Eigen::Index>(encoding.axes().size());
  const auto n = static_cast<Eigen::Index>(encoding.token_count());
  const double scale = 2.0 / std::sqrt(static_cast<double>(encoding.head_dim()));
  RowMatrix parts = RowMatrix::Zero(axes, n);
  const auto& ids = encoding.positions.ids;
  const auto q = static_cast<Eigen::Index>(query);
  for (int j = 0; j < encoding.pairs(); ++j) {
    const int a = encoding.pair_axis[j];
    parts.row(a).array() += scale * ((ids(a, q) - ids.row(a).array()) * encoding.inv_freq[j]).cos();
  }
  return parts;
}

Eigen::VectorXd ones_logits(const Encoding& encoding, std::size_t query) {
  const auto n = static_cast<Eigen::Index>(encoding.token_count());
  const double scale = 2.0 / std::sqrt(static_cast<double>(encoding.head_dim()));
  const auto& ids = encoding.positions.ids;
  const auto q = static_cast<Eigen::Index>(query);
  Eigen::VectorXd logits = Eigen::VectorXd::Zero(n);
  for (Eigen::Index a = 0; a < ids.rows(); ++a) {
    std::vector<double> theta;
    for (int j = 0; j < encoding.pairs(); ++j) {
      if (encoding.pair_axis[static_cast<std::size_t>(j)] == a)
        theta.push_back(encoding.inv_freq[j]);
    }
    if (theta.empty()) continue;
    const double origin = ids(a, q);
    std::unordered_map<double, double> memo;
    double last_id = std::numeric_limits<double>::quiet_NaN();
    double last_value = 0;
    for (Eigen::Index k = 0; k < n; ++k) {
      const double id = ids(a, k);
      if (id != last_id) {
        const auto [it, inserted] = memo.try_emplace(id, 0.0);
        if (inserted) {
          double sum = 0;
          for (double t : theta) sum += scale * std::cos((origin - id) * t);
          it->second = sum;
        }
        last_id = id;
        last_value = it->second;
      }
      logits[k] += last_value;
    }
  }
  return logits;
}

namespace {

// Token index ranges of each frame of a visual segment (tokens of a frame are contiguous).
struct FrameSpan {
  int frames = 0, height = 0, width = 0;
  std::vector<std::size_t> first;  // first token of every frame
};

FrameSpan frame_span(const Encoding& encoding, int segment) {
  const TokenLayout& t = encoding.positions.tokens;
  FrameSpan span;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.segment[i] != segment || t.modality[i] == Modality::Text) continue;
    if (t.frame[i] >= span.frames) {
      span.frames = t.frame[i] + 1;
      span.first.push_back(i);
    }
    span.height = std::max(span.height, t.row[i] + 1);
    span.width = std::max(span.width, t.col[i] + 1);
  }
  require(span.frames > 0, "segment", std::to_string(segment), "must be a visual segment");
  return span;
}

}  // namespace

Eigen::VectorXd per_frame(const Encoding& encoding, const Eigen::VectorXd& values, int segment,
                          bool mean) {
  const FrameSpan span = frame_span(encoding, segment);
  const Eigen::Index per = static_cast<Eigen::Index>(span.height) * span.width;
  Eigen::VectorXd out(span.frames);
  for (int f = 0; f < span.frames; ++f) {
    out[f] = values.segment(static_cast<Eigen::Index>(span.first[f]), per).sum();
    if (mean) out[f] /= static_cast<double>(per);
  }
  return out;
}

RowMatrix per_patch(const Encoding& encoding, const Eigen::VectorXd& values, int segment) {
  const FrameSpan span = frame_span(encoding, segment);
  RowMatrix map = RowMatrix::Zero(span.height, span.width);
  for (int f = 0; f < span.frames; ++f) {
    const auto first = static_cast<Eigen::Index>(span.first[f]);
    map += Eigen::Map<const RowMatrix>(values.data() + first, span.height, span.width);
  }
  return map / span.frames;
}

RowMatrix frame_by_frame(const Encoding& encoding, const RowMatrix& logits, int segment) {
  const FrameSpan span = frame_span(encoding, segment);
  const Eigen::Index per = static_cast<Eigen::Index>(span.height) * span.width;
  RowMatrix out(span.frames, span.frames);
  for (int a = 0; a < span.frames; ++a) {
    for (int b = 0; b < span.frames; ++b) {
      out(a, b) = logits
                      .block(static_cast<Eigen::Index>(span.first[a]),
                             static_cast<Eigen::Index>(span.first[b]), per, per)
                      .mean();
    }
  }
  return out;
}

}  // namespace ropelab
