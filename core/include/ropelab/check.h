#pragma once
// Checks a user's own RoPE implementation against the reference (issue 14): position ids as a
// model's get_rope_index returns them, and the frequency allocation as a pair -> axis map or a cos
// table dumped from the user's rotary module. Used by `ropelab-cli check`, the Python module and
// the app's "Check my ids" dialog.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "ropelab/io/npy.h"
#include "ropelab/variant.h"

namespace ropelab {

struct IdsMismatch {
  std::size_t batch = 0;
  std::size_t token = 0;
  int axis = 0;
  double expected = 0;
  double got = 0;
};

struct IdsCheck {
  std::size_t batches = 1;
  std::size_t tokens = 0;
  std::vector<std::size_t> per_axis;          // differing (batch, token) entries per axis
  std::optional<IdsMismatch> first;           // in (batch, token, axis) order
  std::vector<std::size_t> tokens_differing;  // token indices differing on any axis in any batch
  bool ok() const { return !first; }
};

// Compares `ids` (shape (axes, tokens) or (axes, batch, tokens); 1-axis variants also (tokens,)
// and (batch, tokens)) with the reference ids of `encoding`. An id matches when it equals the
// reference rounded to the array's dtype (float16/float32 rounding; integer dtypes must equal the
// reference exactly, so a half-integer reference id never matches an integer id). Throws
// InputError("<name>: shape ... expected ...") when the shape does not fit the scene.
IdsCheck check_ids(const Encoding& encoding, const io::NpyArray& ids, const std::string& name);

// The user's ids of the first batch as (axes x tokens), for check_allocation.
RowMatrix first_batch(const Encoding& encoding, const io::NpyArray& ids, const std::string& name);

struct AllocationCheck {
  std::string layout;         // "pair map", "cos table (tokens, pairs)", "... rotate-half" ...
  std::vector<int> expected;  // the reference pair_axis
  std::vector<int> found;     // the axis each pair reads; -1 when no axis fits a cos column
  std::vector<int> closest;   // cos tables: the best-fitting axis even when none fits
  std::vector<double> error;  // cos tables: worst |cos - reference| of the closest axis
  std::optional<int> first;   // first pair whose axis differs
  std::size_t differing = 0;  // pairs whose axis differs
  bool ok() const { return !first; }
};

// `allocation` is a pair -> axis map (pairs,), or a cos table (tokens, pairs) or (tokens, D) in the
// rotate-half or interleaved layout (leading dimensions of size 1 are dropped). For a cos table
// each pair's column is matched against cos(ids[a] * inv_freq[j]) for every axis a, with `ids` the
// user's own ids when given (their table was computed from them) or the reference ids. A pair
// fits an axis when every entry is within 2e-3 + 1e-6 |angle| (float16 output, float32 angles);
// when several axes fit (they agree on this scene), the expected one is reported.
AllocationCheck check_allocation(const Encoding& encoding, const io::NpyArray& allocation,
                                 const std::string& name, const RowMatrix* ids = nullptr);

// One-line token description: "segment 1: video, frame 2, row 0, col 1".
std::string describe_token(const Encoding& encoding, std::size_t token);
// The reports `ropelab-cli check` prints (each ends with a newline).
std::string describe(const Encoding& encoding, const IdsCheck& check);
std::string describe(const Encoding& encoding, const AllocationCheck& check);

}  // namespace ropelab
