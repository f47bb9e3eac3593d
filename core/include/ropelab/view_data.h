#pragma once
// What the views draw, computed here so that data flows one way (app -> core -> views): the
// attention view's row, tiles and maps (spec/analyses.md §2, §5) and the charts' similarity,
// wavelength and jump curves (§4, §6). Views only paint these structs.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ropelab/analyses.h"
#include "ropelab/attention.h"

namespace ropelab {

// The full frame x frame logits matrix costs tokens^2; above this many tokens it is skipped.
inline constexpr std::size_t kFrameMatrixTokenLimit = 2048;
// Per-frame tiles drawn at most (evenly spaced frames beyond that).
inline constexpr int kMaxFrameTiles = 16;

struct AttentionData {
  std::shared_ptr<const Encoding> encoding;
  std::size_t query = 0;
  Eigen::VectorXd logits;         // query's logits over every key
  Eigen::VectorXd probabilities;  // causal softmax of logits
  int segment = -1;               // the visual segment shown (-1: none)
  int frames = 0, height = 0, width = 0;
  std::vector<int> tileFrames;   // frames shown as tiles
  std::vector<RowMatrix> tiles;  // H x W probabilities of those frames
  RowMatrix patchMap;            // frame-averaged H x W probabilities / their mean
  double patchMaxOverMin = 1;
  RowMatrix frameMatrix;              // frame x frame mean logits (empty when too large)
  std::size_t frameMatrixTokens = 0;  // tokens up to the segment's end (what frameMatrix costs)
  bool frameMatrixSkipped() const { return segment >= 0 && frameMatrix.size() == 0; }
};

// The first text token after the last visual token (the first token when there is no visual
// token), else the last token.
std::size_t default_query(const Encoding& encoding);
// query < 0 picks default_query. The tiles and maps show the scene's visual segment with index
// `segment` (< 0: the first visual segment). Throws InputError for an out-of-range query or a
// segment that is not visual.
AttentionData compute_attention(std::shared_ptr<const Encoding> encoding, const QkSource& source,
                                long query, int segment = -1);

struct ChartsData {
  std::string variant;
  std::vector<std::string> axes;
  CollisionReport collisions;  // temporal axis: extent, curve, wavelengths of its pairs
  std::vector<double> wavelengths;
  std::vector<int> pairAxis;   // -1: a zero-frequency (NoPE) pair (its wavelength is infinite)
  std::vector<int> nopePairs;  // the pairs with pairAxis -1, sorted
  int rotaryDims = 0;          // F*D: dims from here to headDim - 1 pass through (partial rotary)
  int headDim = 0;
  std::vector<int> jumpFrames;         // T values probed
  std::vector<double> jumpOutLargest;  // largest jump out of the video over the axes
  std::vector<double> jumpIn;          // largest jump into the video over the axes
};

// The video of the probes keeps the user's text and frame size and varies T up to max_frames.
struct JumpProbe {
  int textBefore = 4;
  int height = 4;
  int width = 4;
  int textAfter = 4;
  int maxFrames = 16;
};

// Probes whose video would exceed this many tokens are left out of the jump curve.
inline constexpr std::int64_t kJumpProbeTokenLimit = 300'000;

// About twenty T values from 1 to max_frames: every T while small, then evenly spread.
std::vector<int> jump_probe_frames(int max_frames);
// Everything but the jump curve (cheap: copies of what the encoding already holds).
ChartsData compute_charts(const Encoding& encoding, const CollisionReport& collisions);
// The jump curve: encodes about twenty probe scenes of the variant with its configuration.
void add_jumps(ChartsData& data, const Variant& variant, const Config& config,
               const JumpProbe& probe);
void copy_jumps(const ChartsData& from, ChartsData& to);
ChartsData compute_charts(const Encoding& encoding, const CollisionReport& collisions,
                          const JumpProbe& probe);

}  // namespace ropelab
