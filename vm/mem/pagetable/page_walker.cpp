#include "vm/mem/pagetable/page_walker.h"

#include <atomic>

#include "vm/mem/pagetable/pte.h"

namespace vm::mem {
bool leaf_permits(uint64_t leaf, const WalkRequest& r) {
  if (leaf & pte::kUser) {
    if (!r.user_mode && (r.access == Access::Fetch || !r.supervisor_user_access)) return false;
  } else if (r.user_mode) {
    return false;
  }
  switch (r.access) {
    case Access::Fetch: return leaf & pte::kExec;
    case Access::Load:
      return (leaf & pte::kRead) || (r.make_executable_readable && (leaf & pte::kExec));
    case Access::Store: return leaf & pte::kWrite;
  }
  return false;
}

Translation walk_page_table(PhysicalMemory& ram, const WalkRequest& r) {
  Translation t;
  if (!is_canonical(r.mode, r.va)) {
    t.fault = TranslationFault::PageFault;
    return t;
  }
  uint64_t table = r.root;
  for (int level = static_cast<int>(levels(r.mode)) - 1; level >= 0; --level) {
    const uint64_t address = table + vpn_index(r.va, static_cast<unsigned>(level)) * pte::kSize;
    // Outside RAM, or (pool backing) in a frame that is not allocated: no memory answers.
    uint8_t* const pte_host = ram.host_if_backed(address);
    if (pte_host == nullptr) {
      t.fault = TranslationFault::AccessFault;
      return t;
    }
    std::atomic_ref<uint64_t> slot(*reinterpret_cast<uint64_t*>(pte_host));
    uint64_t entry = slot.load(std::memory_order_acquire);
    ++t.ptes_read;
    // V clear, W without R (reserved) and the reserved high bits all fault.
    if (!(entry & pte::kValid) || ((entry & pte::kWrite) && !(entry & pte::kRead)) ||
        (entry & pte::kReservedMask)) {
      t.fault = TranslationFault::PageFault;
      return t;
    }
    if (!pte::is_leaf(entry)) {
      // A, D and U are reserved in pointers to the next level.
      if (entry & (pte::kAccessed | pte::kDirty | pte::kUser)) {
        t.fault = TranslationFault::PageFault;
        return t;
      }
      table = pte::physical_address(entry);
      continue;
    }
    t.level = static_cast<unsigned>(level);
    const uint64_t page_bytes = page_bytes_at_level(t.level);
    const auto usable_leaf = [&](uint64_t e) {
      return (e & pte::kValid) && pte::is_leaf(e) && !(e & pte::kReservedMask) &&
             !((e & pte::kWrite) && !(e & pte::kRead)) && leaf_permits(e, r) &&
             (pte::physical_address(e) & (page_bytes - 1)) == 0;  // superpage alignment
    };
    if (!usable_leaf(entry)) {
      t.fault = TranslationFault::PageFault;
      return t;
    }
    const uint64_t needed = pte::kAccessed | (r.access == Access::Store ? pte::kDirty : 0);
    while ((entry & needed) != needed) {
      if (!r.update_accessed_dirty) {
        t.fault = TranslationFault::PageFault;
        return t;
      }
      // Another walker may change the PTE meanwhile: set the bits only on the value we checked.
      if (slot.compare_exchange_weak(entry, entry | needed, std::memory_order_acq_rel)) {
        entry |= needed;
      } else if (!usable_leaf(entry)) {
        t.fault = TranslationFault::PageFault;
        return t;
      }
    }
    t.pa = pte::physical_address(entry) | (r.va & (page_bytes - 1));
    t.leaf = entry;
    t.leaf_address = address;
    if (ram.host_if_backed(t.pa) == nullptr) t.fault = TranslationFault::AccessFault;
    return t;
  }
  t.fault = TranslationFault::PageFault;  // no leaf at level 0
  return t;
}

}  // namespace vm::mem
