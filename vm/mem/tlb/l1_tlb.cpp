#include "vm/mem/tlb/l1_tlb.h"

#include <stdexcept>
#include <string>

namespace vm::mem::tlb {

namespace {
bool in_use(const L1Entry& e) {
  return e.tag_load != L1Entry::kNoMatch || e.tag_store != L1Entry::kNoMatch ||
         e.tag_fetch != L1Entry::kNoMatch;
}
// The page a valid entry caches: every tag that is set holds it.
uint64_t page_of(const L1Entry& e) {
  return e.tag_load != L1Entry::kNoMatch    ? e.tag_load
         : e.tag_store != L1Entry::kNoMatch ? e.tag_store
                                            : e.tag_fetch;
}
}  // namespace

L1Tlb::L1Tlb(uint32_t entries) {
  if (entries == 0 || (entries & (entries - 1)) != 0) {
    throw std::invalid_argument("L1 TLB entries must be a power of two, not " +
                                std::to_string(entries));
  }
  entries_.resize(entries);
}

bool L1Tlb::fill(uint64_t va, const TlbEntry& leaf, uint8_t* host_page, bool allow_load,
                 bool allow_store, bool allow_fetch) {
  const uint64_t page = va & ~uint64_t{4095};
  L1Entry& e = entries_[(va >> 12) & index_mask()];
  const bool evicts = in_use(e) && page_of(e) != page;
  e.tag_load = allow_load ? page : L1Entry::kNoMatch;
  e.tag_store = allow_store ? page : L1Entry::kNoMatch;
  e.tag_fetch = allow_fetch ? page : L1Entry::kNoMatch;
  e.addend = reinterpret_cast<uint64_t>(host_page) - page;
  e.page_pa = leaf.pa(page);
  e.leaf_vpn = leaf.vpn;
  e.leaf_level = leaf.level;
  return evicts;
}

void L1Tlb::revoke_store(uint64_t va) {
  L1Entry& e = entries_[(va >> 12) & index_mask()];
  if (e.tag_store == (va & ~uint64_t{4095})) e.tag_store = L1Entry::kNoMatch;
}

uint64_t L1Tlb::flush_all() {
  uint64_t dropped = 0;
  for (L1Entry& e : entries_) {
    dropped += in_use(e);
    e = L1Entry{};
  }
  return dropped;
}

uint64_t L1Tlb::flush_address(uint64_t vpn4k) {
  uint64_t dropped = 0;
  for (L1Entry& e : entries_) {
    const unsigned shift = 9 * e.leaf_level;
    if (in_use(e) && (e.leaf_vpn >> shift) == (vpn4k >> shift)) {
      e = L1Entry{};
      ++dropped;
    }
  }
  return dropped;
}

}  // namespace vm::mem::tlb
