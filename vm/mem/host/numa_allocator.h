// Host memory for the VM (guest RAM, JIT code buffers, pool chunks) placed by a NumaPolicy.
//
// Two steps, kept apart so that the multi-node logic can be tested on a one-node machine:
//  - decide: policy + topology + the CPUs of the calling thread → which nodes, bind or
//    interleave (decide_numa; pure, works on hwloc synthetic topologies);
//  - apply: mmap the region and hwloc_set_area_membind it with that nodeset before anything
//    touches it, so first touch already places pages. Only possible on the live machine; on a
//    synthetic topology, or when the kernel refuses (no NUMA support, seccomp), the memory is
//    still returned and the stats count the binding as skipped or failed.
//
// Thread-safe: allocate and deallocate may be called from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "vm/mem/host/host_topology.h"
#include "vm/mem/host/numa_policy.h"

namespace vm::mem::host {

inline constexpr std::size_t kHostPageSize = 4096;

// Where memory goes: bind to `nodes` (the allocation may use any of them) or interleave pages
// over `nodes` round robin. Node numbers are OS indices, ascending.
struct NumaDecision {
  enum class Mode { Bind, Interleave };
  Mode mode = Mode::Bind;
  std::vector<unsigned> nodes;

  friend bool operator==(const NumaDecision&, const NumaDecision&) = default;
};

// "bind:0", "interleave:0,1".
std::string to_string(const NumaDecision& decision);

// The decision for `policy` on `topology` for a thread running on `cpus` (PU OS indices):
//  - local: bind to the nodes whose CPUs intersect `cpus` (one node for a thread on one CPU;
//    all nodes it spans for a thread allowed on several). Throws std::invalid_argument when
//    `cpus` touches no node of the topology.
//  - interleave: interleave over every node of the topology.
//  - bind:N: bind to node N; std::invalid_argument naming N and the existing nodes when the
//    topology has no node N.
NumaDecision decide_numa(const HostTopology& topology, const NumaPolicy& policy,
                         const std::vector<unsigned>& cpus);

// The CPUs (PU OS indices) the calling thread last ran on, for a local decision: one PU on the
// live machine; every PU of the topology when that cannot be known (synthetic topology).
std::vector<unsigned> calling_thread_cpus(const HostTopology& topology);

struct AllocationOptions {
  // Align to 2 MiB, size rounded up to 2 MiB, and madvise(MADV_HUGEPAGE) when THP allows it.
  bool huge_pages = false;
  // MAP_NORESERVE: for large sparse reservations (guest address spaces) of which little is
  // ever touched.
  bool no_reserve = false;
  // PROT_EXEC as well as PROT_READ | PROT_WRITE (for JIT code buffers that are not W^X).
  bool executable = false;
};

// One mapping from NumaAllocator. Owned by the caller until passed to deallocate().
struct HostRegion {
  std::byte* data = nullptr;
  std::size_t size = 0;   // bytes mapped: the request rounded up to 4 KiB or 2 MiB
  NumaDecision decision;  // what the policy decided for it
  bool bound = false;     // the binding was applied (hwloc_set_area_membind succeeded)
  bool huge_pages_advised = false;
};

struct NumaAllocatorStats {
  std::uint64_t regions_allocated = 0;
  std::uint64_t regions_freed = 0;
  std::uint64_t bytes_mapped = 0;  // currently mapped
  std::uint64_t peak_bytes_mapped = 0;
  std::uint64_t huge_page_regions = 0;  // regions madvised for huge pages
  std::uint64_t bindings_applied = 0;
  std::uint64_t bindings_skipped = 0;  // synthetic topology or no membind support
  std::uint64_t bindings_failed = 0;   // hwloc_set_area_membind returned an error
  // Node (OS index) → regions whose decision included that node.
  std::map<unsigned, std::uint64_t> regions_per_node;
};

class NumaAllocator {
 public:
  // `topology` must outlive the allocator. A bind:N policy naming a node the topology lacks
  // throws std::invalid_argument here, not at the first allocation.
  NumaAllocator(const HostTopology& topology, NumaPolicy policy);
  NumaAllocator(const NumaAllocator&) = delete;
  NumaAllocator& operator=(const NumaAllocator&) = delete;

  // Maps at least `bytes` (> 0) of zero-filled memory, page-aligned (2 MiB-aligned with
  // huge_pages) and bound by the policy, decided for the calling thread. Throws
  // std::runtime_error when mmap fails, std::invalid_argument for bytes == 0.
  HostRegion allocate(std::size_t bytes, const AllocationOptions& options = {});
  // Unmaps a region from allocate(). A default (empty) region is ignored.
  void deallocate(const HostRegion& region);

  // The decision allocate() would make on the calling thread now.
  NumaDecision decide_for_calling_thread() const;

  const NumaPolicy& policy() const { return policy_; }
  const HostTopology& topology() const { return topology_; }
  NumaAllocatorStats stats() const;

 private:
  bool apply(const HostRegion& region) const;

  const HostTopology& topology_;
  const NumaPolicy policy_;
  mutable std::mutex mutex_;  // guards stats_
  NumaAllocatorStats stats_;
};

}  // namespace vm::mem::host
