// libFuzzer target: io::preset_from_json. Any input must parse or throw InputError; a preset that
// parses must survive a round trip through preset_to_json unchanged.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ropelab/error.h"
#include "ropelab/io/preset.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  ropelab::io::Preset preset;
  try {
    preset = ropelab::io::preset_from_json(text, "fuzz");
  } catch (const ropelab::InputError&) {
    return 0;
  }
  const std::string saved = ropelab::io::preset_to_json(preset);
  const ropelab::io::Preset again = ropelab::io::preset_from_json(saved, "round trip");
  if (ropelab::io::preset_to_json(again) != saved) __builtin_trap();
  return 0;
}
