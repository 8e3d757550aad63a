// Pre-decoded guest code: a block is a run of guest instructions ending in an unconditional
// control transfer (or a synthetic fall-through), each instruction decoded once into a compact
// record that points at its handler in the interpreter's dispatch loop. Conditional branches
// do not end a block: a taken branch leaves through a side exit, a not-taken one simply
// continues, so hot fall-through paths cost no block transition.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

namespace vm::engine::interp {

struct DecodedOp {
  const void* handler;  // label address inside Interpreter::run (threaded dispatch)
  int32_t imm;          // sign-extended immediate; raw bits for illegal instructions
  uint8_t rd;           // x0 destinations are redirected to CpuState::kSinkRegister
  uint8_t rs1;
  uint8_t rs2;
  uint8_t rs3;
  uint8_t rm;             // FP rounding mode field, 7 = dynamic
  uint8_t length;         // 2 or 4 bytes
  uint16_t pc_offset;     // from the block's start pc
  uint16_t exit_index;    // conditional branches: the Block::exits slot of the taken path
  uint16_t retire_after;  // instructions after this one in the block (undone on a side exit)
};

struct Block;

// A successor: `pc` is fixed at decode time for static successors (branch and jump targets,
// fall-through) and remembered for dynamic ones (jalr); `block` is filled on first use, so
// the common case of dispatch does not touch the hash table.
struct BlockLink {
  uint64_t pc = ~0ull;
  Block* block = nullptr;
};

struct Block {
  uint64_t start_pc = 0;
  uint64_t end_pc = 0;        // one past the last instruction byte
  uint32_t instructions = 0;  // guest instructions (the terminator op excluded when synthetic)
  bool valid = true;
  BlockLink links[2];            // successors of the final instruction (static: links[0])
  std::vector<BlockLink> exits;  // taken paths of the conditional branches inside
  std::vector<DecodedOp> ops;    // instructions + a final terminator
};

}  // namespace vm::engine::interp
