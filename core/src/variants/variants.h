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
const Variant& hope();
const Variant& v2pe();
const Variant& glm4v();
const Variant& ernie45_vl();
const Variant& mhrope();
const Variant& circle_rope();
const Variant& il_rope();
const Variant& omni_rope();
const Variant& mm_rope();
const Variant& grape();
// The composer: `design`'s positions with `allocation`'s pair map (throws InputError when the
// axis counts differ).
const Variant& custom(const Variant& design, const Variant& allocation);

}  // namespace ropelab::variants
