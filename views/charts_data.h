#pragma once
// What the charts draw for one variant (similarity S(delta), wavelengths, the jump curve) is
// computed by core (ropelab/view_data.h) on the app's worker thread; the charts only paint it.
#include "ropelab/view_data.h"

namespace ropelab::views {

using ropelab::ChartsData;
using ropelab::JumpProbe;

}  // namespace ropelab::views
