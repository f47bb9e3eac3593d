#include "ropelab/registry.h"

#include <string>

#include "ropelab/error.h"
#include "variants/variants.h"

namespace ropelab {

const std::vector<const Variant*>& all_variants() {
  // The one list of variants, in the order pickers show them.
  static const std::vector<const Variant*> kVariants{
      &variants::vanilla(),      &variants::tad(),         &variants::rope_tie(),
      &variants::mrope(),        &variants::videorope(),   &variants::vrope(),
      &variants::rope_2d(),      &variants::rope_share(),  &variants::rope_compact(),
      &variants::qwen25_mrope(), &variants::qwen3_mrope(), &variants::mrope_i(),
      &variants::hope(),         &variants::v2pe(),        &variants::glm4v(),
      &variants::ernie45_vl(),   &variants::mhrope(),      &variants::circle_rope(),
      &variants::il_rope(),      &variants::omni_rope(),   &variants::mm_rope(),
      &variants::grape(),
  };
  return kVariants;
}

const Variant* find_variant(std::string_view id) {
  for (const Variant* variant : all_variants()) {
    if (variant->id() == id) return variant;
  }
  return nullptr;
}

const Variant& variant_or_throw(std::string_view id) {
  if (const Variant* variant = find_variant(id)) return *variant;
  std::string known;
  for (const Variant* variant : all_variants())
    known += (known.empty() ? "" : ", ") + std::string(variant->id());
  throw InputError("variant = '" + std::string(id) + "' is invalid: must be one of " + known);
}

}  // namespace ropelab
