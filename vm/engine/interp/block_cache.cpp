#include "vm/engine/interp/block_cache.h"

#include <algorithm>

#include "vm/engine/cpu_state.h"
#include "vm/isa/decoder.h"
#include "vm/mem/guest_memory.h"

namespace vm::engine::interp {
namespace {

using isa::Opcode;

// Fetches and decodes one instruction; false when its bytes are not executable.
bool fetch(const mem::GuestMemory& memory, uint64_t pc, isa::Instruction& insn) {
  uint16_t low = 0;
  if (!memory.fetch16(pc, low)) return false;
  uint32_t bits = low;
  if ((low & 3) == 3) {
    uint16_t high = 0;
    if (!memory.fetch16(pc + 2, high)) return false;
    bits |= uint32_t{high} << 16;
  }
  insn = isa::decode(bits);
  return true;
}

// The handler for `insn`, preferring an operand-specialised form when one applies.
const void* select_handler(const isa::Instruction& insn, const HandlerTable& handlers) {
  switch (insn.op) {
    case Opcode::ADDI:
      if (insn.rs1 == 0) return handlers.load_immediate;
      if (insn.imm == 0) return handlers.move;
      break;
    case Opcode::BEQ:
      if (insn.rs2 == 0) return handlers.branch_if_zero;
      break;
    case Opcode::BNE:
      if (insn.rs2 == 0) return handlers.branch_if_nonzero;
      break;
    default: break;
  }
  return handlers.by_opcode[static_cast<size_t>(insn.op)];
}

DecodedOp make_op(const isa::Instruction& insn, const HandlerTable& handlers, uint64_t offset) {
  DecodedOp op{};
  op.handler = select_handler(insn, handlers);
  op.imm =
      insn.op == Opcode::ILLEGAL ? static_cast<int32_t>(insn.raw) : static_cast<int32_t>(insn.imm);
  // Writes to x0 land in the sink register, so handlers never test for rd == 0.
  op.rd = (insn.rd == 0 && isa::register_file(insn.op, isa::Operand::RD) == isa::RegisterFile::X)
              ? CpuState::kSinkRegister
              : insn.rd;
  op.rs1 = insn.rs1;
  op.rs2 = insn.rs2;
  op.rs3 = insn.rs3;
  op.rm = insn.rm;
  op.length = insn.length;
  op.pc_offset = static_cast<uint16_t>(offset);
  return op;
}

DecodedOp terminator(const void* handler, uint64_t offset) {
  DecodedOp op{};
  op.handler = handler;
  op.pc_offset = static_cast<uint16_t>(offset);
  return op;
}

}  // namespace

BlockCache::BlockCache(mem::GuestMemory& memory, const HandlerTable& handlers)
    : memory_(memory), handlers_(handlers), fast_(kFastSlots) {}

BlockCache::~BlockCache() = default;

std::unique_ptr<Block> BlockCache::decode_block(uint64_t pc) {
  auto block = std::make_unique<Block>();
  block->start_pc = pc;
  uint64_t cursor = pc;
  isa::Instruction insn;
  while (true) {
    if (!fetch(memory_, cursor, insn)) {
      // The first instruction reports the fault; later ones end the block before it, so the
      // fault is raised only if execution really reaches that pc.
      block->links[0].pc = cursor;
      block->ops.push_back(
          terminator(cursor == pc ? handlers_.fetch_fault : handlers_.fallthrough, cursor - pc));
      break;
    }
    DecodedOp op = make_op(insn, handlers_, cursor - pc);
    const bool conditional = isa::is_conditional_branch(insn.op);
    if (conditional) {
      op.exit_index = static_cast<uint16_t>(block->exits.size());
      block->exits.push_back(BlockLink{cursor + insn.imm, nullptr});
    }
    block->ops.push_back(op);
    ++block->instructions;
    if (insn.op == Opcode::JAL) block->links[0].pc = cursor + insn.imm;
    cursor += insn.length;
    if (isa::ends_block(insn.op) && !conditional) break;
    if (block->instructions == kMaxBlockInstructions) {
      block->links[0].pc = cursor;
      block->ops.push_back(terminator(handlers_.fallthrough, cursor - pc));
      break;
    }
  }
  for (uint32_t i = 0; i < block->instructions; ++i) {
    block->ops[i].retire_after = static_cast<uint16_t>(block->instructions - i - 1);
  }
  block->end_pc = cursor == pc ? pc + 1 : cursor;
  stats_.blocks_decoded++;
  stats_.instructions_decoded += block->instructions;
  return block;
}

Block* BlockCache::get_slow(uint64_t pc) {
  Block* block;
  auto it = blocks_.find(pc);
  if (it != blocks_.end()) {
    block = it->second.get();
  } else {
    auto fresh = decode_block(pc);
    block = fresh.get();
    // Pages outside the address space can never be written or mapped, so a block there (a
    // fetch fault) needs no invalidation; the bound also keeps the loop from wrapping.
    const uint64_t end = std::min(block->end_pc, memory_.size());
    for (uint64_t page = mem::page_floor(block->start_pc); page < end; page += mem::kPageSize) {
      blocks_by_page_[page].push_back(block);
      memory_.mark_code(page);
    }
    blocks_.emplace(pc, std::move(fresh));
  }
  fast_[(pc >> 1) & (kFastSlots - 1)] = Slot{pc, block};
  return block;
}

void BlockCache::retire(Block* block) {
  if (!block->valid) return;
  block->valid = false;
  Slot& slot = fast_[(block->start_pc >> 1) & (kFastSlots - 1)];
  if (slot.block == block) slot = Slot{};
  auto it = blocks_.find(block->start_pc);
  dead_.push_back(std::move(it->second));
  blocks_.erase(it);
  stats_.invalidated_blocks++;
}

void BlockCache::invalidate(uint64_t begin, uint64_t end) {
  for (uint64_t page = mem::page_floor(begin); page < end; page += mem::kPageSize) {
    auto it = blocks_by_page_.find(page);
    if (it == blocks_by_page_.end()) continue;
    std::vector<Block*> victims = std::move(it->second);
    blocks_by_page_.erase(it);
    // A block spanning two pages is listed under both; the other list keeps a dead pointer
    // until that page is invalidated or the garbage is collected.
    for (Block* block : victims) retire(block);
    memory_.clear_code(page);
  }
}

void BlockCache::flush() {
  for (auto& [page, list] : blocks_by_page_) memory_.clear_code(page);
  blocks_by_page_.clear();
  for (auto& [pc, block] : blocks_) {
    block->valid = false;
    dead_.push_back(std::move(block));
  }
  stats_.invalidated_blocks += blocks_.size();
  blocks_.clear();
  std::fill(fast_.begin(), fast_.end(), Slot{});
  stats_.flushes++;
}

void BlockCache::collect_garbage() {
  // Live blocks may link to dead ones: forget every linked block (the target pcs stay).
  for (auto& [pc, block] : blocks_) {
    for (BlockLink& link : block->links) link.block = nullptr;
    for (BlockLink& link : block->exits) link.block = nullptr;
  }
  for (auto& [page, list] : blocks_by_page_) {
    std::erase_if(list, [](Block* b) { return !b->valid; });
  }
  dead_.clear();
}

}  // namespace vm::engine::interp
