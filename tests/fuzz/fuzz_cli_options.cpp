// libFuzzer target: cli::parse_options. The input is the argument list, one argument per line.
// Any list must parse or throw InputError; a small valid scene must then encode or be refused with
// InputError. Arguments naming files (--preset, --config) are skipped: reading arbitrary paths
// (/dev/stdin, FIFOs) is not what this target tests, and the file parsers have their own targets.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "options.h"
#include "ropelab/error.h"
#include "ropelab/memory_guard.h"
#include "ropelab/registry.h"
#include "ropelab/variant.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> args;
  std::size_t start = 0;
  while (start <= text.size() && args.size() < 64) {
    const std::size_t newline = text.find('\n', start);
    args.push_back(text.substr(start, newline - start));
    if (newline == std::string::npos) break;
    start = newline + 1;
  }
  for (const std::string& arg : args) {
    if (arg.rfind("--preset", 0) == 0 || arg.rfind("--config", 0) == 0) return -1;
  }
  try {
    const ropelab::cli::Options options = ropelab::cli::parse_options(args);
    options.scene.validate();
    options.config.validate();
    if (ropelab::planned_tokens(options.scene, options.config) > 4096) return 0;
    const ropelab::Variant& variant = ropelab::variant_or_throw(options.variant);
    const ropelab::Encoding encoding = ropelab::encode(variant, options.scene, options.config);
    if (encoding.token_count() == 0) __builtin_trap();
  } catch (const ropelab::InputError&) {
  }
  return 0;
}
