#pragma once
// The one place that lists every variant.
#include <string_view>
#include <vector>

#include "ropelab/variant.h"

namespace ropelab {

const std::vector<const Variant*>& all_variants();
// nullptr if unknown. Also resolves the composer's ids "custom:DESIGN/ALLOCATION".
const Variant* find_variant(std::string_view id);
// Throws InputError listing the known ids (or why a custom pair is refused).
const Variant& variant_or_throw(std::string_view id);
// The composer: DESIGN's position design with ALLOCATION's frequency allocation. Throws
// InputError naming --design / --allocation for unknown ids or an axis-count mismatch.
const Variant& custom_variant(std::string_view design, std::string_view allocation);
std::string custom_variant_id(std::string_view design, std::string_view allocation);

}  // namespace ropelab
