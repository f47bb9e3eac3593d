#include "ropelab/distractor.h"

#include <cmath>

#include "ropelab/attention.h"
#include "ropelab/error.h"
#include "ropelab/rope.h"

namespace ropelab {

namespace {

Eigen::RowVectorXd unit_row(const RowMatrix& m, Eigen::Index row) {
  return m.row(row).normalized();
}

// The frame with the largest logit for one haystack, needle position and seed.
int predicted_frame(const Encoding& encoding, int frames, int needle, const DistractorSetup& setup,
                    std::uint64_t seed) {
  const int dim = encoding.head_dim();
  // Content: a random unit vector per frame; row `frames` is the needle's content.
  const QkPair noise = make_qk(QkSource::gaussian(seed), static_cast<std::size_t>(frames) + 2, dim);
  const Eigen::RowVectorXd needle_content = unit_row(noise.q, frames);
  const double s = setup.distractor_similarity;
  RowMatrix keys(static_cast<Eigen::Index>(encoding.token_count()), dim);
  keys.row(0).setZero();  // the leading text token
  for (int f = 0; f < frames; ++f) {
    Eigen::RowVectorXd content = unit_row(noise.k, f);
    const bool distractor =
        f != needle && setup.distractor_period > 0 && (f - needle) % setup.distractor_period == 0;
    if (f == needle) content = needle_content;
    if (distractor) {
      const Eigen::RowVectorXd orthogonal =
          (content - content.dot(needle_content) * needle_content).normalized();
      content = s * needle_content + std::sqrt(1 - s * s) * orthogonal;
    }
    keys.row(1 + f) = content * std::sqrt(static_cast<double>(dim));
  }
  keys.row(keys.rows() - 1) = needle_content * std::sqrt(static_cast<double>(dim));
  const RowMatrix rotated_keys = rotate(encoding, keys);
  const std::size_t query = encoding.token_count() - 1;
  const RowMatrix rotated_query = rotate_rows(encoding, keys, query, 1);
  const Eigen::VectorXd logits =
      rotated_keys.middleRows(1, frames) * rotated_query.row(0).transpose();
  Eigen::Index best = 0;
  logits.maxCoeff(&best);
  return static_cast<int>(best);
}

}  // namespace

DistractorResult distractor_retrieval(const Variant& variant, const Config& config,
                                      const DistractorSetup& setup) {
  require(!setup.haystack_frames.empty() && !setup.needle_depths.empty(), "distractor grid",
          "(empty)", "needs haystack lengths and needle depths");
  require(setup.seeds >= 1 && setup.seeds <= 1000, "distractor seeds", std::to_string(setup.seeds),
          "must be in [1, 1000]");
  require(std::abs(setup.distractor_similarity) <= 1, "distractor similarity",
          format_number(setup.distractor_similarity), "must be in [-1, 1]");
  DistractorResult result{setup.haystack_frames,
                          setup.needle_depths,
                          RowMatrix::Zero(static_cast<Eigen::Index>(setup.haystack_frames.size()),
                                          static_cast<Eigen::Index>(setup.needle_depths.size())),
                          {}};
  for (std::size_t l = 0; l < setup.haystack_frames.size(); ++l) {
    const int frames = setup.haystack_frames[l];
    require(frames >= 1 && frames <= 100000, "haystack frames", std::to_string(frames),
            "must be in [1, 100000]");
    const Encoding encoding = encode(variant, Scene::text_video_text(1, frames, 1, 1, 1), config);
    for (std::size_t d = 0; d < setup.needle_depths.size(); ++d) {
      const int needle = static_cast<int>(std::lround(setup.needle_depths[d] * (frames - 1)));
      int wins = 0;
      for (int s = 0; s < setup.seeds; ++s) {
        const int predicted = predicted_frame(encoding, frames, needle, setup,
                                              setup.first_seed + static_cast<std::uint64_t>(s));
        if (predicted == needle) {
          ++wins;
        } else {
          const bool distractor =
              setup.distractor_period > 0 && (predicted - needle) % setup.distractor_period == 0;
          result.misses.push_back({frames, needle, predicted, distractor});
        }
      }
      result.accuracy(static_cast<Eigen::Index>(l), static_cast<Eigen::Index>(d)) =
          static_cast<double>(wins) / setup.seeds;
      const double done =
          static_cast<double>(l * setup.needle_depths.size() + d + 1) /
          static_cast<double>(setup.haystack_frames.size() * setup.needle_depths.size());
      if (setup.progress && !setup.progress(done)) throw Cancelled();
    }
  }
  return result;
}

}  // namespace ropelab
