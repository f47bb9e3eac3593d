#pragma once
// What the attention view draws, assembled from core's attention functions (spec/analyses.md §2,
// §5). Built on a worker thread; the view only paints it.
#include <QString>
#include <memory>
#include <vector>

#include "ropelab/attention.h"

namespace ropelab::views {

enum class QkModel { Ones, Gaussian, MeanShiftedGaussian };

QkSource qk_source(QkModel model);
QString qk_label(QkModel model);
// One line saying what the model shows and why.
QString qk_note(QkModel model);

// The full frame x frame logits matrix costs tokens^2; above this many tokens it is skipped.
inline constexpr std::size_t kFrameMatrixTokenLimit = 2048;
// Per-frame tiles drawn at most (evenly spaced frames beyond that).
inline constexpr int kMaxFrameTiles = 16;

struct AttentionData {
  std::shared_ptr<const Encoding> encoding;
  QkModel model = QkModel::Ones;
  std::size_t query = 0;
  Eigen::VectorXd logits;         // query's logits over every key
  Eigen::VectorXd probabilities;  // causal softmax of logits
  int segment = -1;               // the first visual segment (-1: none)
  int frames = 0, height = 0, width = 0;
  std::vector<int> tileFrames;   // frames shown as tiles
  std::vector<RowMatrix> tiles;  // H x W probabilities of those frames
  RowMatrix patchMap;            // frame-averaged H x W probabilities / their mean
  double patchMaxOverMin = 1;
  RowMatrix frameMatrix;  // frame x frame mean logits (empty when too large)
  QString frameMatrixNote;
};

// The first text token after the first visual segment, else the last token.
std::size_t default_query(const Encoding& encoding);
// query < 0 picks default_query. Throws InputError for an out-of-range query.
AttentionData compute_attention(std::shared_ptr<const Encoding> encoding, QkModel model,
                                long query);
// The same with q/k from any source (e.g. arrays loaded from a model); `model` is only recorded.
AttentionData compute_attention(std::shared_ptr<const Encoding> encoding, const QkSource& source,
                                QkModel model, long query);

}  // namespace ropelab::views
