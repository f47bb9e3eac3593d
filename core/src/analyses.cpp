#include "ropelab/analyses.h"

#include <cmath>
#include <limits>

#include "ropelab/error.h"
#include "ropelab/rope.h"
#include "variants/common_options.h"

namespace ropelab {

RowMatrix frequency_surface(const Eigen::VectorXd& inv_freq, const std::vector<int>& pairs,
                            double t_max, int samples) {
  RowMatrix z(static_cast<Eigen::Index>(pairs.size()), samples);
  for (std::size_t r = 0; r < pairs.size(); ++r) {
    for (int s = 0; s < samples; ++s) {
      const double t = samples > 1 ? t_max * s / (samples - 1) : 0.0;
      z(static_cast<Eigen::Index>(r), s) = std::cos(t * inv_freq[pairs[r]]);
    }
  }
  return z;
}

namespace {

std::vector<int> pairs_of_axis(const Encoding& encoding, int axis) {
  std::vector<int> pairs;
  for (int j = 0; j < encoding.pairs(); ++j) {
    if (encoding.pair_axis[j] == axis) pairs.push_back(j);
  }
  return pairs;
}

// Token index of (frame, row, col) in a visual segment, or -1.
long find_token(const Encoding& encoding, int segment, int frame, int row, int col) {
  const TokenLayout& t = encoding.positions.tokens;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.segment[i] == segment && t.modality[i] != Modality::Text && t.frame[i] == frame &&
        t.row[i] == row && t.col[i] == col) {
      return static_cast<long>(i);
    }
  }
  return -1;
}

// First and last token of the first visual segment, and its frame count and sizes.
struct VisualBlock {
  int segment = -1;
  long first = -1, last = -1;
  int frames = 0, height = 0, width = 0;
};

// The block of the scene's visual segment `segment` (< 0: the first visual one).
VisualBlock visual_block(const Encoding& encoding, int segment) {
  const TokenLayout& t = encoding.positions.tokens;
  VisualBlock block;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.modality[i] == Modality::Text) continue;
    if (block.segment < 0) {
      if (segment >= 0 && t.segment[i] != segment) continue;
      block.segment = t.segment[i];
      block.first = static_cast<long>(i);
    }
    if (t.segment[i] != block.segment) break;
    block.last = static_cast<long>(i);
    block.frames = std::max(block.frames, t.frame[i] + 1);
    block.height = std::max(block.height, t.row[i] + 1);
    block.width = std::max(block.width, t.col[i] + 1);
  }
  return block;
}

VisualBlock first_visual_block(const Encoding& encoding) {
  return visual_block(encoding, -1);
}

long text_before(const Encoding& encoding, long token) {
  for (long i = token - 1; i >= 0; --i) {
    if (encoding.positions.tokens.modality[i] == Modality::Text) return i;
  }
  return -1;
}

long text_after(const Encoding& encoding, long token) {
  const auto n = static_cast<long>(encoding.token_count());
  for (long i = token + 1; i < n; ++i) {
    if (encoding.positions.tokens.modality[i] == Modality::Text) return i;
  }
  return -1;
}

double diagonal(const Encoding& encoding, long token) {
  return encoding.positions.ids.col(token).mean();
}

// Per-axis ids of a frame's centre: its central token for odd sides, the mean of the middle
// tokens otherwise.
Eigen::VectorXd frame_centre(const Encoding& encoding, const VisualBlock& block, int frame) {
  Eigen::VectorXd centre = Eigen::VectorXd::Zero(encoding.positions.ids.rows());
  int count = 0;
  for (int row : {(block.height - 1) / 2, block.height / 2}) {
    for (int col : {(block.width - 1) / 2, block.width / 2}) {
      centre += encoding.positions.ids.col(find_token(encoding, block.segment, frame, row, col));
      ++count;
    }
  }
  return centre / count;
}

}  // namespace

double similarity(const Encoding& encoding, int axis, double delta) {
  const std::vector<int> pairs = pairs_of_axis(encoding, axis);
  if (pairs.empty()) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0;
  for (int j : pairs) sum += std::cos(delta * encoding.inv_freq[j]);
  return sum / static_cast<double>(pairs.size());
}

CollisionReport collisions(const Encoding& encoding, int axis, int range, int segment) {
  const auto& axes = encoding.axes();
  if (axis < 0) axis = encoding.variant->info().temporal_axis;
  require(axis < static_cast<int>(axes.size()), "axis", std::to_string(axis),
          "must name one of the variant's axes");
  require(range >= 0 && range <= 10'000'000, "range", std::to_string(range),
          "must be an integer in [0, 10000000]");
  CollisionReport report;
  report.axis = axis;
  report.axis_name = axes[axis];
  const VisualBlock block = visual_block(encoding, segment);
  require(segment < 0 || block.segment >= 0, "visual segment", std::to_string(segment),
          "must be the index of an image or video segment of the scene (0-based)");
  if (block.segment >= 0) {
    const long first = find_token(encoding, block.segment, 0, 0, 0);
    const long last = find_token(encoding, block.segment, block.frames - 1, 0, 0);
    report.extent = std::abs(encoding.id(axis, last) - encoding.id(axis, first));
  }
  report.pairs = pairs_of_axis(encoding, axis);
  for (int j : report.pairs) {
    const double lambda = 2.0 * M_PI / encoding.inv_freq[j];
    report.wavelengths.push_back(lambda);
    if (lambda < report.extent) ++report.wrapping_pairs;
    report.slowest_wavelength = std::max(report.slowest_wavelength, lambda);
  }
  // An axis with no pairs (HoPE's t, a NoPE head) has no wavelength at all.
  if (report.pairs.empty()) report.slowest_wavelength = std::numeric_limits<double>::quiet_NaN();
  if (!report.pairs.empty()) {
    report.curve.reserve(static_cast<std::size_t>(range) + 1);
    for (int d = 0; d <= range; ++d) report.curve.emplace_back(d, similarity(encoding, axis, d));
  }
  return report;
}

JumpReport boundary_jumps(const Encoding& encoding) {
  const VisualBlock block = first_visual_block(encoding);
  require(block.segment >= 0, "scene", "(no image or video)",
          "the jump analysis needs a visual segment");
  const auto& ids = encoding.positions.ids;
  const long before = text_before(encoding, block.first);
  const long after = text_after(encoding, block.last);
  JumpReport report;
  report.has_text_before = before >= 0;
  report.has_text_after = after >= 0;
  for (Eigen::Index a = 0; a < ids.rows(); ++a) {
    report.before.push_back(before >= 0 ? ids(a, block.first) - ids(a, before) : 0.0);
    report.after.push_back(after >= 0 ? ids(a, after) - ids(a, block.last) : 0.0);
  }
  const double first_centre = frame_centre(encoding, block, 0).mean();
  const double last_centre = frame_centre(encoding, block, block.frames - 1).mean();
  if (before >= 0) report.center_gap_before = first_centre - diagonal(encoding, before);
  if (after >= 0) report.center_gap_after = diagonal(encoding, after) - last_centre;
  return report;
}

CenterTokenGaps center_token_gaps(const Encoding& encoding) {
  const VisualBlock block = first_visual_block(encoding);
  require(block.segment >= 0, "scene", "(no image or video)",
          "the gap analysis needs a visual segment");
  const long before = text_before(encoding, block.first);
  const long after = text_after(encoding, block.last);
  require(before >= 0 && after >= 0, "scene", "(no text around the video)",
          "the gap analysis needs text before and after the video");
  const Eigen::VectorXd first = frame_centre(encoding, block, 0);
  const Eigen::VectorXd last = frame_centre(encoding, block, block.frames - 1);
  CenterTokenGaps gaps;
  for (Eigen::Index a = 0; a < first.size(); ++a) {
    gaps.before.push_back(first[a] - encoding.id(static_cast<int>(a), before));
    gaps.after.push_back(encoding.id(static_cast<int>(a), after) - last[a]);
  }
  return gaps;
}

BiasReport bias_map(const Encoding& encoding, long query, const QkSource& source) {
  const VisualBlock block = first_visual_block(encoding);
  require(block.segment >= 0, "scene", "(no image or video)",
          "the bias map needs a visual segment");
  const auto n = static_cast<long>(encoding.token_count());
  if (query < 0) {
    query = text_after(encoding, block.last);
    if (query < 0) query = n - 1;
  }
  require(query < n, "query", std::to_string(query),
          "must be a token index below " + std::to_string(n));
  require(query > block.last, "query", std::to_string(query),
          "must come after the video (token " + std::to_string(block.last) +
              ") for the causal bias map");
  const RotatedQk qk = rotated_qk(encoding, source);
  const Eigen::VectorXd probabilities =
      softmax_row(attention_row(encoding, qk, static_cast<std::size_t>(query)),
                  static_cast<std::size_t>(query));
  BiasReport report;
  report.query = static_cast<std::size_t>(query);
  report.map = per_patch(encoding, probabilities, block.segment);
  report.map /= report.map.mean();
  report.max_over_min = report.map.maxCoeff() / report.map.minCoeff();
  // Pearson correlation of the map with h + w.
  const Eigen::Index cells = report.map.size();
  Eigen::VectorXd values(cells), diagonal_index(cells);
  for (Eigen::Index h = 0; h < report.map.rows(); ++h) {
    for (Eigen::Index w = 0; w < report.map.cols(); ++w) {
      values[h * report.map.cols() + w] = report.map(h, w);
      diagonal_index[h * report.map.cols() + w] = static_cast<double>(h + w);
    }
  }
  const Eigen::ArrayXd dv = values.array() - values.mean();
  const Eigen::ArrayXd dd = diagonal_index.array() - diagonal_index.mean();
  const double denominator = std::sqrt((dv * dv).sum() * (dd * dd).sum());
  report.corr_h_plus_w = denominator > 0 ? (dv * dd).sum() / denominator : 0.0;
  return report;
}

namespace {

bool all_close(const std::vector<double>& a, const std::vector<double>& b) {
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::abs(a[i] - b[i]) > 1e-9 * std::max(1.0, std::abs(a[i]))) return false;
  }
  return a.size() == b.size();
}

bool frame_is_multi_axis(const Encoding& encoding) {
  const VisualBlock block = first_visual_block(encoding);
  const long first = block.first;
  const long last = find_token(encoding, block.segment, 0, block.height - 1, block.width - 1);
  int varying = 0;
  const auto& ids = encoding.positions.ids;
  for (Eigen::Index a = 0; a < ids.rows(); ++a) {
    const auto frame = ids.row(a).segment(first, last - first + 1);
    if (frame.maxCoeff() != frame.minCoeff()) ++varying;
  }
  return varying > 1;
}

// The temporal axis ("t") owns exactly the last pairs, and not all of them.
bool temporal_on_lowest_frequencies(const Encoding& encoding) {
  const VariantInfo& info = encoding.variant->info();
  if (info.axes[info.temporal_axis] != "t") return false;
  const std::vector<int> pairs = pairs_of_axis(encoding, info.temporal_axis);
  const int p = encoding.pairs();
  if (pairs.empty() || static_cast<int>(pairs.size()) == p) return false;
  return pairs.front() == p - static_cast<int>(pairs.size()) && pairs.back() == p - 1;
}

}  // namespace

Properties properties(const Variant& variant, const Config& config) {
  const Encoding short_video = encode(variant, Scene::text_video_text(4, 8, 5, 5, 4), config);
  const Encoding long_video = encode(variant, Scene::text_video_text(4, 16, 5, 5, 4), config);
  const CenterTokenGaps gaps8 = center_token_gaps(short_video);
  const CenterTokenGaps gaps16 = center_token_gaps(long_video);
  Properties p;
  p.three_d = frame_is_multi_axis(short_video);
  p.low_freq_temporal = temporal_on_lowest_frequencies(short_video);
  p.spatial_symmetry = p.three_d && all_close(gaps8.before, gaps8.after);
  p.temporal_scaling =
      variant.info().has_delta && short_video.config.options.get<bool>(detail::kAdjustableSpacing);
  p.seamless_transition =
      all_close(gaps8.before, gaps16.before) && all_close(gaps8.after, gaps16.after);
  p.bias_ratio = bias_map(encode(variant, Scene::default_scene(), config)).max_over_min;
  p.unbiased = p.bias_ratio < kUnbiasedThreshold;
  return p;
}

}  // namespace ropelab
