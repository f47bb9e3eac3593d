#pragma once
// The analyses of spec/analyses.md, computed from ids and allocation only.
#include <Eigen/Core>
#include <string>
#include <vector>

#include "ropelab/attention.h"
#include "ropelab/variant.h"

namespace ropelab {

// §3: cos(t * inv_freq[j]) for the given pairs over t = t0, t0+step, ... (pairs x samples).
RowMatrix frequency_surface(const Eigen::VectorXd& inv_freq, const std::vector<int>& pairs,
                            double t_max, int samples);

// §4: similarity, wrapping pairs and collisions on one axis.
struct CollisionReport {
  int axis = 0;
  std::string axis_name;
  double extent = 0;                // position distance from the first to the last frame
  std::vector<int> pairs;           // pairs that read the axis
  std::vector<double> wavelengths;  // 2*pi / inv_freq[j] for those pairs
  int wrapping_pairs = 0;           // wavelength < extent
  double slowest_wavelength = 0;
  std::vector<std::pair<double, double>> curve;  // (delta, S(delta)) for delta = 0..range
};
// axis < 0 picks the variant's temporal axis. The extent is that of the visual segment with
// index `segment` in the scene (< 0: the first visual segment); throws InputError when that
// segment is not visual.
CollisionReport collisions(const Encoding& encoding, int axis = -1, int range = 1000,
                           int segment = -1);
double similarity(const Encoding& encoding, int axis, double delta);

// §6: jumps into and out of the first visual segment, and the centre gaps.
struct JumpReport {
  std::vector<double> before;  // per axis
  std::vector<double> after;
  double center_gap_before = 0;
  double center_gap_after = 0;
  bool has_text_before = false;
  bool has_text_after = false;
};
JumpReport boundary_jumps(const Encoding& encoding);
// Per-axis gaps from the preceding text to the first frame's centre token and from the last
// frame's centre token to the following text (frames with odd sides).
struct CenterTokenGaps {
  std::vector<double> before;
  std::vector<double> after;
};
CenterTokenGaps center_token_gaps(const Encoding& encoding);

// §5: frame-averaged H x W softmax map for a query (default: first text token after the video).
struct BiasReport {
  std::size_t query = 0;
  RowMatrix map;  // normalised by its mean
  double max_over_min = 1;
  double corr_h_plus_w = 0;
};
BiasReport bias_map(const Encoding& encoding, long query = -1,
                    const QkSource& source = QkSource::ones());

// §9: the property table, computed on probe scenes built from the user's configuration.
inline constexpr double kUnbiasedThreshold = 1.05;  // max/min of the §5 map
struct Properties {
  bool three_d = false;
  bool low_freq_temporal = false;
  bool spatial_symmetry = false;
  bool temporal_scaling = false;
  bool unbiased = false;
  bool seamless_transition = false;
  double bias_ratio = 1;
};
Properties properties(const Variant& variant, const Config& config);

}  // namespace ropelab
