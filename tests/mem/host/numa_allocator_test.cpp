// NumaAllocator: the decisions on hwloc synthetic topologies (the multi-node logic, which this
// one-node machine cannot exercise for real), and real allocations on this machine.
#include "vm/mem/host/numa_allocator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace vm::mem::host {
namespace {

using Mode = NumaDecision::Mode;

// 2 packages × 1 NUMA node × 2 cores: PUs 0,1 on node 0 and 2,3 on node 1.
constexpr const char* kTwoPackages = "pack:2 numa:1 core:2 pu:1";
// 2 packages × 2 NUMA nodes × 2 cores: PUs 2n, 2n+1 on node n.
constexpr const char* kFourNodes = "pack:2 numa:2 core:2 pu:1";

TEST(SyntheticTopology, HasTheDescribedNodes) {
  const HostTopology two = HostTopology::synthetic(kTwoPackages);
  EXPECT_FALSE(two.is_this_system());
  EXPECT_EQ(two.numa_nodes(), (std::vector<unsigned>{0, 1}));
  EXPECT_EQ(HostTopology::synthetic(kFourNodes).numa_nodes(), (std::vector<unsigned>{0, 1, 2, 3}));
}

TEST(SyntheticTopology, BadDescriptionIsNamed) {
  try {
    HostTopology::synthetic("pack:two");
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("'pack:two'"), std::string::npos) << e.what();
  }
}

TEST(NumaDecision, LocalPicksTheNodeOfTheCpus) {
  const HostTopology two = HostTopology::synthetic(kTwoPackages);
  EXPECT_EQ(decide_numa(two, NumaPolicy::local(), {0}), (NumaDecision{Mode::Bind, {0}}));
  EXPECT_EQ(decide_numa(two, NumaPolicy::local(), {1}), (NumaDecision{Mode::Bind, {0}}));
  EXPECT_EQ(decide_numa(two, NumaPolicy::local(), {3}), (NumaDecision{Mode::Bind, {1}}));
  // A thread allowed on both packages binds to both nodes.
  EXPECT_EQ(decide_numa(two, NumaPolicy::local(), {1, 2}), (NumaDecision{Mode::Bind, {0, 1}}));

  const HostTopology four = HostTopology::synthetic(kFourNodes);
  EXPECT_EQ(decide_numa(four, NumaPolicy::local(), {5}), (NumaDecision{Mode::Bind, {2}}));
  EXPECT_EQ(decide_numa(four, NumaPolicy::local(), {6, 7}), (NumaDecision{Mode::Bind, {3}}));
}

TEST(NumaDecision, LocalWithCpusOutsideTheTopologyIsAnError) {
  const HostTopology two = HostTopology::synthetic(kTwoPackages);
  EXPECT_THROW(decide_numa(two, NumaPolicy::local(), {}), std::invalid_argument);
  try {
    decide_numa(two, NumaPolicy::local(), {9});
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "NUMA policy 'local': CPUs {9} belong to no NUMA node of the topology");
  }
}

TEST(NumaDecision, InterleaveCoversAllNodes) {
  EXPECT_EQ(decide_numa(HostTopology::synthetic(kTwoPackages), NumaPolicy::interleave(), {0}),
            (NumaDecision{Mode::Interleave, {0, 1}}));
  EXPECT_EQ(decide_numa(HostTopology::synthetic(kFourNodes), NumaPolicy::interleave(), {0}),
            (NumaDecision{Mode::Interleave, {0, 1, 2, 3}}));
}

TEST(NumaDecision, BindPicksTheNodeWhateverTheCpu) {
  const HostTopology four = HostTopology::synthetic(kFourNodes);
  EXPECT_EQ(decide_numa(four, NumaPolicy::bind(3), {0}), (NumaDecision{Mode::Bind, {3}}));
  EXPECT_EQ(decide_numa(four, NumaPolicy::bind(0), {7}), (NumaDecision{Mode::Bind, {0}}));
}

TEST(NumaDecision, BindOutOfRangeNamesNodeAndExistingNodes) {
  const HostTopology two = HostTopology::synthetic(kTwoPackages);
  try {
    decide_numa(two, NumaPolicy::bind(2), {0});
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "NUMA policy 'bind:2': node 2 does not exist (NUMA nodes: 0,1)");
  }
  // The allocator refuses it at construction, before any allocation.
  EXPECT_THROW(NumaAllocator(two, NumaPolicy::bind(2)), std::invalid_argument);
}

TEST(NumaDecision, ToString) {
  EXPECT_EQ(to_string(NumaDecision{Mode::Bind, {1}}), "bind:1");
  EXPECT_EQ(to_string(NumaDecision{Mode::Interleave, {0, 1, 2}}), "interleave:0,1,2");
}

TEST(NumaAllocator, SyntheticTopologyAllocatesButSkipsBinding) {
  const HostTopology two = HostTopology::synthetic(kTwoPackages);
  // The calling thread's CPU cannot be known on a synthetic topology: local spans every node.
  EXPECT_EQ(calling_thread_cpus(two), (std::vector<unsigned>{0, 1, 2, 3}));
  NumaAllocator allocator(two, NumaPolicy::interleave());
  const HostRegion region = allocator.allocate(10000);
  ASSERT_NE(region.data, nullptr);
  EXPECT_EQ(region.size, 12288u);
  EXPECT_FALSE(region.bound);
  EXPECT_EQ(region.decision, (NumaDecision{Mode::Interleave, {0, 1}}));
  std::memset(region.data, 1, region.size);
  const NumaAllocatorStats stats = allocator.stats();
  EXPECT_EQ(stats.regions_allocated, 1u);
  EXPECT_EQ(stats.bytes_mapped, 12288u);
  EXPECT_EQ(stats.bindings_skipped, 1u);
  EXPECT_EQ(stats.regions_per_node, (std::map<unsigned, std::uint64_t>{{0, 1}, {1, 1}}));
  allocator.deallocate(region);
  EXPECT_EQ(allocator.stats().bytes_mapped, 0u);
  EXPECT_EQ(allocator.stats().peak_bytes_mapped, 12288u);
  EXPECT_EQ(allocator.stats().regions_freed, 1u);
}

TEST(NumaAllocator, ZeroBytesIsAnError) {
  NumaAllocator allocator(HostTopology::this_system(), NumaPolicy::local());
  EXPECT_THROW(allocator.allocate(0), std::invalid_argument);
}

// Allocates 1 MiB with `policy` on this machine, touches it, and checks where it landed.
void check_real_allocation(const NumaPolicy& policy) {
  const HostTopology& topology = HostTopology::this_system();
  ASSERT_TRUE(topology.is_this_system());
  NumaAllocator allocator(topology, policy);
  const HostRegion region = allocator.allocate(std::size_t{1} << 20);
  ASSERT_NE(region.data, nullptr);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(region.data) % kHostPageSize, 0u);
  for (std::size_t i = 0; i < region.size; ++i) ASSERT_EQ(region.data[i], std::byte{0});
  std::memset(region.data, 0x5a, region.size);
  const NumaAllocatorStats stats = allocator.stats();
  EXPECT_EQ(stats.bindings_applied + stats.bindings_skipped + stats.bindings_failed, 1u);
  ::testing::Test::RecordProperty("decision", to_string(region.decision));
  ::testing::Test::RecordProperty("bound", region.bound ? "yes" : "no");

  // Where the kernel binding says the region goes: the decided nodes, with the decided mode.
  hwloc_bitmap_t binding = hwloc_bitmap_alloc();
  hwloc_membind_policy_t mode = HWLOC_MEMBIND_DEFAULT;
  if (region.bound && hwloc_get_area_membind(topology.get(), region.data, region.size, binding,
                                             &mode, HWLOC_MEMBIND_BYNODESET) == 0) {
    EXPECT_EQ(mode,
              region.decision.mode == Mode::Bind ? HWLOC_MEMBIND_BIND : HWLOC_MEMBIND_INTERLEAVE);
    std::vector<unsigned> nodes;
    unsigned node = 0;
    hwloc_bitmap_foreach_begin(node, binding) { nodes.push_back(node); }
    hwloc_bitmap_foreach_end();
    EXPECT_EQ(nodes, region.decision.nodes);
  }
  hwloc_bitmap_free(binding);

  // Where the touched pages really are.
  hwloc_bitmap_t location = hwloc_bitmap_alloc();
  const int rc = hwloc_get_area_memlocation(topology.get(), region.data, region.size, location,
                                            HWLOC_MEMBIND_BYNODESET);
  if (rc == 0 && !hwloc_bitmap_iszero(location)) {
    unsigned node = 0;
    hwloc_bitmap_foreach_begin(node, location) {
      EXPECT_NE(std::find(region.decision.nodes.begin(), region.decision.nodes.end(), node),
                region.decision.nodes.end())
          << "page on node " << node << ", decision " << to_string(region.decision);
    }
    hwloc_bitmap_foreach_end();
  } else {
    std::printf("hwloc_get_area_memlocation unavailable here; location not checked\n");
  }
  hwloc_bitmap_free(location);
  allocator.deallocate(region);
}

TEST(NumaAllocatorOnThisMachine, Local) {
  check_real_allocation(NumaPolicy::local());
  // A thread on one CPU gets exactly one node.
  NumaAllocator allocator(HostTopology::this_system(), NumaPolicy::local());
  EXPECT_EQ(allocator.decide_for_calling_thread().nodes.size(), 1u);
}
TEST(NumaAllocatorOnThisMachine, Interleave) { check_real_allocation(NumaPolicy::interleave()); }
TEST(NumaAllocatorOnThisMachine, BindFirstNode) {
  check_real_allocation(NumaPolicy::bind(HostTopology::this_system().numa_nodes().front()));
}

TEST(NumaAllocatorOnThisMachine, BindPastTheLastNodeIsRefused) {
  const unsigned past = HostTopology::this_system().numa_nodes().back() + 1;
  EXPECT_THROW(NumaAllocator(HostTopology::this_system(), NumaPolicy::bind(past)),
               std::invalid_argument);
}

TEST(NumaAllocatorOnThisMachine, BindingIsAppliedWhereTheKernelAllowsIt) {
  NumaAllocator allocator(HostTopology::this_system(), NumaPolicy::local());
  const HostRegion region = allocator.allocate(kHostPageSize);
  allocator.deallocate(region);
  const NumaAllocatorStats stats = allocator.stats();
  if (stats.bindings_failed != 0) {
    GTEST_SKIP() << "the kernel refused mbind (no NUMA support or a seccomp filter)";
  }
  EXPECT_TRUE(region.bound);
  EXPECT_EQ(stats.bindings_applied, 1u);
}

TEST(NumaAllocatorOnThisMachine, HugePageRegionsAre2MiBAligned) {
  NumaAllocator allocator(HostTopology::this_system(), NumaPolicy::local());
  AllocationOptions options;
  options.huge_pages = true;
  const HostRegion region = allocator.allocate(3 << 20, options);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(region.data) % (2 << 20), 0u);
  EXPECT_EQ(region.size, std::size_t{4} << 20);
  region.data[region.size - 1] = std::byte{1};
  allocator.deallocate(region);
}

TEST(NumaAllocatorOnThisMachine, NoReserveAndExecutableMap) {
  NumaAllocator allocator(HostTopology::this_system(), NumaPolicy::local());
  AllocationOptions options;
  options.no_reserve = true;
  options.executable = true;
  const HostRegion region = allocator.allocate(std::size_t{1} << 30, options);
  region.data[12345] = std::byte{7};
  EXPECT_EQ(region.data[12345], std::byte{7});
  allocator.deallocate(region);
}

}  // namespace
}  // namespace vm::mem::host
