// An owned, loaded hwloc topology: the live machine, or an hwloc synthetic description such as
// "pack:2 numa:1 core:2 pu:1" so that multi-node decisions can be tested on a one-node machine.
// Memory can be bound only on the live machine; on a synthetic topology the allocator decides
// but does not apply.
#pragma once

#include <hwloc.h>

#include <memory>
#include <string>
#include <vector>

namespace vm::mem::host {

class HostTopology {
 public:
  // The machine this process runs on. Throws std::runtime_error when hwloc cannot load it.
  static HostTopology load_this_system();
  // An hwloc synthetic topology. Throws std::invalid_argument naming the description when hwloc
  // rejects it.
  static HostTopology synthetic(const std::string& description);
  // One topology of this machine for the whole process, loaded on first use (thread-safe).
  static const HostTopology& this_system();

  hwloc_topology_t get() const { return topology_.get(); }
  // True for the live machine: memory binding and CPU location queries work.
  bool is_this_system() const;
  // OS indices of the NUMA nodes, ascending.
  std::vector<unsigned> numa_nodes() const;

 private:
  struct Deleter {
    void operator()(hwloc_topology* topology) const { hwloc_topology_destroy(topology); }
  };
  explicit HostTopology(hwloc_topology_t topology) : topology_(topology) {}

  std::unique_ptr<hwloc_topology, Deleter> topology_;
};

}  // namespace vm::mem::host
