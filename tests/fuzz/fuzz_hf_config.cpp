// libFuzzer target: io::import_hf_config. Any input must import or throw InputError; an imported
// configuration must encode the default scene or be refused with InputError.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ropelab/error.h"
#include "ropelab/io/preset.h"
#include "ropelab/registry.h"
#include "ropelab/variant.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const ropelab::io::Preset preset = ropelab::io::import_hf_config(text, "fuzz");
    const ropelab::Variant& variant = ropelab::variant_or_throw(preset.variants.front());
    const ropelab::Encoding encoding = ropelab::encode(variant, preset.scene, preset.config);
    if (encoding.pairs() != preset.config.head_dim / 2) __builtin_trap();
  } catch (const ropelab::InputError&) {
  }
  return 0;
}
