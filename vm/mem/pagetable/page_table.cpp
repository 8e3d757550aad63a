#include "vm/mem/pagetable/page_table.h"

#include <atomic>
#include <stdexcept>
#include <string>

#include "vm/mem/pagetable/pte.h"

namespace vm::mem {
namespace {

// Walkers on other vCPUs read PTEs concurrently; every PTE access is atomic.
uint64_t load_pte(PhysicalMemory& ram, uint64_t address) {
  return std::atomic_ref<uint64_t>(*reinterpret_cast<uint64_t*>(ram.host(address)))
      .load(std::memory_order_acquire);
}
void store_pte(PhysicalMemory& ram, uint64_t address, uint64_t value) {
  std::atomic_ref<uint64_t>(*reinterpret_cast<uint64_t*>(ram.host(address)))
      .store(value, std::memory_order_release);
}
uint64_t table_of(uint64_t pte_address) { return pte_address & ~uint64_t{4095}; }
uint64_t slot_address(uint64_t table, uint64_t va, unsigned level) {
  return table + vpn_index(va, level) * pte::kSize;
}
constexpr uint64_t kSoftwareFlags = pte::kPermissionBits | pte::kUser | pte::kGlobal;

}  // namespace

PageTable::PageTable(PhysicalMemory& ram, FrameAllocator& frames, PagingMode mode)
    : ram_(ram), frames_(frames), mode_(mode) {
  const auto root = frames_.allocate(FrameUse::PageTable);
  if (!root) throw std::runtime_error("guest-physical memory exhausted: no frame for a page table");
  root_ = *root;
  table_entries_[root_] = 0;
}

PageTable::~PageTable() {
  for (const auto& [table, entries] : table_entries_) frames_.free(table);
}

uint64_t PageTable::slot(uint64_t va, unsigned level, bool create, bool* blocking_leaf) {
  uint64_t table = root_;
  for (unsigned l = levels(mode_) - 1; l > level; --l) {
    const uint64_t address = slot_address(table, va, l);
    const uint64_t entry = load_pte(ram_, address);
    if (entry & pte::kValid) {
      if (pte::is_leaf(entry)) {
        if (blocking_leaf != nullptr) *blocking_leaf = true;
        return 0;
      }
      table = pte::physical_address(entry);
      continue;
    }
    if (!create) return 0;
    const auto next = frames_.allocate(FrameUse::PageTable);
    if (!next) return 0;
    table_entries_[*next] = 0;
    store_pte(ram_, address, pte::make(*next, pte::kValid));
    ++table_entries_[table];
    table = *next;
  }
  return slot_address(table, va, level);
}

bool PageTable::map(uint64_t va, uint64_t pa, unsigned level, uint64_t flags) {
  const uint64_t bytes = page_bytes_at_level(level);
  if (level >= levels(mode_) || (va & (bytes - 1)) || (pa & (bytes - 1)) ||
      !is_canonical(mode_, va) || !(flags & pte::kPermissionBits)) {
    throw std::logic_error("page table: bad leaf request for VA " + std::to_string(va) + " level " +
                           std::to_string(level));
  }
  bool blocked = false;
  const uint64_t address = slot(va, level, true, &blocked);
  if (blocked || (address != 0 && (load_pte(ram_, address) & pte::kValid))) {
    throw std::logic_error("page table: VA " + std::to_string(va) + " is already mapped");
  }
  if (address == 0) return false;
  store_pte(ram_, address, pte::make(pa, (flags & 0xff) | pte::kValid));
  ++table_entries_[table_of(address)];
  return true;
}

std::optional<PageTableLeaf> PageTable::lookup(uint64_t va) const {
  if (!is_canonical(mode_, va)) return std::nullopt;
  uint64_t table = root_;
  for (int l = static_cast<int>(levels(mode_)) - 1; l >= 0; --l) {
    const unsigned level = static_cast<unsigned>(l);
    const uint64_t entry = load_pte(ram_, slot_address(table, va, level));
    if (!(entry & pte::kValid)) return std::nullopt;
    if (pte::is_leaf(entry)) {
      const uint64_t bytes = page_bytes_at_level(level);
      return PageTableLeaf{va & ~(bytes - 1), pte::physical_address(entry), level, entry & 0xff};
    }
    table = pte::physical_address(entry);
  }
  return std::nullopt;
}

std::optional<PageTableLeaf> PageTable::unmap(uint64_t va) {
  const auto leaf = lookup(va);
  if (!leaf) return std::nullopt;
  const uint64_t address = slot(va, leaf->level, false);
  store_pte(ram_, address, 0);
  --table_entries_[table_of(address)];
  release_empty_tables(va, leaf->level);
  return leaf;
}

bool PageTable::protect(uint64_t va, uint64_t flags) {
  const auto leaf = lookup(va);
  if (!leaf) return false;
  if (!(flags & pte::kPermissionBits)) {
    throw std::logic_error("page table: protect to no permission; unmap instead");
  }
  const uint64_t address = slot(va, leaf->level, false);
  const uint64_t entry = load_pte(ram_, address);
  store_pte(ram_, address, (entry & ~kSoftwareFlags) | (flags & kSoftwareFlags));
  return true;
}

void PageTable::release_empty_tables(uint64_t va, unsigned from_level) {
  // The tables on the path to the removed leaf, root first.
  uint64_t path[4] = {};
  const unsigned top = levels(mode_) - 1;
  path[top] = root_;
  for (unsigned l = top; l > from_level; --l) {
    path[l - 1] = pte::physical_address(load_pte(ram_, slot_address(path[l], va, l)));
  }
  for (unsigned l = from_level; l < top && table_entries_[path[l]] == 0; ++l) {
    store_pte(ram_, slot_address(path[l + 1], va, l + 1), 0);
    --table_entries_[path[l + 1]];
    table_entries_.erase(path[l]);
    frames_.free(path[l]);
  }
}

}  // namespace vm::mem
