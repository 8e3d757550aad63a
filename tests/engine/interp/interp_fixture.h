// Test harness for the interpreter's per-instruction semantic tests: a small guest address
// space with a code region, a data region, a read-only page, a non-executable page and an
// unmapped hole; a Program builder that checks every encoding against the decoder; and
// helpers that run a program up to its final ecall. Every test runs twice: in flat memory and,
// built with VMBENCH_INTERP_TEST_PAGED=1, in paged memory (page table and TLB hierarchy).
#pragma once

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <cstring>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/engine/interp/encoders.h"
#include "vm/engine/cpu_state.h"
#include "vm/engine/interp/interpreter.h"
#include "vm/isa/decoder.h"
#include "vm/mem/guest_memory.h"
#include "vm/mem/paged_backing.h"

// Readable gtest output for the engine's enums (found by ADL).
namespace vm::engine {
inline void PrintTo(StopReason r, std::ostream* os) {
  switch (r) {
    case StopReason::Syscall: *os << "Syscall"; return;
    case StopReason::Fault: *os << "Fault"; return;
    case StopReason::InstructionLimit: *os << "InstructionLimit"; return;
  }
  *os << "StopReason(" << static_cast<int>(r) << ")";
}
inline void PrintTo(FaultKind k, std::ostream* os) {
  switch (k) {
    case FaultKind::LoadAccess: *os << "LoadAccess"; return;
    case FaultKind::StoreAccess: *os << "StoreAccess"; return;
    case FaultKind::FetchAccess: *os << "FetchAccess"; return;
    case FaultKind::IllegalInstruction: *os << "IllegalInstruction"; return;
    case FaultKind::MisalignedAtomic: *os << "MisalignedAtomic"; return;
    case FaultKind::Breakpoint: *os << "Breakpoint"; return;
  }
  *os << "FaultKind(" << static_cast<int>(k) << ")";
}
}  // namespace vm::engine

namespace interp_test {

using vm::engine::CpuState;
using vm::engine::FaultInfo;
using vm::engine::FaultKind;
using vm::engine::StopReason;

// Guest address space layout.
inline constexpr uint64_t kMemorySize = 1 << 20;
inline constexpr uint64_t kCode = 0x10000;  // 4 pages, R|X (R|W|X in self-modifying tests)
inline constexpr uint64_t kCodeSize = 0x4000;
inline constexpr uint64_t kData = 0x20000;  // 4 pages, R|W
inline constexpr uint64_t kDataSize = 0x4000;
inline constexpr uint64_t kDataEnd = kData + kDataSize;  // next page is unmapped
inline constexpr uint64_t kReadOnly = 0x30000;           // 1 page, R
inline constexpr uint64_t kNoExec = 0x31000;             // 1 page, R|W (mapped, not executable)
inline constexpr uint64_t kUnmapped = 0x40000;           // nothing mapped here

// Bit patterns of frequently used FP values.
inline constexpr uint64_t kBoxHigh = 0xffffffff00000000ull;
inline constexpr uint64_t box(uint32_t single) { return kBoxHigh | single; }
inline constexpr uint32_t kOneS = 0x3f800000, kTwoS = 0x40000000, kThreeS = 0x40400000;
inline constexpr uint32_t kQNaNS = 0x7fc00000, kSNaNS = 0x7f800001, kInfS = 0x7f800000;
inline constexpr uint64_t kOneD = 0x3ff0000000000000ull, kTwoD = 0x4000000000000000ull;
inline constexpr uint64_t kThreeD = 0x4008000000000000ull;
inline constexpr uint64_t kQNaND = 0x7ff8000000000000ull, kSNaND = 0x7ff0000000000001ull;
inline constexpr uint64_t kInfD = 0x7ff0000000000000ull, kNegInfD = 0xfff0000000000000ull;
inline constexpr uint64_t kPosZeroD = 0, kNegZeroD = 0x8000000000000000ull;
inline constexpr uint32_t kNegZeroS = 0x80000000u;

inline uint64_t d(double v) { return std::bit_cast<uint64_t>(v); }
inline uint32_t s(float v) { return std::bit_cast<uint32_t>(v); }

// fflags bits.
inline constexpr uint32_t NX = 1, UF = 2, OF = 4, DZ = 8, NV = 16;

// Guest code under construction. Every appended instruction is decoded on the spot and must
// decode to the Opcode (and length) its encoder promises.
class Program {
 public:
  explicit Program(uint64_t base = kCode) : base_(base) {}

  Program& operator<<(const Insn& insn) {
    const vm::isa::Instruction decoded = vm::isa::decode(insn.bits);
    EXPECT_EQ(decoded.op, insn.op)
        << "encoding 0x" << std::hex << insn.bits << " decodes as " << vm::isa::mnemonic(decoded.op)
        << ", expected " << vm::isa::mnemonic(insn.op);
    EXPECT_EQ(decoded.length, insn.length) << "encoding 0x" << std::hex << insn.bits;
    append(insn.bits, insn.length);
    return *this;
  }
  // Raw bytes, no decoder check (for words that are not one instruction, e.g. 0x00000000).
  Program& word(uint32_t bits) {
    append(bits, 4);
    return *this;
  }

  uint64_t base() const { return base_; }
  uint64_t here() const { return base_ + bytes_.size(); }  // address of the next instruction
  uint64_t size() const { return bytes_.size(); }
  const std::vector<uint8_t>& bytes() const { return bytes_; }

 private:
  void append(uint32_t bits, unsigned length) {
    for (unsigned i = 0; i < length; ++i) bytes_.push_back(static_cast<uint8_t>(bits >> (8 * i)));
  }

  uint64_t base_;
  std::vector<uint8_t> bytes_;
};

inline std::string describe(StopReason reason, const FaultInfo& f, const CpuState& cpu) {
  std::ostringstream os;
  os << "stop=";
  vm::engine::PrintTo(reason, &os);
  os << std::hex << " pc=0x" << cpu.pc << std::dec << " instret=" << cpu.instret;
  if (reason == StopReason::Fault) {
    os << " fault=";
    vm::engine::PrintTo(f.kind, &os);
    os << std::hex << " fault.pc=0x" << f.pc << " fault.address=0x" << f.address << " bits=0x"
       << f.bits << std::dec << " length=" << int{f.length};
  }
  return os.str();
}

class InterpTest : public ::testing::Test {
 protected:
  static constexpr uint64_t kDefaultLimit = 1'000'000;
  // Written into rd before a helper runs, so "not written" shows up.
  static constexpr uint64_t kSentinel = 0x5a5a5a5a5a5a5a5aull;

  InterpTest() {
    using namespace vm::mem::perm;
    memory.map(kCode, kCodeSize, kRead | kExec);
    memory.map(kData, kDataSize, kRead | kWrite);
    memory.map(kReadOnly, vm::mem::kPageSize, kRead);
    memory.map(kNoExec, vm::mem::kPageSize, kRead | kWrite);
    cpu.pc = kCode;
  }

  // Makes the code region writable by guest stores (self-modifying code tests).
  void make_code_writable() {
    using namespace vm::mem::perm;
    memory.protect(kCode, kCodeSize, kRead | kWrite | kExec);
  }

  // Copies the program into guest memory without telling the interpreter (poke bypasses the
  // code-write hook): callers that reuse addresses must flush_code() first, as exec() does.
  void load(const Program& p) { ASSERT_TRUE(memory.poke(p.base(), p.bytes().data(), p.size())); }

  // Runs from `pc` until the interpreter stops. x0 must read as zero afterwards, whatever ran.
  StopReason run_at(uint64_t pc, uint64_t limit = kDefaultLimit) {
    cpu.pc = pc;
    const StopReason reason = interp.run(cpu, limit, fault);
    EXPECT_EQ(cpu.x[0], 0u) << "x0 was written";
    return reason;
  }

  // Loads `p` (dropping any code decoded earlier) and runs it from its first instruction.
  StopReason exec(const Program& p, uint64_t limit = kDefaultLimit) {
    interp.flush_code();
    load(p);
    return run_at(p.base(), limit);
  }

  // exec(), expecting the program to run to its last instruction, an ecall.
  void exec_ok(const Program& p) {
    const StopReason reason = exec(p);
    EXPECT_EQ(reason, StopReason::Syscall) << describe(reason, fault, cpu);
    EXPECT_EQ(cpu.pc, p.here() - 4) << "did not stop at the final ecall";
  }

  // exec(), expecting a fault of `kind` at `pc`.
  void exec_fault(const Program& p, FaultKind kind, uint64_t pc) {
    const StopReason reason = exec(p);
    ASSERT_EQ(reason, StopReason::Fault) << describe(reason, fault, cpu);
    EXPECT_EQ(fault.kind, kind) << describe(reason, fault, cpu);
    EXPECT_EQ(fault.pc, pc);
    EXPECT_EQ(cpu.pc, pc);
  }

  // `op x5, x6, x7` with x6 = a, x7 = b; returns x5.
  using RegOp = Insn (*)(unsigned, unsigned, unsigned);
  uint64_t rr(RegOp op, uint64_t a, uint64_t b) {
    Program p;
    p << op(5, 6, 7) << ecall();
    cpu.x[5] = kSentinel;
    cpu.x[6] = a;
    cpu.x[7] = b;
    exec_ok(p);
    EXPECT_EQ(cpu.x[6], a) << "source register changed";
    EXPECT_EQ(cpu.x[7], b) << "source register changed";
    return cpu.x[5];
  }
  // `insn` (encoded with rd = x5, rs1 = x6) with x6 = a; returns x5.
  uint64_t r1(const Insn& insn, uint64_t a) {
    Program p;
    p << insn << ecall();
    cpu.x[5] = kSentinel;
    cpu.x[6] = a;
    exec_ok(p);
    return cpu.x[5];
  }
  using UnaryOp = Insn (*)(unsigned, unsigned);
  uint64_t r1(UnaryOp op, uint64_t a) { return r1(op(5, 6), a); }

  uint64_t read64(uint64_t addr) {
    uint64_t v = 0;
    EXPECT_TRUE(memory.read(addr, &v, sizeof v));
    return v;
  }
  uint32_t read32(uint64_t addr) {
    uint32_t v = 0;
    EXPECT_TRUE(memory.read(addr, &v, sizeof v));
    return v;
  }
  void poke64(uint64_t addr, uint64_t v) { ASSERT_TRUE(memory.poke(addr, &v, sizeof v)); }
  void poke32(uint64_t addr, uint32_t v) { ASSERT_TRUE(memory.poke(addr, &v, sizeof v)); }
  void poke8(uint64_t addr, uint8_t v) { ASSERT_TRUE(memory.poke(addr, &v, sizeof v)); }

#if VMBENCH_INTERP_TEST_PAGED
  static vm::mem::PagedConfig small_ram() {  // the tests touch a few pages
    vm::mem::PagedConfig config;
    config.ram_bytes = 16 << 20;
    return config;
  }
  vm::mem::GuestMemory memory{kMemorySize, {}, small_ram()};
#else
  vm::mem::GuestMemory memory{kMemorySize};
#endif
  vm::engine::interp::Interpreter interp{memory};  // declared after memory: destroyed first
  CpuState cpu;
  FaultInfo fault;
};

}  // namespace interp_test
