#pragma once
// Factories of the built-in variants; registry.cpp is the only caller.
#include "ropelab/variant.h"

namespace ropelab::variants {

const Variant& vanilla();
const Variant& tad();
const Variant& rope_tie();
const Variant& mrope();
const Variant& videorope();
const Variant& vrope();
const Variant& rope_2d();
const Variant& rope_share();
const Variant& rope_compact();
const Variant& qwen25_mrope();
const Variant& qwen3_mrope();
const Variant& mrope_i();

}  // namespace ropelab::variants
