// Zba/Zbb/Zbs semantics (RISC-V Bit-Manipulation ISA-extensions, version 1.0.0): edge values
// of every instruction the decoder accepts.
#include "tests/engine/interp/interp_fixture.h"

namespace interp_test {
namespace {

constexpr uint64_t kMin64 = 0x8000000000000000ull;
constexpr uint64_t kMax64 = 0x7fffffffffffffffull;
constexpr uint64_t kAll = ~0ull;

class BitmanipTest : public InterpTest {};

// ---- Zba -----------------------------------------------------------------------------------

TEST_F(BitmanipTest, ShiftAdd) {
  EXPECT_EQ(rr(sh1add, kMin64 | 1, 1), 3u);  // the shifted-out bit is lost
  EXPECT_EQ(rr(sh2add, 3, 4), 16u);
  EXPECT_EQ(rr(sh3add, 1, 0x10), 0x18u);
  EXPECT_EQ(rr(sh3add, kAll, 0), static_cast<uint64_t>(-8));
}

// The .uw forms zero-extend the low 32 bits of rs1 before shifting.
TEST_F(BitmanipTest, UnsignedWordForms) {
  EXPECT_EQ(rr(add_uw, kAll, 1), 0x1'00000000ull);
  EXPECT_EQ(rr(sh1add_uw, 0xffffffff'80000000ull, 0), 0x1'00000000ull);
  EXPECT_EQ(rr(sh2add_uw, kAll, 1), 0x3'fffffffdull);
  EXPECT_EQ(rr(sh3add_uw, 0xffffffff'00000001ull, 0x10), 0x18u);
  EXPECT_EQ(r1(slli_uw(5, 6, 1), 0xffffffff'80000000ull), 0x1'00000000ull);
  EXPECT_EQ(r1(slli_uw(5, 6, 63), kAll), kMin64);
  EXPECT_EQ(r1(slli_uw(5, 6, 0), kAll), 0xffffffffu);
}

// ---- Zbb -----------------------------------------------------------------------------------

TEST_F(BitmanipTest, CountLeadingTrailingZerosAndPopulation) {
  EXPECT_EQ(r1(clz, 0), 64u);
  EXPECT_EQ(r1(clz, 1), 63u);
  EXPECT_EQ(r1(clz, kAll), 0u);
  EXPECT_EQ(r1(clz, 0x00ff000000000000ull), 8u);
  EXPECT_EQ(r1(ctz, 0), 64u);
  EXPECT_EQ(r1(ctz, kMin64), 63u);
  EXPECT_EQ(r1(ctz, 8), 3u);
  EXPECT_EQ(r1(cpop, 0), 0u);
  EXPECT_EQ(r1(cpop, kAll), 64u);
  EXPECT_EQ(r1(cpop, kMin64 | 1), 2u);
}

TEST_F(BitmanipTest, WordCountsIgnoreTheUpperHalf) {
  EXPECT_EQ(r1(clzw, 0), 32u);
  EXPECT_EQ(r1(clzw, 1), 31u);
  EXPECT_EQ(r1(clzw, 0xffffffff'00000001ull), 31u);
  EXPECT_EQ(r1(clzw, 0x80000000), 0u);
  EXPECT_EQ(r1(ctzw, 0), 32u);
  EXPECT_EQ(r1(ctzw, 0xffffffff'00000000ull), 32u);
  EXPECT_EQ(r1(ctzw, 0x80000000), 31u);
  EXPECT_EQ(r1(cpopw, 0xffffffff'0000000full), 4u);
  EXPECT_EQ(r1(cpopw, kAll), 32u);
}

TEST_F(BitmanipTest, ByteOperations) {
  EXPECT_EQ(r1(rev8, 0x0102030405060708ull), 0x0807060504030201ull);
  EXPECT_EQ(r1(rev8, 0xff), 0xff00000000000000ull);
  EXPECT_EQ(r1(orc_b, 0x0000000100800000ull), 0x000000ff00ff0000ull);
  EXPECT_EQ(r1(orc_b, 0), 0u);
  EXPECT_EQ(r1(orc_b, 0x0101010101010101ull), kAll);
}

TEST_F(BitmanipTest, SignAndZeroExtension) {
  EXPECT_EQ(r1(sext_b, 0x80), 0xffffffffffffff80ull);
  EXPECT_EQ(r1(sext_b, 0x17f), 0x7fu);
  EXPECT_EQ(r1(sext_h, 0x8000), 0xffffffffffff8000ull);
  EXPECT_EQ(r1(sext_h, 0xffff7fff), 0x7fffu);
  EXPECT_EQ(r1(zext_h, kAll), 0xffffu);
}

TEST_F(BitmanipTest, MinMaxSignedVsUnsigned) {
  EXPECT_EQ(rr(min, kAll, 1), kAll);
  EXPECT_EQ(rr(minu, kAll, 1), 1u);
  EXPECT_EQ(rr(max, kAll, 1), 1u);
  EXPECT_EQ(rr(maxu, kAll, 1), kAll);
  EXPECT_EQ(rr(min, kMin64, kMax64), kMin64);
  EXPECT_EQ(rr(maxu, kMin64, kMax64), kMin64);
}

TEST_F(BitmanipTest, LogicWithNegate) {
  EXPECT_EQ(rr(andn, 0xff, 0x0f), 0xf0u);
  EXPECT_EQ(rr(orn, 0, 0xffffffffffffff00ull), 0xffu);
  EXPECT_EQ(rr(xnor, 0x1234, 0x1234), kAll);
  EXPECT_EQ(rr(xnor, 0, kAll), 0u);
}

TEST_F(BitmanipTest, Rotates) {
  EXPECT_EQ(rr(rol, kMin64, 1), 1u);
  EXPECT_EQ(rr(rol, 1, 65), 2u);  // amount masked to 6 bits
  EXPECT_EQ(rr(ror, 1, 1), kMin64);
  EXPECT_EQ(rr(ror, 1, 64), 1u);
  EXPECT_EQ(r1(rori(5, 6, 0), 0x0123456789abcdefull), 0x0123456789abcdefull);
  EXPECT_EQ(r1(rori(5, 6, 63), 1), 2u);
  EXPECT_EQ(r1(rori(5, 6, 63), kMin64), 1u);
  EXPECT_EQ(r1(rori(5, 6, 4), 0x0123456789abcdefull), 0xf0123456789abcdeull);
}

// The W rotates work on the low 32 bits (amount mod 32) and sign-extend the result.
TEST_F(BitmanipTest, WordRotatesSignExtend) {
  EXPECT_EQ(rr(rolw, 0x80000000, 1), 1u);
  EXPECT_EQ(rr(rolw, 0x40000000, 1), 0xffffffff80000000ull);
  EXPECT_EQ(rr(rolw, 1, 33), 2u);
  EXPECT_EQ(rr(rorw, 1, 1), 0xffffffff80000000ull);
  EXPECT_EQ(rr(rorw, 0xffffffff'00000002ull, 1), 1u);
  EXPECT_EQ(r1(roriw(5, 6, 0), 0x1'80000000ull), 0xffffffff80000000ull);
  EXPECT_EQ(r1(roriw(5, 6, 31), 1), 2u);
  EXPECT_EQ(r1(roriw(5, 6, 1), 1), 0xffffffff80000000ull);
}

// ---- Zbs -----------------------------------------------------------------------------------

TEST_F(BitmanipTest, SingleBitImmediates) {
  EXPECT_EQ(r1(bexti(5, 6, 63), kMin64), 1u);
  EXPECT_EQ(r1(bexti(5, 6, 63), kMax64), 0u);
  EXPECT_EQ(r1(bexti(5, 6, 0), 3), 1u);
  EXPECT_EQ(r1(bseti(5, 6, 63), 0), kMin64);
  EXPECT_EQ(r1(bclri(5, 6, 63), kAll), kMax64);
  EXPECT_EQ(r1(binvi(5, 6, 63), 0), kMin64);
  EXPECT_EQ(r1(binvi(5, 6, 63), kMin64), 0u);
  EXPECT_EQ(r1(bseti(5, 6, 32), 0), 0x1'00000000ull);
}

TEST_F(BitmanipTest, SingleBitRegisterFormsMaskTheIndex) {
  EXPECT_EQ(rr(bext, kMin64, 127), 1u);
  EXPECT_EQ(rr(bext, kMin64, 63), 1u);
  EXPECT_EQ(rr(bext, 2, 65), 1u);
  EXPECT_EQ(rr(bset, 0, 64), 1u);
  EXPECT_EQ(rr(bclr, kAll, 64 + 5), ~uint64_t{0x20});
  EXPECT_EQ(rr(binv, 0, 63), kMin64);
  EXPECT_EQ(rr(binv, kAll, 0), kAll - 1);
}

}  // namespace
}  // namespace interp_test
