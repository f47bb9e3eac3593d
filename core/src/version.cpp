#include "ropelab/version.h"

#ifndef ROPELAB_VERSION
#error "ROPELAB_VERSION is set by core/CMakeLists.txt from project(VERSION)"
#endif

namespace ropelab {

const char* version() {
  return ROPELAB_VERSION;
}

}  // namespace ropelab
