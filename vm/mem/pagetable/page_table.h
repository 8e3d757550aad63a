// A process's page table in guest-physical memory, built and kept right by the runtime as
// mappings change (the part of a kernel that maintains page tables). Table pages come from the
// FrameAllocator and are returned to it when they become empty; leaf frames belong to the
// caller. Sv39 or Sv48; leaves at any level (4 KiB pages and superpages).
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>

#include "vm/mem/frame_allocator.h"
#include "vm/mem/pagetable/paging_mode.h"
#include "vm/mem/physical_memory.h"

namespace vm::mem {

struct PageTableLeaf {
  uint64_t va = 0;  // first byte the leaf maps (aligned to its size)
  uint64_t pa = 0;
  unsigned level = 0;
  uint64_t flags = 0;  // PTE bits 0..7
};

class PageTable {
 public:
  // Allocates the root table; throws std::runtime_error when RAM is exhausted.
  PageTable(PhysicalMemory& ram, FrameAllocator& frames, PagingMode mode);
  ~PageTable();
  PageTable(const PageTable&) = delete;
  PageTable& operator=(const PageTable&) = delete;

  PagingMode mode() const { return mode_; }
  uint64_t root() const { return root_; }
  uint64_t table_pages() const { return table_entries_.size(); }

  // Installs a leaf for [va, va + page_bytes_at_level(level)) -> pa with PTE `flags` (V is
  // added). va and pa must be aligned to the page size and nothing may be mapped there yet:
  // violations throw std::logic_error (the runtime's bug, never the guest's). Returns false
  // when a table page cannot be allocated.
  bool map(uint64_t va, uint64_t pa, unsigned level, uint64_t flags);
  // Removes the leaf that maps va and returns it; frees table pages left empty.
  std::optional<PageTableLeaf> unmap(uint64_t va);
  // Replaces the R/W/X/U/G bits of the leaf that maps va; A and D are kept. False if unmapped.
  bool protect(uint64_t va, uint64_t flags);
  // The leaf that maps va (software lookup: no permission check, no A/D update).
  std::optional<PageTableLeaf> lookup(uint64_t va) const;

 private:
  // PA of the PTE for va at `level`, creating tables on the way when `create`; 0 when absent
  // (or when a leaf above `level` already maps va, reported through `blocking_leaf`).
  uint64_t slot(uint64_t va, unsigned level, bool create, bool* blocking_leaf = nullptr);
  void release_empty_tables(uint64_t va, unsigned from_level);

  PhysicalMemory& ram_;
  FrameAllocator& frames_;
  PagingMode mode_;
  uint64_t root_;
  std::unordered_map<uint64_t, unsigned> table_entries_;  // table PA -> valid entries in it
};

}  // namespace vm::mem
