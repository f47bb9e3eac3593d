#include "ropelab/view_data.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "ropelab/error.h"
#include "ropelab/rope.h"

namespace ropelab {

std::size_t default_query(const Encoding& encoding) {
  const TokenLayout& t = encoding.positions.tokens;
  long last_visual = -1;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.modality[i] != Modality::Text) last_visual = static_cast<long>(i);
  }
  for (auto i = static_cast<std::size_t>(last_visual + 1); i < t.size(); ++i) {
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

bool has_visual_token(const Encoding& encoding, int segment) {
  const TokenLayout& t = encoding.positions.tokens;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.segment[i] == segment && t.modality[i] != Modality::Text) return true;
  }
  return false;
}

Eigen::VectorXd query_logits(const Encoding& encoding, const QkSource& source, std::size_t query) {
  // Ones q/k: the positional sums avoid rotating a q and k for every token.
  if (source.kind == QkKind::Ones) return ones_logits(encoding, query);
  // Rotation fused into the dot product: no rotated copy of every key.
  return attention_row(encoding, make_qk(source, encoding.token_count(), encoding.head_dim()),
                       query);
}

void add_frame_matrix(AttentionData& data, const Encoding& encoding, const QkSource& source) {
  const TokenLayout& t = encoding.positions.tokens;
  std::size_t last_token = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.segment[i] == data.segment && t.modality[i] != Modality::Text) last_token = i;
  }
  const std::size_t n = last_token + 1;
  data.frameMatrixTokens = n;
  if (n > kFrameMatrixTokenLimit) return;
  const QkPair raw = make_qk(source, encoding.token_count(), encoding.head_dim());
  const RotatedQk qk{rotate_rows(encoding, raw.q, 0, n), rotate_rows(encoding, raw.k, 0, n)};
  data.frameMatrix = frame_by_frame(encoding, attention_matrix(encoding, qk, n), data.segment);
}

}  // namespace

AttentionData compute_attention(std::shared_ptr<const Encoding> encoding, const QkSource& source,
                                long query, int segment) {
  const Encoding& e = *encoding;
  const auto n = static_cast<long>(e.token_count());
  require(query < n, "query token", std::to_string(query),
          "must be below the token count " + std::to_string(n));
  AttentionData data;
  data.encoding = std::move(encoding);  // e stays valid: data.encoding owns it now
  data.query = query < 0 ? default_query(e) : static_cast<std::size_t>(query);
  data.logits = query_logits(e, source, data.query);
  data.probabilities = softmax_row(data.logits, data.query);
  data.segment = segment < 0 ? first_visual_segment(e) : segment;
  if (data.segment < 0) return data;
  require(has_visual_token(e, data.segment), "visual segment", std::to_string(segment),
          "must be the index of an image or video segment of the scene (0-based)");

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
  std::vector<std::size_t> frame_start(static_cast<std::size_t>(data.frames), 0);
  for (std::size_t i = t.size(); i-- > 0;) {
    if (t.segment[i] == data.segment && t.modality[i] != Modality::Text) {
      frame_start[static_cast<std::size_t>(t.frame[i])] = i;
    }
  }
  for (int f : data.tileFrames) {
    const auto start = static_cast<Eigen::Index>(frame_start[static_cast<std::size_t>(f)]);
    data.tiles.emplace_back(
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

namespace {

double largest(const std::vector<double>& values) {
  double best = 0;
  for (double v : values) best = std::max(best, std::abs(v));
  return best;
}

}  // namespace

std::vector<int> jump_probe_frames(int max_frames) {
  std::vector<int> frames;
  const int steps = std::min(max_frames, 20);
  for (int k = 0; k < steps; ++k) {
    const int t = steps > 1 ? 1 + k * (max_frames - 1) / (steps - 1) : 1;
    if (frames.empty() || frames.back() != t) frames.push_back(t);
  }
  return frames;
}

ChartsData compute_charts(const Encoding& encoding, const CollisionReport& collisions) {
  ChartsData data;
  data.variant = std::string(encoding.variant->id());
  data.axes = encoding.axes();
  data.collisions = collisions;
  const Eigen::VectorXd lambda = wavelengths(encoding.inv_freq);
  data.wavelengths.assign(lambda.data(), lambda.data() + lambda.size());
  data.pairAxis = encoding.pair_axis;
  data.nopePairs = encoding.nope_pairs;
  data.rotaryDims = encoding.rotary_dims;
  data.headDim = encoding.head_dim();
  return data;
}

void add_jumps(ChartsData& data, const Variant& variant, const Config& config,
               const JumpProbe& probe) {
  data.jumpFrames.clear();
  data.jumpOutLargest.clear();
  data.jumpIn.clear();
  for (int frames : jump_probe_frames(std::max(probe.maxFrames, 2))) {
    const Scene scene = Scene::text_video_text(probe.textBefore, frames, probe.height, probe.width,
                                               probe.textAfter);
    if (scene.token_count() > kJumpProbeTokenLimit) break;
    const JumpReport jumps = boundary_jumps(encode(variant, scene, config));
    data.jumpFrames.push_back(frames);
    data.jumpOutLargest.push_back(jumps.has_text_after ? largest(jumps.after) : 0.0);
    data.jumpIn.push_back(jumps.has_text_before ? largest(jumps.before) : 0.0);
  }
}

void copy_jumps(const ChartsData& from, ChartsData& to) {
  to.jumpFrames = from.jumpFrames;
  to.jumpOutLargest = from.jumpOutLargest;
  to.jumpIn = from.jumpIn;
}

ChartsData compute_charts(const Encoding& encoding, const CollisionReport& collisions,
                          const JumpProbe& probe) {
  ChartsData data = compute_charts(encoding, collisions);
  add_jumps(data, *encoding.variant, encoding.config, probe);
  return data;
}

}  // namespace ropelab
