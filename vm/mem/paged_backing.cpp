#include "vm/mem/paged_backing.h"

#include <stdexcept>

#include "vm/mem/guest_memory.h"
#include "vm/mem/pagetable/pte.h"

namespace vm::mem {
namespace {

// Linux's PAGE_* for user pages: present, user, accessed; write implies read on RISC-V.
uint64_t leaf_flags(uint8_t vma_prot) {
  uint64_t flags = pte::kUser | pte::kAccessed;
  if (vma_prot & (perm::kRead | perm::kWrite)) flags |= pte::kRead;
  if (vma_prot & perm::kWrite) flags |= pte::kWrite;
  if (vma_prot & perm::kExec) flags |= pte::kExec;
  return flags;
}

bool vma_allows(uint8_t vma_prot, Access access) {
  switch (access) {
    case Access::Load: return vma_prot & (perm::kRead | perm::kWrite);
    case Access::Store: return vma_prot & perm::kWrite;
    case Access::Fetch: return vma_prot & perm::kExec;
  }
  return false;
}

}  // namespace

PagedBacking::PagedBacking(const PagedConfig& config, host::NumaAllocator& allocator,
                           const host::MemoryPoolOptions& pool_options)
    : pool_(allocator, pool_options),
      ram_(config.ram_bytes, pool_),
      frames_(ram_),
      table_(ram_, frames_, config.mode),
      l3_(config.tlb.l3_entries, config.tlb.l3_ways, config.tlb.l3_policy, config.tlb.seed),
      tlb_(config.tlb, l3_, ram_) {
  tlb_.set_address_space(config.mode, table_.root(), kAsid);
}

bool PagedBacking::demand_map(uint64_t page_va, uint8_t vma_prot) {
  if (table_.lookup(page_va)) return false;  // a leaf exists: the fault is real
  uint64_t pa;
  if (auto parked = parked_.find(page_va); parked != parked_.end()) {
    pa = parked->second;
    parked_.erase(parked);
  } else {
    const auto frame = frames_.allocate();
    if (!frame) throw GuestRamExhausted("guest-physical memory exhausted (raise mem.ram)");
    pa = *frame;
    ++page_faults_;
  }
  if (!table_.map(page_va, pa, 0, leaf_flags(vma_prot))) {
    throw GuestRamExhausted("guest-physical memory exhausted by page tables");
  }
  return true;
}

uint8_t* PagedBacking::translate(uint64_t va, Access access, uint8_t vma_prot, bool code_page) {
  tlb::TranslateResult r = tlb_.translate(va, access, !code_page);
  if (r.ok()) return r.host;
  if (r.fault != TranslationFault::PageFault || !vma_allows(vma_prot, access) ||
      !demand_map(va & ~uint64_t{4095}, vma_prot)) {
    return nullptr;
  }
  r = tlb_.translate(va, access, !code_page);
  return r.ok() ? r.host : nullptr;
}

uint8_t* PagedBacking::kernel_page(uint64_t page_va, uint8_t vma_prot) {
  auto leaf = table_.lookup(page_va);
  if (!leaf) {
    if (!vma_prot || !demand_map(page_va, vma_prot)) {
      // PROT_NONE pages keep their frame parked; the kernel may still write them (the loader).
      const auto parked = parked_.find(page_va);
      return parked == parked_.end() ? nullptr : ram_.host(parked->second);
    }
    leaf = table_.lookup(page_va);
  }
  return ram_.host(leaf->pa + (page_va - leaf->va));
}

void PagedBacking::unmap_page(uint64_t page_va) {
  if (const auto leaf = table_.unmap(page_va)) {
    frames_.free(leaf->pa);
    tlb_.flush_address(page_va, kAsid);
  } else if (auto parked = parked_.find(page_va); parked != parked_.end()) {
    frames_.free(parked->second);
    parked_.erase(parked);
  }
}

void PagedBacking::protect_page(uint64_t page_va, uint8_t vma_prot) {
  const auto leaf = table_.lookup(page_va);
  if (!leaf) return;  // not touched yet (or parked): the next fault maps it with vma_prot
  if (vma_prot & perm::kRWX) {
    table_.protect(page_va, leaf_flags(vma_prot));
  } else {
    table_.unmap(page_va);
    parked_[page_va] = leaf->pa;
  }
  tlb_.flush_address(page_va, kAsid);
}

void PagedBacking::move_page(uint64_t from_va, uint64_t to_va) {
  if (const auto leaf = table_.unmap(from_va)) {
    tlb_.flush_address(from_va, kAsid);
    if (!table_.map(to_va, leaf->pa, 0, leaf->flags)) {
      throw GuestRamExhausted("guest-physical memory exhausted by page tables");
    }
  } else if (auto parked = parked_.find(from_va); parked != parked_.end()) {
    parked_[to_va] = parked->second;
    parked_.erase(from_va);
  }
}

}  // namespace vm::mem
