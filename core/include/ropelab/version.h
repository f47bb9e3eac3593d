#pragma once
// The project version, from CMake's project(ropelab VERSION ...).

namespace ropelab {

const char* version();

}  // namespace ropelab
