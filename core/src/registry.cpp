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

namespace {

const Variant* find_builtin(std::string_view id) {
  for (const Variant* variant : all_variants()) {
    if (variant->id() == id) return variant;
  }
  return nullptr;
}

std::string known_ids() {
  std::string known;
  for (const Variant* variant : all_variants())
    known += (known.empty() ? "" : ", ") + std::string(variant->id());
  return known;
}

constexpr std::string_view kCustomPrefix = "custom:";

}  // namespace

std::string custom_variant_id(std::string_view design, std::string_view allocation) {
  return std::string(kCustomPrefix) + std::string(design) + "/" + std::string(allocation);
}

const Variant& custom_variant(std::string_view design, std::string_view allocation) {
  const Variant* d = find_builtin(design);
  require(d != nullptr, "--design", "'" + std::string(design) + "'",
          "must be one of " + known_ids());
  const Variant* a = find_builtin(allocation);
  require(a != nullptr, "--allocation", "'" + std::string(allocation) + "'",
          "must be one of " + known_ids());
  return variants::custom(*d, *a);
}

const Variant* find_variant(std::string_view id) {
  if (id.substr(0, kCustomPrefix.size()) == kCustomPrefix) {
    const std::string_view rest = id.substr(kCustomPrefix.size());
    const std::size_t slash = rest.find('/');
    if (slash == std::string_view::npos) return nullptr;
    try {
      return &custom_variant(rest.substr(0, slash), rest.substr(slash + 1));
    } catch (const InputError&) {
      return nullptr;
    }
  }
  return find_builtin(id);
}

const Variant& variant_or_throw(std::string_view id) {
  if (id.substr(0, kCustomPrefix.size()) == kCustomPrefix) {
    const std::string_view rest = id.substr(kCustomPrefix.size());
    const std::size_t slash = rest.find('/');
    require(slash != std::string_view::npos, "variant", "'" + std::string(id) + "'",
            "must be custom:DESIGN/ALLOCATION");
    return custom_variant(rest.substr(0, slash), rest.substr(slash + 1));
  }
  if (const Variant* variant = find_builtin(id)) return *variant;
  throw InputError("variant = '" + std::string(id) + "' is invalid: must be one of " + known_ids() +
                   ", or custom:DESIGN/ALLOCATION");
}

}  // namespace ropelab
