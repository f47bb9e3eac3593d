// libFuzzer target: io::parse_npy. Any input must parse or throw InputError; a parsed array holds
// exactly the elements its shape promises, and float64 arrays round-trip through npy_bytes.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "ropelab/error.h"
#include "ropelab/io/npy.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  ropelab::io::NpyArray array;
  try {
    array = ropelab::io::parse_npy(bytes, "fuzz");
  } catch (const ropelab::InputError&) {
    return 0;
  }
  std::size_t count = 1;
  for (const std::size_t s : array.shape) count *= s;
  if (array.data.size() != count) __builtin_trap();
  if (array.dtype == "<f8" || array.dtype == "f8") {
    const ropelab::io::NpyArray back =
        ropelab::io::parse_npy(ropelab::io::npy_bytes(array.shape, array.data.data()), "again");
    if (back.shape != array.shape || (count > 0 && std::memcmp(back.data.data(), array.data.data(),
                                                               count * sizeof(double)) != 0))
      __builtin_trap();
  }
  return 0;
}
