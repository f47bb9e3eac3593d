#pragma once
// Errors raised by core/ for invalid input. The message always names the offending field, its
// value and what is allowed, so front ends can show it unchanged.
#include <stdexcept>
#include <string>

namespace ropelab {

class InputError : public std::invalid_argument {
 public:
  explicit InputError(const std::string& message) : std::invalid_argument(message) {}
};

// Throws InputError("<field> = <value> is invalid: <allowed>") when `ok` is false.
void require(bool ok, const std::string& field, const std::string& value,
             const std::string& allowed);

// Formats a number the way messages show it (shortest round-trip form).
std::string format_number(double value);

}  // namespace ropelab
