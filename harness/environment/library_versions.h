// Versions of the libraries the harness and the VM are built with, as "major.minor.patch"
// strings. Compile-time versions come from the headers this library was compiled against;
// hwloc and glibc also report the version loaded at run time.
#pragma once

#include <boost/json/object.hpp>

namespace harness::environment {

// {"boost", "hwloc_api_compiled", "hwloc_api_runtime", "zydis", "asmjit", "benchmark", "glibc"};
// a version that cannot be known is null.
boost::json::object library_versions();

}  // namespace harness::environment
