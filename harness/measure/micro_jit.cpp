#include "harness/measure/micro_jit.h"

#include <string>

#include "vm/engine/jit/block_compiler.h"
#include "vm/mem/host/host_topology.h"
#include "vm/monitor/host_disassembler.h"

namespace harness::measure {

namespace {

using vm::engine::CpuState;
using vm::engine::jit::CodeCache;
using vm::engine::jit::CompileResult;
using vm::engine::jit::GuestRegisterMap;
using vm::isa::Instruction;
using vm::isa::Opcode;

constexpr uint64_t kPc = 0x10000;

Instruction make(Opcode op, unsigned rd, unsigned rs1, unsigned rs2, int64_t imm = 0) {
  Instruction i;
  i.op = op;
  i.rd = static_cast<uint8_t>(rd);
  i.rs1 = static_cast<uint8_t>(rs1);
  i.rs2 = static_cast<uint8_t>(rs2);
  i.imm = imm;
  return i;
}

// A block shaped like compiled C: address and loop arithmetic over a mix of pinned (sp, ra,
// a0, a1) and CpuState registers, a not-taken branch every ten instructions, then jal.
std::vector<Instruction> guest_block() {
  const Opcode pattern[] = {Opcode::ADDI, Opcode::ADD, Opcode::SLLI, Opcode::XOR, Opcode::ADDW,
                            Opcode::SLTU, Opcode::AND, Opcode::SUB,  Opcode::SRAI};
  std::vector<Instruction> block;
  for (int64_t k = 0; static_cast<int64_t>(block.size()) < kJitBlockInstructions - 1; ++k) {
    if (k % 10 == 9) {
      block.push_back(make(Opcode::BLTU, 0, 10, 0, 64));  // a0 <u 0: never taken
      continue;
    }
    const auto rd = static_cast<unsigned>(5 + k % 11);  // t0..a5: pinned and unpinned
    block.push_back(make(pattern[k % 9], rd, (rd + 3) % 16 + 1, (rd + 7) % 16 + 1, k % 13));
  }
  block.push_back(make(Opcode::JAL, 1, 0, 0, 256));
  return block;
}

struct Fixture {
  vm::mem::host::NumaAllocator allocator{vm::mem::host::HostTopology::this_system(),
                                         vm::mem::host::NumaPolicy::local()};
  CodeCache cache{allocator, 4 << 20};
  GuestRegisterMap map;
  std::vector<Instruction> block = guest_block();

  CompileResult compile() {
    CompileResult r = vm::engine::jit::compile_block(block, kPc, map, cache);
    if (!r.block && cache.used() > 0) {
      cache.reset();
      r = vm::engine::jit::compile_block(block, kPc, map, cache);
    }
    return r;
  }
};

// Compiles once, reports the code's size and density as counters; false after SkipWithError.
bool report_code(benchmark::State& state, Fixture& f) {
  const CompileResult r = f.compile();
  if (!r.block) {
    state.SkipWithError(("jit: the block does not compile: " + r.error.reason).c_str());
    return false;
  }
  const auto summary = vm::monitor::summarize({r.block->code, r.block->host_bytes});
  state.counters["host_bytes"] = static_cast<double>(r.block->host_bytes);
  state.counters["host_insns_per_guest_insn"] =
      static_cast<double>(summary.instructions) / kJitBlockInstructions;
  return true;
}

void compile_block(benchmark::State& state) {
  Fixture f;
  if (!report_code(state, f)) return;
  for (auto _ : state) {
    CompileResult r = f.compile();
    benchmark::DoNotOptimize(r.block);
  }
  state.SetItemsProcessed(state.iterations() * kJitBlockInstructions);
}

void run_block(benchmark::State& state) {
  Fixture f;
  if (!report_code(state, f)) return;
  const auto entry = f.compile().block->entry;
  vm::engine::jit::BlockEnvironment environment;  // the block accesses no memory
  CpuState cpu;
  for (unsigned r = 1; r < 32; ++r) cpu.x[r] = 0x9e3779b97f4a7c15ull * r;
  for (auto _ : state) {
    entry(&cpu, &environment);
    benchmark::DoNotOptimize(cpu.x[5]);
  }
  state.SetItemsProcessed(state.iterations() * kJitBlockInstructions);
}

}  // namespace

std::vector<MicroBenchmark> jit_micro_benchmarks() {
  static_assert(kJitBlockInstructions == 32, "the names below give the block's size");
  return {
      {"jit/compile_block_32",
       "vm::engine::jit::compile_block() of a 32-instruction integer block with three side "
       "exits and a jal: AsmJit emission, relocation and placement in the code cache",
       compile_block},
      {"jit/run_block_32", "one run of that compiled block on CpuState (entry and exit included)",
       run_block},
  };
}

}  // namespace harness::measure
