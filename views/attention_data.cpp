#include "views/attention_data.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "ropelab/error.h"

namespace ropelab::views {

QkSource qk_source(QkModel model) {
  switch (model) {
    case QkModel::Ones:
      return QkSource::ones();
    case QkModel::Gaussian:
      return QkSource::gaussian(7);
    case QkModel::MeanShiftedGaussian:
      return QkSource::gaussian(7, 1.0);
  }
  return QkSource::ones();
}

QString qk_label(QkModel model) {
  switch (model) {
    case QkModel::Ones:
      return QStringLiteral("ones");
    case QkModel::Gaussian:
      return QStringLiteral("gaussian N(0,1)");
    case QkModel::MeanShiftedGaussian:
      return QStringLiteral("gaussian N(1,1)");
  }
  return {};
}

QString qk_note(QkModel model) {
  switch (model) {
    case QkModel::Ones:
      return QStringLiteral(
          "All-ones q/k: the logit is the pure positional term, what the papers' mechanism "
          "figures argue with.");
    case QkModel::Gaussian:
      return QStringLiteral(
          "Zero-mean random q/k: no positional bias in expectation; one sample shows only "
          "noise.");
    case QkModel::MeanShiftedGaussian:
      return QStringLiteral(
          "Mean-shifted random q/k: the shared mean brings the positional bias back on top of "
          "the noise.");
  }
  return {};
}

std::size_t default_query(const Encoding& encoding) {
  const TokenLayout& t = encoding.positions.tokens;
  long lastVisual = -1;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.modality[i] != Modality::Text) lastVisual = static_cast<long>(i);
  }
  for (std::size_t i = static_cast<std::size_t>(lastVisual + 1); i < t.size(); ++i) {
    if (t.modality[i] == Modality::Text) return i;
  }
  return t.size() - 1;
}

namespace {

int first_visual_segment(const Encoding& encoding) {
  const TokenLayout& t = encoding.positions.tokens;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.modality[i] != Modality::Text) return t.segment[i];
  }
  return -1;
}

// The ones logits of one query, as core's logits_by_axis sums them, but once per distinct id:
// tokens share ids on an axis (a frame's temporal id, a row's h id), so a 128k-token video needs
// thousands of cosine sums instead of 128k x P.
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
    double lastId = std::numeric_limits<double>::quiet_NaN();
    double lastValue = 0;
    for (Eigen::Index k = 0; k < n; ++k) {
      const double id = ids(a, k);
      if (id != lastId) {
        const auto [it, inserted] = memo.try_emplace(id, 0.0);
        if (inserted) {
          double sum = 0;
          for (double t : theta) sum += scale * std::cos((origin - id) * t);
          it->second = sum;
        }
        lastId = id;
        lastValue = it->second;
      }
      logits[k] += lastValue;
    }
  }
  return logits;
}

Eigen::VectorXd query_logits(const Encoding& encoding, const QkSource& source, std::size_t query) {
  // Ones q/k: the positional sums avoid rotating a q and k for every token.
  if (source.kind == QkKind::Ones) return ones_logits(encoding, query);
  const RotatedQk qk = rotated_qk(encoding, source);
  return attention_row(encoding, qk, query);
}

void add_frame_matrix(AttentionData& data, const Encoding& encoding, const QkSource& source) {
  const TokenLayout& t = encoding.positions.tokens;
  std::size_t lastToken = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.segment[i] == data.segment && t.modality[i] != Modality::Text) lastToken = i;
  }
  const std::size_t n = lastToken + 1;
  if (n > kFrameMatrixTokenLimit) {
    data.frameMatrixNote = QStringLiteral("frame × frame skipped: %1 tokens (limit %2)")
                               .arg(n)
                               .arg(kFrameMatrixTokenLimit);
    return;
  }
  const RotatedQk qk = rotated_qk(encoding, source);
  data.frameMatrix = frame_by_frame(encoding, attention_matrix(encoding, qk, n), data.segment);
  data.frameMatrixNote = QStringLiteral("mean logit, query frame (row) × key frame (column)");
}

}  // namespace

AttentionData compute_attention(std::shared_ptr<const Encoding> encoding, QkModel model,
                                long query) {
  return compute_attention(std::move(encoding), qk_source(model), model, query);
}

AttentionData compute_attention(std::shared_ptr<const Encoding> encoding, const QkSource& source,
                                QkModel model, long query) {
  const Encoding& e = *encoding;
  const auto n = static_cast<long>(e.token_count());
  require(query < n, "query token", std::to_string(query),
          "must be below the token count " + std::to_string(n));
  AttentionData data;
  data.encoding = encoding;
  data.model = model;
  data.query = query < 0 ? default_query(e) : static_cast<std::size_t>(query);
  data.logits = query_logits(e, source, data.query);
  data.probabilities = softmax_row(data.logits, data.query);
  data.segment = first_visual_segment(e);
  if (data.segment < 0) return data;

  const TokenLayout& t = e.positions.tokens;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.segment[i] != data.segment) continue;
    data.frames = std::max(data.frames, t.frame[i] + 1);
    data.height = std::max(data.height, t.row[i] + 1);
    data.width = std::max(data.width, t.col[i] + 1);
  }
  const int tiles = std::min(data.frames, kMaxFrameTiles);
  for (int k = 0; k < tiles; ++k) {
    data.tileFrames.push_back(tiles > 1 ? k * (data.frames - 1) / (tiles - 1) : 0);
  }
  // A frame's tokens are contiguous, but variants may insert tokens between frames (Qwen3's
  // timestamps): find where each frame starts.
  std::vector<std::size_t> frameStart(static_cast<std::size_t>(data.frames), 0);
  for (std::size_t i = t.size(); i-- > 0;) {
    if (t.segment[i] == data.segment && t.modality[i] != Modality::Text) {
      frameStart[static_cast<std::size_t>(t.frame[i])] = i;
    }
  }
  for (int f : data.tileFrames) {
    const auto start = static_cast<Eigen::Index>(frameStart[static_cast<std::size_t>(f)]);
    data.tiles.push_back(
        Eigen::Map<const RowMatrix>(data.probabilities.data() + start, data.height, data.width));
  }
  const RowMatrix map = per_patch(e, data.probabilities, data.segment);
  const double mean = map.mean();
  data.patchMap = mean > 0 ? RowMatrix(map / mean) : map;
  const double lo = data.patchMap.minCoeff();
  data.patchMaxOverMin = lo > 0 ? data.patchMap.maxCoeff() / lo : 0.0;
  add_frame_matrix(data, e, source);
  return data;
}

}  // namespace ropelab::views
