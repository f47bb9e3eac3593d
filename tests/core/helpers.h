#pragma once
// Shared helpers of the core tests.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "ropelab/options.h"
#include "ropelab/registry.h"
#include "ropelab/variant.h"

namespace ropelab::test {

inline Encoding encode_id(const std::string& id, const Scene& scene, const Config& config = {}) {
  return encode(*find_variant(id), scene, config);
}

// The spec's worked-example scene: text 2, video 2x2x3, text 2 (16 tokens).
inline Scene worked_scene() {
  return Scene::text_video_text(2, 2, 2, 3, 2);
}

// Sets a variant option by key from its typed text, as the CLI would (parsed by its declaration).
inline void set_option(Config& config, const std::string& key, const std::string& text) {
  const OptionSpec* spec = find_option_by_key(key);
  if (spec == nullptr) throw std::logic_error("undeclared option " + key);
  config.options.set(key, parse_option(*spec, text));
}

inline std::vector<double> axis_ids(const Encoding& e, int axis) {
  std::vector<double> ids(e.token_count());
  for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = e.id(axis, i);
  return ids;
}

}  // namespace ropelab::test
