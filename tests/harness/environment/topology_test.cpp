// Topology from hwloc synthetic descriptions (exact expectations) and from the live machine
// (sanity only: any machine may run this).
#include "harness/environment/topology.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace harness::environment {
namespace {

const Cache* find_cache(const Topology& topology, unsigned level, CacheKind kind) {
  for (const Cache& cache : topology.caches) {
    if (cache.level == level && cache.kind == kind) return &cache;
  }
  return nullptr;
}

TEST(Topology, SyntheticTwoPackagesOneNumaNodeEach) {
  const Topology topology = read_synthetic_topology("pack:2 numa:1 l3:1 core:4 pu:2");
  EXPECT_EQ(topology.packages, 2u);
  EXPECT_EQ(topology.numa_nodes, 2u);
  EXPECT_EQ(topology.cores, 8u);
  EXPECT_EQ(topology.pus, 16u);
  EXPECT_EQ(topology.numa_memory_bytes.size(), 2u);
  const Cache* l3 = find_cache(topology, 3, CacheKind::unified);
  ASSERT_NE(l3, nullptr);
  EXPECT_EQ(l3->count, 2u);
}

TEST(Topology, SyntheticCacheSizesAndMemoryAsDescribed) {
  const Topology topology = read_synthetic_topology(
      "pack:1 numa:2(memory=4GiB) l3:1(size=8MiB) core:2 l2:1(size=1MiB) "
      "l1d:1(size=48KiB) l1i:1(size=32KiB) pu:2");
  EXPECT_EQ(topology.packages, 1u);
  EXPECT_EQ(topology.numa_nodes, 2u);
  EXPECT_EQ(topology.cores, 4u);
  EXPECT_EQ(topology.pus, 8u);
  ASSERT_EQ(topology.numa_memory_bytes.size(), 2u);
  EXPECT_EQ(topology.numa_memory_bytes[0], 4ull << 30);
  EXPECT_EQ(topology.numa_memory_bytes[1], 4ull << 30);

  ASSERT_EQ(topology.caches.size(), 4u);
  const Cache* l1d = find_cache(topology, 1, CacheKind::data);
  const Cache* l1i = find_cache(topology, 1, CacheKind::instruction);
  const Cache* l2 = find_cache(topology, 2, CacheKind::unified);
  const Cache* l3 = find_cache(topology, 3, CacheKind::unified);
  ASSERT_TRUE(l1d && l1i && l2 && l3);
  EXPECT_EQ(l1d->size_bytes, 48u * 1024);
  EXPECT_EQ(l1d->count, 4u);
  EXPECT_EQ(l1i->size_bytes, 32u * 1024);
  EXPECT_EQ(l2->size_bytes, 1u << 20);
  EXPECT_EQ(l2->count, 4u);
  EXPECT_EQ(l3->size_bytes, 8u << 20);
  EXPECT_EQ(l3->count, 2u);
  EXPECT_EQ(cache_name(*l1d), "L1d");
  EXPECT_EQ(cache_name(*l1i), "L1i");
  EXPECT_EQ(cache_name(*l3), "L3");
}

TEST(Topology, SyntheticRejectsGarbage) {
  EXPECT_THROW(read_synthetic_topology("not a topology"), std::invalid_argument);
}

TEST(Topology, LiveMachineHasEveryLevel) {
  const Topology topology = read_topology();
  EXPECT_GE(topology.packages, 1u);
  EXPECT_GE(topology.numa_nodes, 1u);
  EXPECT_GE(topology.cores, 1u);
  EXPECT_GE(topology.pus, 1u);
  EXPECT_GE(topology.pus, topology.cores);
  EXPECT_GE(topology.cores, topology.packages);
  EXPECT_EQ(topology.numa_memory_bytes.size(), topology.numa_nodes);
}

TEST(Topology, DescribeNamesCountsAndCaches) {
  const Topology topology =
      read_synthetic_topology("pack:2 numa:1 l3:1(size=8MiB) core:4 l1d:1(size=32KiB) pu:2");
  const std::string text = describe(topology);
  EXPECT_NE(text.find("2 package(s), 2 NUMA node(s), 8 core(s), 16 hardware thread(s)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("L3"), std::string::npos) << text;
  EXPECT_NE(text.find("8 MiB"), std::string::npos) << text;
  EXPECT_NE(text.find("32 KiB"), std::string::npos) << text;
  EXPECT_NE(text.find("NUMA node 1"), std::string::npos) << text;
  EXPECT_EQ(text.back(), '\n');
}

TEST(Topology, JsonHasCountsAndCaches) {
  const Topology topology =
      read_synthetic_topology("pack:2 numa:1 l3:1(size=8MiB) core:4 l1d:1(size=32KiB) pu:2");
  const boost::json::object json = to_json(topology);
  EXPECT_EQ(json.at("packages").to_number<int>(), 2);
  EXPECT_EQ(json.at("numa_nodes").to_number<int>(), 2);
  EXPECT_EQ(json.at("cores").to_number<int>(), 8);
  EXPECT_EQ(json.at("pus").to_number<int>(), 16);
  EXPECT_EQ(json.at("numa_memory_bytes").as_array().size(), 2u);
  const auto& caches = json.at("caches").as_array();
  ASSERT_EQ(caches.size(), 2u);
  const auto& l1d = caches[0].as_object();
  EXPECT_EQ(l1d.at("name").as_string(), "L1d");
  EXPECT_EQ(l1d.at("level").to_number<int>(), 1);
  EXPECT_EQ(l1d.at("kind").as_string(), "data");
  EXPECT_EQ(l1d.at("size_bytes").to_number<std::uint64_t>(), 32u * 1024);
  EXPECT_EQ(l1d.at("count").to_number<int>(), 8);
  EXPECT_TRUE(l1d.contains("line_size"));
  EXPECT_EQ(caches[1].as_object().at("size_bytes").to_number<std::uint64_t>(), 8u << 20);
}

}  // namespace
}  // namespace harness::environment
