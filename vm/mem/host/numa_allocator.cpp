#include "vm/mem/host/numa_allocator.h"

#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>

#include "vm/mem/host/transparent_huge_pages.h"

namespace vm::mem::host {

namespace {

struct BitmapDeleter {
  void operator()(hwloc_bitmap_s* bitmap) const { hwloc_bitmap_free(bitmap); }
};
using Bitmap = std::unique_ptr<hwloc_bitmap_s, BitmapDeleter>;

Bitmap make_bitmap(const std::vector<unsigned>& bits) {
  Bitmap bitmap(hwloc_bitmap_alloc());
  if (!bitmap) throw std::bad_alloc();
  for (unsigned bit : bits) hwloc_bitmap_set(bitmap.get(), bit);
  return bitmap;
}

std::vector<unsigned> bits_of(hwloc_const_bitmap_t bitmap) {
  std::vector<unsigned> bits;
  unsigned bit = 0;
  hwloc_bitmap_foreach_begin(bit, bitmap) { bits.push_back(bit); }
  hwloc_bitmap_foreach_end();
  return bits;
}

std::string join(const std::vector<unsigned>& values) {
  std::string out;
  for (unsigned v : values) {
    if (!out.empty()) out += ',';
    out += std::to_string(v);
  }
  return out;
}

std::size_t round_up_to_page(std::size_t bytes) {
  return (bytes + kHostPageSize - 1) & ~(kHostPageSize - 1);
}

// Whether hwloc can bind memory areas on this topology with `mode`.
bool binding_supported(const HostTopology& topology, NumaDecision::Mode mode) {
  if (!topology.is_this_system()) return false;
  const hwloc_topology_support* support = hwloc_topology_get_support(topology.get());
  if (support == nullptr || !support->membind->set_area_membind) return false;
  return mode == NumaDecision::Mode::Bind ? support->membind->bind_membind != 0
                                          : support->membind->interleave_membind != 0;
}

}  // namespace

std::string to_string(const NumaDecision& decision) {
  return std::string(decision.mode == NumaDecision::Mode::Bind ? "bind:" : "interleave:") +
         join(decision.nodes);
}

NumaDecision decide_numa(const HostTopology& topology, const NumaPolicy& policy,
                         const std::vector<unsigned>& cpus) {
  const std::vector<unsigned> all_nodes = topology.numa_nodes();
  switch (policy.kind) {
    case NumaPolicy::Kind::Interleave: return {NumaDecision::Mode::Interleave, all_nodes};
    case NumaPolicy::Kind::Bind:
      if (!std::binary_search(all_nodes.begin(), all_nodes.end(), policy.node)) {
        throw std::invalid_argument("NUMA policy '" + to_string(policy) + "': node " +
                                    std::to_string(policy.node) +
                                    " does not exist (NUMA nodes: " + join(all_nodes) + ")");
      }
      return {NumaDecision::Mode::Bind, {policy.node}};
    case NumaPolicy::Kind::Local: break;
  }
  const Bitmap cpuset = make_bitmap(cpus);
  NumaDecision decision{NumaDecision::Mode::Bind, {}};
  hwloc_obj_t node = nullptr;
  while ((node = hwloc_get_next_obj_by_type(topology.get(), HWLOC_OBJ_NUMANODE, node)) != nullptr) {
    if (hwloc_bitmap_intersects(node->cpuset, cpuset.get()))
      decision.nodes.push_back(node->os_index);
  }
  if (decision.nodes.empty()) {
    throw std::invalid_argument("NUMA policy 'local': CPUs {" + join(cpus) +
                                "} belong to no NUMA node of the topology");
  }
  std::sort(decision.nodes.begin(), decision.nodes.end());
  return decision;
}

std::vector<unsigned> calling_thread_cpus(const HostTopology& topology) {
  if (topology.is_this_system()) {
    const Bitmap last(hwloc_bitmap_alloc());
    if (last &&
        hwloc_get_last_cpu_location(topology.get(), last.get(), HWLOC_CPUBIND_THREAD) == 0 &&
        !hwloc_bitmap_iszero(last.get())) {
      return bits_of(last.get());
    }
  }
  return bits_of(hwloc_topology_get_topology_cpuset(topology.get()));
}

NumaAllocator::NumaAllocator(const HostTopology& topology, NumaPolicy policy)
    : topology_(topology), policy_(policy) {
  // Validates bind:N against the topology now, so a bad policy fails at startup.
  (void)decide_numa(topology_, policy_, calling_thread_cpus(topology_));
}

NumaDecision NumaAllocator::decide_for_calling_thread() const {
  return decide_numa(topology_, policy_, calling_thread_cpus(topology_));
}

HostRegion NumaAllocator::allocate(std::size_t bytes, const AllocationOptions& options) {
  if (bytes == 0) throw std::invalid_argument("NumaAllocator::allocate: size must not be zero");
  const int prot = PROT_READ | PROT_WRITE | (options.executable ? PROT_EXEC : 0);
  const int flags = options.no_reserve ? MAP_NORESERVE : 0;

  HostRegion region;
  region.decision = decide_for_calling_thread();
  if (options.huge_pages) {
    region.size = round_up_to_huge_page(bytes);
    region.data = static_cast<std::byte*>(map_huge_aligned(bytes, prot, flags));
    // Read each time: the mode can be changed at run time, and reading is cheap next to mmap.
    region.huge_pages_advised = advise_huge_pages(region.data, region.size, read_thp_mode());
  } else {
    region.size = round_up_to_page(bytes);
    void* p = mmap(nullptr, region.size, prot, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
    if (p == MAP_FAILED) {
      throw std::runtime_error("cannot map " + std::to_string(region.size) +
                               " bytes of host memory: " + std::strerror(errno));
    }
    region.data = static_cast<std::byte*>(p);
  }
  const bool supported = binding_supported(topology_, region.decision.mode);
  region.bound = supported && apply(region);

  const std::lock_guard lock(mutex_);
  ++stats_.regions_allocated;
  stats_.bytes_mapped += region.size;
  stats_.peak_bytes_mapped = std::max(stats_.peak_bytes_mapped, stats_.bytes_mapped);
  if (region.huge_pages_advised) ++stats_.huge_page_regions;
  if (!supported) {
    ++stats_.bindings_skipped;
  } else if (region.bound) {
    ++stats_.bindings_applied;
  } else {
    ++stats_.bindings_failed;
  }
  for (unsigned node : region.decision.nodes) ++stats_.regions_per_node[node];
  return region;
}

void NumaAllocator::deallocate(const HostRegion& region) {
  if (region.data == nullptr) return;
  munmap(region.data, region.size);
  const std::lock_guard lock(mutex_);
  ++stats_.regions_freed;
  stats_.bytes_mapped -= region.size;
}

bool NumaAllocator::apply(const HostRegion& region) const {
  const Bitmap nodeset = make_bitmap(region.decision.nodes);
  const hwloc_membind_policy_t policy = region.decision.mode == NumaDecision::Mode::Bind
                                            ? HWLOC_MEMBIND_BIND
                                            : HWLOC_MEMBIND_INTERLEAVE;
  // Not STRICT, no MIGRATE: the region is untouched, so the policy applies from the first touch.
  return hwloc_set_area_membind(topology_.get(), region.data, region.size, nodeset.get(), policy,
                                HWLOC_MEMBIND_BYNODESET) == 0;
}

NumaAllocatorStats NumaAllocator::stats() const {
  const std::lock_guard lock(mutex_);
  return stats_;
}

}  // namespace vm::mem::host
