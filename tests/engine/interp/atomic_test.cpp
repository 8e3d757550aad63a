// A extension semantics (unprivileged ISA manual, chapter "A"): LR/SC reservations, AMO
// results (the old memory value, sign-extended for .W), signed vs unsigned min/max, and
// misaligned or inaccessible atomics.
#include "tests/engine/interp/interp_fixture.h"

namespace interp_test {
namespace {

constexpr uint64_t kMin64 = 0x8000000000000000ull;
constexpr uint64_t kMax64 = 0x7fffffffffffffffull;
constexpr uint64_t kAll = ~0ull;
constexpr uint64_t kCell = kData + 0x40;  // 8-byte aligned

class AtomicTest : public InterpTest {
 protected:
  using AmoOp = Insn (*)(unsigned, unsigned, unsigned);
  // `amo x5, x7, (x10)` on the 32-bit word at kCell holding `memory_value`, x7 = operand.
  // Returns x5; the new memory word is read with read32(kCell).
  uint64_t amo_w(AmoOp op, uint32_t memory_value, uint64_t operand) {
    poke32(kCell, memory_value);
    poke32(kCell + 4, 0xa5a5a5a5);  // the neighbour must stay untouched
    Program p;
    p << op(5, 7, 10) << ecall();
    cpu.x[5] = kSentinel;
    cpu.x[7] = operand;
    cpu.x[10] = kCell;
    exec_ok(p);
    EXPECT_EQ(read32(kCell + 4), 0xa5a5a5a5u);
    return cpu.x[5];
  }
  uint64_t amo_d(AmoOp op, uint64_t memory_value, uint64_t operand) {
    poke64(kCell, memory_value);
    Program p;
    p << op(5, 7, 10) << ecall();
    cpu.x[5] = kSentinel;
    cpu.x[7] = operand;
    cpu.x[10] = kCell;
    exec_ok(p);
    return cpu.x[5];
  }
};

// ---- LR/SC -------------------------------------------------------------------------------

TEST_F(AtomicTest, LrScWordSucceeds) {
  poke32(kCell, 0xffffffff);
  poke32(kCell + 4, 0x11111111);
  Program p;
  p << lr_w(5, 10) << sc_w(6, 7, 10) << ecall();
  cpu.x[6] = kSentinel;
  cpu.x[7] = 0x123456789abcdef0ull;
  cpu.x[10] = kCell;
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], kAll);  // lr.w sign-extends
  EXPECT_EQ(cpu.x[6], 0u);    // success
  EXPECT_EQ(read32(kCell), 0x9abcdef0u);
  EXPECT_EQ(read32(kCell + 4), 0x11111111u);
}

TEST_F(AtomicTest, LrScDoublewordSucceeds) {
  poke64(kCell, 0x8000000000000001ull);
  Program p;
  p << lr_d(5, 10) << addi(8, 5, 1) << sc_d(6, 8, 10) << ecall();
  cpu.x[6] = kSentinel;
  cpu.x[10] = kCell;
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], 0x8000000000000001ull);
  EXPECT_EQ(cpu.x[6], 0u);
  EXPECT_EQ(read64(kCell), 0x8000000000000002ull);
}

TEST_F(AtomicTest, ScWithoutReservationFailsAndDoesNotStore) {
  poke64(kCell, 0x1111111111111111ull);
  Program p;
  p << sc_w(6, 7, 10) << sc_d(8, 7, 10) << ecall();
  cpu.x[7] = 0x2222222222222222ull;
  cpu.x[10] = kCell;
  exec_ok(p);
  EXPECT_NE(cpu.x[6], 0u);
  EXPECT_NE(cpu.x[8], 0u);
  EXPECT_EQ(read64(kCell), 0x1111111111111111ull);
}

// Any SC, successful or not, invalidates the hart's reservation.
TEST_F(AtomicTest, ScAfterScFails) {
  poke32(kCell, 1);
  Program p;
  p << lr_w(5, 10) << sc_w(6, 7, 10) << sc_w(8, 9, 10) << ecall();
  cpu.x[7] = 2;
  cpu.x[9] = 3;
  cpu.x[10] = kCell;
  exec_ok(p);
  EXPECT_EQ(cpu.x[6], 0u);
  EXPECT_NE(cpu.x[8], 0u);
  EXPECT_EQ(read32(kCell), 2u);
}

TEST_F(AtomicTest, ScToADifferentAddressFails) {
  poke64(kCell, 1);
  poke64(kCell + 8, 5);
  Program p;
  p << lr_d(5, 10) << sc_d(6, 7, 11) << sc_d(8, 7, 10) << ecall();
  cpu.x[7] = 9;
  cpu.x[10] = kCell;
  cpu.x[11] = kCell + 8;
  exec_ok(p);
  EXPECT_NE(cpu.x[6], 0u);
  EXPECT_EQ(read64(kCell + 8), 5u);
  // The failed SC also dropped the reservation on kCell.
  EXPECT_NE(cpu.x[8], 0u);
  EXPECT_EQ(read64(kCell), 1u);
}

// ---- AMOs --------------------------------------------------------------------------------

TEST_F(AtomicTest, AmoaddWordSignExtendsOldValueIntoRd) {
  EXPECT_EQ(amo_w(amoadd_w, 0xffffffff, 1), kAll);
  EXPECT_EQ(read32(kCell), 0u);
  EXPECT_EQ(amo_w(amoadd_w, 0x7fffffff, 1), 0x7fffffffu);
  EXPECT_EQ(read32(kCell), 0x80000000u);
  EXPECT_EQ(amo_w(amoadd_w, 5, 0xffffffff'00000003ull), 5u);  // only rs2[31:0] is used
  EXPECT_EQ(read32(kCell), 8u);
}

TEST_F(AtomicTest, AmoWordLogicAndSwap) {
  EXPECT_EQ(amo_w(amoswap_w, 0x80000000, 0x1'0000000full), 0xffffffff80000000ull);
  EXPECT_EQ(read32(kCell), 0x0000000fu);
  EXPECT_EQ(amo_w(amoxor_w, 0x80000000, 0x1'0000000full), 0xffffffff80000000ull);
  EXPECT_EQ(read32(kCell), 0x8000000fu);
  EXPECT_EQ(amo_w(amoand_w, 0xf0f0f0f0, 0xff00ff00), 0xfffffffff0f0f0f0ull);
  EXPECT_EQ(read32(kCell), 0xf000f000u);
  EXPECT_EQ(amo_w(amoor_w, 0x0000f0f0, 0x80000000), 0xf0f0u);
  EXPECT_EQ(read32(kCell), 0x8000f0f0u);
}

// amomin/amomax compare as signed, amominu/amomaxu as unsigned, on 32 bits for .W.
TEST_F(AtomicTest, AmoMinMaxWordSignedVsUnsigned) {
  EXPECT_EQ(amo_w(amomin_w, 0xffffffff, 1), kAll);
  EXPECT_EQ(read32(kCell), 0xffffffffu);
  EXPECT_EQ(amo_w(amomax_w, 0xffffffff, 1), kAll);
  EXPECT_EQ(read32(kCell), 1u);
  EXPECT_EQ(amo_w(amominu_w, 0xffffffff, 1), kAll);
  EXPECT_EQ(read32(kCell), 1u);
  EXPECT_EQ(amo_w(amomaxu_w, 0xffffffff, 1), kAll);
  EXPECT_EQ(read32(kCell), 0xffffffffu);
  // The upper half of rs2 is ignored: 0x00000001'80000000 is -2^31 as a word.
  EXPECT_EQ(amo_w(amomin_w, 5, 0x1'80000000ull), 5u);
  EXPECT_EQ(read32(kCell), 0x80000000u);
  EXPECT_EQ(amo_w(amomaxu_w, 5, 0x1'80000000ull), 5u);
  EXPECT_EQ(read32(kCell), 0x80000000u);
}

TEST_F(AtomicTest, AmoDoubleword) {
  EXPECT_EQ(amo_d(amoadd_d, kAll, 2), kAll);
  EXPECT_EQ(read64(kCell), 1u);
  EXPECT_EQ(amo_d(amoswap_d, kMin64, 3), kMin64);
  EXPECT_EQ(read64(kCell), 3u);
  EXPECT_EQ(amo_d(amoxor_d, 0xff00, 0x0ff0), 0xff00u);
  EXPECT_EQ(read64(kCell), 0xf0f0u);
  EXPECT_EQ(amo_d(amoand_d, 0xff00, 0x0ff0), 0xff00u);
  EXPECT_EQ(read64(kCell), 0x0f00u);
  EXPECT_EQ(amo_d(amoor_d, 0xff00, 0x0ff0), 0xff00u);
  EXPECT_EQ(read64(kCell), 0xfff0u);
}

TEST_F(AtomicTest, AmoMinMaxDoublewordSignedVsUnsigned) {
  EXPECT_EQ(amo_d(amomin_d, kAll, 1), kAll);
  EXPECT_EQ(read64(kCell), kAll);
  EXPECT_EQ(amo_d(amomax_d, kAll, 1), kAll);
  EXPECT_EQ(read64(kCell), 1u);
  EXPECT_EQ(amo_d(amominu_d, kAll, 1), kAll);
  EXPECT_EQ(read64(kCell), 1u);
  EXPECT_EQ(amo_d(amomaxu_d, kAll, 1), kAll);
  EXPECT_EQ(read64(kCell), kAll);
  EXPECT_EQ(amo_d(amomin_d, kMax64, kMin64), kMax64);
  EXPECT_EQ(read64(kCell), kMin64);
  EXPECT_EQ(amo_d(amomaxu_d, kMax64, kMin64), kMax64);
  EXPECT_EQ(read64(kCell), kMin64);
}

// rd receives the old memory value and memory receives the old rs2, even when rd == rs2.
TEST_F(AtomicTest, AmoWithRdEqualRs2) {
  poke32(kCell, 0x11);
  poke64(kCell + 8, 10);
  Program p;
  p << amoswap_w(5, 5, 10) << amoadd_d(6, 6, 11) << ecall();
  cpu.x[5] = 0x22;
  cpu.x[6] = 5;
  cpu.x[10] = kCell;
  cpu.x[11] = kCell + 8;
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], 0x11u);
  EXPECT_EQ(read32(kCell), 0x22u);
  EXPECT_EQ(cpu.x[6], 10u);
  EXPECT_EQ(read64(kCell + 8), 15u);
}

TEST_F(AtomicTest, AmoWithRdX0StillUpdatesMemory) {
  poke32(kCell, 40);
  Program p;
  p << amoadd_w(0, 7, 10) << add(5, 0, 0) << ecall();
  cpu.x[5] = kSentinel;
  cpu.x[7] = 2;
  cpu.x[10] = kCell;
  exec_ok(p);
  EXPECT_EQ(read32(kCell), 42u);
  EXPECT_EQ(cpu.x[5], 0u);
}

// ---- Faults ------------------------------------------------------------------------------

// Misaligned atomics never succeed silently: Linux delivers SIGBUS (FaultKind::MisalignedAtomic).
TEST_F(AtomicTest, MisalignedAmoFaults) {
  poke64(kCell, 0x0102030405060708ull);
  Program p;
  p << addi(5, 0, 1) << amoadd_w(6, 7, 10) << ecall();
  cpu.x[6] = kSentinel;
  cpu.x[7] = 1;
  cpu.x[10] = kCell + 2;
  exec_fault(p, FaultKind::MisalignedAtomic, kCode + 4);
  EXPECT_EQ(fault.address, kCell + 2);
  EXPECT_EQ(cpu.instret, 1u);
  EXPECT_EQ(cpu.x[6], kSentinel);
  EXPECT_EQ(read64(kCell), 0x0102030405060708ull);
}

TEST_F(AtomicTest, MisalignedDoublewordAtomicsFault) {
  for (const Insn& insn : {amoswap_d(5, 7, 10), lr_d(5, 10), sc_d(5, 7, 10)}) {
    Program p;
    p << insn << ecall();
    cpu.x[10] = kCell + 4;  // 4-aligned is not enough for .D
    exec_fault(p, FaultKind::MisalignedAtomic, kCode);
    EXPECT_EQ(fault.address, kCell + 4);
  }
  Program p;
  p << lr_w(5, 10) << ecall();
  cpu.x[10] = kCell + 1;
  exec_fault(p, FaultKind::MisalignedAtomic, kCode);
  EXPECT_EQ(fault.address, kCell + 1);
}

// AMOs raise store/AMO access faults; LR raises a load access fault.
TEST_F(AtomicTest, AtomicsOnInaccessibleMemoryFault) {
  poke32(kReadOnly, 77);
  {
    Program p;
    p << amoadd_w(5, 7, 10) << ecall();
    cpu.x[10] = kReadOnly;
    exec_fault(p, FaultKind::StoreAccess, kCode);
    EXPECT_EQ(fault.address, kReadOnly);
    EXPECT_EQ(read32(kReadOnly), 77u);
  }
  {
    Program p;
    p << amoor_d(5, 7, 10) << ecall();
    cpu.x[10] = kUnmapped + 8;
    exec_fault(p, FaultKind::StoreAccess, kCode);
    EXPECT_EQ(fault.address, kUnmapped + 8);
  }
  {
    Program p;
    p << lr_w(5, 10) << ecall();
    cpu.x[10] = kUnmapped;
    exec_fault(p, FaultKind::LoadAccess, kCode);
    EXPECT_EQ(fault.address, kUnmapped);
  }
  {
    Program p;  // LR from a read-only page is a plain load: fine
    p << lr_w(5, 10) << ecall();
    cpu.x[10] = kReadOnly;
    exec_ok(p);
    EXPECT_EQ(cpu.x[5], 77u);
  }
}

}  // namespace
}  // namespace interp_test
