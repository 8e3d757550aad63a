// Captures the environment a benchmark run happens in, as one JSON object stored with the
// results: what machine, kernel, build and libraries produced the numbers. Only the
// performance-relevant subset decides comparability; that subset lives in fingerprint.h.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

namespace harness::environment {

// How the measured binaries were built; the caller knows (CMake passes it in).
struct BuildInfo {
  std::string compiler;        // e.g. "GNU 12.2.0"
  std::string compiler_flags;  // e.g. "-O3 -DNDEBUG"
  std::string build_type;      // e.g. "Release"
  std::string source_dir;      // where git is asked about the commit
};

struct CaptureOptions {
  BuildInfo build;
  std::vector<std::string> command_line;
  std::optional<int> pinned_cpu;  // the CPU the measurement thread is pinned to, if any
  // Choices the VM made for this host at start-up (e.g. memcpy implementation), recorded as
  // given; the caller fills them because this library does not depend on the VM.
  std::map<std::string, std::string> vm_host_choices;
  // Prefix for every /proc and /sys path read, so tests can point at a fake tree.
  std::filesystem::path system_root = "/";
};

// Never throws for a missing or unreadable source: the field is null instead.
//
//   field                 source
//   hostname              uname(): nodename
//   date                  system clock, UTC ISO-8601 ("2024-05-01T12:34:56Z")
//   command_line          CaptureOptions::command_line (array of strings)
//   cpu.vendor            /proc/cpuinfo "vendor_id" of the first processor
//   cpu.model             /proc/cpuinfo "model name"
//   cpu.family            /proc/cpuinfo "cpu family" (integer)
//   cpu.model_id          /proc/cpuinfo "model" (integer)
//   cpu.stepping          /proc/cpuinfo "stepping" (integer)
//   cpu.microcode         /proc/cpuinfo "microcode"
//   cpu.flags             /proc/cpuinfo "flags" ("Features" on Arm), array in file order
//   cpu.logical_cpus      sysconf(_SC_NPROCESSORS_ONLN) (live, not from system_root)
//   cpu.mhz               /proc/cpuinfo "cpu MHz" (number)
//   cpu.governor          /sys/devices/system/cpu/cpu*/cpufreq/scaling_governor, see
//                         read_cpu_governor(); null without cpufreq
//   kernel.sysname        uname()
//   kernel.release        uname()
//   kernel.version        uname()
//   kernel.machine        uname()
//   thp.enabled           [mode] of /sys/kernel/mm/transparent_hugepage/enabled
//   thp.defrag            [mode] of /sys/kernel/mm/transparent_hugepage/defrag
//   memory.total_bytes    /proc/meminfo "MemTotal"
//   topology              to_json(read_topology()) (live hwloc), null if hwloc fails
//   compiler.name         BuildInfo::compiler
//   compiler.flags        BuildInfo::compiler_flags
//   compiler.build_type   BuildInfo::build_type
//   git.source_dir        BuildInfo::source_dir
//   git.commit            git rev-parse HEAD
//   git.branch            git symbolic-ref --short HEAD (null when detached)
//   git.dirty             git status --porcelain --untracked-files=no is not empty
//   libraries.*           library_versions(): boost, hwloc_api_compiled, hwloc_api_runtime,
//                         zydis, asmjit, benchmark, glibc
//   vm.*                  CaptureOptions::vm_host_choices (memcpy_impl,
//                         memcpy_nontemporal_threshold); not in the fingerprint
//   process.affinity      sched_getaffinity() of the process: array of CPU numbers
//   process.pinned_cpu    CaptureOptions::pinned_cpu
boost::json::object capture_environment(const CaptureOptions& options);

}  // namespace harness::environment
