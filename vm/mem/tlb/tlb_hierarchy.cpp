#include "vm/mem/tlb/tlb_hierarchy.h"

namespace vm::mem::tlb {
namespace {

TlbEntry entry_from_walk(const Translation& t, uint64_t va, uint16_t asid) {
  TlbEntry leaf;
  leaf.vpn = (va & ~(t.page_bytes() - 1)) >> 12;
  leaf.ppn = t.page_pa() >> 12;
  leaf.asid = asid;
  leaf.level = static_cast<uint8_t>(t.level);
  leaf.flags = static_cast<uint8_t>(t.leaf & 0xff);
  leaf.valid = true;
  return leaf;
}

}  // namespace

TlbHierarchy::TlbHierarchy(const TlbConfig& config, SharedTlb& l3, PhysicalMemory& ram)
    : ram_(ram),
      l3_(l3),
      itlb_(config.l1i_entries),
      dtlb_(config.l1d_entries),
      l2_(config.l2_entries, config.l2_ways, config.l2_policy, config.seed),
      prefetcher_(config.prefetch) {}

void TlbHierarchy::set_address_space(PagingMode mode, uint64_t root, uint16_t asid) {
  mode_ = mode;
  root_ = root;
  asid_ = asid;
  flush_l1(true, 0);
}

WalkRequest TlbHierarchy::request(uint64_t va, Access access) const {
  WalkRequest r;
  r.mode = mode_;
  r.root = root_;
  r.va = va;
  r.access = access;
  return r;
}

bool TlbHierarchy::usable(const TlbEntry& leaf, Access access) const {
  // A store to a clean page walks again: the walk sets D in the PTE.
  return leaf_permits(leaf.flags, request(0, access)) &&
         (access != Access::Store || (leaf.flags & pte::kDirty));
}

TranslateResult TlbHierarchy::translate(uint64_t va, Access access, bool store_in_l1) {
  const bool fetch = access == Access::Fetch;
  TlbLevelStats& l1_stats = fetch ? l1i_ : l1d_;
  ++l1_stats.lookups;
  const L1Entry& e = (fetch ? itlb_ : dtlb_).entry_for(va);
  const uint64_t page = va & ~uint64_t{4095};
  const uint64_t tag = access == Access::Load    ? e.tag_load
                       : access == Access::Store ? e.tag_store
                                                 : e.tag_fetch;
  if (tag == page) {
    ++l1_stats.hits;
    return {TranslationFault::None, e.page_pa | (va & 4095),
            reinterpret_cast<uint8_t*>(va + e.addend)};
  }
  ++l1_stats.misses;

  const uint64_t vpn = va >> 12;
  if (const auto hit = l2_.lookup(vpn, asid_, &prefetch_)) {
    if (usable(*hit, access)) return use(*hit, va, access, store_in_l1);
  } else if (const auto hit3 = l3_.lookup(vpn, asid_)) {
    l2_.fill(*hit3, &prefetch_);
    if (usable(*hit3, access)) return use(*hit3, va, access, store_in_l1);
  }

  ++walk_.walks;
  const Translation t = walk_page_table(ram_, request(va, access));
  walk_.ptes_read += t.ptes_read;
  if (!t.ok()) {
    ++walk_.faults;
    return {t.fault, 0, nullptr};
  }
  const TlbEntry leaf = entry_from_walk(t, va, asid_);
  l3_.fill(leaf);
  l2_.fill(leaf, &prefetch_);
  prefetch_after_miss(vpn);
  return use(leaf, va, access, store_in_l1);
}

TranslateResult TlbHierarchy::use(const TlbEntry& leaf, uint64_t va, Access access,
                                  bool store_in_l1) {
  const uint64_t page = va & ~uint64_t{4095};
  const uint64_t page_pa = leaf.pa(page);
  // Host pages are per 4 KiB frame (a superpage's are not contiguous with pool backing).
  uint8_t* const host_page = ram_.host_if_backed(page_pa);
  if (host_page == nullptr) return {TranslationFault::AccessFault, 0, nullptr};
  if (access == Access::Fetch) {
    ++l1i_.fills;
    l1i_.evictions += itlb_.fill(va, leaf, host_page, false, false, true);
  } else {
    ++l1d_.fills;
    l1d_.evictions += dtlb_.fill(va, leaf, host_page, usable(leaf, Access::Load),
                                 store_in_l1 && usable(leaf, Access::Store), false);
  }
  return {TranslationFault::None, page_pa | (va & 4095), host_page + (va & 4095)};
}

void TlbHierarchy::prefetch_after_miss(uint64_t vpn4k) {
  const auto predicted = prefetcher_.on_miss(vpn4k);
  if (!predicted || l2_.contains(*predicted, asid_)) return;
  // A prefetch must not change guest-visible state: no A/D updates, so only pages already
  // accessed (the runtime maps pages with A set, as Linux does) are prefetched.
  WalkRequest r = request(*predicted << 12, Access::Load);
  r.update_accessed_dirty = false;
  const Translation t = walk_page_table(ram_, r);
  if (!t.ok()) return;
  TlbEntry leaf = entry_from_walk(t, r.va, asid_);
  leaf.prefetched = true;
  l2_.fill(leaf, &prefetch_);
  ++prefetch_.issued;
}

void TlbHierarchy::flush_l1(bool all, uint64_t vpn4k) {
  ++l1i_.flushes;
  ++l1d_.flushes;
  l1i_.entries_flushed += all ? itlb_.flush_all() : itlb_.flush_address(vpn4k);
  l1d_.entries_flushed += all ? dtlb_.flush_all() : dtlb_.flush_address(vpn4k);
}

void TlbHierarchy::flush_all() {
  flush_l1(true, 0);
  l2_.flush_all(&prefetch_);
  l3_.flush_all();
}

void TlbHierarchy::flush_asid(uint16_t asid) {
  if (asid == asid_) flush_l1(true, 0);  // the L1s hold the current ASID only
  l2_.flush_asid(asid, &prefetch_);
  l3_.flush_asid(asid);
}

void TlbHierarchy::flush_address(uint64_t va, std::optional<uint16_t> asid) {
  if (!asid || *asid == asid_) flush_l1(false, va >> 12);
  l2_.flush_address(va >> 12, asid, &prefetch_);
  l3_.flush_address(va >> 12, asid);
}

TlbHierarchyStats TlbHierarchy::stats() const {
  TlbHierarchyStats s;
  s.l1i = l1i_;
  s.l1d = l1d_;
  s.l1i.lookups += l1i_fast_hits;
  s.l1i.hits += l1i_fast_hits;
  s.l1d.lookups += l1d_fast_hits;
  s.l1d.hits += l1d_fast_hits;
  s.l2 = l2_.stats();
  s.l3 = l3_.stats();
  s.walk = walk_;
  s.prefetch = prefetch_;
  return s;
}

}  // namespace vm::mem::tlb
