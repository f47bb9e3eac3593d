#pragma once
#include <string>

#include "options.h"

namespace ropelab::cli {

// Runs one command; returns the bytes to write (stdout or --out). Throws InputError for bad input.
std::string run_command(const Options& options);

}  // namespace ropelab::cli
