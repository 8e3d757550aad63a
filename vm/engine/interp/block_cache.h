// Owns the pre-decoded blocks: finds the block for a guest pc, decodes new ones, and drops
// the blocks of a page when the guest writes to it (self-modifying code) or on fence.i.
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "vm/engine/interp/decoded_block.h"
#include "vm/isa/instruction.h"

namespace vm::mem {
class GuestMemory;
}

namespace vm::engine::interp {

// Handler addresses for every opcode, plus the interpreter's internal operations.
struct HandlerTable {
  const void* const* by_opcode;  // indexed by isa::Opcode
  const void* fallthrough;       // synthetic block end: continue at the next pc
  const void* fetch_fault;       // the block's first instruction cannot be fetched
  // Forms of common instructions specialised on their operands (same semantics, less work).
  const void* load_immediate;     // addi rd, x0, imm
  const void* move;               // addi rd, rs1, 0
  const void* branch_if_zero;     // beq rs1, x0, target
  const void* branch_if_nonzero;  // bne rs1, x0, target
};

struct BlockCacheStats {
  uint64_t blocks_decoded = 0;
  uint64_t instructions_decoded = 0;
  uint64_t invalidated_blocks = 0;
  uint64_t flushes = 0;
};

class BlockCache {
 public:
  static constexpr uint32_t kMaxBlockInstructions = 64;

  BlockCache(mem::GuestMemory& memory, const HandlerTable& handlers);
  ~BlockCache();

  // The block starting at pc, decoded on first use. Never null: an unfetchable pc gives a
  // block whose only op reports the fetch fault.
  Block* get(uint64_t pc) {
    Slot& slot = fast_[(pc >> 1) & (kFastSlots - 1)];
    if (slot.pc == pc && slot.block) return slot.block;
    return get_slow(pc);
  }

  // Drops every block overlapping [begin, end).
  void invalidate(uint64_t begin, uint64_t end);
  // Drops everything (fence.i).
  void flush();
  // Frees invalidated blocks; only call when no block is executing.
  void collect_garbage();
  bool has_garbage() const { return !dead_.empty(); }

  const BlockCacheStats& stats() const { return stats_; }

 private:
  static constexpr size_t kFastSlots = 1 << 14;
  struct Slot {
    uint64_t pc = ~0ull;
    Block* block = nullptr;
  };

  Block* get_slow(uint64_t pc);
  std::unique_ptr<Block> decode_block(uint64_t pc);
  void retire(Block* block);

  mem::GuestMemory& memory_;
  HandlerTable handlers_;
  std::vector<Slot> fast_;
  std::unordered_map<uint64_t, std::unique_ptr<Block>> blocks_;
  std::unordered_map<uint64_t, std::vector<Block*>> blocks_by_page_;
  std::vector<std::unique_ptr<Block>> dead_;
  BlockCacheStats stats_;
};

}  // namespace vm::engine::interp
