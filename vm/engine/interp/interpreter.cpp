// Threaded dispatch: every decoded op holds the address of its handler label, and every
// handler ends with a jump to the next op's label (GCC "labels as values"). Block ends go
// through `end_block`, which follows the block's cached successor links before falling back
// to the block cache. The handlers live in exec_<category>.inc files, one per instruction
// category, included into the body of `execute`.
#include "vm/engine/interp/interpreter.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <ctime>
#include <limits>
#include <mutex>

#include "vm/engine/fp/fp_arith.h"
#include "vm/engine/integer_division.h"
#include "vm/engine/interp/block_cache.h"
#include "vm/isa/instruction.h"
#include "vm/mem/guest_memory.h"
#include "vm/mem/paged_backing.h"

namespace vm::engine::interp {
namespace {

constexpr uint32_t kSign32 = 0x80000000u;
constexpr uint64_t kSign64 = 0x8000000000000000ull;
constexpr uint32_t kCanonicalNaN32 = 0x7fc00000u;

inline uint64_t sext32(uint32_t v) {
  return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(v)));
}
inline uint64_t box32(uint32_t v) { return 0xffffffff00000000ull | v; }
// A single-precision operand that is not properly NaN-boxed reads as the canonical NaN.
inline uint32_t unbox32(uint64_t v) {
  return (v >> 32) == 0xffffffffu ? static_cast<uint32_t>(v) : kCanonicalNaN32;
}

template <typename T>
inline T div_signed(uint64_t a_bits, uint64_t b_bits) {
  return riscv_quotient(static_cast<T>(a_bits), static_cast<T>(b_bits));
}
template <typename T>
inline T rem_signed(uint64_t a_bits, uint64_t b_bits) {
  return riscv_remainder(static_cast<T>(a_bits), static_cast<T>(b_bits));
}

inline uint64_t orc_b(uint64_t v) {
  uint64_t result = 0;
  for (int byte = 0; byte < 8; ++byte) {
    if ((v >> (byte * 8)) & 0xff) result |= 0xffull << (byte * 8);
  }
  return result;
}

namespace csr {
constexpr uint32_t kFflags = 0x001, kFrm = 0x002, kFcsr = 0x003;
constexpr uint32_t kCycle = 0xc00, kTime = 0xc01, kInstret = 0xc02;
}  // namespace csr

// The time CSR ticks at 10 MHz, the timebase of common RISC-V Linux platforms.
uint64_t host_time_ticks() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 10'000'000 + static_cast<uint64_t>(ts.tv_nsec) / 100;
}

bool csr_read(const CpuState& cpu, uint32_t number, uint64_t instret_now, uint64_t& value) {
  switch (number) {
    case csr::kFflags: value = cpu.fflags; return true;
    case csr::kFrm: value = cpu.frm; return true;
    case csr::kFcsr: value = (cpu.frm << 5) | cpu.fflags; return true;
    case csr::kInstret: value = instret_now; return true;
    // In deterministic mode cycles and time follow retired instructions (1 ns each).
    case csr::kCycle: value = cpu.deterministic ? instret_now : __builtin_ia32_rdtsc(); return true;
    case csr::kTime: value = cpu.deterministic ? instret_now / 100 : host_time_ticks(); return true;
    default: return false;
  }
}

bool csr_write(CpuState& cpu, uint32_t number, uint64_t value) {
  switch (number) {
    case csr::kFflags: cpu.fflags = value & 0x1f; return true;
    case csr::kFrm: cpu.frm = value & 0x7; return true;
    case csr::kFcsr:
      cpu.fflags = value & 0x1f;
      cpu.frm = (value >> 5) & 0x7;
      return true;
    default: return false;  // unknown or read-only
  }
}

HandlerTable g_handlers[2];  // [paged]: the label addresses are constants; filled once
std::once_flag g_handlers_once;

}  // namespace

Interpreter::Interpreter(mem::GuestMemory& memory) : memory_(memory) {
  std::call_once(g_handlers_once, [this] {
    execute<false>(nullptr, 0, nullptr);
    execute<true>(nullptr, 0, nullptr);
  });
  cache_ = std::make_unique<BlockCache>(memory, g_handlers[memory.paged()]);
  memory_.set_code_write_hook(
      [cache = cache_.get()](uint64_t begin, uint64_t end) { cache->invalidate(begin, end); });
}

Interpreter::~Interpreter() { memory_.set_code_write_hook(nullptr); }

void Interpreter::flush_code() { cache_->flush(); }

EngineStats Interpreter::stats() const {
  const BlockCacheStats& s = cache_->stats();
  return EngineStats{s.blocks_decoded, s.instructions_decoded, s.invalidated_blocks, s.flushes};
}

StopReason Interpreter::run(CpuState& cpu, uint64_t instret_limit, FaultInfo& fault) {
  return memory_.paged() ? execute<true>(&cpu, instret_limit, &fault)
                         : execute<false>(&cpu, instret_limit, &fault);
}

template <bool kPaged>
StopReason Interpreter::execute(CpuState* cpu_ptr, uint64_t instret_limit, FaultInfo* fault) {
  static const void* const kOpcodeHandlers[] = {
      &&op_ILLEGAL,
#define INST(id, mnemonic, pattern, format, registers) &&op_##id,
#include "vm/isa/rv64.inc"
#undef INST
  };
  static_assert(std::size(kOpcodeHandlers) == static_cast<size_t>(isa::Opcode::COUNT));
  if (cpu_ptr == nullptr) {
    g_handlers[kPaged] = HandlerTable{kOpcodeHandlers,
                                      &&internal_fallthrough,
                                      &&internal_fetch_fault,
                                      &&special_load_immediate,
                                      &&special_move,
                                      &&special_branch_if_zero,
                                      &&special_branch_if_nonzero};
    return StopReason::Syscall;
  }

  CpuState& cpu = *cpu_ptr;
  uint64_t* const X = cpu.x;
  uint64_t* const F = cpu.f;
  mem::GuestMemory& memory = memory_;
  // Locals, not members: stores to X[] could alias the members and force reloads.
  uint8_t* const host = memory.host_base();
  mem::tlb::TlbHierarchy* tlb = nullptr;
  const mem::tlb::L1Entry* dtlb = nullptr;
  const mem::tlb::L1Entry* itlb = nullptr;
  uint64_t dtlb_mask = 0, itlb_mask = 0;
  if constexpr (kPaged) {
    tlb = &memory.paging()->tlb();
    dtlb = tlb->dtlb().table();
    dtlb_mask = tlb->dtlb().index_mask();
    itlb = tlb->itlb().table();
    itlb_mask = tlb->itlb().index_mask();
  }
  // Inline L1 hits, added to the TLB's counters whenever execute returns.
  uint64_t dtlb_fast_hits = 0, itlb_fast_hits = 0;
  // The page whose ITLB entry the running code was last checked against (a block entered on
  // another page looks up the ITLB, as fetch from a new page does).
  uint64_t itlb_page = ~uint64_t{0};
  // Instructions the limit still allows; blocks that do not fit are not entered, so a run
  // never retires more than the limit.
  const uint64_t instret_base = cpu.instret;
  const int64_t budget_start = static_cast<int64_t>(std::min<uint64_t>(
      instret_limit - std::min(instret_limit, instret_base), std::numeric_limits<int64_t>::max()));
  int64_t budget = budget_start;
  BlockCache& cache = *cache_;
  uint64_t pc = cpu.pc;
  uint64_t fault_addr = 0;
  FaultKind fault_kind = FaultKind::LoadAccess;
  const DecodedOp* op;
  BlockLink* link;

#define HANDLER(id) op_##id:
#define NEXT()          \
  do {                  \
    ++op;               \
    goto * op->handler; \
  } while (0)
#define RS1 X[op->rs1]
#define RS2 X[op->rs2]
#define IMM static_cast<int64_t>(op->imm)
#define PC() (blk->start_pc + op->pc_offset)
// The fast path takes naturally aligned accesses inside the address space (one test against
// a constant mask; aligned accesses never cross a page) and reads the page's permission bits
// from the table at a constant offset below `host`. Everything else takes the slow path.
#define FAST_ACCESS(addr, size, need)                                      \
  ((((addr) & ((~(mem::kMaxAddressSpace - 1)) | ((size)-1))) == 0)         \
       ? (host[static_cast<int64_t>((addr) >> mem::kPageShift) -           \
               static_cast<int64_t>(mem::GuestMemory::kPermTableOffset)] & \
          (need))                                                          \
       : 0)
// Whether a guest load or store of `size` bytes may take the inline path, and the host address
// it then uses. Flat: naturally aligned, inside the space, and the page's permission bits allow
// it (stores also need a page without decoded code). Paged: the L1 DTLB entry's tag for the
// access kind matches, which carries the same rules (aligned, permitted, dirty, not code).
#define DTLB_ENTRY(addr) dtlb[((addr) >> mem::kPageShift) & dtlb_mask]
#define L1_TAG_HIT(tag, addr, size) \
  ((tag) == mem::tlb::l1_tag_of(addr, size) && (++dtlb_fast_hits, true))
#define CAN_LOAD_FAST(addr, size)                             \
  (kPaged ? L1_TAG_HIT(DTLB_ENTRY(addr).tag_load, addr, size) \
          : FAST_ACCESS(addr, size, mem::perm::kRead) != 0)
#define CAN_STORE_FAST(addr, size)                             \
  (kPaged ? L1_TAG_HIT(DTLB_ENTRY(addr).tag_store, addr, size) \
          : FAST_ACCESS(addr, size, mem::perm::kWrite | mem::perm::kCode) == mem::perm::kWrite)
#define FAST_HOST(addr) \
  (kPaged ? reinterpret_cast<uint8_t*>((addr) + DTLB_ENTRY(addr).addend) : host + (addr))
// Every return from execute passes the inline TLB hits on to the TLB's counters.
#define SAVE_FAST_HITS()                    \
  do {                                      \
    if constexpr (kPaged) {                 \
      tlb->l1d_fast_hits += dtlb_fast_hits; \
      tlb->l1i_fast_hits += itlb_fast_hits; \
    }                                       \
  } while (0)
// The instruction count as the guest sees it.
#define INSTRET() (instret_base + static_cast<uint64_t>(budget_start - budget))

  if (cache.has_garbage()) cache.collect_garbage();
  Block* blk = cache.get(pc);

enter_block:
  budget -= blk->instructions;
  if (budget < 0) {
    budget += blk->instructions;
    cpu.pc = blk->start_pc;
    cpu.instret = INSTRET();
    SAVE_FAST_HITS();
    return StopReason::InstructionLimit;
  }
  op = blk->ops.data();
  if constexpr (kPaged) {
    if ((blk->start_pc ^ itlb_page) >> mem::kPageShift) {
      itlb_page = blk->start_pc;
      const uint64_t page = itlb_page & ~(mem::kPageSize - 1);
      if (itlb[(page >> mem::kPageShift) & itlb_mask].tag_fetch == page) {
        ++itlb_fast_hits;
      } else if (uint16_t bits; !memory.fetch16(blk->start_pc, bits)) {
        // Decoded code outlives a page that lost exec only if invalidation failed: fault
        // rather than run it.
        fault_addr = blk->start_pc;
        fault_kind = FaultKind::FetchAccess;
        goto fault_exit;
      }
    }
  }
  goto * op->handler;

// Static successor in `link`, whose pc was fixed at decode time (only reached from a valid
// block: ops of an invalidated block stop running at the store or fence that invalidated it).
follow_link:
  if (link->block != nullptr && link->block->valid) {
    blk = link->block;
    goto enter_block;
  }
  link->block = cache.get(link->pc);
  blk = link->block;
  goto enter_block;

// Dynamic successor (jalr, after a self-modifying store or fence.i): a two-entry cache by pc.
end_block : {
  Block* next = nullptr;
  if (blk->valid) {
    BlockLink* links = blk->links;
    if (links[0].pc == pc && links[0].block && links[0].block->valid) {
      next = links[0].block;
    } else if (links[1].pc == pc && links[1].block && links[1].block->valid) {
      next = links[1].block;
    } else {
      next = cache.get(pc);
      BlockLink& slot = (links[0].block == nullptr || !links[0].block->valid) ? links[0] : links[1];
      slot = BlockLink{pc, next};
    }
  } else {
    // The block that just ran was invalidated (self-modifying code or fence.i): nothing may
    // hold on to invalidated blocks once the garbage is collected here.
    cache.collect_garbage();
    next = cache.get(pc);
  }
  blk = next;
  goto enter_block;
}

// A store went through the slow path and may have overwritten code in this very block:
// finish the store's instruction and continue from a fresh lookup.
after_slow_store:
  if (blk->valid) NEXT();
  pc = PC() + op->length;
  budget += blk->instructions - (op - blk->ops.data()) - 1;
  goto end_block;

#include "vm/engine/interp/exec_atomic.inc"
#include "vm/engine/interp/exec_control.inc"
#include "vm/engine/interp/exec_csr.inc"
#include "vm/engine/interp/exec_float.inc"
#include "vm/engine/interp/exec_integer.inc"
#include "vm/engine/interp/exec_memory.inc"
#include "vm/engine/interp/exec_muldiv.inc"

fault_load:
  fault_kind = FaultKind::LoadAccess;
  goto fault_exit;
fault_store:
  fault_kind = FaultKind::StoreAccess;
  goto fault_exit;
fault_misaligned_atomic:
  fault_kind = FaultKind::MisalignedAtomic;
  goto fault_exit;
illegal_instruction : {
  fault_kind = FaultKind::IllegalInstruction;
  uint32_t bits = static_cast<uint32_t>(op->imm);  // the raw bits, for undecodable words
  if (op->handler != &&op_ILLEGAL) {
    uint16_t half = 0;
    memory.fetch16(PC(), half);
    bits = half;
    if (op->length == 4 && memory.fetch16(PC() + 2, half)) bits |= uint32_t{half} << 16;
  }
  fault->bits = bits;
  fault->length = op->length;
  fault_addr = PC();
  goto fault_exit;
}
fault_exit:
  // The faulting instruction and those after it in the block did not retire.
  budget += blk->instructions - (op - blk->ops.data());
  cpu.instret = INSTRET();
  cpu.pc = PC();
  fault->kind = fault_kind;
  fault->pc = cpu.pc;
  fault->address = fault_addr;
  SAVE_FAST_HITS();
  return StopReason::Fault;

#undef HANDLER
#undef NEXT
#undef RS1
#undef RS2
#undef IMM
#undef PC
#undef FAST_ACCESS
#undef DTLB_ENTRY
#undef L1_TAG_HIT
#undef CAN_LOAD_FAST
#undef CAN_STORE_FAST
#undef FAST_HOST
#undef SAVE_FAST_HITS
#undef INSTRET
}

template StopReason Interpreter::execute<false>(CpuState*, uint64_t, FaultInfo*);
template StopReason Interpreter::execute<true>(CpuState*, uint64_t, FaultInfo*);

}  // namespace vm::engine::interp
