// M extension semantics. Expected values from the unprivileged ISA manual, chapter "M":
// division by zero gives quotient all ones (-1 / 2^XLEN-1) and remainder = dividend;
// signed overflow (most negative / -1) gives quotient = dividend and remainder 0; no traps.
// The W forms use the low 32 bits of the operands and sign-extend the 32-bit result.
#include "tests/engine/interp/interp_fixture.h"

namespace interp_test {
namespace {

constexpr uint64_t kMin64 = 0x8000000000000000ull;
constexpr uint64_t kMax64 = 0x7fffffffffffffffull;
constexpr uint64_t kAll = ~0ull;
constexpr uint64_t neg(uint64_t v) { return 0 - v; }

class MulDivTest : public InterpTest {};

TEST_F(MulDivTest, DivisionByZero) {
  EXPECT_EQ(rr(div, 7, 0), kAll);
  EXPECT_EQ(rr(div, kMin64, 0), kAll);
  EXPECT_EQ(rr(div, 0, 0), kAll);
  EXPECT_EQ(rr(divu, 7, 0), kAll);
  EXPECT_EQ(rr(divu, kAll, 0), kAll);
  EXPECT_EQ(rr(rem, 7, 0), 7u);
  EXPECT_EQ(rr(rem, neg(7), 0), neg(7));
  EXPECT_EQ(rr(rem, kMin64, 0), kMin64);
  EXPECT_EQ(rr(remu, 7, 0), 7u);
  EXPECT_EQ(rr(remu, kAll, 0), kAll);
}

TEST_F(MulDivTest, SignedOverflow) {
  EXPECT_EQ(rr(div, kMin64, kAll), kMin64);
  EXPECT_EQ(rr(rem, kMin64, kAll), 0u);
  // Not an overflow for the unsigned forms.
  EXPECT_EQ(rr(divu, kMin64, kAll), 0u);
  EXPECT_EQ(rr(remu, kMin64, kAll), kMin64);
}

// Division rounds toward zero; the remainder has the sign of the dividend.
TEST_F(MulDivTest, SignedDivisionTruncates) {
  EXPECT_EQ(rr(div, neg(7), 2), neg(3));
  EXPECT_EQ(rr(rem, neg(7), 2), neg(1));
  EXPECT_EQ(rr(div, 7, neg(2)), neg(3));
  EXPECT_EQ(rr(rem, 7, neg(2)), 1u);
  EXPECT_EQ(rr(div, neg(7), neg(2)), 3u);
  EXPECT_EQ(rr(rem, neg(7), neg(2)), neg(1));
  EXPECT_EQ(rr(div, kMax64, kMin64), 0u);
  EXPECT_EQ(rr(rem, kMax64, kMin64), kMax64);
  EXPECT_EQ(rr(divu, kAll, 2), kMax64);
  EXPECT_EQ(rr(remu, kAll, 2), 1u);
  EXPECT_EQ(rr(divu, neg(7), 2), 0x7ffffffffffffffcull);
}

TEST_F(MulDivTest, WordDivisionByZero) {
  EXPECT_EQ(rr(divw, 7, 0), kAll);
  EXPECT_EQ(rr(divw, 7, 0x1'00000000ull), kAll);  // only the low 32 bits of rs2 count
  EXPECT_EQ(rr(divuw, 7, 0), kAll);               // 0xffffffff sign-extended
  EXPECT_EQ(rr(divuw, 7, 0xffffffff'00000000ull), kAll);
  EXPECT_EQ(rr(remw, 0x1'80000000ull, 0), 0xffffffff80000000ull);  // sext of the low word
  EXPECT_EQ(rr(remw, 5, 0x1'00000000ull), 5u);
  EXPECT_EQ(rr(remuw, 0x1'80000000ull, 0), 0xffffffff80000000ull);
  EXPECT_EQ(rr(remuw, 0x12345678'00000005ull, 0), 5u);
}

TEST_F(MulDivTest, WordSignedOverflow) {
  EXPECT_EQ(rr(divw, 0x80000000, 0xffffffff), 0xffffffff80000000ull);
  EXPECT_EQ(rr(divw, 0xffffffff'80000000ull, kAll), 0xffffffff80000000ull);
  EXPECT_EQ(rr(remw, 0x80000000, 0xffffffff), 0u);
}

TEST_F(MulDivTest, WordDivisionUsesLow32BitsAndSignExtends) {
  EXPECT_EQ(rr(divw, 0x1'00000006ull, 0xffffffff'00000003ull), 2u);
  EXPECT_EQ(rr(divw, 0xfffffff9, 2), neg(3));  // -7 / 2
  EXPECT_EQ(rr(remw, 0xfffffff9, 2), kAll);    // -7 % 2 = -1
  EXPECT_EQ(rr(divuw, 0xffffffff, 1), kAll);   // 0xffffffff sign-extended
  EXPECT_EQ(rr(divuw, 0x80000000, 1), 0xffffffff80000000ull);
  EXPECT_EQ(rr(divuw, 0xffffffff, 2), 0x7fffffffu);
  EXPECT_EQ(rr(remuw, 0xffffffff, 0x10), 0xfu);
  EXPECT_EQ(rr(remuw, 0x80000005, 0x80000000), 5u);
  EXPECT_EQ(rr(remuw, 0xffffffff, 0x80000000), 0x7fffffffu);
}

TEST_F(MulDivTest, MulLowBits) {
  EXPECT_EQ(rr(mul, 0x1'00000000ull, 0x1'00000000ull), 0u);
  EXPECT_EQ(rr(mul, kAll, kAll), 1u);
  EXPECT_EQ(rr(mul, kMin64, kAll), kMin64);
  EXPECT_EQ(rr(mul, 0x123456789ull, 0x10), 0x1234567890ull);
}

TEST_F(MulDivTest, MulHighSignedUnsignedMixed) {
  // mulh: signed x signed
  EXPECT_EQ(rr(mulh, kAll, kAll), 0u);
  EXPECT_EQ(rr(mulh, kAll, 1), kAll);
  EXPECT_EQ(rr(mulh, kMin64, kMin64), 0x4000000000000000ull);
  EXPECT_EQ(rr(mulh, kMax64, kMax64), 0x3fffffffffffffffull);
  EXPECT_EQ(rr(mulh, kMin64, kMax64), 0xc000000000000000ull);
  EXPECT_EQ(rr(mulh, 2, 3), 0u);
  // mulhu: unsigned x unsigned
  EXPECT_EQ(rr(mulhu, kAll, kAll), 0xfffffffffffffffeull);
  EXPECT_EQ(rr(mulhu, kMin64, 2), 1u);
  EXPECT_EQ(rr(mulhu, 0x1'00000000ull, 0x1'00000000ull), 1u);
  EXPECT_EQ(rr(mulhu, kAll, 1), 0u);
  // mulhsu: signed rs1 x unsigned rs2
  EXPECT_EQ(rr(mulhsu, kAll, kAll), kAll);  // -(2^64-1) = -2^64 + 1
  EXPECT_EQ(rr(mulhsu, 1, kAll), 0u);
  EXPECT_EQ(rr(mulhsu, kMin64, kAll), kMin64);  // -2^127 + 2^63
  EXPECT_EQ(rr(mulhsu, neg(2), kMin64), kAll);  // -2^64
  EXPECT_EQ(rr(mulhsu, 2, kMin64), 1u);         // 2^64
  EXPECT_EQ(rr(mulhsu, kAll, 1), kAll);         // -1
}

TEST_F(MulDivTest, MulwSignExtendsLow32Bits) {
  EXPECT_EQ(rr(mulw, 0x7fffffff, 2), 0xfffffffffffffffeull);
  EXPECT_EQ(rr(mulw, 0x1'00000003ull, 0x1'00000005ull), 15u);
  EXPECT_EQ(rr(mulw, 0x10000, 0x10000), 0u);
  EXPECT_EQ(rr(mulw, 0x10000, 0x8000), 0xffffffff80000000ull);
}

TEST_F(MulDivTest, DestinationMayAliasSources) {
  Program p;
  p << div(6, 6, 7) << rem(7, 8, 7) << mulh(9, 9, 9) << ecall();
  cpu.x[6] = 100;
  cpu.x[7] = 7;
  cpu.x[8] = 30;
  cpu.x[9] = kMin64;
  exec_ok(p);
  EXPECT_EQ(cpu.x[6], 14u);
  EXPECT_EQ(cpu.x[7], 2u);
  EXPECT_EQ(cpu.x[9], 0x4000000000000000ull);
}

}  // namespace
}  // namespace interp_test
