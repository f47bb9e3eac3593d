#pragma once
// A small reader/writer of NumPy's .npy format (versions 1.0, 2.0 and 3.0 headers), C order.
// Reading accepts float16/32/64, int8..int64, uint8..uint64 and bool in either byte order
// (converted to double; integers beyond 2^53 round) and checks dtype, shape and size.
#include <cstdint>
#include <string>
#include <vector>

namespace ropelab::io {

struct NpyArray {
  std::vector<std::size_t> shape;
  std::vector<double> data;  // converted to double, C order
  std::string dtype;         // as written in the file, e.g. "<f4"
};

// Serialises a float64 array (format 1.0 unless the header needs 2.0).
std::string npy_bytes(const std::vector<std::size_t>& shape, const double* data);
// Parses .npy bytes; throws InputError("<name>: <problem>") on anything malformed.
NpyArray parse_npy(const std::string& bytes, const std::string& name);
NpyArray read_npy(const std::string& path);

}  // namespace ropelab::io
