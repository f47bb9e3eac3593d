#pragma once
// A training-free proxy of V-NIAH-D (analyses.md §8): can a positional dot product still find a
// needle frame when distractor frames similar to it recur at a fixed period? Not the paper's
// trained-model benchmark; report what it shows.
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <vector>

#include "ropelab/variant.h"

namespace ropelab {

struct DistractorSetup {
  std::vector<int> haystack_frames{100, 200, 400, 800, 1600, 3200};
  std::vector<double> needle_depths{0.0, 0.25, 0.5, 0.75, 1.0};  // 0 = first frame, 1 = last
  int distractor_period = 200;         // frames between distractors (V-NIAH-D uses ~200)
  double distractor_similarity = 0.9;  // cosine similarity of a distractor to the needle
  int seeds = 4;
  std::uint64_t first_seed = 1;
  // Called after every grid cell with the finished fraction; returning false cancels the run
  // (distractor_retrieval then throws Cancelled). Lets a UI show progress and stop early.
  std::function<bool(double)> progress;
};

struct Cancelled : std::runtime_error {
  Cancelled() : std::runtime_error("cancelled") {}
};

// One (haystack, needle depth, seed) where another frame out-scored the needle.
struct DistractorMiss {
  int frames = 0;           // haystack length
  int needle = 0;           // the needle's frame
  int predicted = 0;        // the frame with the largest logit
  bool distractor = false;  // the predicted frame is one of the distractors
};

struct DistractorResult {
  std::vector<int> haystack_frames;
  std::vector<double> needle_depths;
  RowMatrix accuracy;                  // haystack lengths x depths, in [0, 1]
  std::vector<DistractorMiss> misses;  // every miss, in grid order
};

// One token per frame; the query is one text token after the haystack and carries the needle's
// content. Throws InputError for empty grids or sizes beyond the scene cap.
DistractorResult distractor_retrieval(const Variant& variant, const Config& config,
                                      const DistractorSetup& setup = {});

}  // namespace ropelab
