// The interpreter's paged-mode access path: its inline L1 DTLB check (counted as L1 hits),
// the slow path behind it (L1 misses, stores to clean pages, demand paging), TLB flushes on
// protect/unmap reaching the inline entries, and the ITLB check when code changes page.
// Counts are exact: every expectation below follows from the TLB rules in
// vm/mem/tlb/tlb_hierarchy.h, not from running the VM.
#include "tests/engine/interp/interp_fixture.h"

namespace interp_test {
namespace {

class PagedTranslationTest : public InterpTest {
 protected:
  vm::mem::tlb::TlbHierarchyStats tlb_stats() const { return memory.paging()->tlb().stats(); }
  uint64_t page_faults() const { return memory.paging()->page_faults(); }
};

TEST_F(PagedTranslationTest, RepeatedLoadsFromOnePageMissOnceThenHitInline) {
  poke64(kData + 64, 42);  // the page exists (the kernel-side copy does not touch the TLB)
  Program p;
  for (int i = 0; i < 10; ++i) p << ld(11, 10, 64);
  p << ecall();
  cpu.x[10] = kData;
  exec_ok(p);
  EXPECT_EQ(cpu.x[11], 42u);
  const auto s = tlb_stats();
  EXPECT_EQ(s.l1d.lookups, 10u);
  EXPECT_EQ(s.l1d.misses, 1u);
  EXPECT_EQ(s.l1d.hits, 9u);
  EXPECT_EQ(s.walk.walks, 2u);  // the data page, and the code page for decoding
  EXPECT_EQ(memory.paging()->tlb().l1d_fast_hits, 9u);
}

TEST_F(PagedTranslationTest, FirstStoreToACleanPageWalksAgainToSetDirtyThenStoresHitInline) {
  poke64(kData, 7);  // mapped with A set and D clear, as Linux maps a fresh page
  Program p;
  p << ld(11, 10, 0) << sd(12, 10, 8) << sd(12, 10, 16) << sd(12, 10, 24) << ecall();
  cpu.x[10] = kData;
  cpu.x[12] = 99;
  exec_ok(p);
  EXPECT_EQ(read64(kData + 24), 99u);
  const auto s = tlb_stats();
  // ld: L1 miss, walk. First sd: the entry has no store tag (D clear), L2 hit is not usable
  // for a store, walk sets D. Then two inline store hits. One more walk fetched the code.
  EXPECT_EQ(s.l1d.lookups, 4u);
  EXPECT_EQ(s.l1d.misses, 2u);
  EXPECT_EQ(s.l1d.hits, 2u);
  EXPECT_EQ(s.walk.walks, 3u);
}

TEST_F(PagedTranslationTest, FirstTouchIsADemandPageFault) {
  Program p;
  p << sd(12, 10, 0) << ld(11, 10, 0) << ecall();
  cpu.x[10] = kData + 2 * vm::mem::kPageSize;  // never touched
  cpu.x[12] = 5;
  const uint64_t faults_before = page_faults();
  exec_ok(p);
  EXPECT_EQ(cpu.x[11], 5u);
  EXPECT_EQ(page_faults() - faults_before, 2u);  // the code page (exec's load) and the data page
  const auto s = tlb_stats();
  // The walk found no leaf; the page was allocated, then walked. One more walk for the code.
  EXPECT_EQ(s.walk.faults, 1u);
  EXPECT_EQ(s.walk.walks, 3u);
  EXPECT_EQ(s.l1d.hits, 1u);  // the load after the store
}

TEST_F(PagedTranslationTest, ProtectReachesTheInlineEntry) {
  Program p;
  p << sd(12, 10, 0) << sd(12, 10, 8) << ecall();
  cpu.x[10] = kData;
  exec_ok(p);
  ASSERT_GE(tlb_stats().l1d.hits, 1u);  // the page's store tag is in the L1 DTLB now
  memory.protect(kData, vm::mem::kPageSize, vm::mem::perm::kRead);
  exec_fault(p, FaultKind::StoreAccess, kCode);
  EXPECT_EQ(fault.address, kData);
}

TEST_F(PagedTranslationTest, UnmapReachesTheInlineEntry) {
  poke64(kData, 3);
  Program p;
  p << ld(11, 10, 0) << ld(11, 10, 0) << ecall();
  cpu.x[10] = kData;
  exec_ok(p);
  EXPECT_EQ(cpu.x[11], 3u);
  memory.unmap(kData, vm::mem::kPageSize);
  exec_fault(p, FaultKind::LoadAccess, kCode);
  EXPECT_EQ(fault.address, kData);
}

TEST_F(PagedTranslationTest, MisalignedAccessAcrossPagesTakesTheSlowPathOnBothPages) {
  poke64(kData + vm::mem::kPageSize - 4, 0x1111111122222222ull);
  poke64(kData + vm::mem::kPageSize + 4, 0);
  Program p;
  p << ld(11, 10, -4) << ld(11, 10, -4) << ecall();
  cpu.x[10] = kData + vm::mem::kPageSize;
  exec_ok(p);
  EXPECT_EQ(cpu.x[11], 0x1111111122222222ull);
  const auto s = tlb_stats();
  EXPECT_EQ(memory.paging()->tlb().l1d_fast_hits, 0u);  // a crossing access never matches a tag
  EXPECT_EQ(s.l1d.lookups, 4u);                         // each load translates both pages
  EXPECT_EQ(s.l1d.hits, 2u);
}

TEST_F(PagedTranslationTest, AtomicsTranslateAsStores) {
  poke64(kData, 10);
  Program p;
  p << amoadd_d(11, 12, 10) << amoadd_d(11, 12, 10) << ecall();
  cpu.x[10] = kData;
  cpu.x[12] = 1;
  exec_ok(p);
  EXPECT_EQ(read64(kData), 12u);
  const auto s = tlb_stats();
  EXPECT_EQ(s.l1d.lookups, 2u);
  EXPECT_EQ(s.l1d.misses, 1u);  // the first sets D through a walk; the second hits the store tag
  EXPECT_EQ(s.walk.walks, 2u);  // and one for the code page
}

TEST_F(PagedTranslationTest, CodeThatChangesPageLooksUpTheItlb) {
  // Page 0 counts x5 down and jumps to page 1, which jumps back: 2 page changes a round.
  constexpr uint64_t kPage1 = kCode + vm::mem::kPageSize;
  constexpr int kRounds = 10;
  Program page0(kCode), page1(kPage1);
  page0 << addi(5, 5, -1) << beq(5, 0, 8) << jal(0, static_cast<int32_t>(kPage1 - (kCode + 8)))
        << ecall();
  page1 << jal(0, static_cast<int32_t>(kCode - kPage1));
  interp.flush_code();
  load(page0);
  load(page1);
  cpu.x[5] = kRounds;
  const StopReason reason = run_at(kCode);
  ASSERT_EQ(reason, StopReason::Syscall) << describe(reason, fault, cpu);
  EXPECT_EQ(cpu.pc, kCode + 12);
  const auto s = tlb_stats();
  // Decoding missed once per page (its fetches count as ITLB lookups too); every block entry
  // that changed page then hit inline: the first entry to page 0, kRounds - 1 entries to
  // page 1 and kRounds - 1 returns. Blocks on the same page as the last one check nothing.
  EXPECT_EQ(s.l1i.misses, 2u);
  EXPECT_EQ(memory.paging()->tlb().l1i_fast_hits, 2u * (kRounds - 1) + 1);
  EXPECT_EQ(s.l1i.lookups, s.l1i.hits + s.l1i.misses);
  EXPECT_EQ(s.l1d.lookups, 0u);  // no data access
}

}  // namespace
}  // namespace interp_test
