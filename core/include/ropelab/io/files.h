#pragma once
// File access that never leaves a partial file: writes go to a temporary file in the same folder
// that is renamed over the target only when complete.
#include <string>

namespace ropelab::io {

// Throws std::runtime_error naming the file and the system's reason.
void write_file_atomically(const std::string& path, const std::string& contents);
// Throws InputError naming the file when it cannot be read or exceeds max_bytes.
std::string read_file(const std::string& path, std::size_t max_bytes = std::size_t{1} << 31);

}  // namespace ropelab::io
