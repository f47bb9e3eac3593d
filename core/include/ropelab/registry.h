#pragma once
// The one place that lists every variant.
#include <string_view>
#include <vector>

#include "ropelab/variant.h"

namespace ropelab {

const std::vector<const Variant*>& all_variants();
// nullptr if unknown.
const Variant* find_variant(std::string_view id);
// Throws InputError listing the known ids.
const Variant& variant_or_throw(std::string_view id);

}  // namespace ropelab
