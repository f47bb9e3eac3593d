#pragma once
#include <cstdint>
#include <string>

#include "options.h"
#include "ropelab/memory_guard.h"
#include "ropelab/variant.h"

namespace ropelab::cli {

// Runs one command; returns the bytes to write (stdout or --out). Throws InputError for bad input.
std::string run_command(const Options& options);
// The same; `status` is the exit status of a successful run (check: 1 on a mismatch, else 0).
std::string run_command(const Options& options, int& status);

// Shared with the Python module (python/ropelab.cpp), so both front ends validate alike.
Encoding encode_options(const Options& options);
// Refuses, before anything large is allocated, work whose estimated memory exceeds the cap.
void guard_memory(const Options& options, Workload workload, std::uint64_t extra = 0);
// --query: "last" or a token index; throws InputError naming --query.
std::size_t resolve_query(const std::string& text, std::size_t tokens);

}  // namespace ropelab::cli
