#include "harness/measure/micro_tlb.h"

#include <algorithm>
#include <cstring>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>

#include "vm/mem/frame_allocator.h"
#include "vm/mem/pagetable/page_table.h"
#include "vm/mem/pagetable/page_walker.h"
#include "vm/mem/pagetable/pte.h"
#include "vm/mem/physical_memory.h"
#include "vm/mem/tlb/tlb_hierarchy.h"

namespace harness::measure {

namespace {

using vm::mem::Access;
using vm::mem::FrameAllocator;
using vm::mem::PageTable;
using vm::mem::PagingMode;
using vm::mem::PhysicalMemory;
using vm::mem::Translation;
using vm::mem::WalkRequest;
using vm::mem::tlb::L1Entry;
using vm::mem::tlb::L1Tlb;
using vm::mem::tlb::PolicyKind;
using vm::mem::tlb::SharedTlb;
using vm::mem::tlb::TlbConfig;
using vm::mem::tlb::TlbHierarchy;
using vm::mem::tlb::TranslateResult;
namespace pte = vm::mem::pte;

constexpr int64_t kBatch = kTlbAccessesPerIteration;
// VPN 0x10000: a multiple of every set count below, so page i of a working set lies in set
// i mod sets of each structure. Also 2 MiB aligned, for the superpage walk.
constexpr uint64_t kBase = 0x10000000;
constexpr uint64_t kRam = uint64_t{256} << 20;  // reserved; only page tables and written pages cost
// A and D already set: walks only read, as in a steady-state guest.
constexpr uint64_t kFlags = pte::kRead | pte::kWrite | pte::kUser | pte::kAccessed | pte::kDirty;

// The default sizes, spelled out: the working sets below are chosen from them.
//   L1 DTLB: 64 entries, direct-mapped (64 sets of 1 way)
//   L2: 1024 entries, 8 ways -> 128 sets, LRU
//   L3: 8192 entries, 16 ways -> 512 sets (8 shards of 64, the shard from the low VPN bits), LRU
TlbConfig bench_config(PolicyKind l2_policy = PolicyKind::Lru) {
  TlbConfig c;
  c.l1i_entries = c.l1d_entries = 64;
  c.l2_entries = 1024;
  c.l2_ways = 8;
  c.l2_policy = l2_policy;
  c.l3_entries = 8192;
  c.l3_ways = 16;
  c.l3_policy = PolicyKind::Lru;
  c.prefetch = vm::mem::tlb::PrefetchKind::None;
  c.seed = 1;
  return c;
}

// Working sets (consecutive 4 KiB pages from kBase) swept in address order, over and over.
// Each set of a structure then sees pages/sets pages in the same cyclic order: with more of them
// than ways, LRU (and a direct-mapped L1) evicts each page just before its next use, so every
// access misses; with at most `ways` of them, every access after the first sweep hits.
constexpr uint64_t kL2HitPages = 512;     // L1: 8 per slot, miss; L2: 4 per set, hit
constexpr uint64_t kL3HitPages = 4096;    // L2: 32 per set, miss; L3: 8 per set, hit
constexpr uint64_t kMissPages = 16384;    // L3: 32 per set, miss: every access walks
constexpr uint64_t kL1HotPages = 16;      // 16 distinct L1 slots
constexpr uint64_t kWalkPages = 4096;     // 16 MiB: 8 leaf tables
constexpr uint64_t kWalkSuperpages = 64;  // 128 MiB in 2 MiB leaves
constexpr uint64_t kChasePages = 1280;    // 1.25 x the L2: 10 pages per L2 set, 2.5 per L3 set

// Guest-physical RAM, one address space with `leaves` leaves of `level` mapped from kBase, and
// one vCPU's TLB hierarchy in front of a shared L3.
struct Machine {
  Machine(const TlbConfig& config, PagingMode mode, uint64_t leaves, unsigned level)
      : table(ram, frames, mode),
        l3(config.l3_entries, config.l3_ways, config.l3_policy, config.seed),
        tlb(config, l3, ram) {
    const uint64_t leaf_bytes = vm::mem::page_bytes_at_level(level);
    for (uint64_t i = 0; i < leaves; ++i) {
      const auto pa = level == 0 ? frames.allocate() : frames.allocate_contiguous(leaf_bytes >> 12);
      if (!pa || !table.map(kBase + i * leaf_bytes, *pa, level, kFlags)) {
        throw std::runtime_error("TLB benchmark: guest RAM exhausted");
      }
      leaf_pa.push_back(*pa);
    }
    tlb.set_address_space(mode, table.root(), 1);
  }

  PhysicalMemory ram{kRam};
  FrameAllocator frames{ram};
  PageTable table;
  SharedTlb l3;
  TlbHierarchy tlb;
  std::vector<uint64_t> leaf_pa;
};

// An 8-byte aligned offset in a page (the L1 tag check treats any other as misaligned).
uint64_t offset(std::mt19937_64& rng) { return (rng() % 512) * 8; }

// `length` accesses sweeping `pages` pages from kBase in order, at random offsets.
std::vector<uint64_t> sweep_trace(uint64_t pages, uint64_t length) {
  std::mt19937_64 rng(42);
  std::vector<uint64_t> trace(length);
  for (uint64_t i = 0; i < length; ++i) trace[i] = kBase + (i % pages) * 4096 + offset(rng);
  return trace;
}

// kBatch accesses to random 4 KiB pages of `leaves` leaves of `level` from kBase.
std::vector<uint64_t> random_trace(uint64_t leaves, unsigned level) {
  std::mt19937_64 rng(42);
  const uint64_t pages = leaves << (9 * level);
  std::vector<uint64_t> trace(kBatch);
  for (uint64_t& va : trace) va = kBase + (rng() % pages) * 4096 + offset(rng);
  return trace;
}

// Each iteration makes the next kBatch accesses of `trace` (whose size is a multiple of it).
template <typename Fn>
void run_batches(benchmark::State& state, const std::vector<uint64_t>& trace, Fn access) {
  size_t next = 0;
  for (auto _ : state) {
    const uint64_t* batch = trace.data() + next;
    for (int64_t i = 0; i < kBatch; ++i) access(batch[i]);
    next = (next + kBatch) % trace.size();
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

// The engines' inline load check: one L1 entry, one compare, host = va + addend; the full
// lookup only when the tag does not match.
void l1_hit(benchmark::State& state) {
  Machine m(bench_config(), PagingMode::Sv39, kL1HotPages, 0);
  std::mt19937_64 rng(42);
  std::vector<uint64_t> trace(kBatch);
  for (uint64_t& va : trace) va = kBase + (rng() % kL1HotPages) * 4096 + offset(rng);
  for (uint64_t va : trace) m.tlb.translate(va, Access::Load);
  const L1Tlb& dtlb = m.tlb.dtlb();
  for (uint64_t va : trace) {
    if (dtlb.entry_for(va).tag_load != vm::mem::tlb::l1_tag_of(va, 8)) {
      return state.SkipWithError("tlb/l1_hit: a hot page is not in the L1 DTLB after warm-up");
    }
  }
  state.counters["l1_hits"] = 1.0;
  run_batches(state, trace, [&](uint64_t va) {
    const L1Entry& e = dtlb.entry_for(va);
    uint8_t* host = e.tag_load == vm::mem::tlb::l1_tag_of(va, 8)
                        ? reinterpret_cast<uint8_t*>(va + e.addend)
                        : m.tlb.translate(va, Access::Load).host;
    benchmark::DoNotOptimize(host);
  });
}

// Which level answered the accesses of one pass over a trace.
struct LevelCounts {
  uint64_t l1_misses, l2_hits, l2_misses, l3_hits, l3_misses, walks;
};

LevelCounts level_counts(const TlbHierarchy& tlb) {
  const auto s = tlb.stats();
  return {s.l1d.misses, s.l2.hits, s.l2.misses, s.l3.hits, s.l3.misses, s.walk.walks};
}

enum class Level { L2, L3, Walk };

// TlbHierarchy::translate of loads whose pattern should be answered by `level`: one pass over
// the trace to warm up, one checked with the counters, then the timed batches.
void translate_at(benchmark::State& state, Level level, uint64_t pages) {
  Machine m(bench_config(), PagingMode::Sv39, pages, 0);
  const std::vector<uint64_t> trace = sweep_trace(pages, std::max<uint64_t>(pages, kBatch));
  for (uint64_t va : trace) m.tlb.translate(va, Access::Load);
  const LevelCounts before = level_counts(m.tlb);
  for (uint64_t va : trace) {
    if (!m.tlb.translate(va, Access::Load).ok()) return state.SkipWithError("translation fault");
  }
  const LevelCounts after = level_counts(m.tlb);
  const uint64_t n = trace.size();
  const LevelCounts d = {after.l1_misses - before.l1_misses, after.l2_hits - before.l2_hits,
                         after.l2_misses - before.l2_misses, after.l3_hits - before.l3_hits,
                         after.l3_misses - before.l3_misses, after.walks - before.walks};
  const bool where_claimed = level == Level::L2 ? d.l1_misses == n && d.l2_hits == n
                             : level == Level::L3
                                 ? d.l2_misses == n && d.l3_hits == n && d.walks == 0
                                 : d.l3_misses == n && d.walks == n;
  const auto per_access = [n](uint64_t count) { return static_cast<double>(count) / n; };
  state.counters["l1_misses"] = per_access(d.l1_misses);
  state.counters["l2_hits"] = per_access(d.l2_hits);
  state.counters["l3_hits"] = per_access(d.l3_hits);
  state.counters["walks"] = per_access(d.walks);
  if (!where_claimed) {
    const std::string why = "the access pattern does not hit the level it names (per " +
                            std::to_string(n) + " accesses: L1 misses " +
                            std::to_string(d.l1_misses) + ", L2 hits " + std::to_string(d.l2_hits) +
                            ", L3 hits " + std::to_string(d.l3_hits) + ", walks " +
                            std::to_string(d.walks) + ")";
    return state.SkipWithError(why.c_str());
  }
  run_batches(state, trace, [&](uint64_t va) {
    const TranslateResult r = m.tlb.translate(va, Access::Load);
    benchmark::DoNotOptimize(r);
  });
}

// walk_page_table alone, for loads of random pages of the working set.
void walk(benchmark::State& state, PagingMode mode, unsigned level, uint64_t leaves) {
  Machine m(bench_config(), mode, leaves, level);
  const std::vector<uint64_t> trace = random_trace(leaves, level);
  WalkRequest r;
  r.mode = mode;
  r.root = m.table.root();
  r.access = Access::Load;
  for (uint64_t va : trace) {
    r.va = va;
    const Translation t = walk_page_table(m.ram, r);
    if (!t.ok() || t.level != level || t.ptes_read != vm::mem::levels(mode) - level) {
      return state.SkipWithError("the walk did not end at the mapped leaf");
    }
  }
  run_batches(state, trace, [&](uint64_t va) {
    r.va = va;
    const Translation t = walk_page_table(m.ram, r);
    benchmark::DoNotOptimize(t);
  });
}

// A pointer chase through guest memory, one 8-byte load per page (each holds the address of the
// next), through TlbHierarchy::translate. The pages form one random cycle of kChasePages, so each
// L2 set holds its 10 pages in a fixed cyclic order: LRU and FIFO evict each page just before it
// is needed again, policies that keep some of them get hits. The L3 holds the whole cycle.
void l2_policy_chase(benchmark::State& state, PolicyKind policy) {
  Machine m(bench_config(policy), PagingMode::Sv39, kChasePages, 0);
  std::mt19937_64 rng(42);
  std::vector<uint64_t> next(kChasePages);
  for (uint64_t i = 0; i < kChasePages; ++i) next[i] = i;
  for (uint64_t i = kChasePages - 1; i > 0; --i) std::swap(next[i], next[rng() % i]);  // Sattolo
  const auto slot = [](uint64_t page) { return kBase + page * 4096 + (page * 37 % 512) * 8; };
  for (uint64_t i = 0; i < kChasePages; ++i) {
    const uint64_t target = slot(next[i]);
    std::memcpy(m.ram.host(m.leaf_pa[i] + (slot(i) & 4095)), &target, sizeof target);
  }
  uint64_t va = slot(0);
  for (uint64_t i = 0; i < 2 * kChasePages; ++i) {  // two laps: a steady state
    const TranslateResult r = m.tlb.translate(va, Access::Load);
    if (!r.ok()) return state.SkipWithError("translation fault in the pointer chase");
    std::memcpy(&va, r.host, sizeof va);
  }
  if (va != slot(0)) return state.SkipWithError("the pointer chase is not one cycle");
  const auto before = m.tlb.stats().l2;
  for (auto _ : state) {
    for (int64_t i = 0; i < kBatch; ++i) {
      const TranslateResult r = m.tlb.translate(va, Access::Load);
      std::memcpy(&va, r.host, sizeof va);
    }
    benchmark::DoNotOptimize(va);
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
  const auto after = m.tlb.stats().l2;
  const uint64_t lookups = after.lookups - before.lookups;
  state.counters["l2_hit_rate"] =
      lookups == 0 ? 0.0 : static_cast<double>(after.hits - before.hits) / lookups;
}

}  // namespace

std::vector<MicroBenchmark> tlb_micro_benchmarks() {
  std::vector<MicroBenchmark> out = {
      {"tlb/l1_hit",
       "the engines' inline L1 DTLB check (entry, tag compare, addend) on 16 hot pages, loads",
       l1_hit},
      {"tlb/l2_hit",
       "TlbHierarchy::translate, loads sweeping 512 pages: L1 (64) misses, L2 (1024x8) hits",
       [](benchmark::State& s) { translate_at(s, Level::L2, kL2HitPages); }},
      {"tlb/l3_hit",
       "TlbHierarchy::translate, loads sweeping 4096 pages: L1 and L2 miss, L3 (8192x16) hits",
       [](benchmark::State& s) { translate_at(s, Level::L3, kL3HitPages); }},
      {"tlb/miss_all_levels",
       "TlbHierarchy::translate, loads sweeping 16384 pages (2x the L3): every level misses, "
       "Sv39 walk and fills",
       [](benchmark::State& s) { translate_at(s, Level::Walk, kMissPages); }},
      {"tlb/walk_sv39_4k", "walk_page_table alone, Sv39, random loads over 4096 4 KiB pages",
       [](benchmark::State& s) { walk(s, PagingMode::Sv39, 0, kWalkPages); }},
      {"tlb/walk_sv48_4k", "walk_page_table alone, Sv48, random loads over 4096 4 KiB pages",
       [](benchmark::State& s) { walk(s, PagingMode::Sv48, 0, kWalkPages); }},
      {"tlb/walk_sv39_2m", "walk_page_table alone, Sv39, random loads over 64 2 MiB superpages",
       [](benchmark::State& s) { walk(s, PagingMode::Sv39, 1, kWalkSuperpages); }},
  };
  for (PolicyKind policy : vm::mem::tlb::all_policy_kinds()) {
    const std::string name(vm::mem::tlb::policy_name(policy));
    out.push_back({"tlb/l2_policy/" + name,
                   "a pointer chase through a random cycle of 1280 pages (1.25x the L2), L2 "
                   "policy " +
                       name + "; counter l2_hit_rate",
                   [policy](benchmark::State& s) { l2_policy_chase(s, policy); }});
  }
  return out;
}

}  // namespace harness::measure
