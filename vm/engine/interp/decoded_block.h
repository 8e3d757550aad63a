// Pre-decoded guest code: a block is a straight run of guest instructions ending in a
// control transfer (or a synthetic fall-through), each instruction decoded once into a compact
// record that points at its handler in the interpreter's dispatch loop.
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
  uint8_t rm;           // FP rounding mode field, 7 = dynamic
  uint8_t length;       // 2 or 4 bytes
  uint16_t pc_offset;   // from the block's start pc
};

struct Block;

// A cached successor: blocks remember where they went last, so the common case of
// dispatch does not touch the hash table.
struct BlockLink {
  uint64_t pc = ~0ull;
  Block* block = nullptr;
};

struct Block {
  uint64_t start_pc = 0;
  uint64_t end_pc = 0;         // one past the last instruction byte
  uint32_t instructions = 0;   // guest instructions (the terminator op excluded when synthetic)
  bool valid = true;
  BlockLink links[2];
  std::vector<DecodedOp> ops;  // instructions + a final terminator
};

}  // namespace vm::engine::interp
