// What the knobs of paged memory change (vm/config/paged_config.h): pointer_chase run with
// --memory=paged under different TLB designs retires the same instructions and exits the same,
// while the exact TLB counters move the way each design says they must.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "vm/process.h"

namespace {

// 8192 nodes of 64 bytes: 128 pages visited in a random cycle, 8 laps. They fit the default
// L2 TLB (1024 entries) but not one of 64 (and the default L1 DTLB of 256 entries, so the
// tests that look at the L2 shrink the L1 in front of it).
constexpr const char* kNodes = "8192";

struct Outcome {
  vm::ExitStatus exit;
  vm::ProcessStats stats;
  uint64_t counter(const std::string& name) const {
    const auto it = stats.memory.find(name);
    return it == stats.memory.end() ? 0 : it->second;
  }
};

Outcome chase(const std::vector<std::string>& knobs, const std::string& memory = "paged",
              const std::vector<std::string>& args = {kNodes}) {
  vm::ProcessOptions options;
  options.argv = {"pointer_chase"};
  options.argv.insert(options.argv.end(), args.begin(), args.end());
  options.deterministic = true;
  options.memory = memory;
  for (const auto& k : knobs) options.config.set(k);
  vm::GuestProcess process(std::string(GUEST_DIR) + "/pointer_chase", options);
  Outcome out{process.run(), {}};
  out.stats = process.stats();
  EXPECT_EQ(out.exit.kind, vm::ExitKind::Exited) << out.exit.message;
  EXPECT_EQ(out.exit.status, 0) << out.exit.message;
  return out;
}

const std::vector<std::string> kSmallL2 = {"tlb.l1d.entries=16", "tlb.l2.entries=64",
                                           "tlb.l2.ways=4"};

std::vector<std::string> with(std::vector<std::string> knobs, const std::string& more) {
  knobs.push_back(more);
  return knobs;
}

TEST(TlbKnobs, ABiggerL2MissesLess) {
  const Outcome small = chase(kSmallL2);
  const Outcome big = chase({"tlb.l1d.entries=16", "tlb.l2.entries=1024"});
  EXPECT_EQ(small.stats.instructions_retired, big.stats.instructions_retired);
  EXPECT_EQ(small.counter("tlb.l2.lookups"), big.counter("tlb.l2.lookups"))
      << "the L1s in front of the L2 are the same";
  EXPECT_LT(big.counter("tlb.l2.misses"), small.counter("tlb.l2.misses"));
  EXPECT_LT(big.counter("tlb.l2.evictions"), small.counter("tlb.l2.evictions"));
  EXPECT_GT(small.counter("tlb.l2.misses"), 10 * big.counter("tlb.l2.misses"));
}

TEST(TlbKnobs, TheL2PolicyChangesItsHitsAndNothingElse) {
  const Outcome lru = chase(with(kSmallL2, "tlb.l2.policy=lru"));
  for (const char* policy : {"plru", "fifo", "random", "adaptive"}) {
    SCOPED_TRACE(policy);
    const Outcome other = chase(with(kSmallL2, std::string("tlb.l2.policy=") + policy));
    EXPECT_EQ(other.stats.instructions_retired, lru.stats.instructions_retired);
    EXPECT_EQ(other.counter("tlb.l2.lookups"), lru.counter("tlb.l2.lookups"));
    EXPECT_EQ(other.counter("tlb.l2.hits") + other.counter("tlb.l2.misses"),
              other.counter("tlb.l2.lookups"));
    EXPECT_NE(other.counter("tlb.l2.hits"), lru.counter("tlb.l2.hits"));
  }
}

TEST(TlbKnobs, TheSeedDrivesTheRandomPolicy) {
  const auto random = with(kSmallL2, "tlb.l2.policy=random");
  const Outcome first = chase(random);
  const Outcome again = chase(random);
  const Outcome reseeded = chase(with(random, "tlb.seed=2"));
  EXPECT_EQ(again.stats.memory, first.stats.memory);
  EXPECT_NE(reseeded.counter("tlb.l2.hits"), first.counter("tlb.l2.hits"));
}

TEST(TlbKnobs, PrefetchIssuesOnlyWhenOn) {
  const Outcome none = chase(kSmallL2);
  const Outcome next = chase(with(kSmallL2, "tlb.prefetch=next"));
  EXPECT_EQ(none.counter("tlb.prefetch.issued"), 0u);
  EXPECT_GT(next.counter("tlb.prefetch.issued"), 0u);
  EXPECT_EQ(next.stats.instructions_retired, none.stats.instructions_retired);
}

TEST(TlbKnobs, SmallerL1sMissMore) {
  const Outcome tiny = chase({"tlb.l1.entries=4"});
  const Outcome usual = chase({});
  EXPECT_GT(tiny.counter("tlb.l1d.misses"), usual.counter("tlb.l1d.misses"));
  EXPECT_GT(tiny.counter("tlb.l1i.misses"), usual.counter("tlb.l1i.misses"));
}

TEST(TlbKnobs, AnL3AsSmallAsTheL2MissesMore) {
  const Outcome small = chase(with(with(kSmallL2, "tlb.l3.entries=64"), "tlb.l3.ways=8"));
  const Outcome usual = chase(kSmallL2);
  EXPECT_GT(small.counter("tlb.walks"), usual.counter("tlb.walks"));
}

TEST(TlbKnobs, Sv48WalksReadOneLevelMore) {
  const Outcome sv39 = chase(with(kSmallL2, "mem.paging=sv39"));
  const Outcome sv48 = chase(with(kSmallL2, "mem.paging=sv48"));
  EXPECT_EQ(sv48.counter("tlb.walks"), sv39.counter("tlb.walks"));
  EXPECT_GT(sv48.counter("tlb.walk_ptes_read"), sv39.counter("tlb.walk_ptes_read"));
}

// 80 pages swept in page order: every L2 set (16 sets of 4 ways) sees a cycle of 5 pages, one
// more than it holds. LRU and FIFO evict each page just before its reuse and tree-PLRU does the
// same on this cycle, so only first-lap leftovers hit; random replacement and the adaptive
// policy (which inserts at the LRU end when LRU loses) keep part of the cycle.
TEST(TlbKnobs, ASweepLargerThanTheL2DefeatsLruLikePoliciesButNotRandomOrAdaptive) {
  const auto hit_rate = [](const char* policy) {
    const Outcome o =
        chase(with(kSmallL2, std::string("tlb.l2.policy=") + policy), "paged", {"5120", "sweep"});
    return static_cast<double>(o.counter("tlb.l2.hits")) /
           static_cast<double>(o.counter("tlb.l2.lookups"));
  };
  for (const char* policy : {"lru", "fifo", "plru"}) EXPECT_LT(hit_rate(policy), 0.05) << policy;
  for (const char* policy : {"random", "adaptive"}) EXPECT_GT(hit_rate(policy), 0.3) << policy;
}

TEST(TlbKnobs, FlatMemoryIgnoresThem) {
  const Outcome plain = chase({}, "flat");
  const Outcome knobs =
      chase({"tlb.l2.entries=64", "tlb.l2.policy=random", "mem.paging=sv48", "tlb.prefetch=next"},
            "flat");
  EXPECT_TRUE(knobs.stats.memory.empty());
  EXPECT_EQ(knobs.stats.instructions_retired, plain.stats.instructions_retired);
}

}  // namespace
