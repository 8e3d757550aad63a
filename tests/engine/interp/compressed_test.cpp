// RVC semantics (unprivileged ISA manual, chapter "C"): each compressed instruction behaves
// exactly like the 32-bit instruction it expands to, with its scrambled immediates, implied
// registers (sp, ra, x0) and a 2-byte instruction length (c.jalr links pc + 2).
#include "tests/engine/interp/interp_fixture.h"

namespace interp_test {
namespace {

constexpr uint64_t kMin64 = 0x8000000000000000ull;
constexpr uint64_t kMax64 = 0x7fffffffffffffffull;
constexpr uint64_t kAll = ~0ull;

class CompressedTest : public InterpTest {};

TEST_F(CompressedTest, Addi16spBothDirections) {
  const uint64_t sp = kData + 0x1000;
  Program p;
  p << c_addi16sp(-512) << c_mv(5, 2) << c_addi16sp(496) << c_mv(6, 2) << c_addi16sp(16) << ecall();
  cpu.x[2] = sp;
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], sp - 512);
  EXPECT_EQ(cpu.x[6], sp - 16);
  EXPECT_EQ(cpu.x[2], sp);
  EXPECT_EQ(cpu.instret, 6u);
}

TEST_F(CompressedTest, Addi4spn) {
  Program p;
  p << c_addi4spn(8, 1020) << c_addi4spn(15, 4) << c_addi4spn(9, 520) << ecall();
  cpu.x[2] = kData;
  exec_ok(p);
  EXPECT_EQ(cpu.x[8], kData + 1020);
  EXPECT_EQ(cpu.x[15], kData + 4);
  EXPECT_EQ(cpu.x[9], kData + 520);
  EXPECT_EQ(cpu.x[2], kData);
}

// c.lui loads a sign-extended nonzero 6-bit immediate into bits 17:12.
TEST_F(CompressedTest, LuiWithNegativeImmediates) {
  Program p;
  p << c_lui(5, -1) << c_lui(6, -32) << c_lui(7, 1) << c_lui(8, 31) << ecall();
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], 0xfffffffffffff000ull);
  EXPECT_EQ(cpu.x[6], 0xfffffffffffe0000ull);
  EXPECT_EQ(cpu.x[7], 0x1000u);
  EXPECT_EQ(cpu.x[8], 0x1f000u);
}

TEST_F(CompressedTest, LiAddiAddiw) {
  Program p;
  p << c_li(5, -32) << c_li(10, 31) << c_addi(6, -1) << c_addiw(7, 1) << c_addiw(8, 0)
    << c_addi(9, 31) << c_nop() << ecall();
  cpu.x[6] = 0;
  cpu.x[7] = 0x7fffffff;
  cpu.x[8] = 0x1'80000000ull;
  cpu.x[9] = 1;
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], static_cast<uint64_t>(-32));
  EXPECT_EQ(cpu.x[10], 31u);
  EXPECT_EQ(cpu.x[6], kAll);
  EXPECT_EQ(cpu.x[7], 0xffffffff80000000ull);
  EXPECT_EQ(cpu.x[8], 0xffffffff80000000ull);  // c.addiw rd, 0 is sext.w
  EXPECT_EQ(cpu.x[9], 32u);
  EXPECT_EQ(cpu.instret, 8u);
}

TEST_F(CompressedTest, ShiftsAndAndi) {
  Program p;
  p << c_srai(8, 63) << c_srli(9, 1) << c_srai(10, 32) << c_srli(11, 63) << c_slli(5, 63)
    << c_andi(12, -32) << c_andi(13, 15) << c_andi(14, 0) << ecall();
  cpu.x[8] = kMin64;
  cpu.x[9] = kAll;
  cpu.x[10] = kMin64;
  cpu.x[11] = kMin64;
  cpu.x[5] = 1;
  cpu.x[12] = kAll;
  cpu.x[13] = 0x1234;
  cpu.x[14] = kAll;
  exec_ok(p);
  EXPECT_EQ(cpu.x[8], kAll);
  EXPECT_EQ(cpu.x[9], kMax64);
  EXPECT_EQ(cpu.x[10], 0xffffffff80000000ull);
  EXPECT_EQ(cpu.x[11], 1u);
  EXPECT_EQ(cpu.x[5], kMin64);
  EXPECT_EQ(cpu.x[12], 0xffffffffffffffe0ull);
  EXPECT_EQ(cpu.x[13], 4u);
  EXPECT_EQ(cpu.x[14], 0u);
}

TEST_F(CompressedTest, RegisterArithmetic) {
  Program p;
  p << c_mv(5, 6) << c_add(7, 6) << c_sub(8, 9) << c_xor(10, 9) << c_or(11, 9) << c_and(12, 9)
    << c_subw(13, 14) << c_addw(15, 14) << ecall();
  cpu.x[6] = 40;
  cpu.x[7] = 2;
  cpu.x[8] = 10;
  cpu.x[9] = 0xff0;
  cpu.x[10] = 0x0ff;
  cpu.x[11] = 0x00f;
  cpu.x[12] = 0x0ff;
  cpu.x[13] = 0x80000000;
  cpu.x[14] = 1;
  cpu.x[15] = 0x7fffffff;
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], 40u);
  EXPECT_EQ(cpu.x[7], 42u);
  EXPECT_EQ(cpu.x[8], uint64_t{10} - 0xff0);
  EXPECT_EQ(cpu.x[10], 0xf0fu);
  EXPECT_EQ(cpu.x[11], 0xfffu);
  EXPECT_EQ(cpu.x[12], 0x0f0u);
  EXPECT_EQ(cpu.x[13], 0x7fffffffu);
  EXPECT_EQ(cpu.x[15], 0xffffffff80000000ull);
}

TEST_F(CompressedTest, StackPointerLoadsAndStores) {
  const uint64_t sp = kData + 0x100;
  poke32(sp + 4, 0x80000000);
  poke32(sp + 252, 0x7ffffffe);
  poke64(sp + 504, 0x0123456789abcdefull);
  poke64(sp + 256, kOneD);
  Program p;
  p << c_lwsp(5, 4) << c_lwsp(6, 252) << c_ldsp(7, 504) << c_sdsp(7, 488) << c_swsp(5, 64)
    << c_fldsp(3, 256) << c_fsdsp(3, 320) << ecall();
  cpu.x[2] = sp;
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], 0xffffffff80000000ull);  // c.lwsp sign-extends
  EXPECT_EQ(cpu.x[6], 0x7ffffffeu);
  EXPECT_EQ(cpu.x[7], 0x0123456789abcdefull);
  EXPECT_EQ(read64(sp + 488), 0x0123456789abcdefull);
  EXPECT_EQ(read64(sp + 64), 0x0000000080000000ull);  // c.swsp writes 4 bytes
  EXPECT_EQ(cpu.f[3], kOneD);
  EXPECT_EQ(read64(sp + 320), kOneD);
}

TEST_F(CompressedTest, RegisterBasedLoadsAndStores) {
  poke32(kData + 124, 0xfffffffe);
  poke64(kData + 248, 0x1122334455667788ull);
  poke64(kData + 136, kTwoD);
  Program p;
  p << c_lw(10, 8, 124) << c_ld(11, 8, 248) << c_sw(12, 8, 64) << c_sd(13, 8, 72)
    << c_fld(9, 8, 136) << c_fsd(9, 8, 200) << ecall();
  cpu.x[8] = kData;
  cpu.x[12] = 0xaaaaaaaa'12345678ull;
  cpu.x[13] = 0xfedcba9876543210ull;
  exec_ok(p);
  EXPECT_EQ(cpu.x[10], static_cast<uint64_t>(-2));
  EXPECT_EQ(cpu.x[11], 0x1122334455667788ull);
  EXPECT_EQ(read64(kData + 64), 0x12345678u);
  EXPECT_EQ(read64(kData + 72), 0xfedcba9876543210ull);
  EXPECT_EQ(cpu.f[9], kTwoD);
  EXPECT_EQ(read64(kData + 200), kTwoD);
}

TEST_F(CompressedTest, JumpsForwardAndBackward) {
  Program p;
  p << c_j(6)      // 0  -> 6
    << c_li(5, 1)  // 2  (skipped)
    << c_j(8)      // 4  -> 12
    << c_li(6, 2)  // 6
    << c_j(-4)     // 8  -> 4
    << c_li(5, 3)  // 10 (skipped)
    << ecall();    // 12
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], 0u);
  EXPECT_EQ(cpu.x[6], 2u);
  EXPECT_EQ(cpu.instret, 5u);
}

TEST_F(CompressedTest, BranchesForwardAndBackward) {
  Program p;
  p << c_addi(9, 3)   // 0: loop
    << c_addi(8, -1)  // 2
    << c_bnez(8, -4)  // 4  -> 0 while x8 != 0
    << c_beqz(8, 4)   // 6  -> 10 (taken)
    << c_li(5, 1)     // 8  (skipped)
    << c_bnez(8, 4)   // 10 (not taken)
    << c_li(6, 7)     // 12
    << ecall();       // 14
  cpu.x[8] = 5;
  exec_ok(p);
  EXPECT_EQ(cpu.x[9], 15u);
  EXPECT_EQ(cpu.x[5], 0u);
  EXPECT_EQ(cpu.x[6], 7u);
  EXPECT_EQ(cpu.instret, 5u * 3 + 4);
}

// c.jalr links the address of the following instruction: pc + 2.
TEST_F(CompressedTest, JalrLinksPcPlus2AndJr) {
  Program p;
  p << c_jalr(6)   // 0: ra = 2, -> 8
    << c_li(5, 1)  // 2
    << ecall()     // 4
    << c_jr(1)     // 8: -> 2
    << ecall();    // 10
  cpu.x[6] = kCode + 8;
  const StopReason reason = exec(p);
  ASSERT_EQ(reason, StopReason::Syscall) << describe(reason, fault, cpu);
  EXPECT_EQ(cpu.pc, kCode + 4);
  EXPECT_EQ(cpu.x[1], kCode + 2);
  EXPECT_EQ(cpu.x[5], 1u);
  EXPECT_EQ(cpu.instret, 4u);
}

// c.jalr ra: the target is read before ra is overwritten.
TEST_F(CompressedTest, JalrThroughRa) {
  Program p;
  p << c_jalr(1)   // 0: -> old ra (6), ra = 2
    << c_li(5, 1)  // 2
    << c_nop()     // 4
    << c_li(6, 2)  // 6
    << ecall();    // 8
  cpu.x[1] = kCode + 6;
  exec_ok(p);
  EXPECT_EQ(cpu.x[1], kCode + 2);
  EXPECT_EQ(cpu.x[5], 0u);
  EXPECT_EQ(cpu.x[6], 2u);
}

// 32-bit instructions need only 2-byte alignment when C is present, including across pages.
TEST_F(CompressedTest, MixedLengthsAndUnalignedWideInstructions) {
  Program p;
  p << c_li(5, 1) << addi(5, 5, 1) << c_addi(5, 1) << ecall();
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], 3u);
  EXPECT_EQ(cpu.instret, 4u);

  Program straddle(kCode + 0x1000 - 2);  // addi occupies the last 2 bytes of one page
  straddle << addi(6, 0, 9) << c_addi(6, 1) << ecall();
  cpu.instret = 0;
  exec_ok(straddle);
  EXPECT_EQ(cpu.x[6], 10u);
  EXPECT_EQ(cpu.instret, 3u);
}

TEST_F(CompressedTest, EbreakStopsWithBreakpoint) {
  Program p;
  p << c_li(5, 1) << c_ebreak() << ecall();
  exec_fault(p, FaultKind::Breakpoint, kCode + 2);
  EXPECT_EQ(cpu.instret, 1u);
}

// RVC HINTs (rd = x0, or a zero shift amount) execute as no-ops.
TEST_F(CompressedTest, HintsExecuteAsNoOps) {
  Program p;
  p << c_addi(0, 5) << c_li(0, 3) << c_mv(0, 5) << c_add(0, 5) << c_slli(0, 3) << c_lui(0, 1)
    << c_srli(8, 0) << c_srai(9, 0) << c_slli(5, 0) << c_addi(6, 0) << add(7, 0, 0) << ecall();
  cpu.x[5] = 0x1234;
  cpu.x[6] = 0x5678;
  cpu.x[7] = kSentinel;
  cpu.x[8] = kMin64;
  cpu.x[9] = kMin64;
  exec_ok(p);
  EXPECT_EQ(cpu.x[5], 0x1234u);
  EXPECT_EQ(cpu.x[6], 0x5678u);
  EXPECT_EQ(cpu.x[7], 0u);
  EXPECT_EQ(cpu.x[8], kMin64);
  EXPECT_EQ(cpu.x[9], kMin64);
  EXPECT_EQ(cpu.instret, 12u);
}

// Reserved RVC encodings are illegal instructions: c.addi16sp 0, c.lui rd, 0, c.lwsp/c.ldsp
// with rd = x0, c.jr x0, c.addiw x0, c.addi4spn with 0, quadrant 0 funct3 100, c.unimp.
TEST_F(CompressedTest, ReservedEncodingsAreIllegal) {
  for (uint32_t bits :
       {0x6101u, 0x6281u, 0x4002u, 0x6002u, 0x8002u, 0x2001u, 0x0004u, 0x8000u, 0x0000u}) {
    SCOPED_TRACE(testing::Message() << std::hex << "0x" << bits);
    Program p;
    p << c_li(5, 1) << illegal16(bits) << c_nop() << ecall();
    cpu.instret = 0;
    exec_fault(p, FaultKind::IllegalInstruction, kCode + 2);
    EXPECT_EQ(fault.bits, bits);
    EXPECT_EQ(fault.length, 2);
    EXPECT_EQ(cpu.instret, 1u);
  }
}

}  // namespace
}  // namespace interp_test
