// The JIT's block compiler against the interpreter: random blocks of RV64I computational
// instructions over random register values (pinned and unpinned registers, x0 as source and
// destination, every shift amount), with conditional branches as side exits and jal/jalr at
// the end, must leave exactly the registers, pc and instruction count the interpreter leaves.
// Every branch and jump target holds an ecall, so the interpreter stops where the block's exit
// points. Plus what it must refuse: an instruction it has no emitter for.
#include "vm/engine/jit/block_compiler.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "tests/engine/interp/encoders.h"
#include "vm/engine/interp/interpreter.h"
#include "vm/isa/decoder.h"
#include "vm/mem/guest_memory.h"
#include "vm/mem/host/host_topology.h"

namespace vm::engine::jit {
namespace {

using interp_test::Insn;
constexpr uint64_t kCode = 0x10000;

// One random integer computational instruction.
Insn random_insn(std::mt19937_64& rng) {
  using namespace interp_test;
  const auto reg = [&] { return static_cast<unsigned>(rng() % 32); };
  const auto imm12 = [&] { return static_cast<int32_t>(rng() % 4096) - 2048; };
  switch (rng() % 29) {
    case 0: return add(reg(), reg(), reg());
    case 1: return sub(reg(), reg(), reg());
    case 2: return and_(reg(), reg(), reg());
    case 3: return or_(reg(), reg(), reg());
    case 4: return xor_(reg(), reg(), reg());
    case 5: return sll(reg(), reg(), reg());
    case 6: return srl(reg(), reg(), reg());
    case 7: return sra(reg(), reg(), reg());
    case 8: return slt(reg(), reg(), reg());
    case 9: return sltu(reg(), reg(), reg());
    case 10: return addi(reg(), reg(), imm12());
    case 11: return andi(reg(), reg(), imm12());
    case 12: return ori(reg(), reg(), imm12());
    case 13: return xori(reg(), reg(), imm12());
    case 14: return slti(reg(), reg(), imm12());
    case 15: return sltiu(reg(), reg(), imm12());
    case 16: return slli(reg(), reg(), static_cast<unsigned>(rng() % 64));
    case 17: return srli(reg(), reg(), static_cast<unsigned>(rng() % 64));
    case 18: return srai(reg(), reg(), static_cast<unsigned>(rng() % 64));
    case 19: return lui(reg(), static_cast<uint32_t>(rng() % (1u << 20)));
    case 20: return auipc(reg(), static_cast<uint32_t>(rng() % (1u << 20)));
    case 21: return addw(reg(), reg(), reg());
    case 22: return subw(reg(), reg(), reg());
    case 23: return sllw(reg(), reg(), reg());
    case 24: return srlw(reg(), reg(), reg());
    case 25: return sraw(reg(), reg(), reg());
    case 26: return addiw(reg(), reg(), imm12());
    case 27: return slliw(reg(), reg(), static_cast<unsigned>(rng() % 32));
    default:
      return (rng() % 2) ? srliw(reg(), reg(), static_cast<unsigned>(rng() % 32))
                         : sraiw(reg(), reg(), static_cast<unsigned>(rng() % 32));
  }
}

uint64_t random_value(std::mt19937_64& rng) {
  switch (rng() % 4) {  // edge values as often as arbitrary ones
    case 0: return 0;
    case 1: return ~uint64_t{0} << (rng() % 64);
    case 2: return uint64_t{1} << (rng() % 64);
    default: return rng();
  }
}

// Branch and jump targets: 64 ecalls at kLanding (within a B-type offset of every block).
constexpr uint64_t kLanding = kCode + 0x800;
constexpr int kLandingSlots = 64;
constexpr uint32_t kEcall = 0x00000073;

class BlockCompilerTest : public ::testing::Test {
 protected:
  // Runs `program` on the interpreter from `start` until an ecall: the one after the program
  // or one in the landing zone.
  CpuState interpret(const std::vector<Insn>& program, const CpuState& start) {
    mem::GuestMemory memory(1 << 20);
    memory.map(kCode, 0x4000, mem::perm::kRead | mem::perm::kExec);
    std::vector<uint32_t> words;
    for (const Insn& i : program) words.push_back(i.bits);
    words.push_back(kEcall);
    EXPECT_TRUE(memory.poke(kCode, words.data(), words.size() * 4));
    const std::vector<uint32_t> landing(kLandingSlots, kEcall);
    EXPECT_TRUE(memory.poke(kLanding, landing.data(), landing.size() * 4));
    interp::Interpreter interpreter(memory);
    CpuState cpu = start;
    cpu.pc = kCode;
    FaultInfo fault;
    EXPECT_EQ(interpreter.run(cpu, 1'000'000, fault), StopReason::Syscall);
    return cpu;
  }

  // Compiles `decoded` at kCode (flushing the cache when it fills up) and runs it on `cpu`.
  ::testing::AssertionResult compile_and_run(const std::vector<isa::Instruction>& decoded,
                                             CpuState& cpu) {
    if (cache_.allocate(1) == nullptr) cache_.reset();
    const CompileResult compiled = compile_block(decoded, kCode, map_, cache_);
    if (!compiled.block) return ::testing::AssertionFailure() << compiled.error.reason;
    compiled.block->entry(&cpu);
    return ::testing::AssertionSuccess();
  }

  mem::host::NumaAllocator allocator_{mem::host::HostTopology::this_system(),
                                      mem::host::NumaPolicy::local()};
  CodeCache cache_{allocator_, 1 << 20};
  GuestRegisterMap map_;
};

TEST_F(BlockCompilerTest, RandomIntegerBlocksMatchTheInterpreter) {
  std::mt19937_64 rng(2026);
  for (int round = 0; round < 400; ++round) {
    std::vector<Insn> program;
    std::vector<isa::Instruction> decoded;
    const int length = 1 + static_cast<int>(rng() % 40);
    for (int k = 0; k < length; ++k) {
      program.push_back(random_insn(rng));
      decoded.push_back(isa::decode(program.back().bits));
    }
    CpuState start;
    for (unsigned r = 1; r < 32; ++r) start.x[r] = random_value(rng);
    const CpuState want = interpret(program, start);

    CpuState got = start;
    ASSERT_TRUE(compile_and_run(decoded, got));
    EXPECT_EQ(got.pc, want.pc);
    EXPECT_EQ(got.instret + 1, want.instret);  // the interpreter also retired the ecall
    for (unsigned r = 0; r < 32; ++r) {
      ASSERT_EQ(got.x[r], want.x[r])
          << "round " << round << ", x" << r << " after " << length << " instructions";
    }
  }
}

// A conditional branch at `pc` to a random landing slot, on random registers.
Insn random_branch(std::mt19937_64& rng, uint64_t pc) {
  using namespace interp_test;
  const auto reg = [&] { return static_cast<unsigned>(rng() % 32); };
  const auto offset = static_cast<int32_t>(kLanding + 4 * (rng() % kLandingSlots) - pc);
  switch (rng() % 6) {
    case 0: return beq(reg(), reg(), offset);
    case 1: return bne(reg(), reg(), offset);
    case 2: return blt(reg(), reg(), offset);
    case 3: return bge(reg(), reg(), offset);
    case 4: return bltu(reg(), reg(), offset);
    default: return bgeu(reg(), reg(), offset);
  }
}

TEST_F(BlockCompilerTest, RandomBlocksWithSideExitsAndJumpsMatchTheInterpreter) {
  using namespace interp_test;
  std::mt19937_64 rng(7);
  int side_exits_taken = 0, jalr_blocks = 0;
  for (int round = 0; round < 400; ++round) {
    const int length = 1 + static_cast<int>(rng() % 30);
    const int ending = static_cast<int>(rng() % 3);  // fall through, jal, jalr
    const unsigned jalr_base = 1 + static_cast<unsigned>(rng() % 31);
    std::vector<Insn> program;
    for (int k = 0; k < length; ++k) {
      const uint64_t pc = kCode + 4 * program.size();
      Insn insn = rng() % 6 == 0 ? random_branch(rng, pc) : random_insn(rng);
      // Keep jalr's base register as the test set it, so its target is a landing slot.
      while (ending == 2 && !isa::is_conditional_branch(insn.op) &&
             isa::decode(insn.bits).rd == jalr_base) {
        insn = random_insn(rng);
      }
      program.push_back(insn);
    }
    CpuState start;
    for (unsigned r = 1; r < 32; ++r) start.x[r] = random_value(rng);
    const uint64_t slot = kLanding + 4 * (rng() % kLandingSlots);
    if (ending == 1) {
      program.push_back(jal(static_cast<unsigned>(rng() % 32),
                            static_cast<int32_t>(slot - (kCode + 4 * program.size()))));
    } else if (ending == 2) {
      const int32_t imm = static_cast<int32_t>(rng() % 64) - 32;
      start.x[jalr_base] = slot - static_cast<uint64_t>(imm) + (rng() % 2);  // bit 0 ignored
      program.push_back(jalr(static_cast<unsigned>(rng() % 32), jalr_base, imm));
      ++jalr_blocks;
    }
    std::vector<isa::Instruction> decoded;
    for (const Insn& insn : program) decoded.push_back(isa::decode(insn.bits));
    const CpuState want = interpret(program, start);

    CpuState got = start;
    ASSERT_TRUE(compile_and_run(decoded, got));
    ASSERT_EQ(got.pc, want.pc) << "round " << round;
    ASSERT_EQ(got.instret + 1, want.instret) << "round " << round;  // + the ecall
    for (unsigned r = 0; r < 32; ++r)
      ASSERT_EQ(got.x[r], want.x[r]) << "round " << round << ", x" << r;
    side_exits_taken += got.instret < program.size() ? 1 : 0;
  }
  // The rounds exercised what they claim: taken side exits and jalr endings.
  EXPECT_GT(side_exits_taken, 50);
  EXPECT_GT(jalr_blocks, 50);
}

TEST_F(BlockCompilerTest, AnInstructionAfterTheJumpIsRefused) {
  using namespace interp_test;
  const std::vector<isa::Instruction> insns = {isa::decode(jal(0, 8).bits),
                                               isa::decode(addi(5, 0, 1).bits)};
  const CompileResult r = compile_block(insns, kCode, map_, cache_);
  EXPECT_FALSE(r.block);
  EXPECT_EQ(r.error.pc, kCode + 4);
}

TEST_F(BlockCompilerTest, AnInstructionWithoutAnEmitterIsRefusedWithItsPc) {
  using namespace interp_test;
  const std::vector<isa::Instruction> insns = {isa::decode(addi(5, 0, 1).bits),
                                               isa::decode(ld(6, 5, 0).bits)};
  const CompileResult r = compile_block(insns, kCode, map_, cache_);
  EXPECT_FALSE(r.block);
  EXPECT_EQ(r.error.pc, kCode + 4);
  EXPECT_EQ(r.error.reason, "no emitter for ld");
  EXPECT_EQ(cache_.used(), 0u) << "nothing is placed for a refused block";
}

}  // namespace
}  // namespace vm::engine::jit
