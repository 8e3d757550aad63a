#include "harness/measure/micro_monitor.h"

#include <asmjit/x86.h>

#include <cstdint>
#include <string>

#include "vm/monitor/host_disassembler.h"

namespace harness::measure {

namespace {

using namespace asmjit;

// Where the imagined JIT keeps things: rbx points at the guest state (x[i] at 8 * i, pc at
// kPcOffset), r12 at guest memory.
constexpr int32_t kPcOffset = 8 * 32;

x86::Mem guest_reg(int64_t i) {
  return x86::qword_ptr(x86::rbx, static_cast<int32_t>(8 * (i % 31 + 1)));
}

// The block, by guest instruction i % 4: add rd, rs1, rs2 (load, load, store); addi (load, add,
// store); ld rd, 16(rs1) (load, load from guest memory, store); bne rs1, rs2 (load, compare with
// memory, jne to the side exit). Then the fall-through exit and the side exit, each setting the
// guest pc and returning.
std::vector<uint8_t> emit_block() {
  CodeHolder code;
  if (code.init(Environment::host()) != kErrorOk) return {};
  x86::Assembler a(&code);
  Label side_exit = a.newLabel();
  for (int64_t i = 0; i < kMonitorGuestInstructions; ++i) {
    switch (i % 4) {
      case 0:
        a.mov(x86::rax, guest_reg(i + 1));
        a.add(x86::rax, guest_reg(i + 2));
        a.mov(guest_reg(i), x86::rax);
        break;
      case 1:
        a.mov(x86::rax, guest_reg(i + 1));
        a.add(x86::rax, static_cast<int32_t>(i));
        a.mov(guest_reg(i), x86::rax);
        break;
      case 2:
        a.mov(x86::rax, guest_reg(i + 1));
        a.mov(x86::rcx, x86::qword_ptr(x86::r12, x86::rax, 0, 16));
        a.mov(guest_reg(i), x86::rcx);
        break;
      default:
        a.mov(x86::rax, guest_reg(i + 1));
        a.cmp(x86::rax, guest_reg(i + 2));
        a.jne(side_exit);
        break;
    }
  }
  a.mov(x86::qword_ptr(x86::rbx, kPcOffset), 0x1000 + 4 * kMonitorGuestInstructions);
  a.ret();
  a.bind(side_exit);
  a.mov(x86::qword_ptr(x86::rbx, kPcOffset), 0x2000);
  a.ret();
  const CodeBuffer& buffer = code.textSection()->buffer();
  return {buffer.data(), buffer.data() + buffer.size()};
}

// The block, or an empty one after SkipWithError when it is not what the counts above say.
std::vector<uint8_t> checked_block(benchmark::State& state) {
  std::vector<uint8_t> block = emit_block();
  const vm::monitor::HostCodeSummary s = vm::monitor::summarize(block);
  if (s.instructions != static_cast<uint64_t>(kMonitorHostInstructions) ||
      s.undecodable_bytes != 0) {
    const std::string why = "monitor: the block decodes to " + std::to_string(s.instructions) +
                            " instructions and " + std::to_string(s.undecodable_bytes) +
                            " bad bytes, expected " + std::to_string(kMonitorHostInstructions);
    state.SkipWithError(why.c_str());
    return {};
  }
  return block;
}

void summarize_block(benchmark::State& state) {
  const std::vector<uint8_t> block = checked_block(state);
  if (block.empty()) return;
  for (auto _ : state) {
    vm::monitor::HostCodeSummary s = vm::monitor::summarize(block);
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(state.iterations() * kMonitorHostInstructions);
}

void disassemble_block(benchmark::State& state) {
  const std::vector<uint8_t> block = checked_block(state);
  if (block.empty()) return;
  for (auto _ : state) {
    auto listing = vm::monitor::disassemble(block, 0x7f0000000000);
    benchmark::DoNotOptimize(listing.data());
  }
  state.SetItemsProcessed(state.iterations() * kMonitorHostInstructions);
}

}  // namespace

std::vector<MicroBenchmark> monitor_micro_benchmarks() {
  static_assert(kMonitorGuestInstructions == 64 && kMonitorHostInstructions == 196,
                "the descriptions below name the block's size");
  return {
      {"monitor/summarize_block_64",
       "vm::monitor::summarize() of a JIT-shaped block: 64 guest instructions, 196 host "
       "instructions decoded with Zydis and categorized",
       summarize_block},
      {"monitor/disassemble_block_64",
       "vm::monitor::disassemble() of the same block: decoded and formatted in Intel syntax",
       disassemble_block},
  };
}

}  // namespace harness::measure
