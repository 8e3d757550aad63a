// Zicsr semantics for the user-level CSRs a Linux process can reach (unprivileged ISA
// manual, chapters "Zicsr", "Counters" and the fcsr section of "F"): fflags/frm/fcsr
// composition and masking, read-modify-write forms, the instret counter, read-only counters
// and unknown CSRs.
#include "tests/engine/interp/interp_fixture.h"

namespace interp_test {
namespace {

class CsrTest : public InterpTest {
 protected:
  // Expects `insn` (at kCode, after one addi) to be an illegal instruction that leaves x5 alone.
  void expect_illegal(const Insn& insn) {
    SCOPED_TRACE(testing::Message() << std::hex << "0x" << insn.bits);
    Program p;
    p << addi(6, 0, 1) << insn << ecall();
    cpu.x[5] = kSentinel;
    cpu.instret = 0;
    exec_fault(p, FaultKind::IllegalInstruction, kCode + 4);
    EXPECT_EQ(fault.bits, insn.bits);
    EXPECT_EQ(cpu.x[5], kSentinel);
    EXPECT_EQ(cpu.instret, 1u);
  }
};

// fcsr = frm << 5 | fflags; the three CSRs are views of the same state.
TEST_F(CsrTest, FcsrIsFrmAndFflags) {
  Program p;
  p << csrrwi(0, kCsrFrm, 3) << csrrwi(0, kCsrFflags, 0x15) << csrrs(5, kCsrFcsr, 0)
    << csrrs(6, kCsrFrm, 0) << csrrs(7, kCsrFflags, 0) << csrrw(8, kCsrFcsr, 10)
    << csrrs(11, kCsrFrm, 0) << csrrs(12, kCsrFflags, 0) << ecall();
  cpu.x[10] = (kRDN << 5) | NX;
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], (3u << 5) | 0x15u);
  EXPECT_EQ(cpu.x[6], 3u);
  EXPECT_EQ(cpu.x[7], 0x15u);
  EXPECT_EQ(cpu.x[8], (3u << 5) | 0x15u);  // old value
  EXPECT_EQ(cpu.x[11], kRDN);
  EXPECT_EQ(cpu.x[12], NX);
  EXPECT_EQ(cpu.frm, kRDN);
  EXPECT_EQ(cpu.fflags, NX);
}

// Only the defined bits are writable: fflags[4:0], frm[2:0], fcsr[7:0].
TEST_F(CsrTest, WritesAreMasked) {
  Program p;
  p << csrrw(5, kCsrFcsr, 10) << csrrs(6, kCsrFcsr, 0) << csrrw(7, kCsrFflags, 10)
    << csrrs(8, kCsrFflags, 0) << csrrw(9, kCsrFrm, 10) << csrrs(11, kCsrFrm, 0)
    << csrrs(12, kCsrFcsr, 0) << ecall();
  cpu.x[10] = ~0ull;
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], 0u);
  EXPECT_EQ(cpu.x[6], 0xffu);
  EXPECT_EQ(cpu.x[7], 0x1fu);
  EXPECT_EQ(cpu.x[8], 0x1fu);
  EXPECT_EQ(cpu.x[9], 7u);
  EXPECT_EQ(cpu.x[11], 7u);
  EXPECT_EQ(cpu.x[12], 0xffu);
  EXPECT_EQ(cpu.fflags, 0x1fu);
  EXPECT_EQ(cpu.frm, 7u);
}

TEST_F(CsrTest, SetAndClearForms) {
  Program p;
  p << csrrsi(5, kCsrFflags, 0x5) << csrrci(6, kCsrFflags, 0x1) << csrrs(7, kCsrFflags, 10)
    << csrrc(8, kCsrFflags, 11) << csrrs(9, kCsrFflags, 0) << csrrwi(12, kCsrFrm, 4)
    << csrrci(13, kCsrFcsr, 0x10) << csrrs(14, kCsrFcsr, 0) << ecall();
  cpu.x[10] = 0x18;
  cpu.x[11] = 0x0c;
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], 0u);
  EXPECT_EQ(cpu.x[6], 0x5u);
  EXPECT_EQ(cpu.x[7], 0x4u);
  EXPECT_EQ(cpu.x[8], 0x1cu);
  EXPECT_EQ(cpu.x[9], 0x10u);
  EXPECT_EQ(cpu.x[12], 0u);
  EXPECT_EQ(cpu.x[13], (4u << 5) | 0x10u);
  EXPECT_EQ(cpu.x[14], 4u << 5);
}

TEST_F(CsrTest, FpInstructionFlagsAreVisibleThroughCsrs) {
  Program p;
  p << fdiv_d(4, 1, 2, kRNE) << csrrs(5, kCsrFflags, 0) << csrrw(6, kCsrFflags, 0)
    << csrrs(7, kCsrFcsr, 0) << ecall();
  cpu.f[1] = kOneD;
  cpu.f[2] = kPosZeroD;
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], DZ);
  EXPECT_EQ(cpu.x[6], DZ);
  EXPECT_EQ(cpu.x[7], 0u);
  EXPECT_EQ(cpu.fflags, 0u);
}

// rdinstret returns the number of instructions retired before it.
TEST_F(CsrTest, InstretCountsInstructionsRetiredBeforeTheRead) {
  Program p;
  p << addi(10, 0, 1) << addi(10, 0, 2) << addi(10, 0, 3) << csrrs(5, kCsrInstret, 0)
    << csrrs(6, kCsrInstret, 0) << ecall();
  cpu.instret = 100;
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], 103u);
  EXPECT_EQ(cpu.x[6], 104u);
  EXPECT_EQ(cpu.instret, 106u);
}

TEST_F(CsrTest, InstretAfterBranchesAndLoops) {
  Program p;
  p << addi(10, 0, 1)             // 0
    << beq(0, 0, 8)               // 4  -> 12
    << addi(11, 0, 1)             // 8  (skipped)
    << csrrs(5, kCsrInstret, 0)   // 12: 2 retired before
    << addi(12, 0, 4)             // 16
    << addi(12, 12, -1)           // 20: loop
    << bne(12, 0, -4)             // 24
    << csrrsi(6, kCsrInstret, 0)  // 28: 3 + 1 + 8 retired before
    << ecall();                   // 32
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], 2u);
  EXPECT_EQ(cpu.x[6], 12u);
  EXPECT_EQ(cpu.instret, 14u);
}

// CSRs a user program cannot access (machine-mode, custom, RV32-only *h counters) are illegal.
TEST_F(CsrTest, UnknownCsrsAreIllegal) {
  expect_illegal(csrrs(5, 0x7c0, 0));
  expect_illegal(csrrw(5, 0x7c0, 6));
  expect_illegal(csrrs(5, 0x300, 0));   // mstatus
  expect_illegal(csrrs(5, 0x100, 0));   // sstatus
  expect_illegal(csrrs(5, 0xc82, 0));   // instreth: RV32 only
  expect_illegal(csrrsi(5, 0x004, 0));  // uie (N extension, not present)
}

// The counters are read-only: any instruction that would write them is illegal, including
// csrrs/csrrc with rs1 != x0 even if the register holds 0; reads with rs1 = x0 / uimm = 0 are
// fine.
TEST_F(CsrTest, CountersAreReadOnly) {
  expect_illegal(csrrw(5, kCsrCycle, 6));
  expect_illegal(csrrw(0, kCsrCycle, 0));
  expect_illegal(csrrs(5, kCsrCycle, 7));  // x7 = 0 still counts as a write
  expect_illegal(csrrc(5, kCsrTime, 7));
  expect_illegal(csrrwi(5, kCsrInstret, 0));
  expect_illegal(csrrsi(5, kCsrInstret, 1));
  expect_illegal(csrrci(5, kCsrCycle, 31));

  Program p;
  p << csrrs(5, kCsrCycle, 0) << csrrc(6, kCsrTime, 0) << csrrsi(7, kCsrInstret, 0)
    << csrrci(8, kCsrCycle, 0) << ecall();
  cpu.x[7] = 0;
  cpu.instret = 0;
  exec_ok(p);
  EXPECT_EQ(cpu.x[7], 2u);
}

// CpuState::deterministic: cycle follows instret and time is instret / 100.
TEST_F(CsrTest, DeterministicCountersFollowInstret) {
  Program p;
  p << addi(10, 0, 1) << csrrs(5, kCsrCycle, 0) << csrrs(6, kCsrInstret, 0) << csrrs(7, kCsrTime, 0)
    << ecall();
  cpu.deterministic = true;
  cpu.instret = 1000;
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], 1001u);
  EXPECT_EQ(cpu.x[6], 1002u);
  EXPECT_EQ(cpu.x[7], 10u);
}

TEST_F(CsrTest, TimeIsMonotonic) {
  Program p;
  p << csrrs(5, kCsrTime, 0) << addi(10, 0, 1) << csrrs(6, kCsrTime, 0) << ecall();
  exec_ok(p);
  EXPECT_LE(cpu.x[5], cpu.x[6]);
  EXPECT_NE(cpu.x[5], 0u);
}

}  // namespace
}  // namespace interp_test
