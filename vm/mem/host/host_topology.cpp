#include "vm/mem/host/host_topology.h"

#include <stdexcept>

namespace vm::mem::host {

namespace {

hwloc_topology_t init_topology() {
  hwloc_topology_t raw = nullptr;
  if (hwloc_topology_init(&raw) != 0) throw std::runtime_error("hwloc_topology_init failed");
  return raw;
}

}  // namespace

HostTopology HostTopology::load_this_system() {
  HostTopology topology(init_topology());
  if (hwloc_topology_load(topology.get()) != 0) {
    throw std::runtime_error("hwloc cannot load the topology of this machine");
  }
  return topology;
}

HostTopology HostTopology::synthetic(const std::string& description) {
  HostTopology topology(init_topology());
  if (hwloc_topology_set_synthetic(topology.get(), description.c_str()) != 0 ||
      hwloc_topology_load(topology.get()) != 0) {
    throw std::invalid_argument("hwloc rejects the synthetic topology '" + description + "'");
  }
  return topology;
}

const HostTopology& HostTopology::this_system() {
  static const HostTopology topology = load_this_system();
  return topology;
}

bool HostTopology::is_this_system() const { return hwloc_topology_is_thissystem(get()) != 0; }

std::vector<unsigned> HostTopology::numa_nodes() const {
  std::vector<unsigned> nodes;
  hwloc_const_nodeset_t all = hwloc_topology_get_topology_nodeset(get());
  unsigned node = 0;
  hwloc_bitmap_foreach_begin(node, all) { nodes.push_back(node); }
  hwloc_bitmap_foreach_end();
  return nodes;
}

}  // namespace vm::mem::host
