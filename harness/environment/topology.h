// The machine's shape as hwloc sees it: packages, NUMA nodes, cores, hardware threads (PUs),
// caches and NUMA memory. Read from the live machine, or from an hwloc synthetic description so
// that multi-package and multi-node logic can be tested on a one-socket machine.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

namespace harness::environment {

enum class CacheKind { data, instruction, unified };

// "data", "instruction" or "unified".
std::string_view to_string(CacheKind kind);

// One group of identical caches: all caches of one level and kind with the same size and line.
// A hybrid CPU whose cores have different L2 sizes yields two L2 groups.
struct Cache {
  unsigned level = 0;  // 1 for L1, ...
  CacheKind kind = CacheKind::unified;
  std::uint64_t size_bytes = 0;
  unsigned line_size = 0;  // bytes; 0 when hwloc does not know it
  unsigned count = 0;      // how many caches of this group the machine has
};

// "L1d", "L1i", "L2", ...: the customary short name (unified caches get no suffix).
std::string cache_name(const Cache& cache);

struct Topology {
  unsigned packages = 0;
  unsigned numa_nodes = 0;
  unsigned cores = 0;
  unsigned pus = 0;                              // hardware threads
  std::vector<Cache> caches;                     // sorted by level, then kind, then size
  std::vector<std::uint64_t> numa_memory_bytes;  // local memory of each NUMA node, by index
};

// The live machine, including instruction caches. Throws std::runtime_error if hwloc fails.
Topology read_topology();

// An hwloc synthetic topology, e.g. "pack:2 numa:1 l3:1(size=8MiB) core:4 pu:2".
// Throws std::invalid_argument if hwloc rejects the description.
Topology read_synthetic_topology(const std::string& description);

// A short multi-line summary for `vmbench topology`, ending in a newline.
std::string describe(const Topology& topology);

// {"packages", "numa_nodes", "cores", "pus",
//  "caches": [{"name", "level", "kind", "size_bytes", "line_size", "count"}, ...],
//  "numa_memory_bytes": [...]}
boost::json::object to_json(const Topology& topology);

}  // namespace harness::environment
