// Reads a Topology through hwloc's C API. hwloc owns the probing (sysfs, cpuid, ...); this file
// only counts objects and groups identical caches.
#include "harness/environment/topology.h"

#include <hwloc.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>
#include <tuple>

namespace harness::environment {

namespace {

struct TopologyDeleter {
  void operator()(hwloc_topology* topology) const { hwloc_topology_destroy(topology); }
};
using TopologyHandle = std::unique_ptr<hwloc_topology, TopologyDeleter>;

TopologyHandle make_topology() {
  hwloc_topology_t raw = nullptr;
  if (hwloc_topology_init(&raw) != 0) throw std::runtime_error("hwloc_topology_init failed");
  TopologyHandle topology(raw);
  // Instruction caches are filtered out by default; they matter to a JIT, so keep them.
  hwloc_topology_set_icache_types_filter(raw, HWLOC_TYPE_FILTER_KEEP_ALL);
  return topology;
}

CacheKind kind_of(hwloc_obj_cache_type_t type) {
  switch (type) {
    case HWLOC_OBJ_CACHE_DATA: return CacheKind::data;
    case HWLOC_OBJ_CACHE_INSTRUCTION: return CacheKind::instruction;
    case HWLOC_OBJ_CACHE_UNIFIED: break;
  }
  return CacheKind::unified;
}

unsigned count_of(hwloc_topology_t topology, hwloc_obj_type_t type) {
  const int count = hwloc_get_nbobjs_by_type(topology, type);
  return count > 0 ? static_cast<unsigned>(count) : 0;
}

std::vector<Cache> read_caches(hwloc_topology_t topology) {
  using Key = std::tuple<unsigned, CacheKind, std::uint64_t, unsigned>;
  std::map<Key, unsigned> groups;
  const int depth_count = hwloc_topology_get_depth(topology);
  for (int depth = 0; depth < depth_count; ++depth) {
    const int width = hwloc_get_nbobjs_by_depth(topology, static_cast<unsigned>(depth));
    for (int i = 0; i < width; ++i) {
      const hwloc_obj_t obj =
          hwloc_get_obj_by_depth(topology, static_cast<unsigned>(depth), static_cast<unsigned>(i));
      if (obj == nullptr || !hwloc_obj_type_is_cache(obj->type)) continue;
      const auto& attr = obj->attr->cache;
      ++groups[Key{attr.depth, kind_of(attr.type), attr.size, attr.linesize}];
    }
  }
  std::vector<Cache> caches;
  for (const auto& [key, count] : groups) {
    const auto& [level, kind, size, line] = key;
    caches.push_back(Cache{level, kind, size, line, count});
  }
  return caches;  // std::map order: level, kind, size, line
}

Topology summarize(hwloc_topology_t topology) {
  Topology result;
  result.packages = count_of(topology, HWLOC_OBJ_PACKAGE);
  result.numa_nodes = count_of(topology, HWLOC_OBJ_NUMANODE);
  result.cores = count_of(topology, HWLOC_OBJ_CORE);
  result.pus = count_of(topology, HWLOC_OBJ_PU);
  result.caches = read_caches(topology);
  for (unsigned i = 0; i < result.numa_nodes; ++i) {
    const hwloc_obj_t node = hwloc_get_obj_by_type(topology, HWLOC_OBJ_NUMANODE, i);
    result.numa_memory_bytes.push_back(node != nullptr ? node->attr->numanode.local_memory : 0);
  }
  return result;
}

// "32 KiB", "1 MiB", "1.5 MiB", "1000000 B": binary units, exact when possible.
std::string format_bytes(std::uint64_t bytes) {
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < std::size(kUnits)) {
    value /= 1024.0;
    ++unit;
  }
  char text[32];
  if (value == static_cast<double>(static_cast<std::uint64_t>(value))) {
    std::snprintf(text, sizeof text, "%llu %s", static_cast<unsigned long long>(value),
                  kUnits[unit]);
  } else {
    std::snprintf(text, sizeof text, "%.1f %s", value, kUnits[unit]);
  }
  return text;
}

}  // namespace

std::string_view to_string(CacheKind kind) {
  switch (kind) {
    case CacheKind::data: return "data";
    case CacheKind::instruction: return "instruction";
    case CacheKind::unified: break;
  }
  return "unified";
}

std::string cache_name(const Cache& cache) {
  std::string name = "L";
  name += std::to_string(cache.level);
  if (cache.kind == CacheKind::data) name += 'd';
  if (cache.kind == CacheKind::instruction) name += 'i';
  return name;
}

Topology read_topology() {
  const TopologyHandle topology = make_topology();
  if (hwloc_topology_load(topology.get()) != 0) {
    throw std::runtime_error("hwloc_topology_load failed");
  }
  return summarize(topology.get());
}

Topology read_synthetic_topology(const std::string& description) {
  const TopologyHandle topology = make_topology();
  if (hwloc_topology_set_synthetic(topology.get(), description.c_str()) != 0) {
    throw std::invalid_argument("invalid hwloc synthetic topology: " + description);
  }
  if (hwloc_topology_load(topology.get()) != 0) {
    throw std::runtime_error("hwloc_topology_load failed for synthetic topology: " + description);
  }
  return summarize(topology.get());
}

std::string describe(const Topology& topology) {
  // snprintf rather than string concatenation: clearer columns, and GCC 12 at -O3 raises a
  // false -Wrestrict on `"literal" + std::string`.
  char line[160];
  std::snprintf(line, sizeof line,
                "%u package(s), %u NUMA node(s), %u core(s), %u hardware thread(s)\n",
                topology.packages, topology.numa_nodes, topology.cores, topology.pus);
  std::string text = line;
  for (const Cache& cache : topology.caches) {
    std::snprintf(line, sizeof line, "  %-4s %10s x%-4u %s, %u B lines\n",
                  cache_name(cache).c_str(), format_bytes(cache.size_bytes).c_str(), cache.count,
                  std::string(to_string(cache.kind)).c_str(), cache.line_size);
    text += line;
  }
  for (std::size_t node = 0; node < topology.numa_memory_bytes.size(); ++node) {
    std::snprintf(line, sizeof line, "  NUMA node %zu: %s\n", node,
                  format_bytes(topology.numa_memory_bytes[node]).c_str());
    text += line;
  }
  return text;
}

boost::json::object to_json(const Topology& topology) {
  boost::json::array caches;
  for (const Cache& cache : topology.caches) {
    caches.push_back(boost::json::object{
        {"name", cache_name(cache)},
        {"level", cache.level},
        {"kind", to_string(cache.kind)},
        {"size_bytes", cache.size_bytes},
        {"line_size", cache.line_size},
        {"count", cache.count},
    });
  }
  boost::json::array memory;
  for (const std::uint64_t bytes : topology.numa_memory_bytes) memory.push_back(bytes);
  return boost::json::object{
      {"packages", topology.packages}, {"numa_nodes", topology.numa_nodes},
      {"cores", topology.cores},       {"pus", topology.pus},
      {"caches", std::move(caches)},   {"numa_memory_bytes", std::move(memory)},
  };
}

}  // namespace harness::environment
