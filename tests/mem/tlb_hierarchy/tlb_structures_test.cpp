// The TLB levels one by one: ASID tags and global entries, the sfence.vma flush variants,
// superpage entries, eviction counting, the L1's fast-path tags, and the prefetchers.
#include <gtest/gtest.h>

#include "vm/mem/tlb/l1_tlb.h"
#include "vm/mem/tlb/set_associative_tlb.h"
#include "vm/mem/tlb/shared_tlb.h"
#include "vm/mem/tlb/tlb_prefetcher.h"

namespace vm::mem::tlb {
namespace {

TlbEntry leaf(uint64_t vpn, uint64_t ppn, uint16_t asid, uint8_t level = 0, bool global = false) {
  TlbEntry e;
  e.vpn = vpn;
  e.ppn = ppn;
  e.asid = asid;
  e.level = level;
  e.flags = pte::kValid | pte::kRead | pte::kWrite | pte::kUser | pte::kAccessed |
            (global ? pte::kGlobal : 0);
  e.valid = true;
  return e;
}

TEST(SetAssociativeTlbTest, EntriesAreTaggedWithTheirAsidUnlessGlobal) {
  SetAssociativeTlb tlb(64, 4, PolicyKind::Lru, 1);
  tlb.fill(leaf(0x100, 0x500, 1));
  tlb.fill(leaf(0x100, 0x600, 2));
  tlb.fill(leaf(0x200, 0x700, 1, 0, true));
  EXPECT_EQ(tlb.lookup(0x100, 1)->ppn, 0x500u);
  EXPECT_EQ(tlb.lookup(0x100, 2)->ppn, 0x600u);
  EXPECT_FALSE(tlb.lookup(0x100, 3));
  EXPECT_EQ(tlb.lookup(0x200, 3)->ppn, 0x700u);  // global: any ASID
  EXPECT_EQ(tlb.stats().lookups, 4u);
  EXPECT_EQ(tlb.stats().hits, 3u);
  EXPECT_EQ(tlb.stats().misses, 1u);
}

// sfence.vma: rs1 = x0, rs2 = x0 flushes everything; rs2 = asid flushes that ASID's
// non-global entries; rs1 = va flushes that page for every ASID including global entries;
// rs1 = va, rs2 = asid flushes that page of that ASID only, never global entries.
TEST(SetAssociativeTlbTest, FlushesFollowSfenceVmaSemantics) {
  const auto fresh = [] {
    auto tlb = std::make_unique<SetAssociativeTlb>(64, 4, PolicyKind::Lru, 1);
    tlb->fill(leaf(0x100, 1, 1));
    tlb->fill(leaf(0x100, 2, 2));
    tlb->fill(leaf(0x101, 3, 1));
    tlb->fill(leaf(0x100, 4, 9, 0, true));
    return tlb;
  };
  auto t = fresh();
  t->flush_asid(1);
  EXPECT_FALSE(t->contains(0x101, 1));
  EXPECT_TRUE(t->contains(0x100, 2));
  EXPECT_EQ(t->lookup(0x100, 1)->ppn, 4u);  // the global entry stays
  EXPECT_EQ(t->stats().entries_flushed, 2u);

  t = fresh();
  t->flush_address(0x100, std::nullopt);
  EXPECT_FALSE(t->contains(0x100, 1));
  EXPECT_FALSE(t->contains(0x100, 2));
  EXPECT_TRUE(t->contains(0x101, 1));
  EXPECT_EQ(t->stats().entries_flushed, 3u);

  t = fresh();
  t->flush_address(0x100, 1);
  EXPECT_EQ(t->lookup(0x100, 1)->ppn, 4u);  // global entry not flushed with an ASID
  EXPECT_EQ(t->lookup(0x100, 2)->ppn, 2u);
  EXPECT_TRUE(t->contains(0x101, 1));

  t = fresh();
  t->flush_all();
  EXPECT_FALSE(t->contains(0x100, 9));
  EXPECT_EQ(t->stats().entries_flushed, 4u);
  EXPECT_EQ(t->stats().flushes, 1u);
}

TEST(SetAssociativeTlbTest, SuperpageEntriesCoverTheirWholeRange) {
  SetAssociativeTlb tlb(64, 4, PolicyKind::Lru, 1);
  tlb.fill(leaf(0x200, 0x4000, 1, 1));  // 2 MiB leaf: pages 0x200..0x3ff
  for (uint64_t vpn : {0x200u, 0x2abu, 0x3ffu}) {
    const auto hit = tlb.lookup(vpn, 1);
    ASSERT_TRUE(hit) << vpn;
    EXPECT_EQ(hit->pa(vpn << 12 | 0x12), (uint64_t{0x4000} << 12) + ((vpn - 0x200) << 12) + 0x12);
  }
  EXPECT_FALSE(tlb.lookup(0x400, 1));
  tlb.flush_address(0x3ff, std::nullopt);  // any page of the superpage removes it
  EXPECT_FALSE(tlb.lookup(0x200, 1));
}

TEST(SetAssociativeTlbTest, EvictsOnlyWhenTheSetIsFull) {
  SetAssociativeTlb tlb(8, 2, PolicyKind::Lru, 1);  // 4 sets of 2 ways
  tlb.fill(leaf(0x0, 1, 1));
  tlb.fill(leaf(0x4, 2, 1));  // same set (0)
  EXPECT_EQ(tlb.stats().evictions, 0u);
  tlb.lookup(0x0, 1);  // 0x0 most recent: 0x4 is the LRU victim
  const auto evicted = tlb.fill(leaf(0x8, 3, 1));
  ASSERT_TRUE(evicted);
  EXPECT_EQ(evicted->vpn, 0x4u);
  EXPECT_EQ(tlb.stats().evictions, 1u);
  EXPECT_TRUE(tlb.contains(0x0, 1));
  // Refilling the same translation replaces it in place.
  EXPECT_FALSE(tlb.fill(leaf(0x8, 4, 1)));
  EXPECT_EQ(tlb.lookup(0x8, 1)->ppn, 4u);
  EXPECT_THROW(SetAssociativeTlb(12, 4, PolicyKind::Lru, 1), std::invalid_argument);
  EXPECT_THROW(SetAssociativeTlb(10, 4, PolicyKind::Lru, 1), std::invalid_argument);
}

TEST(SetAssociativeTlbTest, CountsUsefulAndUselessPrefetches) {
  SetAssociativeTlb tlb(2, 2, PolicyKind::Fifo, 1);  // one set
  PrefetchStats p;
  TlbEntry a = leaf(0x1, 1, 1), b = leaf(0x2, 2, 1);
  a.prefetched = b.prefetched = true;
  tlb.fill(a, &p);
  tlb.fill(b, &p);
  tlb.lookup(0x1, 1, &p);
  tlb.lookup(0x1, 1, &p);  // counted once
  EXPECT_EQ(p.useful, 1u);
  tlb.fill(leaf(0x3, 3, 1), &p);  // FIFO evicts a (used), then b goes unused
  tlb.fill(leaf(0x4, 4, 1), &p);
  EXPECT_EQ(p.useless, 1u);
}

TEST(SharedTlbTest, ShardsBehaveAsOneStructure) {
  SharedTlb l3(256, 4, PolicyKind::Lru, 1);
  for (uint64_t vpn = 0; vpn < 64; ++vpn) l3.fill(leaf(vpn, vpn + 1000, 1));
  l3.fill(leaf(0x40000, 0x80000, 1, 2));  // 1 GiB leaf
  for (uint64_t vpn = 0; vpn < 64; ++vpn) EXPECT_EQ(l3.lookup(vpn, 1)->ppn, vpn + 1000);
  EXPECT_EQ(l3.lookup(0x40000 + 12345, 1)->ppn, 0x80000u);
  l3.flush_address(0x40000 + 77, std::nullopt);
  EXPECT_FALSE(l3.lookup(0x40000, 1));
  l3.flush_asid(1);
  EXPECT_FALSE(l3.lookup(5, 1));
  const TlbLevelStats s = l3.stats();
  EXPECT_EQ(s.lookups, 67u);
  EXPECT_EQ(s.hits, 65u);
  EXPECT_EQ(s.fills, 65u);
  EXPECT_EQ(s.entries_flushed, 65u);
  EXPECT_THROW(SharedTlb(16, 4, PolicyKind::Lru, 1), std::invalid_argument);  // 4 sets < 8 shards
}

TEST(L1TlbTest, TagsAllowOnlyThePermittedAlignedAccesses) {
  L1Tlb l1(16);
  uint8_t page[4096];
  l1.fill(0x12345678, leaf(0x12345, 0x777, 1), page, true, false, false);
  const L1Entry& e = l1.entry_for(0x12345000);
  EXPECT_EQ(e.tag_load, l1_tag_of(0x12345ff8, 8));
  EXPECT_NE(e.tag_load, l1_tag_of(0x12345ffc, 8));  // misaligned: slow path
  EXPECT_NE(e.tag_store, l1_tag_of(0x12345000, 8));
  EXPECT_EQ(reinterpret_cast<uint8_t*>(0x12345010 + e.addend), page + 0x10);
  EXPECT_EQ(e.page_pa, uint64_t{0x777} << 12);
  EXPECT_EQ(l1.flush_address(0x12345), 1u);
  EXPECT_NE(l1.entry_for(0x12345000).tag_load, 0x12345000u);
  EXPECT_THROW(L1Tlb(12), std::invalid_argument);
}

TEST(L1TlbTest, AFillEvictsOnlyAnotherPagesValidEntry) {
  L1Tlb l1(16);
  uint8_t page[4096];
  EXPECT_FALSE(l1.fill(0x5000, leaf(0x5, 1, 1), page, true, false, false));   // empty slot
  EXPECT_FALSE(l1.fill(0x5008, leaf(0x5, 1, 1), page, true, true, false));    // same page again
  EXPECT_TRUE(l1.fill(0x15000, leaf(0x15, 2, 1), page, true, false, false));  // 16 pages on
  EXPECT_EQ(l1.flush_address(0x15), 1u);
  EXPECT_FALSE(l1.fill(0x5000, leaf(0x5, 1, 1), page, false, false, true));  // flushed slot
}

TEST(L1TlbTest, SuperpageFragmentsAreFlushedTogether) {
  L1Tlb l1(16);
  uint8_t page[4096];
  const TlbEntry mega = leaf(0x200, 0x4000, 1, 1);
  l1.fill(0x200000, mega, page, true, true, false);
  l1.fill(0x201000, mega, page, true, true, false);
  l1.fill(0x3ff000, mega, page, true, true, false);
  EXPECT_EQ(l1.flush_address(0x2ab), 3u);
}

TEST(TlbPrefetcherTest, PredictionsOfEachKind) {
  TlbPrefetcher next(PrefetchKind::NextPage);
  EXPECT_EQ(next.on_miss(10), 11u);

  TlbPrefetcher stride(PrefetchKind::Stride);
  EXPECT_FALSE(stride.on_miss(100));
  EXPECT_FALSE(stride.on_miss(103));  // first distance seen
  EXPECT_EQ(stride.on_miss(106), 109u);
  EXPECT_FALSE(stride.on_miss(107));  // the distance changed

  TlbPrefetcher markov(PrefetchKind::Markov);
  for (uint64_t p : {5u, 90u, 7u}) EXPECT_FALSE(markov.on_miss(p));
  EXPECT_EQ(markov.on_miss(5), 90u);  // 90 followed 5 last time
  EXPECT_EQ(markov.on_miss(90), 7u);

  TlbPrefetcher none(PrefetchKind::None);
  EXPECT_FALSE(none.on_miss(1));
  for (auto k :
       {PrefetchKind::None, PrefetchKind::NextPage, PrefetchKind::Stride, PrefetchKind::Markov}) {
    EXPECT_EQ(parse_prefetch(prefetch_name(k)), k);
  }
  EXPECT_FALSE(parse_prefetch("sometimes"));
}

}  // namespace
}  // namespace vm::mem::tlb
