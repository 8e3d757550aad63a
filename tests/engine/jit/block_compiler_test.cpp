// The JIT's block compiler against the interpreter: random blocks of RV64I computational
// instructions over random register values (pinned and unpinned registers, x0 as source and
// destination, every shift amount), with conditional branches as side exits and jal/jalr at
// the end, must leave exactly the registers, pc and instruction count the interpreter leaves.
// Every branch and jump target holds an ecall, so the interpreter stops where the block's exit
// points. Loads and stores (every size, aligned and misaligned) over a data region must leave
// the same memory; a faulting access must stop at its pc with the interpreter's fault, and a
// store into decoded code must end the block right after itself. Plus what it must refuse: an
// instruction it has no emitter for.
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

// One random integer computational instruction (RV64I, M, Zba or the covered part of Zbb).
Insn random_insn(std::mt19937_64& rng) {
  using namespace interp_test;
  const auto reg = [&] { return static_cast<unsigned>(rng() % 32); };
  const auto imm12 = [&] { return static_cast<int32_t>(rng() % 4096) - 2048; };
  if (rng() % 4 == 0) {  // Zba and Zbb
    switch (rng() % 24) {
      case 0: return sh1add(reg(), reg(), reg());
      case 1: return sh2add(reg(), reg(), reg());
      case 2: return sh3add(reg(), reg(), reg());
      case 3: return add_uw(reg(), reg(), reg());
      case 4: return sh1add_uw(reg(), reg(), reg());
      case 5: return sh2add_uw(reg(), reg(), reg());
      case 6: return sh3add_uw(reg(), reg(), reg());
      case 7: return slli_uw(reg(), reg(), static_cast<unsigned>(rng() % 64));
      case 8: return andn(reg(), reg(), reg());
      case 9: return orn(reg(), reg(), reg());
      case 10: return xnor(reg(), reg(), reg());
      case 11: return max(reg(), reg(), reg());
      case 12: return maxu(reg(), reg(), reg());
      case 13: return min(reg(), reg(), reg());
      case 14: return minu(reg(), reg(), reg());
      case 15: return rol(reg(), reg(), reg());
      case 16: return ror(reg(), reg(), reg());
      case 17: return rori(reg(), reg(), static_cast<unsigned>(rng() % 64));
      case 18: return rolw(reg(), reg(), reg());
      case 19: return rorw(reg(), reg(), reg());
      case 20: return roriw(reg(), reg(), static_cast<unsigned>(rng() % 32));
      case 21: return sext_b(reg(), reg());
      case 22: return (rng() % 2) ? sext_h(reg(), reg()) : zext_h(reg(), reg());
      default: return rev8(reg(), reg());
    }
  }
  if (rng() % 4 == 0) {  // the M extension
    switch (rng() % 13) {
      case 0: return mul(reg(), reg(), reg());
      case 1: return mulh(reg(), reg(), reg());
      case 2: return mulhsu(reg(), reg(), reg());
      case 3: return mulhu(reg(), reg(), reg());
      case 4: return div(reg(), reg(), reg());
      case 5: return divu(reg(), reg(), reg());
      case 6: return rem(reg(), reg(), reg());
      case 7: return remu(reg(), reg(), reg());
      case 8: return mulw(reg(), reg(), reg());
      case 9: return divw(reg(), reg(), reg());
      case 10: return divuw(reg(), reg(), reg());
      case 11: return remw(reg(), reg(), reg());
      default: return remuw(reg(), reg(), reg());
    }
  }
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
    BlockEnvironment environment;
    environment.memory = &jit_memory_;
    environment.host_base = jit_memory_.host_base();
    if (compiled.block->entry(&cpu, &environment) != BlockStatus::Continue) {
      return ::testing::AssertionFailure() << "the block faulted";
    }
    return ::testing::AssertionSuccess();
  }

  mem::GuestMemory jit_memory_{1 << 20};
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

constexpr uint64_t kData = 0x20000;
constexpr uint64_t kDataSize = 0x4000;
constexpr unsigned kFirstBase = 20, kBases = 4;  // x20..x23 point into the data region

bool is_base(unsigned reg) { return reg >= kFirstBase && reg < kFirstBase + kBases; }

Insn random_access(std::mt19937_64& rng) {
  using namespace interp_test;
  const auto reg = [&] { return static_cast<unsigned>(rng() % 32); };
  const auto base = [&] { return kFirstBase + static_cast<unsigned>(rng() % kBases); };
  const auto imm12 = [&] { return static_cast<int32_t>(rng() % 4096) - 2048; };
  switch (rng() % 11) {
    case 0: return lb(reg(), base(), imm12());
    case 1: return lh(reg(), base(), imm12());
    case 2: return lw(reg(), base(), imm12());
    case 3: return ld(reg(), base(), imm12());
    case 4: return lbu(reg(), base(), imm12());
    case 5: return lhu(reg(), base(), imm12());
    case 6: return lwu(reg(), base(), imm12());
    case 7: return sb(reg(), base(), imm12());
    case 8: return sh(reg(), base(), imm12());
    case 9: return sw(reg(), base(), imm12());
    default: return sd(reg(), base(), imm12());
  }
}

// Both runs start from the same code, data and registers.
struct MemoryRun {
  CpuState cpu;
  StopReason stop = StopReason::Syscall;
  FaultInfo fault;
  std::vector<uint8_t> data;
};

void map_regions(mem::GuestMemory& memory, const std::vector<uint8_t>& data) {
  memory.map(kCode, 0x4000, mem::perm::kRead | mem::perm::kExec);
  memory.map(kData, kDataSize, mem::perm::kRead | mem::perm::kWrite);
  EXPECT_TRUE(memory.poke(kData, data.data(), data.size()));
}

MemoryRun interpret_with_data(const std::vector<Insn>& program, const CpuState& start,
                              const std::vector<uint8_t>& data) {
  mem::GuestMemory memory(1 << 20);
  map_regions(memory, data);
  std::vector<uint32_t> words;
  for (const Insn& i : program) words.push_back(i.bits);
  words.push_back(kEcall);
  EXPECT_TRUE(memory.poke(kCode, words.data(), words.size() * 4));
  interp::Interpreter interpreter(memory);
  MemoryRun run;
  run.cpu = start;
  run.cpu.pc = kCode;
  run.stop = interpreter.run(run.cpu, 1'000'000, run.fault);
  run.data.resize(kDataSize);
  EXPECT_TRUE(memory.peek(kData, run.data.data(), kDataSize));
  return run;
}

TEST_F(BlockCompilerTest, RandomBlocksWithLoadsAndStoresMatchTheInterpreter) {
  std::mt19937_64 rng(11);
  int slow_accesses = 0;
  for (int round = 0; round < 300; ++round) {
    std::vector<Insn> program;
    const int length = 1 + static_cast<int>(rng() % 30);
    while (static_cast<int>(program.size()) < length) {
      const Insn insn = rng() % 2 ? random_access(rng) : random_insn(rng);
      const isa::Instruction d = isa::decode(insn.bits);
      const bool writes_rd = !(d.op == isa::Opcode::SB || d.op == isa::Opcode::SH ||
                               d.op == isa::Opcode::SW || d.op == isa::Opcode::SD);
      if (writes_rd && is_base(d.rd)) continue;  // the base registers keep pointing at the data
      program.push_back(insn);
    }
    std::vector<uint8_t> data(kDataSize);
    for (auto& byte : data) byte = static_cast<uint8_t>(rng());
    CpuState start;
    for (unsigned r = 1; r < 32; ++r) start.x[r] = random_value(rng);
    for (unsigned r = kFirstBase; r < kFirstBase + kBases; ++r) {
      start.x[r] = kData + 4096 + rng() % 4096;  // every imm12 offset stays in the region
      slow_accesses += (start.x[r] % 8) != 0;
    }
    const MemoryRun want = interpret_with_data(program, start, data);
    ASSERT_EQ(want.stop, StopReason::Syscall) << "round " << round;

    mem::GuestMemory memory(1 << 20);
    map_regions(memory, data);
    std::vector<isa::Instruction> decoded;
    for (const Insn& insn : program) decoded.push_back(isa::decode(insn.bits));
    if (cache_.allocate(1) == nullptr) cache_.reset();
    const CompileResult compiled = compile_block(decoded, kCode, map_, cache_);
    ASSERT_TRUE(compiled.block) << compiled.error.reason;
    BlockEnvironment environment{&memory, memory.host_base(), {}};
    CpuState got = start;
    ASSERT_EQ(compiled.block->entry(&got, &environment), BlockStatus::Continue)
        << "round " << round;
    ASSERT_EQ(got.pc, want.cpu.pc) << "round " << round;
    ASSERT_EQ(got.instret + 1, want.cpu.instret) << "round " << round;  // + the ecall
    for (unsigned r = 0; r < 32; ++r) {
      ASSERT_EQ(got.x[r], want.cpu.x[r]) << "round " << round << ", x" << r;
    }
    std::vector<uint8_t> got_data(kDataSize);
    ASSERT_TRUE(memory.peek(kData, got_data.data(), kDataSize));
    ASSERT_EQ(got_data, want.data) << "round " << round;
  }
  EXPECT_GT(slow_accesses, 100) << "misaligned bases: some accesses take the slow path";
}

TEST_F(BlockCompilerTest, AFaultingAccessStopsAtItsPcWithTheInterpretersFault) {
  using namespace interp_test;
  for (const Insn& access : {ld(6, 5, 8), sw(6, 5, -4), lbu(6, 5, 0)}) {
    const std::vector<Insn> program = {addi(7, 0, 3), addi(5, 5, 0), access, addi(7, 0, 9)};
    std::vector<uint8_t> data(kDataSize, 0);
    CpuState start;
    start.x[5] = 0x90000;  // unmapped
    const MemoryRun want = interpret_with_data(program, start, data);
    ASSERT_EQ(want.stop, StopReason::Fault);

    mem::GuestMemory memory(1 << 20);
    map_regions(memory, data);
    std::vector<isa::Instruction> decoded;
    for (const Insn& insn : program) decoded.push_back(isa::decode(insn.bits));
    const CompileResult compiled = compile_block(decoded, kCode, map_, cache_);
    ASSERT_TRUE(compiled.block) << compiled.error.reason;
    BlockEnvironment environment{&memory, memory.host_base(), {}};
    CpuState got = start;
    ASSERT_EQ(compiled.block->entry(&got, &environment), BlockStatus::Fault);
    EXPECT_EQ(environment.fault.kind, want.fault.kind);
    EXPECT_EQ(environment.fault.pc, want.fault.pc);
    EXPECT_EQ(environment.fault.address, want.fault.address);
    EXPECT_EQ(got.pc, kCode + 8);
    EXPECT_EQ(got.pc, want.cpu.pc);
    EXPECT_EQ(got.instret, 2u);
    EXPECT_EQ(got.instret, want.cpu.instret);
    EXPECT_EQ(got.x[7], 3u) << "nothing after the fault ran";
  }
}

TEST_F(BlockCompilerTest, AStoreIntoDecodedCodeEndsTheBlockAfterItself) {
  using namespace interp_test;
  mem::GuestMemory memory(1 << 20);
  memory.map(kCode, 0x4000, mem::perm::kRead | mem::perm::kWrite | mem::perm::kExec);
  memory.mark_code(kCode + 0x1000);  // as if a block there had been decoded
  int hook_calls = 0;
  memory.set_code_write_hook([&](uint64_t, uint64_t) { ++hook_calls; });
  const std::vector<Insn> program = {sw(6, 5, 0), addi(7, 0, 1), sw(6, 5, 0x100), addi(7, 0, 2)};
  std::vector<isa::Instruction> decoded;
  for (const Insn& insn : program) decoded.push_back(isa::decode(insn.bits));
  const CompileResult compiled = compile_block(decoded, kCode, map_, cache_);
  ASSERT_TRUE(compiled.block) << compiled.error.reason;
  BlockEnvironment environment{&memory, memory.host_base(), {}};
  CpuState cpu;
  cpu.x[5] = kCode + 0x1000 - 0x100;  // first store: a page without code; second: the code page
  cpu.x[6] = 0x12345678;
  ASSERT_EQ(compiled.block->entry(&cpu, &environment), BlockStatus::Continue);
  EXPECT_EQ(cpu.pc, kCode + 12) << "the block ends after the store into code";
  EXPECT_EQ(cpu.instret, 3u);
  EXPECT_EQ(cpu.x[7], 1u);
  EXPECT_EQ(hook_calls, 1);
  uint32_t stored = 0;
  ASSERT_TRUE(memory.peek(kCode + 0x1000, &stored, 4));
  EXPECT_EQ(stored, 0x12345678u);
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
                                               isa::decode(fence_i().bits)};
  const CompileResult r = compile_block(insns, kCode, map_, cache_);
  EXPECT_FALSE(r.block);
  EXPECT_EQ(r.error.pc, kCode + 4);
  EXPECT_EQ(r.error.reason, "no emitter for fence.i");
  EXPECT_EQ(cache_.used(), 0u) << "nothing is placed for a refused block";
}

}  // namespace
}  // namespace vm::engine::jit
