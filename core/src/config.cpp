#include "ropelab/config.h"

#include <cmath>
#include <string>

#include "ropelab/error.h"

namespace ropelab {

int Config::rotary_dims() const {
  if (!partial_rotary) return head_dim;
  return static_cast<int>(std::lround(*partial_rotary * head_dim));
}

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
  if (partial_rotary) {
    const double dims = *partial_rotary * head_dim;
    const bool even = std::abs(dims - std::nearbyint(dims)) < 1e-9 &&
                      static_cast<long>(std::nearbyint(dims)) % 2 == 0;
    require(std::isfinite(*partial_rotary) && *partial_rotary > 0 && *partial_rotary <= 1 && even &&
                dims >= 2,
            "--partial-rotary", format_number(*partial_rotary),
            "must be in (0, 1] with F*D an even integer >= 2 (D = " + std::to_string(head_dim) +
                " gives F*D = " + format_number(dims) + ")");
  }
  for (const auto& [key, value] : options.values()) {
    const OptionSpec* spec = find_option_by_key(key);
    if (!spec) {
      std::string known;
      for (const OptionSpec& s : all_option_specs()) {
        if (!known.empty()) known += ", ";
        known += s.key;
      }
      std::string message = "option = '";
      message += key;
      message += "' is invalid: must be one of ";
      message += known;
      throw InputError(message);
    }
    validate_option(*spec, value);
  }
}

}  // namespace ropelab
