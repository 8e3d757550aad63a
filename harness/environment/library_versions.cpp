// Where each version comes from:
//   boost               BOOST_VERSION, e.g. 108100 -> "1.81.0" (finer than BOOST_LIB_VERSION)
//   hwloc_api_compiled  HWLOC_API_VERSION from hwloc.h: the API version, 2.8.0 for hwloc 2.9
//   hwloc_api_runtime   hwloc_get_api_version() of the loaded libhwloc
//   zydis               ZYDIS_VERSION from Zydis.h (major.minor.patch.build)
//   asmjit              ASMJIT_LIBRARY_VERSION (asmjit/core/api-config.h), null if absent
//   benchmark           no version macro in Google Benchmark 1.7; CMake passes
//                       ${benchmark_VERSION} as VMBENCH_BENCHMARK_VERSION
//   glibc               gnu_get_libc_version() of the loaded C library
#include "harness/environment/library_versions.h"

#include <Zydis/Zydis.h>
#include <asmjit/core/api-config.h>
#include <gnu/libc-version.h>
#include <hwloc.h>

#include <boost/version.hpp>
#include <string>

namespace harness::environment {

namespace {

// 0xMMmmpp (hwloc, AsmJit) -> "M.m.p".
std::string three_byte_version(unsigned long version) {
  return std::to_string((version >> 16) & 0xff) + "." + std::to_string((version >> 8) & 0xff) +
         "." + std::to_string(version & 0xff);
}

}  // namespace

boost::json::object library_versions() {
  boost::json::object versions;
  versions["boost"] = std::to_string(BOOST_VERSION / 100000) + "." +
                      std::to_string(BOOST_VERSION / 100 % 1000) + "." +
                      std::to_string(BOOST_VERSION % 100);
  versions["hwloc_api_compiled"] = three_byte_version(HWLOC_API_VERSION);
  versions["hwloc_api_runtime"] = three_byte_version(hwloc_get_api_version());
  versions["zydis"] = std::to_string(ZYDIS_VERSION_MAJOR(ZYDIS_VERSION)) + "." +
                      std::to_string(ZYDIS_VERSION_MINOR(ZYDIS_VERSION)) + "." +
                      std::to_string(ZYDIS_VERSION_PATCH(ZYDIS_VERSION)) + "." +
                      std::to_string(ZYDIS_VERSION_BUILD(ZYDIS_VERSION));
#ifdef ASMJIT_LIBRARY_VERSION
  versions["asmjit"] = three_byte_version(ASMJIT_LIBRARY_VERSION);
#else
  versions["asmjit"] = nullptr;
#endif
#ifdef VMBENCH_BENCHMARK_VERSION
  versions["benchmark"] = VMBENCH_BENCHMARK_VERSION;
#else
  versions["benchmark"] = nullptr;
#endif
  versions["glibc"] = gnu_get_libc_version();
  return versions;
}

}  // namespace harness::environment
