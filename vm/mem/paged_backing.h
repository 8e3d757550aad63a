// Guest memory in paged mode: the process's pages live in guest-physical frames mapped by a
// real Sv39/Sv48 page table, and every engine access is translated by the TLB hierarchy.
// Frames are allocated on first touch (demand paging, as Linux does); leaves are created with
// A set, as Linux on RISC-V does, and D is left to the hardware walk. GuestMemory keeps the
// process's view of its mappings (the VMA permissions) and calls this class to keep the page
// table in step with it, flushing the TLBs as sfence.vma would. Frames are backed by 4 KiB blocks
// of a MemoryPool (guest pages and page-table pages), taken when a frame is allocated and
// returned when it is freed.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <unordered_map>

#include "vm/mem/access.h"
#include "vm/mem/frame_allocator.h"
#include "vm/mem/host/memory_pool.h"
#include "vm/mem/pagetable/page_table.h"
#include "vm/mem/physical_memory.h"
#include "vm/mem/tlb/tlb_hierarchy.h"

namespace vm::mem {

// Guest-physical RAM (mem.ram) ran out of frames: the process cannot go on, as under Linux's
// out-of-memory killer.
class GuestRamExhausted : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PagedConfig {
  uint64_t ram_bytes = uint64_t{4} << 30;  // guest-physical RAM, backed lazily by the host
  PagingMode mode = PagingMode::Sv39;
  tlb::TlbConfig tlb;
};

class PagedBacking {
 public:
  static constexpr uint16_t kAsid = 1;

  // The pool's chunks come from `allocator` (its NUMA policy), which must outlive this object.
  PagedBacking(const PagedConfig& config, host::NumaAllocator& allocator,
               const host::MemoryPoolOptions& pool_options = {});

  // Host address of va for `access`, or nullptr on a fault. `vma_prot` (perm::kRWX bits of the
  // process mapping, 0 when unmapped) decides whether a missing page is demand-allocated;
  // `code_page` keeps stores to the page off the L1 fast path.
  uint8_t* translate(uint64_t va, Access access, uint8_t vma_prot, bool code_page);
  // Host address of a mapped page for the runtime's own copies (no TLB, like a kernel's
  // access through its linear map); demand-allocates like translate. nullptr if unmapped.
  uint8_t* kernel_page(uint64_t page_va, uint8_t vma_prot);

  void unmap_page(uint64_t page_va);
  void protect_page(uint64_t page_va, uint8_t vma_prot);
  void move_page(uint64_t from_va, uint64_t to_va);
  // The store tag of this page leaves the L1 DTLB (the page now holds decoded code).
  void revoke_fast_stores(uint64_t page_va) { tlb_.dtlb().revoke_store(page_va); }

  tlb::TlbHierarchy& tlb() { return tlb_; }
  const tlb::TlbHierarchy& tlb() const { return tlb_; }
  const FrameAllocator& frames() const { return frames_; }
  const host::MemoryPool& pool() const { return pool_; }
  uint64_t page_faults() const { return page_faults_; }

 private:
  bool demand_map(uint64_t page_va, uint8_t vma_prot);

  host::MemoryPool pool_;  // before ram_: frames go back to it when ram_ is destroyed
  PhysicalMemory ram_;
  FrameAllocator frames_;
  PageTable table_;
  tlb::SharedTlb l3_;
  tlb::TlbHierarchy tlb_;
  // Frames of PROT_NONE pages: no leaf (any access faults) but the contents stay.
  std::unordered_map<uint64_t, uint64_t> parked_;
  uint64_t page_faults_ = 0;  // demand allocations (minor faults)
};

}  // namespace vm::mem
