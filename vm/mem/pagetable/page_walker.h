// The hardware page-table walk of the RISC-V privileged spec (section "Virtual Address
// Translation Process"), for Sv39 and Sv48: reads PTEs from guest-physical memory, checks
// validity, reserved encodings, permissions and superpage alignment, and sets the A and D bits
// in memory as hardware with Svadu does (atomically, so concurrent walkers are safe).
#pragma once

#include <cstdint>

#include "vm/mem/access.h"
#include "vm/mem/pagetable/paging_mode.h"
#include "vm/mem/physical_memory.h"

namespace vm::mem {

enum class TranslationFault : uint8_t {
  None,
  PageFault,  // invalid, reserved or misaligned PTE, missing permission, non-canonical VA
  // A PTE or the final address lies outside guest-physical memory, or in a frame that is not
  // backed (pool backing: a freed frame; only a runtime bug leaves a PTE pointing at one).
  AccessFault,
};

struct WalkRequest {
  PagingMode mode = PagingMode::Sv39;
  uint64_t root = 0;  // PA of the root table (satp.PPN << 12)
  uint64_t va = 0;
  Access access = Access::Load;
  bool user_mode = true;  // U-mode access: the leaf needs U; S-mode: it must not have U
  bool supervisor_user_access = false;    // sstatus.SUM: S-mode loads/stores may use U pages
  bool make_executable_readable = false;  // sstatus.MXR
  bool update_accessed_dirty = true;      // Svadu; off: A/D clear is a page fault (Svade)
};

struct Translation {
  TranslationFault fault = TranslationFault::None;
  uint64_t pa = 0;            // PA of the requested byte
  unsigned level = 0;         // level of the leaf: 0 = 4 KiB, 1 = 2 MiB, 2 = 1 GiB, 3 = 512 GiB
  uint64_t leaf = 0;          // the leaf PTE as it is in memory after the walk (A/D updated)
  uint64_t leaf_address = 0;  // PA of the leaf PTE
  unsigned ptes_read = 0;     // memory reads the walk made (statistics)

  bool ok() const { return fault == TranslationFault::None; }
  uint64_t page_bytes() const { return page_bytes_at_level(level); }
  uint64_t page_pa() const { return pa & ~(page_bytes() - 1); }
};

Translation walk_page_table(PhysicalMemory& ram, const WalkRequest& request);
// Whether a leaf PTE allows the request's access in its privilege mode (U, SUM, MXR rules);
// TLBs apply it to cached leaves.
bool leaf_permits(uint64_t leaf, const WalkRequest& request);

}  // namespace vm::mem
