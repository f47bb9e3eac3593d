#include "ropelab/config.h"

#include <cmath>
#include <string>

#include "ropelab/error.h"

namespace ropelab {

void Config::validate() const {
  require(head_dim >= kMinHeadDim && head_dim <= kMaxHeadDim && head_dim % 2 == 0, "head dim",
          std::to_string(head_dim),
          "must be an even integer in [" + std::to_string(kMinHeadDim) + ", " +
              std::to_string(kMaxHeadDim) + "]");
  require(std::isfinite(base) && base > 1.0 && base <= kMaxBase, "base", format_number(base),
          "must be a finite number in (1, 1e12]");
  if (delta) {
    require(std::isfinite(*delta) && *delta > 0.0 && *delta <= kMaxDelta, "delta",
            format_number(*delta), "must be a finite number in (0, 1e6]");
  }
  for (const auto& [key, value] : options.values()) {
    const OptionSpec* spec = find_option_by_key(key);
    if (!spec) {
      std::string known;
      for (const OptionSpec& s : all_option_specs()) {
        if (!known.empty()) known += ", ";
        known += s.key;
      }
      throw InputError("option = '" + key + "' is invalid: must be one of " + known);
    }
    validate_option(*spec, value);
  }
}

}  // namespace ropelab
