// Per-instruction semantics of the interpreter, RV64I part: computational instructions,
// x0, loads and stores, control transfer, guest faults, instret and self-modifying code.
// Expected values come from the RISC-V unprivileged ISA manual (RV32I/RV64I chapters), not
// from running the VM. The other categories live in the sibling *_test.cpp files.
#include "tests/engine/interp/interp_fixture.h"

namespace interp_test {
namespace {

constexpr uint64_t kMin64 = 0x8000000000000000ull;
constexpr uint64_t kMax64 = 0x7fffffffffffffffull;
constexpr uint64_t kAll = ~0ull;

class Rv64iTest : public InterpTest {
 protected:
  using BranchOp = Insn (*)(unsigned, unsigned, int32_t);
  // `branch x6, x7, +8` over an `addi x5, x0, 1`: true when the branch was taken.
  bool taken(BranchOp op, uint64_t a, uint64_t b) {
    Program p;
    p << addi(5, 0, 0) << op(6, 7, 8) << addi(5, 0, 1) << ecall();
    cpu.x[6] = a;
    cpu.x[7] = b;
    exec_ok(p);
    return cpu.x[5] == 0;
  }
};

// ---- Arithmetic and W forms --------------------------------------------------------------

// RV64I: the *W instructions operate on the low 32 bits and sign-extend the 32-bit result.
TEST_F(Rv64iTest, AddwSubwAddiwSignExtend32BitResult) {
  EXPECT_EQ(rr(addw, 0x7fffffff, 1), 0xffffffff80000000ull);
  EXPECT_EQ(rr(addw, 0xffffffff, 1), 0u);
  EXPECT_EQ(rr(addw, 0x123456789abcdef0ull, 0), 0xffffffff9abcdef0ull);  // upper bits ignored
  EXPECT_EQ(rr(subw, 0x80000000, 1), 0x7fffffffu);
  EXPECT_EQ(rr(subw, 0, 1), kAll);
  EXPECT_EQ(rr(subw, 0x1'00000000ull, 0), 0u);
  EXPECT_EQ(r1(addiw(5, 6, 1), 0x7fffffff), 0xffffffff80000000ull);
  EXPECT_EQ(r1(addiw(5, 6, 0), 0x12345678'80000000ull), 0xffffffff80000000ull);  // sext.w
  EXPECT_EQ(r1(addiw(5, 6, -1), 0x1'00000000ull), kAll);
  EXPECT_EQ(r1(addiw(5, 6, 2047), 0x7fffffff), 0xffffffff800007feull);
}

TEST_F(Rv64iTest, AddSubWrapAround64) {
  EXPECT_EQ(rr(add, kMax64, 1), kMin64);
  EXPECT_EQ(rr(add, kAll, 1), 0u);
  EXPECT_EQ(rr(sub, 0, 1), kAll);
  EXPECT_EQ(rr(sub, kMin64, 1), kMax64);
  EXPECT_EQ(r1(addi(5, 6, -2048), 0), 0xfffffffffffff800ull);
  EXPECT_EQ(r1(addi(5, 6, 2047), kAll), 2046u);
}

// Shifts by register use only the low 6 bits of rs2 (RV64I).
TEST_F(Rv64iTest, ShiftsByRegisterMaskTo6Bits) {
  EXPECT_EQ(rr(sll, 1, 63), kMin64);
  EXPECT_EQ(rr(sll, 0x1234, 64), 0x1234u);
  EXPECT_EQ(rr(sll, 0x1234, 65), 0x2468u);
  EXPECT_EQ(rr(sll, 1, kAll), kMin64);  // -1 & 63 = 63
  EXPECT_EQ(rr(srl, kMin64, 63), 1u);
  EXPECT_EQ(rr(srl, kMin64, 64), kMin64);
  EXPECT_EQ(rr(srl, kMin64, 65), 0x4000000000000000ull);
  EXPECT_EQ(rr(sra, kMin64, 63), kAll);
  EXPECT_EQ(rr(sra, kMin64, 64), kMin64);
  EXPECT_EQ(rr(sra, kMin64, 65), 0xc000000000000000ull);
  EXPECT_EQ(rr(sra, 0x4000000000000000ull, 126), 1u);  // 126 & 63 = 62
}

TEST_F(Rv64iTest, ShiftsByImmediate63) {
  EXPECT_EQ(r1(slli(5, 6, 63), 1), kMin64);
  EXPECT_EQ(r1(slli(5, 6, 63), 2), 0u);
  EXPECT_EQ(r1(srli(5, 6, 63), kAll), 1u);
  EXPECT_EQ(r1(srai(5, 6, 63), kMin64), kAll);
  EXPECT_EQ(r1(srai(5, 6, 63), kMax64), 0u);
  EXPECT_EQ(r1(srai(5, 6, 0), kMin64), kMin64);
  EXPECT_EQ(r1(srli(5, 6, 32), 0xdeadbeef'00000000ull), 0xdeadbeefu);
  EXPECT_EQ(r1(srai(5, 6, 32), 0xdeadbeef'00000000ull), 0xffffffffdeadbeefull);
}

// SLLW/SRLW/SRAW use rs2[4:0] and the low 32 bits of rs1, and sign-extend the result (even
// for SRLW by 0, whose 32-bit result may have bit 31 set).
TEST_F(Rv64iTest, WordShiftsMaskTo5BitsAndSignExtend) {
  EXPECT_EQ(rr(sllw, 1, 31), 0xffffffff80000000ull);
  EXPECT_EQ(rr(sllw, 1, 32), 1u);
  EXPECT_EQ(rr(sllw, 1, 33), 2u);
  EXPECT_EQ(rr(sllw, 0xffffffff'00000001ull, 1), 2u);
  EXPECT_EQ(rr(sllw, 0x40000000, 1), 0xffffffff80000000ull);
  EXPECT_EQ(rr(srlw, 0x80000000, 0), 0xffffffff80000000ull);
  EXPECT_EQ(rr(srlw, 0x80000000, 32), 0xffffffff80000000ull);
  EXPECT_EQ(rr(srlw, 0x80000000, 1), 0x40000000u);
  EXPECT_EQ(rr(srlw, kAll, 31), 1u);
  EXPECT_EQ(rr(srlw, 0x1'00000000ull, 0), 0u);
  EXPECT_EQ(rr(sraw, 0x80000000, 4), 0xfffffffff8000000ull);
  EXPECT_EQ(rr(sraw, 0x80000000, 36), 0xfffffffff8000000ull);
  EXPECT_EQ(rr(sraw, 0x80000000, 31), kAll);
  EXPECT_EQ(rr(sraw, 0xffffffff'7fffffffull, 31), 0u);
  EXPECT_EQ(r1(slliw(5, 6, 31), 1), 0xffffffff80000000ull);
  EXPECT_EQ(r1(slliw(5, 6, 0), 0x1'80000000ull), 0xffffffff80000000ull);
  EXPECT_EQ(r1(srliw(5, 6, 0), 0x80000000), 0xffffffff80000000ull);
  EXPECT_EQ(r1(srliw(5, 6, 31), 0x80000000), 1u);
  EXPECT_EQ(r1(sraiw(5, 6, 31), 0x80000000), kAll);
  EXPECT_EQ(r1(sraiw(5, 6, 0), 0xdead0000'7fffffffull), 0x7fffffffu);
}

TEST_F(Rv64iTest, CompareSignedVsUnsigned) {
  EXPECT_EQ(rr(slt, kAll, 1), 1u);
  EXPECT_EQ(rr(sltu, kAll, 1), 0u);
  EXPECT_EQ(rr(slt, kMin64, kMax64), 1u);
  EXPECT_EQ(rr(sltu, kMin64, kMax64), 0u);
  EXPECT_EQ(rr(slt, 5, 5), 0u);
  EXPECT_EQ(r1(slti(5, 6, -1), static_cast<uint64_t>(-2)), 1u);
  EXPECT_EQ(r1(slti(5, 6, -1), kAll), 0u);
  // SLTIU compares against the sign-extended immediate as an unsigned number.
  EXPECT_EQ(r1(sltiu(5, 6, -1), 5), 1u);
  EXPECT_EQ(r1(sltiu(5, 6, -1), kAll), 0u);
  EXPECT_EQ(r1(sltiu(5, 6, 1), 0), 1u);  // seqz
  EXPECT_EQ(r1(sltiu(5, 6, 1), 7), 0u);
}

TEST_F(Rv64iTest, LogicalImmediatesAreSignExtended) {
  EXPECT_EQ(r1(xori(5, 6, -1), 0x0f0f), ~uint64_t{0x0f0f});
  EXPECT_EQ(r1(andi(5, 6, -16), kAll), 0xfffffffffffffff0ull);
  EXPECT_EQ(r1(ori(5, 6, -2048), 0), 0xfffffffffffff800ull);
  EXPECT_EQ(r1(ori(5, 6, 0x7ff), 0), 0x7ffu);
  EXPECT_EQ(rr(xor_, 0xff00, 0x0ff0), 0xf0f0u);
  EXPECT_EQ(rr(or_, 0xff00, 0x0ff0), 0xfff0u);
  EXPECT_EQ(rr(and_, 0xff00, 0x0ff0), 0x0f00u);
}

// RV64 LUI sign-extends the 32-bit result; AUIPC adds it to the pc of the auipc.
TEST_F(Rv64iTest, LuiAuipc) {
  Program p;
  p << lui(5, 0x80000) << lui(6, 0x7ffff) << lui(7, 0xfffff) << auipc(8, 0) << auipc(9, 0xfffff)
    << auipc(10, 0x80000) << ecall();
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], 0xffffffff80000000ull);
  EXPECT_EQ(cpu.x[6], 0x7ffff000u);
  EXPECT_EQ(cpu.x[7], 0xfffffffffffff000ull);
  EXPECT_EQ(cpu.x[8], kCode + 12);
  EXPECT_EQ(cpu.x[9], kCode + 16 - 4096);
  EXPECT_EQ(cpu.x[10], kCode + 20 - 0x80000000ull);
}

// ---- x0 ----------------------------------------------------------------------------------

TEST_F(Rv64iTest, X0IsNeverWritten) {
  poke64(kData, 0x1122334455667788ull);
  Program p;
  p << addi(0, 1, 5)  // addi x0, x1, 5
    << add(5, 0, 0)   // reads x0
    << lui(0, 0x12345) << ld(0, 10, 0) << jal(0, 4) << slli(0, 1, 3) << mul(0, 1, 1) << add(6, 0, 0)
    << addi(7, 0, -1) << ecall();
  cpu.x[1] = 100;
  cpu.x[5] = cpu.x[6] = kSentinel;
  cpu.x[10] = kData;
  exec_ok(p);
  EXPECT_EQ(cpu.x[0], 0u);
  EXPECT_EQ(cpu.x[5], 0u);
  EXPECT_EQ(cpu.x[6], 0u);
  EXPECT_EQ(cpu.x[7], kAll);
  EXPECT_EQ(cpu.instret, 10u);
}

// Instructions of other extensions with an integer rd = x0 must not write it either.
TEST_F(Rv64iTest, X0IsNeverWrittenByFpAtomicOrCsrInstructions) {
  poke64(kData, 0x1122334455667788ull);
  Program p;
  p << fmv_x_d(0, 1) << fcvt_w_d(0, 1, kRTZ) << feq_d(0, 1, 1) << fclass_d(0, 1)
    << csrrs(0, kCsrFflags, 0) << csrrs(0, kCsrInstret, 0) << lr_d(0, 10) << sc_d(0, 7, 10)
    << amoadd_d(0, 7, 10) << add(5, 0, 0) << ecall();
  cpu.f[1] = kTwoD;
  cpu.x[5] = kSentinel;
  cpu.x[7] = 1;
  cpu.x[10] = kData;
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], 0u);
  EXPECT_EQ(read64(kData), 2u);  // sc.d stored 1, amoadd.d added 1
}

// f0 is an ordinary register: only the integer x0 is hard-wired.
TEST_F(Rv64iTest, FpRegisterF0IsWritable) {
  poke64(kData, kThreeD);
  Program p;
  p << fadd_d(0, 1, 2, kRNE) << fmv_x_d(5, 0) << fld(0, 10, 0) << fmv_x_d(6, 0) << fmv_d_x(0, 11)
    << fmv_x_d(7, 0) << ecall();
  cpu.f[1] = kOneD;
  cpu.f[2] = kOneD;
  cpu.x[10] = kData;
  cpu.x[11] = 0x0123456789abcdefull;
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], kTwoD);
  EXPECT_EQ(cpu.x[6], kThreeD);
  EXPECT_EQ(cpu.x[7], 0x0123456789abcdefull);
  EXPECT_EQ(cpu.f[0], 0x0123456789abcdefull);
}

// ---- Loads and stores --------------------------------------------------------------------

TEST_F(Rv64iTest, LoadsSignAndZeroExtend) {
  poke64(kData, 0xbbaa9988017fff80ull);  // bytes 80 ff 7f 01 88 99 aa bb
  Program p;
  p << lb(11, 10, 0) << lbu(12, 10, 0) << lb(13, 10, 2) << lh(14, 10, 0) << lhu(15, 10, 0)
    << lh(16, 10, 2) << lw(17, 10, 0) << lw(18, 10, 4) << lwu(19, 10, 4) << ld(20, 10, 0)
    << lb(21, 22, -8) << ecall();  // negative offset from x22 = kData + 8
  cpu.x[10] = kData;
  cpu.x[22] = kData + 8;
  exec_ok(p);
  EXPECT_EQ(cpu.x[11], 0xffffffffffffff80ull);
  EXPECT_EQ(cpu.x[12], 0x80u);
  EXPECT_EQ(cpu.x[13], 0x7fu);
  EXPECT_EQ(cpu.x[14], 0xffffffffffffff80ull);
  EXPECT_EQ(cpu.x[15], 0xff80u);
  EXPECT_EQ(cpu.x[16], 0x017fu);
  EXPECT_EQ(cpu.x[17], 0x017fff80u);
  EXPECT_EQ(cpu.x[18], 0xffffffffbbaa9988ull);
  EXPECT_EQ(cpu.x[19], 0xbbaa9988u);
  EXPECT_EQ(cpu.x[20], 0xbbaa9988017fff80ull);
  EXPECT_EQ(cpu.x[21], 0xffffffffffffff80ull);
}

TEST_F(Rv64iTest, StoresWriteOnlyTheirWidth) {
  for (int i = 0; i < 4; ++i) poke64(kData + 8 * i, kAll);
  Program p;
  p << sb(5, 10, 0) << sh(5, 10, 8) << sw(5, 10, 16) << sd(5, 10, 24) << ecall();
  cpu.x[5] = 0x0102030405060708ull;
  cpu.x[10] = kData;
  exec_ok(p);
  EXPECT_EQ(read64(kData), 0xffffffffffffff08ull);
  EXPECT_EQ(read64(kData + 8), 0xffffffffffff0708ull);
  EXPECT_EQ(read64(kData + 16), 0xffffffff05060708ull);
  EXPECT_EQ(read64(kData + 24), 0x0102030405060708ull);
}

// Linux user mode handles misaligned accesses (in hardware or by emulation): they just work.
TEST_F(Rv64iTest, MisalignedLoadsWork) {
  poke64(kData, 0xbbaa9988017fff80ull);
  poke64(kData + 8, 0x1122334455667788ull);
  Program p;
  p << lw(11, 10, 1) << ld(12, 10, 3) << lh(13, 10, 1) << lhu(14, 10, 7) << lwu(15, 10, 5)
    << ecall();
  cpu.x[10] = kData;
  exec_ok(p);
  EXPECT_EQ(cpu.x[11], 0xffffffff88017fffull);
  EXPECT_EQ(cpu.x[12], 0x667788bbaa998801ull);
  EXPECT_EQ(cpu.x[13], 0x7fffu);
  EXPECT_EQ(cpu.x[14], 0x88bbu);
  EXPECT_EQ(cpu.x[15], 0x88bbaa99u);
}

TEST_F(Rv64iTest, MisalignedStoresWork) {
  Program p;
  p << sd(5, 10, 0x101) << sw(5, 10, 0x203) << sh(5, 10, 0x301) << ecall();
  cpu.x[5] = 0x0102030405060708ull;
  cpu.x[10] = kData;
  exec_ok(p);
  EXPECT_EQ(read64(kData + 0x101), 0x0102030405060708ull);
  EXPECT_EQ(read64(kData + 0x100), 0x0203040506070800ull);
  EXPECT_EQ(read32(kData + 0x203), 0x05060708u);
  EXPECT_EQ(read32(kData + 0x300), 0x00070800u);
}

TEST_F(Rv64iTest, AccessesCrossingAPageBoundaryWork) {
  const uint64_t boundary = kData + vm::mem::kPageSize;
  poke64(boundary - 3, 0x8877665544332211ull);
  Program p;
  p << ld(11, 10, -3) << lw(12, 10, -2) << sd(5, 10, -5) << ld(13, 10, -5) << ecall();
  cpu.x[5] = 0xa1a2a3a4a5a6a7a8ull;
  cpu.x[10] = boundary;
  exec_ok(p);
  EXPECT_EQ(cpu.x[11], 0x8877665544332211ull);
  EXPECT_EQ(cpu.x[12], 0x55443322u);
  EXPECT_EQ(cpu.x[13], 0xa1a2a3a4a5a6a7a8ull);
  EXPECT_EQ(read64(boundary - 5), 0xa1a2a3a4a5a6a7a8ull);
}

TEST_F(Rv64iTest, LoadFromReadOnlyPageWorks) {
  poke64(kReadOnly + 8, 0x0123456789abcdefull);
  Program p;
  p << ld(5, 10, 8) << ecall();
  cpu.x[10] = kReadOnly;
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], 0x0123456789abcdefull);
}

// ---- Guest faults ------------------------------------------------------------------------

TEST_F(Rv64iTest, LoadFromUnmappedPageFaultsPrecisely) {
  Program p;
  p << addi(5, 0, 1) << addi(6, 0, 2) << ld(7, 10, 8) << addi(8, 0, 3) << ecall();
  cpu.x[7] = kSentinel;
  cpu.x[10] = kUnmapped;
  cpu.instret = 1000;
  exec_fault(p, FaultKind::LoadAccess, kCode + 8);
  EXPECT_EQ(fault.address, kUnmapped + 8);
  EXPECT_EQ(cpu.instret, 1002u);  // only the two addi retired
  EXPECT_EQ(cpu.x[5], 1u);
  EXPECT_EQ(cpu.x[6], 2u);
  EXPECT_EQ(cpu.x[7], kSentinel);  // the load did not write rd
  EXPECT_EQ(cpu.x[8], 0u);         // nothing after it ran
}

TEST_F(Rv64iTest, LoadBeyondTheAddressSpaceFaults) {
  Program p;
  p << lw(5, 10, 0) << ecall();
  cpu.x[10] = 0xfffffffffffffff0ull;
  exec_fault(p, FaultKind::LoadAccess, kCode);
  EXPECT_EQ(fault.address, 0xfffffffffffffff0ull);
  EXPECT_EQ(cpu.instret, 0u);
}

TEST_F(Rv64iTest, MisalignedLoadRunningIntoAnUnmappedPageFaults) {
  Program p;
  p << nop() << ld(5, 10, -4) << ecall();
  cpu.x[5] = kSentinel;
  cpu.x[10] = kDataEnd;  // the 8 bytes straddle the end of the data mapping
  exec_fault(p, FaultKind::LoadAccess, kCode + 4);
  // The reported address is inside the access (which part is implementation-defined).
  EXPECT_GE(fault.address, kDataEnd - 4);
  EXPECT_LT(fault.address, kDataEnd + 4);
  EXPECT_EQ(cpu.x[5], kSentinel);
  EXPECT_EQ(cpu.instret, 1u);
}

// Addresses past the end of guest memory (but inside the engine's maximum address space),
// the null page and address wrap-around are load/store access faults with the exact address.
TEST_F(Rv64iTest, AccessesOutsideGuestMemoryFault) {
  struct Case {
    uint64_t base;
    int32_t offset;
    bool store;
    uint64_t address;
  };
  const Case cases[] = {
      {kMemorySize, 0, false, kMemorySize},
      {kMemorySize - 8, 8, true, kMemorySize},
      {uint64_t{1} << 35, 0, false, uint64_t{1} << 35},
      {(uint64_t{1} << 36) - 8, 0, true, (uint64_t{1} << 36) - 8},
      {uint64_t{1} << 36, 0, false, uint64_t{1} << 36},
      {uint64_t{1} << 40, 16, true, (uint64_t{1} << 40) + 16},
      {0, 0, false, 0},
      {~0ull, 1, false, 0},  // wraps to the null page
      {~0ull, 1, true, 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message() << std::hex << "address 0x" << c.address);
    Program p;
    if (c.store) {
      p << sd(5, 10, c.offset) << ecall();
    } else {
      p << ld(5, 10, c.offset) << ecall();
    }
    cpu.x[10] = c.base;
    exec_fault(p, c.store ? FaultKind::StoreAccess : FaultKind::LoadAccess, kCode);
    EXPECT_EQ(fault.address, c.address);
  }
}

TEST_F(Rv64iTest, StoreToReadOnlyPageFaults) {
  poke32(kReadOnly + 16, 0xcafef00d);
  Program p;
  p << addi(5, 0, 7) << sw(5, 10, 16) << addi(6, 0, 1) << ecall();
  cpu.x[10] = kReadOnly;
  exec_fault(p, FaultKind::StoreAccess, kCode + 4);
  EXPECT_EQ(fault.address, kReadOnly + 16);
  EXPECT_EQ(read32(kReadOnly + 16), 0xcafef00du);  // unchanged
  EXPECT_EQ(cpu.instret, 1u);
  EXPECT_EQ(cpu.x[6], 0u);
}

TEST_F(Rv64iTest, StoreToUnmappedPageFaults) {
  Program p;
  p << sd(5, 10, -8) << ecall();
  cpu.x[10] = kUnmapped + 0x100;
  exec_fault(p, FaultKind::StoreAccess, kCode);
  EXPECT_EQ(fault.address, kUnmapped + 0xf8);
  EXPECT_EQ(cpu.instret, 0u);
}

TEST_F(Rv64iTest, StoreToCodePageWithoutWritePermissionFaults) {
  Program p;
  p << sw(5, 10, 0) << ecall();
  cpu.x[10] = kCode + 4;
  exec_fault(p, FaultKind::StoreAccess, kCode);
  EXPECT_EQ(fault.address, kCode + 4);
  EXPECT_EQ(read32(kCode + 4), ecall().bits);
}

TEST_F(Rv64iTest, JumpToNonExecutablePageFaultsOnFetch) {
  Program p;
  p << addi(5, 0, 1) << jalr(1, 10, 0) << ecall();
  cpu.x[10] = kNoExec;
  const StopReason reason = exec(p);
  ASSERT_EQ(reason, StopReason::Fault) << describe(reason, fault, cpu);
  EXPECT_EQ(fault.kind, FaultKind::FetchAccess);
  EXPECT_EQ(fault.pc, kNoExec);
  EXPECT_EQ(fault.address, kNoExec);
  EXPECT_EQ(cpu.pc, kNoExec);
  EXPECT_EQ(cpu.x[1], kCode + 8);  // the jalr itself retired
  EXPECT_EQ(cpu.instret, 2u);
}

TEST_F(Rv64iTest, JumpToReadOnlyAndUnmappedPagesFaultsOnFetch) {
  for (uint64_t target : {kReadOnly, kUnmapped}) {
    Program p;
    p << jal(0, static_cast<int32_t>(target - kCode)) << ecall();
    cpu.instret = 0;
    exec_fault(p, FaultKind::FetchAccess, target);
    EXPECT_EQ(fault.address, target);
    EXPECT_EQ(cpu.instret, 1u);
  }
}

TEST_F(Rv64iTest, RunningOffTheEndOfExecutableMemoryFaultsOnFetch) {
  Program p(kCode + kCodeSize - 8);
  p << addi(5, 0, 1) << addi(6, 0, 2);  // the next pc is the first unmapped byte
  const StopReason reason = exec(p);
  ASSERT_EQ(reason, StopReason::Fault) << describe(reason, fault, cpu);
  EXPECT_EQ(fault.kind, FaultKind::FetchAccess);
  EXPECT_EQ(fault.pc, kCode + kCodeSize);
  EXPECT_EQ(cpu.pc, kCode + kCodeSize);
  EXPECT_EQ(cpu.instret, 2u);
  EXPECT_EQ(cpu.x[5], 1u);
  EXPECT_EQ(cpu.x[6], 2u);
}

// A 32-bit instruction whose second half is not executable cannot be fetched: the fault is
// reported at the instruction's pc, after everything before it retired.
TEST_F(Rv64iTest, InstructionStraddlingIntoNonExecutableMemoryFaultsOnFetch) {
  Program p(kCode + kCodeSize - 6);
  p << addi(5, 0, 1) << addi(6, 0, 2);  // the second addi straddles the end of the region
  // Only the bytes inside the region are written: past it nothing is mapped (paged memory has
  // no frame there to write).
  interp.flush_code();
  ASSERT_TRUE(memory.poke(p.base(), p.bytes().data(), p.size() - 2));
  const StopReason reason = run_at(p.base());
  ASSERT_EQ(reason, StopReason::Fault) << describe(reason, fault, cpu);
  EXPECT_EQ(fault.kind, FaultKind::FetchAccess);
  EXPECT_EQ(fault.pc, kCode + kCodeSize - 2);
  EXPECT_EQ(cpu.pc, kCode + kCodeSize - 2);
  // Which half is reported is implementation-defined (the instruction's pc or pc + 2).
  EXPECT_TRUE(fault.address == fault.pc || fault.address == fault.pc + 2) << fault.address;
  EXPECT_EQ(cpu.x[5], 1u);
  EXPECT_EQ(cpu.x[6], 0u);
  EXPECT_EQ(cpu.instret, 1u);
}

// Straight-line code longer than any decoded block: counts and faults stay exact.
TEST_F(Rv64iTest, LongStraightLineCode) {
  Program p;
  for (int i = 0; i < 150; ++i) p << addi(5, 5, 1);
  p << csrrs(6, kCsrInstret, 0);  // 150 retired before it
  for (int i = 0; i < 50; ++i) p << addi(5, 5, 1);
  p << ecall();
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], 200u);
  EXPECT_EQ(cpu.x[6], 150u);
  EXPECT_EQ(cpu.instret, 202u);

  Program q;
  for (int i = 0; i < 130; ++i) q << addi(5, 5, 1);
  q << ld(7, 10, 0);
  for (int i = 0; i < 10; ++i) q << addi(5, 5, 1);
  q << ecall();
  cpu.x[5] = 0;
  cpu.x[10] = kUnmapped;
  cpu.instret = 0;
  exec_fault(q, FaultKind::LoadAccess, kCode + 130 * 4);
  EXPECT_EQ(cpu.x[5], 130u);
  EXPECT_EQ(cpu.instret, 130u);
}

TEST_F(Rv64iTest, AllZeroWordIsIllegal) {
  Program p;
  p << addi(5, 0, 1) << Insn{0, 2, Opcode::ILLEGAL} << Insn{0, 2, Opcode::ILLEGAL} << ecall();
  exec_fault(p, FaultKind::IllegalInstruction, kCode + 4);
  EXPECT_EQ(fault.bits, 0u);
  EXPECT_EQ(cpu.instret, 1u);
  EXPECT_EQ(cpu.x[5], 1u);
}

TEST_F(Rv64iTest, AllOnesWordIsIllegal) {
  Program p;
  p << addi(5, 0, 1) << addi(6, 0, 2) << illegal32(0xffffffff) << ecall();
  exec_fault(p, FaultKind::IllegalInstruction, kCode + 8);
  EXPECT_EQ(fault.bits, 0xffffffffu);
  EXPECT_EQ(fault.length, 4);
  EXPECT_EQ(cpu.instret, 2u);
}

TEST_F(Rv64iTest, UndefinedEncodingsAreIllegal) {
  // custom-0 major opcode; ADD with funct7 = 0x40; a reserved funct3 of OP-IMM-32 (slliw with
  // funct7 bit 25 set, i.e. shamt >= 32 in a W shift).
  for (uint32_t bits : {0x0000000bu, 0x80b50533u, 0x0205951bu}) {
    Program p;
    p << illegal32(bits) << ecall();
    exec_fault(p, FaultKind::IllegalInstruction, kCode);
    EXPECT_EQ(fault.bits, bits);
    EXPECT_EQ(cpu.instret, 0u);
  }
}

TEST_F(Rv64iTest, InstructionsBeforeAFaultTakeEffect) {
  Program p;
  p << sd(5, 10, 0) << addi(6, 0, 9) << illegal32(0xffffffff) << ecall();
  cpu.x[5] = 0x1234;
  cpu.x[10] = kData;
  exec_fault(p, FaultKind::IllegalInstruction, kCode + 8);
  EXPECT_EQ(read64(kData), 0x1234u);
  EXPECT_EQ(cpu.x[6], 9u);
  EXPECT_EQ(cpu.instret, 2u);
}

// Not-taken and taken branches inside straight-line code: the instructions retired before a
// fault, an ecall or an rdinstret are counted exactly whatever the branches did.
TEST_F(Rv64iTest, RetiredCountExactAcrossNotTakenBranches) {
  Program p;
  p << addi(5, 0, 1)             // 0
    << bne(0, 0, 64)             // 4: not taken
    << addi(6, 0, 2)             // 8
    << beq(5, 0, 64)             // 12: not taken
    << csrrs(7, kCsrInstret, 0)  // 16: 4 retired before
    << ld(8, 10, 0)              // 20: faults
    << addi(9, 0, 3)             // 24
    << ecall();                  // 28
  cpu.x[8] = kSentinel;
  cpu.x[10] = kUnmapped;
  exec_fault(p, FaultKind::LoadAccess, kCode + 20);
  EXPECT_EQ(cpu.x[7], 4u);
  EXPECT_EQ(cpu.instret, 5u);
  EXPECT_EQ(cpu.x[8], kSentinel);
  EXPECT_EQ(cpu.x[9], 0u);
}

TEST_F(Rv64iTest, RetiredCountExactAcrossTakenBranchOutOfStraightCode) {
  Program p;
  p << addi(5, 0, 1)             // 0
    << bne(5, 0, 16)             // 4: taken -> 20
    << addi(6, 0, 2)             // 8  (skipped)
    << addi(6, 0, 3)             // 12 (skipped)
    << ecall()                   // 16 (skipped)
    << csrrs(7, kCsrInstret, 0)  // 20: 2 retired before
    << ecall();                  // 24
  exec_ok(p);
  EXPECT_EQ(cpu.x[6], 0u);
  EXPECT_EQ(cpu.x[7], 2u);
  EXPECT_EQ(cpu.instret, 4u);
}

TEST_F(Rv64iTest, EbreakStopsWithBreakpoint) {
  Program p;
  p << addi(5, 0, 1) << ebreak() << ecall();
  exec_fault(p, FaultKind::Breakpoint, kCode + 4);
  EXPECT_EQ(cpu.instret, 1u);
}

// ---- Control transfer --------------------------------------------------------------------

TEST_F(Rv64iTest, BranchConditions) {
  const uint64_t minus1 = kAll;
  EXPECT_TRUE(taken(beq, 5, 5));
  EXPECT_FALSE(taken(beq, 5, 6));
  EXPECT_FALSE(taken(bne, 5, 5));
  EXPECT_TRUE(taken(bne, 5, 6));
  EXPECT_TRUE(taken(blt, minus1, 1));
  EXPECT_FALSE(taken(blt, 1, minus1));
  EXPECT_FALSE(taken(blt, 5, 5));
  EXPECT_TRUE(taken(blt, kMin64, kMax64));
  EXPECT_FALSE(taken(bge, minus1, 1));
  EXPECT_TRUE(taken(bge, 1, minus1));
  EXPECT_TRUE(taken(bge, 5, 5));
  EXPECT_FALSE(taken(bltu, minus1, 1));
  EXPECT_TRUE(taken(bltu, 1, minus1));
  EXPECT_FALSE(taken(bltu, 5, 5));
  EXPECT_TRUE(taken(bgeu, minus1, 1));
  EXPECT_FALSE(taken(bgeu, 1, minus1));
  EXPECT_TRUE(taken(bgeu, 5, 5));
  EXPECT_FALSE(taken(bgeu, kMax64, kMin64));
}

TEST_F(Rv64iTest, BackwardBranchLoopRetiresExactly) {
  Program p;
  p << addi(5, 0, 10)  // 0
    << addi(6, 6, 3)   // 4: loop
    << addi(5, 5, -1)  // 8
    << bne(5, 0, -8)   // 12
    << ecall();        // 16
  exec_ok(p);
  EXPECT_EQ(cpu.x[6], 30u);
  EXPECT_EQ(cpu.instret, 1u + 10 * 3 + 1);
}

TEST_F(Rv64iTest, JalLinksAndJumpsBothWays) {
  Program p;
  p << jal(1, 12)      // 0  -> 12
    << addi(6, 0, 7)   // 4
    << ecall()         // 8
    << jal(2, -8)      // 12 -> 4
    << addi(5, 0, 1);  // 16 (never runs)
  const StopReason reason = exec(p);
  ASSERT_EQ(reason, StopReason::Syscall) << describe(reason, fault, cpu);
  EXPECT_EQ(cpu.pc, kCode + 8);
  EXPECT_EQ(cpu.x[1], kCode + 4);
  EXPECT_EQ(cpu.x[2], kCode + 16);
  EXPECT_EQ(cpu.x[5], 0u);
  EXPECT_EQ(cpu.x[6], 7u);
  EXPECT_EQ(cpu.instret, 4u);
}

// JALR: target = (rs1 + imm) & ~1, computed before rd is written (rd may equal rs1).
TEST_F(Rv64iTest, JalrClearsBitZeroAndReadsRs1BeforeLinking) {
  Program p;
  p << jalr(1, 10, 1)   // 0: target (kCode+12+1) & ~1 = kCode+12
    << addi(5, 0, 1)    // 4
    << ecall()          // 8
    << jalr(11, 11, 0)  // 12: x11 = kCode+24 -> jump there, x11 = kCode+16
    << addi(5, 0, 2)    // 16
    << ecall()          // 20
    << addi(6, 0, 3)    // 24
    << ecall();         // 28
  cpu.x[10] = kCode + 12;
  cpu.x[11] = kCode + 24;
  exec_ok(p);
  EXPECT_EQ(cpu.x[1], kCode + 4);
  EXPECT_EQ(cpu.x[11], kCode + 16);
  EXPECT_EQ(cpu.x[5], 0u);
  EXPECT_EQ(cpu.x[6], 3u);
  EXPECT_EQ(cpu.instret, 4u);
}

TEST_F(Rv64iTest, FencesAreNoOps) {
  Program p;
  p << addi(5, 0, 1) << fence() << fence_i() << addi(5, 5, 1)
    << Insn{0x0220000f, 4, Opcode::FENCE}      // fence r,r
    << Insn{0x0100000f, 4, Opcode::FENCE}      // pause (Zihintpause: fence w,0)
    << Insn{0x8330000f, 4, Opcode::FENCE_TSO}  // fence.tso
    << ecall();
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], 2u);
  EXPECT_EQ(cpu.instret, 8u);
}

// ---- instret -----------------------------------------------------------------------------

// The ecall counts as retired when the interpreter stops for the syscall (as on Linux, where
// the kernel returns to the instruction after it).
TEST_F(Rv64iTest, StraightBlockRetiresNPlusOneIncludingEcall) {
  Program p;
  for (int i = 0; i < 5; ++i) p << addi(5, 5, 1);
  p << ecall();
  cpu.instret = 1000;
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], 5u);
  EXPECT_EQ(cpu.instret, 1006u);
}

TEST_F(Rv64iTest, EcallMidBlockStopsThereAndResumesAfterIt) {
  Program p;
  p << addi(5, 0, 1) << ecall() << addi(5, 5, 1) << ecall();
  StopReason reason = exec(p);
  ASSERT_EQ(reason, StopReason::Syscall) << describe(reason, fault, cpu);
  EXPECT_EQ(cpu.pc, kCode + 4);
  EXPECT_EQ(cpu.instret, 2u);
  EXPECT_EQ(cpu.x[5], 1u);
  reason = run_at(cpu.pc + 4);  // the runtime resumes at pc + 4
  ASSERT_EQ(reason, StopReason::Syscall) << describe(reason, fault, cpu);
  EXPECT_EQ(cpu.pc, kCode + 12);
  EXPECT_EQ(cpu.instret, 4u);
  EXPECT_EQ(cpu.x[5], 2u);
}

TEST_F(Rv64iTest, ZeroBudgetRunsNothing) {
  Program p;
  p << addi(5, 0, 1) << ecall();
  cpu.instret = 7;
  const StopReason reason = exec(p, 7);
  EXPECT_EQ(reason, StopReason::InstructionLimit);
  EXPECT_EQ(cpu.pc, kCode);
  EXPECT_EQ(cpu.instret, 7u);
  EXPECT_EQ(cpu.x[5], 0u);
}

// Stopping on the budget and resuming gives the same architectural result as one run. The
// engine stops at a block boundary near the limit (execution_engine.h leaves open on which
// side of it), so only "within one block" is asserted about the stopping point.
TEST_F(Rv64iTest, InstructionLimitStopsAndResumesExactly) {
  Program p;
  p << addi(5, 0, 100) << addi(6, 6, 3) << addi(5, 5, -1) << bne(5, 0, -8) << ecall();
  StopReason reason = exec(p, 50);
  ASSERT_EQ(reason, StopReason::InstructionLimit) << describe(reason, fault, cpu);
  EXPECT_GT(cpu.instret + 64, 50u);
  EXPECT_LT(cpu.instret, 50u + 64);
  EXPECT_GT(cpu.instret, 0u);
  // Each retired loop iteration is 3 instructions after the first addi.
  EXPECT_EQ(cpu.x[6], 3 * (100 - cpu.x[5]));
  reason = run_at(cpu.pc);
  ASSERT_EQ(reason, StopReason::Syscall) << describe(reason, fault, cpu);
  EXPECT_EQ(cpu.pc, kCode + 16);
  EXPECT_EQ(cpu.x[6], 300u);
  EXPECT_EQ(cpu.instret, 1u + 300 + 1);
}

// ---- Self-modifying code -----------------------------------------------------------------

// A guest store over an instruction of an already decoded block: the next execution of that
// block runs the new instruction (the store invalidates the cached block).
TEST_F(Rv64iTest, StoreOverDecodedBlockIsObserved) {
  make_code_writable();
  Program block(kCode);
  block << addi(5, 0, 1) << ecall();
  Program patcher(kCode + 0x100);
  patcher << sw(7, 6, 0) << ecall();
  interp.flush_code();
  load(block);
  load(patcher);
  cpu.x[6] = kCode;
  cpu.x[7] = addi(5, 0, 2).bits;

  ASSERT_EQ(run_at(kCode), StopReason::Syscall);
  EXPECT_EQ(cpu.x[5], 1u);
  ASSERT_EQ(run_at(kCode + 0x100), StopReason::Syscall);
  ASSERT_EQ(run_at(kCode), StopReason::Syscall);
  EXPECT_EQ(cpu.x[5], 2u);
  EXPECT_EQ(cpu.instret, 6u);
}

TEST_F(Rv64iTest, StoreFromAnotherPageOverDecodedBlockIsObserved) {
  make_code_writable();
  Program block(kCode + 0x2000);
  block << addi(5, 0, 1) << addi(6, 0, 1) << ecall();
  Program patcher(kCode);
  patcher << sw(7, 10, 4) << ecall();
  interp.flush_code();
  load(block);
  load(patcher);
  cpu.x[7] = addi(6, 0, 42).bits;
  cpu.x[10] = kCode + 0x2000;

  ASSERT_EQ(run_at(kCode + 0x2000), StopReason::Syscall);
  EXPECT_EQ(cpu.x[6], 1u);
  ASSERT_EQ(run_at(kCode), StopReason::Syscall);
  ASSERT_EQ(run_at(kCode + 0x2000), StopReason::Syscall);
  EXPECT_EQ(cpu.x[5], 1u);
  EXPECT_EQ(cpu.x[6], 42u);
}

TEST_F(Rv64iTest, AmoOverDecodedBlockIsObserved) {
  make_code_writable();
  Program block(kCode);
  block << addi(5, 0, 1) << ecall();
  Program patcher(kCode + 0x100);
  patcher << amoswap_w(8, 7, 6) << ecall();
  interp.flush_code();
  load(block);
  load(patcher);
  cpu.x[6] = kCode;
  cpu.x[7] = addi(5, 0, 3).bits;

  ASSERT_EQ(run_at(kCode), StopReason::Syscall);
  ASSERT_EQ(run_at(kCode + 0x100), StopReason::Syscall);
  EXPECT_EQ(cpu.x[8],
            static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(addi(5, 0, 1).bits))));
  ASSERT_EQ(run_at(kCode), StopReason::Syscall);
  EXPECT_EQ(cpu.x[5], 3u);
}

// A block that runs across a page boundary is invalidated by a store to either page.
TEST_F(Rv64iTest, StoresToEitherPageOfAStraddlingBlockAreObserved) {
  make_code_writable();
  const uint64_t boundary = kCode + 0x1000;
  Program block(boundary - 8);
  block << addi(5, 0, 1) << addi(6, 0, 1) << addi(7, 0, 1) << ecall();
  Program patch_high(kCode + 0x2000);
  patch_high << sw(11, 10, 0) << ecall();
  Program patch_low(kCode + 0x2100);
  patch_low << sw(12, 10, -4) << ecall();
  interp.flush_code();
  load(block);
  load(patch_high);
  load(patch_low);
  cpu.x[10] = boundary;
  cpu.x[11] = addi(7, 0, 5).bits;
  cpu.x[12] = addi(6, 0, 9).bits;

  ASSERT_EQ(run_at(boundary - 8), StopReason::Syscall);
  EXPECT_EQ(cpu.x[7], 1u);
  ASSERT_EQ(run_at(kCode + 0x2000), StopReason::Syscall);
  ASSERT_EQ(run_at(boundary - 8), StopReason::Syscall);
  EXPECT_EQ(cpu.x[6], 1u);
  EXPECT_EQ(cpu.x[7], 5u);
  ASSERT_EQ(run_at(kCode + 0x2100), StopReason::Syscall);
  ASSERT_EQ(run_at(boundary - 8), StopReason::Syscall);
  EXPECT_EQ(cpu.x[6], 9u);
  EXPECT_EQ(cpu.x[7], 5u);
  EXPECT_EQ(cpu.pc, boundary + 4);
}

// Zifencei: after a fence.i, instruction fetch observes all earlier stores of the hart.
TEST_F(Rv64iTest, StoreThenFenceIInSameCodeIsObserved) {
  make_code_writable();
  Program p;
  p << sw(7, 6, 8)    // 0: patches offset 8 when x6 = kCode
    << fence_i()      // 4
    << addi(5, 0, 1)  // 8
    << ecall();       // 12
  cpu.x[7] = addi(5, 0, 2).bits;
  cpu.x[6] = kData;  // first run: the store goes to data, the block at 8 is decoded
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], 1u);
  cpu.x[6] = kCode;
  cpu.instret = 0;
  ASSERT_EQ(run_at(kCode), StopReason::Syscall);
  EXPECT_EQ(cpu.pc, kCode + 12);
  EXPECT_EQ(cpu.x[5], 2u);
  EXPECT_EQ(cpu.instret, 4u);
  EXPECT_EQ(read32(kCode + 8), addi(5, 0, 2).bits);
}

// Stronger than the ISA requires (without fence.i either instruction would be allowed), but
// promised by vm/mem/guest_memory.h and interpreter.cpp ("a store ... may have overwritten
// code in this very block"): a store over a later instruction of the running block is seen,
// and instret stays exact.
TEST_F(Rv64iTest, StoreOverLaterInstructionOfRunningBlockIsObserved) {
  make_code_writable();
  Program p;
  p << sw(7, 6, 12)   // 0: patches offset 12 when x6 = kCode
    << addi(8, 8, 1)  // 4
    << addi(8, 8, 1)  // 8
    << addi(5, 0, 1)  // 12
    << ecall();       // 16
  cpu.x[7] = addi(5, 0, 2).bits;
  cpu.x[6] = kData;
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], 1u);
  cpu.x[6] = kCode;
  cpu.x[8] = 0;
  cpu.instret = 0;
  ASSERT_EQ(run_at(kCode), StopReason::Syscall);
  EXPECT_EQ(cpu.pc, kCode + 16);
  EXPECT_EQ(cpu.x[5], 2u);
  EXPECT_EQ(cpu.x[8], 2u);
  EXPECT_EQ(cpu.instret, 5u);
}

}  // namespace
}  // namespace interp_test
