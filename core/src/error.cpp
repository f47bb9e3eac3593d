#include "ropelab/error.h"

#include <cmath>
#include <cstdio>

namespace ropelab {

void require(bool ok, const std::string& field, const std::string& value,
             const std::string& allowed) {
  if (!ok) throw InputError(field + " = " + value + " is invalid: " + allowed);
}

std::string format_number(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  return buffer;
}

}  // namespace ropelab
