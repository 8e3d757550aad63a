// F and D extension semantics, as executed by the interpreter (unprivileged ISA manual,
// chapters "F" and "D", and IEEE 754-2008 for the arithmetic): float->int saturation and
// NaN inputs, fmin/fmax NaN and signed-zero rules, every static rounding mode and the
// dynamic one through frm, reserved rounding modes, exact fflags, NaN boxing.
#include "tests/engine/interp/interp_fixture.h"

namespace interp_test {
namespace {

constexpr uint64_t kMin64 = 0x8000000000000000ull;
constexpr uint64_t kMax64 = 0x7fffffffffffffffull;
constexpr uint64_t kAll = ~0ull;
constexpr uint64_t kInt32Max = 0x7fffffffu;
constexpr uint64_t kInt32MinSext = 0xffffffff80000000ull;
constexpr uint64_t kDblMax = 0x7fefffffffffffffull;
constexpr uint32_t kFltMax = 0x7f7fffffu;

class FloatTest : public InterpTest {
 protected:
  // Runs `insn; ecall` (insn reads f1, f2, f3 / x6 and writes f4 / x5) with fflags cleared
  // and frm = `frm`.
  void run_one(const Insn& insn, uint32_t frm = 0) {
    Program p;
    p << insn << ecall();
    cpu.fflags = 0;
    cpu.frm = frm;
    exec_ok(p);
  }
  // FP result in f4.
  uint64_t f(const Insn& insn, uint64_t a, uint64_t b = 0, uint64_t c = 0) {
    cpu.f[1] = a;
    cpu.f[2] = b;
    cpu.f[3] = c;
    cpu.f[4] = kSentinel;
    run_one(insn);
    return cpu.f[4];
  }
  // Integer result in x5 from FP sources f1, f2.
  uint64_t x(const Insn& insn, uint64_t a, uint64_t b = 0) {
    cpu.f[1] = a;
    cpu.f[2] = b;
    cpu.x[5] = kSentinel;
    run_one(insn);
    return cpu.x[5];
  }
  // FP result in f4 from integer source x6.
  uint64_t from_int(const Insn& insn, uint64_t v) {
    cpu.x[6] = v;
    cpu.f[4] = kSentinel;
    run_one(insn);
    return cpu.f[4];
  }
};

// ---- Float -> integer conversions ------------------------------------------------------

// Spec table "Domains of float-to-integer conversions": NaN and +inf/too large give the
// maximum, -inf/too small the minimum, all with NV; fcvt.w[u] sign-extends its 32-bit result.
TEST_F(FloatTest, FcvtWSSaturatesAndNaNGivesMaxPositive) {
  EXPECT_EQ(x(fcvt_w_s(5, 1, kRTZ), box(kQNaNS)), kInt32Max);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_w_s(5, 1, kRTZ), box(0xffc00000)), kInt32Max);  // negative NaN too
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_w_s(5, 1, kRTZ), box(kSNaNS)), kInt32Max);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_w_s(5, 1, kRTZ), box(kInfS)), kInt32Max);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_w_s(5, 1, kRTZ), box(0xff800000)), kInt32MinSext);  // -inf
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_w_s(5, 1, kRTZ), box(s(3e9f))), kInt32Max);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_w_s(5, 1, kRTZ), box(s(-3e9f))), kInt32MinSext);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_w_s(5, 1, kRTZ), box(0x4f000000)), kInt32Max);  // 2^31
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_w_s(5, 1, kRTZ), box(0xcf000000)), kInt32MinSext);  // -2^31 is exact
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(x(fcvt_w_s(5, 1, kRTZ), box(kNegZeroS)), 0u);
  EXPECT_EQ(cpu.fflags, 0u);
}

TEST_F(FloatTest, FcvtWSRoundsPerStaticMode) {
  const uint32_t p15 = s(1.5f), m15 = s(-1.5f), p25 = s(2.5f);
  EXPECT_EQ(x(fcvt_w_s(5, 1, kRTZ), box(p15)), 1u);
  EXPECT_EQ(cpu.fflags, NX);
  EXPECT_EQ(x(fcvt_w_s(5, 1, kRNE), box(p15)), 2u);
  EXPECT_EQ(cpu.fflags, NX);
  EXPECT_EQ(x(fcvt_w_s(5, 1, kRNE), box(p25)), 2u);
  EXPECT_EQ(x(fcvt_w_s(5, 1, kRMM), box(p25)), 3u);
  EXPECT_EQ(x(fcvt_w_s(5, 1, kRNE), box(m15)), static_cast<uint64_t>(-2));
  EXPECT_EQ(x(fcvt_w_s(5, 1, kRDN), box(m15)), static_cast<uint64_t>(-2));
  EXPECT_EQ(x(fcvt_w_s(5, 1, kRUP), box(m15)), static_cast<uint64_t>(-1));
  EXPECT_EQ(x(fcvt_w_s(5, 1, kRTZ), box(m15)), static_cast<uint64_t>(-1));
  EXPECT_EQ(x(fcvt_w_s(5, 1, kRMM), box(m15)), static_cast<uint64_t>(-2));
  EXPECT_EQ(cpu.fflags, NX);
}

TEST_F(FloatTest, FcvtWUDSaturatesAndSignExtends) {
  EXPECT_EQ(x(fcvt_wu_d(5, 1, kRTZ), kQNaND), kAll);  // 0xffffffff sign-extended
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_wu_d(5, 1, kRTZ), kInfD), kAll);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_wu_d(5, 1, kRTZ), kNegInfD), 0u);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_wu_d(5, 1, kRTZ), d(-1.0)), 0u);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_wu_d(5, 1, kRTZ), d(4294967296.0)), kAll);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_wu_d(5, 1, kRTZ), d(4294967295.0)), kAll);  // exact, in range
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(x(fcvt_wu_d(5, 1, kRTZ), d(2147483648.0)), kInt32MinSext);  // 0x80000000 sext
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(x(fcvt_wu_d(5, 1, kRTZ), d(4294967295.5)), kAll);
  EXPECT_EQ(cpu.fflags, NX);
  EXPECT_EQ(x(fcvt_wu_d(5, 1, kRNE), d(4294967295.5)), kAll);  // rounds to 2^32: too large
  EXPECT_EQ(cpu.fflags, NV);
}

// Range checks apply to the rounded value: -0.5 rounds to -0 (representable, only NX) under
// RTZ, but to -1 (out of range for unsigned, NV) under RDN.
TEST_F(FloatTest, FcvtUnsignedOfSmallNegativeDependsOnRounding) {
  EXPECT_EQ(x(fcvt_wu_d(5, 1, kRTZ), d(-0.5)), 0u);
  EXPECT_EQ(cpu.fflags, NX);
  EXPECT_EQ(x(fcvt_wu_d(5, 1, kRDN), d(-0.5)), 0u);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_lu_s(5, 1, kRNE), box(s(-0.25f))), 0u);
  EXPECT_EQ(cpu.fflags, NX);
}

TEST_F(FloatTest, FcvtLDSaturates) {
  EXPECT_EQ(x(fcvt_l_d(5, 1, kRTZ), kQNaND), kMax64);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_l_d(5, 1, kRTZ), 0xfff8000000000000ull), kMax64);  // negative NaN
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_l_d(5, 1, kRTZ), kInfD), kMax64);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_l_d(5, 1, kRTZ), kNegInfD), kMin64);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_l_d(5, 1, kRTZ), d(9223372036854775808.0)), kMax64);  // 2^63
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_l_d(5, 1, kRTZ), d(-9223372036854775808.0)), kMin64);  // exact
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(x(fcvt_l_d(5, 1, kRTZ), d(1e19)), kMax64);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_l_d(5, 1, kRTZ), d(-1.5)), static_cast<uint64_t>(-1));
  EXPECT_EQ(cpu.fflags, NX);
  EXPECT_EQ(x(fcvt_lu_d(5, 1, kRTZ), d(-1.0)), 0u);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_lu_d(5, 1, kRTZ), kQNaND), kAll);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_lu_d(5, 1, kRTZ), d(18446744073709551616.0)), kAll);  // 2^64
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_lu_d(5, 1, kRTZ), d(9223372036854775808.0)), kMin64);  // 2^63 fits
  EXPECT_EQ(cpu.fflags, 0u);
}

TEST_F(FloatTest, FcvtWDAndSingleToLongEdges) {
  EXPECT_EQ(x(fcvt_w_d(5, 1, kRTZ), kQNaND), kInt32Max);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_w_d(5, 1, kRTZ), d(-2147483648.5)), kInt32MinSext);  // rounds into range
  EXPECT_EQ(cpu.fflags, NX);
  EXPECT_EQ(x(fcvt_w_d(5, 1, kRDN), d(-2147483648.5)), kInt32MinSext);  // -2^31-1: clipped
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_w_d(5, 1, kRTZ), d(2147483647.0)), kInt32Max);
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(x(fcvt_l_s(5, 1, kRTZ), box(kQNaNS)), kMax64);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_lu_s(5, 1, kRTZ), box(kQNaNS)), kAll);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_wu_s(5, 1, kRTZ), box(kQNaNS)), kAll);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_wu_s(5, 1, kRTZ), box(s(-1.0f))), 0u);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fcvt_l_s(5, 1, kRTZ), box(s(-1.0f))), kAll);
  EXPECT_EQ(cpu.fflags, 0u);
}

// ---- Integer -> float conversions ------------------------------------------------------

TEST_F(FloatTest, IntegerToFloatConversions) {
  EXPECT_EQ(from_int(fcvt_s_w(4, 6, kRNE), 0xffffffff80000000ull), box(0xcf000000));
  EXPECT_EQ(from_int(fcvt_s_w(4, 6, kRNE), 0x80000000), box(0xcf000000));  // low word only
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(from_int(fcvt_s_w(4, 6, kRNE), 16777217), box(0x4b800000));
  EXPECT_EQ(cpu.fflags, NX);
  EXPECT_EQ(from_int(fcvt_s_w(4, 6, kRUP), 16777217), box(0x4b800001));
  EXPECT_EQ(cpu.fflags, NX);
  EXPECT_EQ(from_int(fcvt_s_wu(4, 6, kRNE), 0xffffffff), box(0x4f800000));
  EXPECT_EQ(cpu.fflags, NX);
  EXPECT_EQ(from_int(fcvt_s_wu(4, 6, kRTZ), 0xffffffff), box(0x4f7fffff));
  EXPECT_EQ(from_int(fcvt_s_l(4, 6, kRNE), kAll), box(0xbf800000));
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(from_int(fcvt_s_lu(4, 6, kRNE), kAll), box(0x5f800000));
  EXPECT_EQ(cpu.fflags, NX);
  EXPECT_EQ(from_int(fcvt_d_w(4, 6, kRNE), 0xffffffff), d(-1.0));
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(from_int(fcvt_d_wu(4, 6, kRNE), kAll), d(4294967295.0));
  EXPECT_EQ(from_int(fcvt_d_l(4, 6, kRNE), kMin64), 0xc3e0000000000000ull);
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(from_int(fcvt_d_l(4, 6, kRNE), (1ull << 53) + 1), 0x4340000000000000ull);
  EXPECT_EQ(cpu.fflags, NX);
  EXPECT_EQ(from_int(fcvt_d_lu(4, 6, kRNE), kAll), 0x43f0000000000000ull);
  EXPECT_EQ(cpu.fflags, NX);
  EXPECT_EQ(from_int(fcvt_d_lu(4, 6, kRTZ), kAll), 0x43efffffffffffffull);
  EXPECT_EQ(cpu.fflags, NX);
}

TEST_F(FloatTest, ConversionsBetweenFormats) {
  EXPECT_EQ(f(fcvt_s_d(4, 1, kRNE), kDblMax), box(kInfS));
  EXPECT_EQ(cpu.fflags, OF | NX);
  EXPECT_EQ(f(fcvt_s_d(4, 1, kRTZ), kDblMax), box(kFltMax));
  EXPECT_EQ(cpu.fflags, OF | NX);
  EXPECT_EQ(f(fcvt_s_d(4, 1, kRNE), 0x3ff0000004000000ull), box(kOneS));  // 1 + 2^-30
  EXPECT_EQ(cpu.fflags, NX);
  EXPECT_EQ(f(fcvt_s_d(4, 1, kRNE), kSNaND), box(kQNaNS));
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(f(fcvt_s_d(4, 1, kRNE), d(1e-50)), box(0));
  EXPECT_EQ(cpu.fflags, UF | NX);
  EXPECT_EQ(f(fcvt_d_s(4, 1, kRNE), box(kOneS)), kOneD);
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(f(fcvt_d_s(4, 1, kRNE), box(kSNaNS)), kQNaND);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(f(fcvt_d_s(4, 1, kRNE), 0x3f800000), kQNaND);  // not NaN-boxed: canonical NaN
  EXPECT_EQ(cpu.fflags, 0u);
}

// ---- fmin / fmax -----------------------------------------------------------------------

// Spec (F, v2.2+): if one operand is NaN the result is the other; if both are NaN the result
// is the canonical NaN; a signaling NaN input sets NV; -0.0 is less than +0.0.
TEST_F(FloatTest, FminFmaxSingleNaNs) {
  EXPECT_EQ(f(fmin_s(4, 1, 2), box(kOneS), box(kQNaNS)), box(kOneS));
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(f(fmin_s(4, 1, 2), box(kQNaNS), box(kOneS)), box(kOneS));
  EXPECT_EQ(f(fmax_s(4, 1, 2), box(kQNaNS), box(kOneS)), box(kOneS));
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(f(fmax_s(4, 1, 2), box(kSNaNS), box(kOneS)), box(kOneS));
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(f(fmin_s(4, 1, 2), box(0x7fc00001), box(0xffc00000)), box(kQNaNS));
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(f(fmax_s(4, 1, 2), box(kSNaNS), box(kSNaNS)), box(kQNaNS));
  EXPECT_EQ(cpu.fflags, NV);
}

TEST_F(FloatTest, FminFmaxDoubleNaNs) {
  EXPECT_EQ(f(fmin_d(4, 1, 2), kOneD, kQNaND), kOneD);
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(f(fmax_d(4, 1, 2), kQNaND, d(-5.0)), d(-5.0));
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(f(fmin_d(4, 1, 2), kSNaND, kTwoD), kTwoD);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(f(fmax_d(4, 1, 2), kSNaND, 0xfff8000000000005ull), kQNaND);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(f(fmin_d(4, 1, 2), 0x7ff8000000000123ull, 0xfff8000000000001ull), kQNaND);
  EXPECT_EQ(cpu.fflags, 0u);
}

TEST_F(FloatTest, FminFmaxSignedZeros) {
  EXPECT_EQ(f(fmin_s(4, 1, 2), box(kNegZeroS), box(0)), box(kNegZeroS));
  EXPECT_EQ(f(fmin_s(4, 1, 2), box(0), box(kNegZeroS)), box(kNegZeroS));
  EXPECT_EQ(f(fmax_s(4, 1, 2), box(kNegZeroS), box(0)), box(0));
  EXPECT_EQ(f(fmax_s(4, 1, 2), box(0), box(kNegZeroS)), box(0));
  EXPECT_EQ(f(fmin_d(4, 1, 2), kPosZeroD, kNegZeroD), kNegZeroD);
  EXPECT_EQ(f(fmin_d(4, 1, 2), kNegZeroD, kPosZeroD), kNegZeroD);
  EXPECT_EQ(f(fmax_d(4, 1, 2), kNegZeroD, kPosZeroD), kPosZeroD);
  EXPECT_EQ(f(fmax_d(4, 1, 2), kPosZeroD, kNegZeroD), kPosZeroD);
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(f(fmin_d(4, 1, 2), d(-1.0), d(1.0)), d(-1.0));
  EXPECT_EQ(f(fmax_d(4, 1, 2), kNegInfD, d(-1e300)), d(-1e300));
}

// ---- Rounding modes ----------------------------------------------------------------------

// 1 + 2^-24 is exactly halfway between 1.0f and its successor; 1 + 3*2^-25 is 3/4 of an ulp.
TEST_F(FloatTest, EveryStaticRoundingModeSingle) {
  struct Case {
    unsigned rm;
    uint32_t tie_pos, tie_neg, three_quarters;
  };
  const Case cases[] = {
      {kRNE, 0x3f800000, 0xbf800000, 0x3f800001}, {kRTZ, 0x3f800000, 0xbf800000, 0x3f800000},
      {kRDN, 0x3f800000, 0xbf800001, 0x3f800000}, {kRUP, 0x3f800001, 0xbf800000, 0x3f800001},
      {kRMM, 0x3f800001, 0xbf800001, 0x3f800001},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message() << "rm=" << c.rm);
    EXPECT_EQ(f(fadd_s(4, 1, 2, c.rm), box(0x3f800000), box(0x33800000)), box(c.tie_pos));
    EXPECT_EQ(cpu.fflags, NX);
    EXPECT_EQ(f(fadd_s(4, 1, 2, c.rm), box(0xbf800000), box(0xb3800000)), box(c.tie_neg));
    EXPECT_EQ(cpu.fflags, NX);
    EXPECT_EQ(f(fadd_s(4, 1, 2, c.rm), box(0x3f800000), box(0x33c00000)), box(c.three_quarters));
    EXPECT_EQ(cpu.fflags, NX);
  }
}

TEST_F(FloatTest, EveryStaticRoundingModeDouble) {
  struct Case {
    unsigned rm;
    uint64_t tie_pos, tie_neg;
  };
  const Case cases[] = {
      {kRNE, 0x3ff0000000000000ull, 0xbff0000000000000ull},
      {kRTZ, 0x3ff0000000000000ull, 0xbff0000000000000ull},
      {kRDN, 0x3ff0000000000000ull, 0xbff0000000000001ull},
      {kRUP, 0x3ff0000000000001ull, 0xbff0000000000000ull},
      {kRMM, 0x3ff0000000000001ull, 0xbff0000000000001ull},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message() << "rm=" << c.rm);
    // 1 + 2^-53: halfway between 1.0 and 1 + 2^-52.
    EXPECT_EQ(f(fadd_d(4, 1, 2, c.rm), kOneD, 0x3ca0000000000000ull), c.tie_pos);
    EXPECT_EQ(cpu.fflags, NX);
    EXPECT_EQ(f(fsub_d(4, 1, 2, c.rm), d(-1.0), 0x3ca0000000000000ull), c.tie_neg);
    EXPECT_EQ(cpu.fflags, NX);
  }
}

// rm = 7 (DYN) takes the mode from frm, here written by the guest with csrrw/csrrwi in the
// same block as the FP instruction.
TEST_F(FloatTest, DynamicRoundingModeFollowsFrm) {
  const uint64_t expected[] = {0x3ff0000000000000ull, 0x3ff0000000000000ull, 0x3ff0000000000000ull,
                               0x3ff0000000000001ull, 0x3ff0000000000001ull};
  for (unsigned mode = 0; mode <= 4; ++mode) {
    SCOPED_TRACE(testing::Message() << "frm=" << mode);
    Program p;
    p << csrrw(0, kCsrFrm, 10) << fadd_d(4, 1, 2, kDYN) << csrrwi(0, kCsrFrm, 0)
      << fadd_d(5, 1, 2, kDYN) << ecall();
    cpu.x[10] = mode;
    cpu.f[1] = kOneD;
    cpu.f[2] = 0x3ca0000000000000ull;
    cpu.frm = 0;
    exec_ok(p);
    EXPECT_EQ(cpu.f[4], expected[mode]);
    EXPECT_EQ(cpu.f[5], kOneD);  // back to RNE
    EXPECT_EQ(cpu.frm, 0u);
  }
}

TEST_F(FloatTest, DynamicRoundingModeViaFcsr) {
  Program p;
  p << csrrw(0, kCsrFcsr, 10) << fadd_d(4, 1, 2, kDYN) << fadd_d(5, 1, 2, kRNE) << ecall();
  cpu.x[10] = kRTZ << 5;
  cpu.f[1] = kOneD;
  cpu.f[2] = 0x3ca8000000000000ull;  // 1.5 * 2^-53 = 3/4 ulp of 1.0
  exec_ok(p);
  EXPECT_EQ(cpu.f[4], kOneD);
  EXPECT_EQ(cpu.f[5], 0x3ff0000000000001ull);
  EXPECT_EQ(cpu.fflags, NX);
}

// frm values 5, 6, 7 are invalid: an instruction that uses the dynamic mode is then illegal.
TEST_F(FloatTest, InvalidFrmWithDynamicModeIsIllegal) {
  for (unsigned bad : {5u, 6u, 7u}) {
    SCOPED_TRACE(testing::Message() << "frm=" << bad);
    const Insn fadd = fadd_d(4, 1, 2, kDYN);
    Program p;
    p << csrrwi(0, kCsrFrm, bad) << fadd << ecall();
    cpu.f[1] = kOneD;
    cpu.f[2] = kOneD;
    cpu.f[4] = kSentinel;
    cpu.fflags = 0;
    cpu.instret = 0;
    exec_fault(p, FaultKind::IllegalInstruction, kCode + 4);
    EXPECT_EQ(fault.bits, fadd.bits);
    EXPECT_EQ(cpu.frm, bad);
    EXPECT_EQ(cpu.f[4], kSentinel);
    EXPECT_EQ(cpu.fflags, 0u);
    EXPECT_EQ(cpu.instret, 1u);
  }
}

TEST_F(FloatTest, InvalidFrmDoesNotAffectStaticModesOrNonRoundingInstructions) {
  Program p;
  p << fadd_d(4, 1, 2, kRNE) << fsgnjn_d(5, 1, 1) << fmin_d(6, 1, 2) << fmv_x_d(7, 1)
    << feq_d(8, 1, 1) << ecall();
  cpu.frm = 5;
  cpu.f[1] = kOneD;
  cpu.f[2] = kTwoD;
  exec_ok(p);
  EXPECT_EQ(cpu.f[4], kThreeD);
  EXPECT_EQ(cpu.f[5], d(-1.0));
  EXPECT_EQ(cpu.f[6], kOneD);
  EXPECT_EQ(cpu.x[7], kOneD);
  EXPECT_EQ(cpu.x[8], 1u);
}

// Static rm 5 and 6 are reserved encodings: illegal whatever frm holds.
TEST_F(FloatTest, ReservedStaticRoundingModesAreIllegal) {
  for (uint32_t bits :
       {fadd_d(4, 1, 2, 5).bits, fadd_s(4, 1, 2, 6).bits, fmadd_d(4, 1, 2, 3, 5).bits,
        fcvt_w_d(5, 1, 6).bits, fsqrt_s(4, 1, 5).bits}) {
    Program p;
    p << illegal32(bits) << ecall();
    cpu.f[4] = kSentinel;
    exec_fault(p, FaultKind::IllegalInstruction, kCode);
    EXPECT_EQ(fault.bits, bits);
    EXPECT_EQ(cpu.f[4], kSentinel);
  }
}

// Round-to-nearest-max-magnitude has no x86 equivalent: check it on every kind of rounding
// operation. 4097 * 4097 = 2^24 + 8193 lies exactly halfway between two floats.
TEST_F(FloatTest, RoundToNearestMaxMagnitudeEverywhere) {
  const uint32_t k4097 = 0x45800800;
  EXPECT_EQ(f(fmul_s(4, 1, 2, kRMM), box(k4097), box(k4097)), box(0x4b801001));
  EXPECT_EQ(cpu.fflags, NX);
  EXPECT_EQ(f(fmul_s(4, 1, 2, kRNE), box(k4097), box(k4097)), box(0x4b801000));
  EXPECT_EQ(f(fmul_s(4, 1, 2, kRUP), box(k4097), box(k4097)), box(0x4b801001));
  EXPECT_EQ(f(fmul_s(4, 1, 2, kRDN), box(k4097), box(k4097)), box(0x4b801000));
  EXPECT_EQ(f(fmadd_s(4, 1, 2, 3, kRMM), box(k4097), box(k4097), box(0)), box(0x4b801001));
  EXPECT_EQ(cpu.fflags, NX);
  EXPECT_EQ(f(fmadd_s(4, 1, 2, 3, kRNE), box(k4097), box(k4097), box(0)), box(0x4b801000));
  EXPECT_EQ(from_int(fcvt_s_w(4, 6, kRMM), 16785409), box(0x4b801001));
  EXPECT_EQ(from_int(fcvt_s_w(4, 6, kRNE), 16785409), box(0x4b801000));
  EXPECT_EQ(from_int(fcvt_d_l(4, 6, kRMM), (1ull << 53) + 1), 0x4340000000000001ull);
  EXPECT_EQ(cpu.fflags, NX);
  EXPECT_EQ(f(fcvt_s_d(4, 1, kRMM), 0x3ff0000010000000ull), box(0x3f800001));  // 1 + 2^-24
  EXPECT_EQ(f(fcvt_s_d(4, 1, kRNE), 0x3ff0000010000000ull), box(0x3f800000));
  EXPECT_EQ(x(fcvt_w_d(5, 1, kRMM), d(2.5)), 3u);
  EXPECT_EQ(x(fcvt_w_d(5, 1, kRMM), d(-2.5)), static_cast<uint64_t>(-3));
  EXPECT_EQ(x(fcvt_w_d(5, 1, kRNE), d(-2.5)), static_cast<uint64_t>(-2));
  EXPECT_EQ(cpu.fflags, NX);
  // No ties: RMM agrees with RNE.
  EXPECT_EQ(f(fdiv_s(4, 1, 2, kRMM), box(kOneS), box(kThreeS)), box(0x3eaaaaab));
  EXPECT_EQ(f(fdiv_s(4, 1, 2, kRTZ), box(kOneS), box(kThreeS)), box(0x3eaaaaaa));
  EXPECT_EQ(f(fsqrt_d(4, 1, kRMM), kTwoD), 0x3ff6a09e667f3bcdull);
  EXPECT_EQ(f(fsqrt_d(4, 1, kRDN), kTwoD), 0x3ff6a09e667f3bccull);
  EXPECT_EQ(cpu.fflags, NX);
}

// IEEE 754: an exact zero sum of opposite-signed operands is +0, except -0 under RDN; fused
// forms negate the product and addend, not the result.
TEST_F(FloatTest, SignOfZeroResults) {
  EXPECT_EQ(f(fadd_d(4, 1, 2, kRNE), kPosZeroD, kNegZeroD), kPosZeroD);
  EXPECT_EQ(f(fadd_d(4, 1, 2, kRDN), kPosZeroD, kNegZeroD), kNegZeroD);
  EXPECT_EQ(f(fadd_d(4, 1, 2, kRUP), kPosZeroD, kNegZeroD), kPosZeroD);
  EXPECT_EQ(f(fadd_d(4, 1, 2, kRMM), kPosZeroD, kNegZeroD), kPosZeroD);
  EXPECT_EQ(f(fadd_d(4, 1, 2, kRNE), kNegZeroD, kNegZeroD), kNegZeroD);
  EXPECT_EQ(f(fsub_d(4, 1, 2, kRNE), kOneD, kOneD), kPosZeroD);
  EXPECT_EQ(f(fsub_d(4, 1, 2, kRDN), kOneD, kOneD), kNegZeroD);
  EXPECT_EQ(f(fsub_s(4, 1, 2, kRDN), box(kOneS), box(kOneS)), box(kNegZeroS));
  EXPECT_EQ(f(fnmsub_d(4, 1, 2, 3, kRNE), kPosZeroD, kOneD, kPosZeroD), kPosZeroD);
  EXPECT_EQ(f(fnmadd_d(4, 1, 2, 3, kRNE), kPosZeroD, kOneD, kNegZeroD), kPosZeroD);
  EXPECT_EQ(f(fnmadd_d(4, 1, 2, 3, kRNE), kPosZeroD, kOneD, kPosZeroD), kNegZeroD);
  EXPECT_EQ(f(fmsub_d(4, 1, 2, 3, kRNE), kPosZeroD, kOneD, kPosZeroD), kPosZeroD);
  EXPECT_EQ(f(fmsub_d(4, 1, 2, 3, kRDN), kPosZeroD, kOneD, kPosZeroD), kNegZeroD);
  EXPECT_EQ(f(fmadd_d(4, 1, 2, 3, kRDN), kPosZeroD, d(-1.0), kPosZeroD), kNegZeroD);
  EXPECT_EQ(f(fnmsub_s(4, 1, 2, 3, kRNE), box(0), box(kOneS), box(0)), box(0));
  EXPECT_EQ(cpu.fflags, 0u);
}

// Subnormal inputs and outputs are full IEEE values (no flush-to-zero, no denormals-are-zero).
TEST_F(FloatTest, SubnormalsAreNotFlushed) {
  EXPECT_EQ(f(fmul_d(4, 1, 2, kRNE), 0x000fffffffffffffull, kTwoD), 0x001ffffffffffffeull);
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(f(fadd_d(4, 1, 2, kRNE), 1, 1), 2u);
  EXPECT_EQ(cpu.fflags, 0u);  // exact tiny result: no UF
  EXPECT_EQ(f(fadd_s(4, 1, 2, kRNE), box(1), box(1)), box(2));
  EXPECT_EQ(f(fdiv_d(4, 1, 2, kRNE), 0x0010000000000000ull, kTwoD), 0x0008000000000000ull);
  EXPECT_EQ(f(fcvt_d_s(4, 1, kRNE), box(1)), 0x36a0000000000000ull);  // 2^-149
  EXPECT_EQ(f(fcvt_s_d(4, 1, kRNE), 0x36a0000000000000ull), box(1));
  EXPECT_EQ(f(fsqrt_d(4, 1, kRNE), 1), 0x1e60000000000000ull);  // sqrt(2^-1074) = 2^-537
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(x(flt_d(5, 1, 2), 1, 2), 1u);
  EXPECT_EQ(x(feq_d(5, 1, 2), 1, 0), 0u);
  EXPECT_EQ(x(fcvt_l_d(5, 1, kRUP), 1), 1u);
  EXPECT_EQ(cpu.fflags, NX);
  EXPECT_EQ(x(fclass_s(5, 1), box(1)), 1u << 5);
}

// ---- Exact exception flags ---------------------------------------------------------------

TEST_F(FloatTest, InexactOnly) {
  EXPECT_EQ(f(fdiv_d(4, 1, 2, kRNE), kOneD, kThreeD), 0x3fd5555555555555ull);
  EXPECT_EQ(cpu.fflags, NX);
  EXPECT_EQ(f(fsqrt_s(4, 1, kRNE), box(kTwoS)), box(0x3fb504f3));
  EXPECT_EQ(cpu.fflags, NX);
  EXPECT_EQ(f(fadd_d(4, 1, 2, kRNE), kOneD, kTwoD), kThreeD);
  EXPECT_EQ(cpu.fflags, 0u);
}

// Underflow needs a tiny result that is also inexact (tininess after rounding).
TEST_F(FloatTest, UnderflowOnlyWhenTinyAndInexact) {
  EXPECT_EQ(f(fmul_s(4, 1, 2, kRNE), box(0x00800000), box(0x3f000000)), box(0x00400000));
  EXPECT_EQ(cpu.fflags, 0u);  // exact subnormal: no UF
  EXPECT_EQ(f(fmul_s(4, 1, 2, kRNE), box(0x00000001), box(0x3f000000)), box(0));
  EXPECT_EQ(cpu.fflags, UF | NX);
  EXPECT_EQ(f(fmul_s(4, 1, 2, kRUP), box(0x00000001), box(0x3f000000)), box(0x00000001));
  EXPECT_EQ(cpu.fflags, UF | NX);
  EXPECT_EQ(f(fmul_d(4, 1, 2, kRNE), 0x0010000000000001ull, d(0.5)), 0x0008000000000000ull);
  EXPECT_EQ(cpu.fflags, UF | NX);
}

TEST_F(FloatTest, OverflowPerRoundingMode) {
  EXPECT_EQ(f(fmul_d(4, 1, 2, kRNE), kDblMax, kTwoD), kInfD);
  EXPECT_EQ(cpu.fflags, OF | NX);
  EXPECT_EQ(f(fmul_d(4, 1, 2, kRTZ), kDblMax, kTwoD), kDblMax);
  EXPECT_EQ(cpu.fflags, OF | NX);
  EXPECT_EQ(f(fmul_d(4, 1, 2, kRDN), kDblMax, kTwoD), kDblMax);
  EXPECT_EQ(cpu.fflags, OF | NX);
  EXPECT_EQ(f(fmul_d(4, 1, 2, kRUP), kDblMax, kTwoD), kInfD);
  EXPECT_EQ(cpu.fflags, OF | NX);
  EXPECT_EQ(f(fadd_s(4, 1, 2, kRNE), box(kFltMax), box(kFltMax)), box(kInfS));
  EXPECT_EQ(cpu.fflags, OF | NX);
}

TEST_F(FloatTest, DivideByZeroAndInvalid) {
  EXPECT_EQ(f(fdiv_d(4, 1, 2, kRNE), kOneD, kPosZeroD), kInfD);
  EXPECT_EQ(cpu.fflags, DZ);
  EXPECT_EQ(f(fdiv_d(4, 1, 2, kRNE), d(-1.0), kPosZeroD), kNegInfD);
  EXPECT_EQ(cpu.fflags, DZ);
  EXPECT_EQ(f(fdiv_d(4, 1, 2, kRNE), kInfD, kPosZeroD), kInfD);  // exact: no DZ
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(f(fdiv_s(4, 1, 2, kRNE), box(kOneS), box(kNegZeroS)), box(0xff800000));
  EXPECT_EQ(cpu.fflags, DZ);
  EXPECT_EQ(f(fdiv_d(4, 1, 2, kRNE), kPosZeroD, kPosZeroD), kQNaND);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(f(fsqrt_d(4, 1, kRNE), d(-1.0)), kQNaND);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(f(fsqrt_d(4, 1, kRNE), kNegZeroD), kNegZeroD);
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(f(fsub_d(4, 1, 2, kRNE), kInfD, kInfD), kQNaND);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(f(fmul_d(4, 1, 2, kRNE), kPosZeroD, kNegInfD), kQNaND);
  EXPECT_EQ(cpu.fflags, NV);
}

// Arithmetic never propagates NaN payloads; only signaling NaNs raise NV.
TEST_F(FloatTest, NaNInputsGiveCanonicalNaN) {
  EXPECT_EQ(f(fadd_d(4, 1, 2, kRNE), kQNaND, kOneD), kQNaND);
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(f(fadd_d(4, 1, 2, kRNE), 0xfff8000000000123ull, kOneD), kQNaND);
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(f(fmul_d(4, 1, 2, kRNE), kOneD, kSNaND), kQNaND);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(f(fadd_s(4, 1, 2, kRNE), box(0x7fc12345), box(kOneS)), box(kQNaNS));
  EXPECT_EQ(cpu.fflags, 0u);
  // fmadd: inf * 0 is invalid even when the addend is a quiet NaN.
  EXPECT_EQ(f(fmadd_d(4, 1, 2, 3, kRNE), kInfD, kPosZeroD, kQNaND), kQNaND);
  EXPECT_EQ(cpu.fflags, NV);
}

TEST_F(FloatTest, FlagsAccrueAcrossInstructions) {
  Program p;
  p << fdiv_d(4, 1, 2, kRNE) << fdiv_d(5, 1, 6, kRNE) << ecall();
  cpu.f[1] = kOneD;
  cpu.f[2] = kThreeD;
  cpu.f[6] = kPosZeroD;
  cpu.fflags = OF;  // set before: must survive
  exec_ok(p);
  EXPECT_EQ(cpu.fflags, OF | NX | DZ);
}

TEST_F(FloatTest, ComparisonsQuietVsSignaling) {
  EXPECT_EQ(x(feq_d(5, 1, 2), kQNaND, kQNaND), 0u);
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(x(feq_d(5, 1, 2), kSNaND, kOneD), 0u);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(flt_d(5, 1, 2), kQNaND, kOneD), 0u);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(fle_d(5, 1, 2), kOneD, kQNaND), 0u);
  EXPECT_EQ(cpu.fflags, NV);
  EXPECT_EQ(x(feq_d(5, 1, 2), kPosZeroD, kNegZeroD), 1u);
  EXPECT_EQ(x(flt_d(5, 1, 2), kNegZeroD, kPosZeroD), 0u);
  EXPECT_EQ(x(fle_d(5, 1, 2), kNegZeroD, kPosZeroD), 1u);
  EXPECT_EQ(x(flt_d(5, 1, 2), d(-2.0), d(-1.0)), 1u);
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(x(flt_s(5, 1, 2), box(s(-2.0f)), box(s(1.0f))), 1u);
  EXPECT_EQ(x(fle_s(5, 1, 2), box(kTwoS), box(kOneS)), 0u);
  EXPECT_EQ(x(feq_s(5, 1, 2), 0x3f800000, 0x3f800000), 0u);  // unboxed: canonical NaNs
  EXPECT_EQ(cpu.fflags, 0u);
}

// ---- Fused multiply-add ------------------------------------------------------------------

TEST_F(FloatTest, FusedMultiplyAddRoundsOnce) {
  // (1 + 2^-27)^2 - (1 + 2^-26) = 2^-54 exactly; a separate multiply would round it away.
  EXPECT_EQ(f(fmadd_d(4, 1, 2, 3, kRNE), 0x3ff0000002000000ull, 0x3ff0000002000000ull,
              0xbff0000004000000ull),
            0x3c90000000000000ull);
  EXPECT_EQ(cpu.fflags, 0u);
  // The same with fmsub: (1 + 2^-27)^2 - (1 + 2^-26) with c positive.
  EXPECT_EQ(f(fmsub_d(4, 1, 2, 3, kRNE), 0x3ff0000002000000ull, 0x3ff0000002000000ull,
              0x3ff0000004000000ull),
            0x3c90000000000000ull);
  EXPECT_EQ(cpu.fflags, 0u);
}

TEST_F(FloatTest, FusedMultiplyAddSigns) {
  EXPECT_EQ(f(fmadd_s(4, 1, 2, 3, kRNE), box(kTwoS), box(kThreeS), box(kOneS)), box(s(7.0f)));
  EXPECT_EQ(f(fmsub_s(4, 1, 2, 3, kRNE), box(kTwoS), box(kThreeS), box(kOneS)), box(s(5.0f)));
  EXPECT_EQ(f(fnmsub_s(4, 1, 2, 3, kRNE), box(kTwoS), box(kThreeS), box(kOneS)), box(s(-5.0f)));
  EXPECT_EQ(f(fnmadd_s(4, 1, 2, 3, kRNE), box(kTwoS), box(kThreeS), box(kOneS)), box(s(-7.0f)));
  EXPECT_EQ(f(fmadd_d(4, 1, 2, 3, kRNE), kOneD, kTwoD, kThreeD), d(5.0));
  EXPECT_EQ(f(fmsub_d(4, 1, 2, 3, kRNE), kOneD, kTwoD, kThreeD), d(-1.0));
  EXPECT_EQ(f(fnmsub_d(4, 1, 2, 3, kRNE), kOneD, kTwoD, kThreeD), d(1.0));
  EXPECT_EQ(f(fnmadd_d(4, 1, 2, 3, kRNE), kOneD, kTwoD, kThreeD), d(-5.0));
  EXPECT_EQ(cpu.fflags, 0u);
}

// ---- NaN boxing --------------------------------------------------------------------------

// A single-precision operand whose upper 32 bits are not all ones reads as the canonical NaN
// (a quiet NaN: no NV for arithmetic on it).
TEST_F(FloatTest, ImproperlyBoxedOperandReadsAsCanonicalNaN) {
  EXPECT_EQ(f(fadd_s(4, 1, 2, kRNE), 0x000000003f800000ull, box(kOneS)), box(kQNaNS));
  EXPECT_EQ(cpu.fflags, 0u);
  EXPECT_EQ(f(fadd_s(4, 1, 2, kRNE), 0xfffffffe3f800000ull, box(kOneS)), box(kQNaNS));
  EXPECT_EQ(f(fmul_s(4, 1, 2, kRNE), box(kOneS), kOneD), box(kQNaNS));
  EXPECT_EQ(cpu.fflags, 0u);
  // Sign injection reads the canonical NaN too, then injects the sign.
  EXPECT_EQ(f(fsgnj_s(4, 1, 2), 0x3f800000, box(0xbf800000)), box(0xffc00000));
  EXPECT_EQ(f(fsgnjx_s(4, 1, 2), box(kOneS), 0xbf800000), box(kOneS));  // sign of NaN is +
  EXPECT_EQ(x(fclass_s(5, 1), 0xbf800000), 0x200u);                     // quiet NaN
  // fmin ignores the (quiet) NaN operand.
  EXPECT_EQ(f(fmin_s(4, 1, 2), 0xbf800000, box(kTwoS)), box(kTwoS));
  EXPECT_EQ(cpu.fflags, 0u);
  // fcvt.w.s of the canonical NaN: max positive, NV.
  EXPECT_EQ(x(fcvt_w_s(5, 1, kRTZ), 0xbf800000), kInt32Max);
  EXPECT_EQ(cpu.fflags, NV);
}

// Transfers (FLW/FSW, FMV.X.W/FMV.W.X) move bits: narrower writes into f registers are
// NaN-boxed, narrower reads take the low bits and ignore the upper ones.
TEST_F(FloatTest, TransfersBoxAndIgnoreBoxing) {
  poke32(kData, 0x3f800000);
  poke32(kData + 4, kSNaNS);
  poke64(kData + 16, 0xaaaaaaaaaaaaaaaaull);
  poke64(kData + 24, kSNaND);
  Program p;
  p << flw(4, 10, 0) << flw(5, 10, 4)    // boxed, sNaN bits kept
    << fmv_x_w(6, 1) << fmv_x_w(7, 2)    // sign-extends the low word, boxed or not
    << fmv_w_x(8, 11)                    // boxes the low word of x11
    << fsw(1, 10, 16)                    // stores the low word of an unboxed register
    << fld(9, 10, 24) << fsd(9, 10, 32)  // 64-bit bits unchanged
    << fmv_x_d(12, 9) << fmv_d_x(10, 13) << ecall();
  cpu.x[10] = kData;
  cpu.x[11] = 0x123456783f800000ull;
  cpu.x[13] = 0x7ff4000000000000ull;
  cpu.f[1] = 0x00000000bf800000ull;  // not boxed
  cpu.f[2] = box(0x80000000);
  exec_ok(p);
  EXPECT_EQ(cpu.f[4], box(0x3f800000));
  EXPECT_EQ(cpu.f[5], box(kSNaNS));
  EXPECT_EQ(cpu.x[6], 0xffffffffbf800000ull);
  EXPECT_EQ(cpu.x[7], 0xffffffff80000000ull);
  EXPECT_EQ(cpu.f[8], box(0x3f800000));
  EXPECT_EQ(read64(kData + 16), 0xaaaaaaaabf800000ull);
  EXPECT_EQ(cpu.f[9], kSNaND);
  EXPECT_EQ(read64(kData + 32), kSNaND);
  EXPECT_EQ(cpu.x[12], kSNaND);
  EXPECT_EQ(cpu.f[10], 0x7ff4000000000000ull);
  EXPECT_EQ(cpu.fflags, 0u);
}

TEST_F(FloatTest, FpLoadsAndStoresMisalignedAndFaulting) {
  poke64(kData + 1, kOneD);
  poke32(kData + 0x13, kOneS);
  Program p;
  p << fld(4, 10, 1) << flw(5, 10, 0x13) << fsd(6, 10, 0x103) << fsw(7, 10, 0x201) << ecall();
  cpu.x[10] = kData;
  cpu.f[6] = kTwoD;
  cpu.f[7] = box(kThreeS);
  exec_ok(p);
  EXPECT_EQ(cpu.f[4], kOneD);
  EXPECT_EQ(cpu.f[5], box(kOneS));
  EXPECT_EQ(read64(kData + 0x103), kTwoD);
  EXPECT_EQ(read32(kData + 0x201), kThreeS);

  Program q;
  q << fld(4, 10, 0) << ecall();
  cpu.x[10] = kUnmapped;
  cpu.f[4] = kSentinel;
  exec_fault(q, FaultKind::LoadAccess, kCode);
  EXPECT_EQ(fault.address, kUnmapped);
  EXPECT_EQ(cpu.f[4], kSentinel);

  Program r;
  r << fsw(4, 10, 4) << ecall();
  cpu.x[10] = kReadOnly;
  exec_fault(r, FaultKind::StoreAccess, kCode);
  EXPECT_EQ(fault.address, kReadOnly + 4);
}

TEST_F(FloatTest, SingleResultsAreBoxed) {
  EXPECT_EQ(from_int(fcvt_s_w(4, 6, kRNE), 1), box(kOneS));
  EXPECT_EQ(f(fcvt_s_d(4, 1, kRNE), kTwoD), box(kTwoS));
  EXPECT_EQ(f(fsgnjn_s(4, 1, 1), box(kOneS)), box(0xbf800000));
  EXPECT_EQ(f(fmax_s(4, 1, 2), box(kOneS), box(kTwoS)), box(kTwoS));
}

// ---- Sign injection and classification --------------------------------------------------

TEST_F(FloatTest, SignInjectionDouble) {
  EXPECT_EQ(f(fsgnj_d(4, 1, 2), kOneD, d(-2.0)), d(-1.0));
  EXPECT_EQ(f(fsgnjn_d(4, 1, 2), kOneD, d(-2.0)), kOneD);
  EXPECT_EQ(f(fsgnjx_d(4, 1, 2), d(-1.0), d(-2.0)), kOneD);
  // Not arithmetic: NaN payloads survive and no flags are raised.
  EXPECT_EQ(f(fsgnj_d(4, 1, 2), kSNaND, d(-1.0)), 0xfff0000000000001ull);
  EXPECT_EQ(cpu.fflags, 0u);
}

TEST_F(FloatTest, Fclass) {
  EXPECT_EQ(x(fclass_d(5, 1), kNegInfD), 1u << 0);
  EXPECT_EQ(x(fclass_d(5, 1), d(-1.0)), 1u << 1);
  EXPECT_EQ(x(fclass_d(5, 1), 0x8000000000000001ull), 1u << 2);
  EXPECT_EQ(x(fclass_d(5, 1), kNegZeroD), 1u << 3);
  EXPECT_EQ(x(fclass_d(5, 1), kPosZeroD), 1u << 4);
  EXPECT_EQ(x(fclass_d(5, 1), 0x0000000000000001ull), 1u << 5);
  EXPECT_EQ(x(fclass_d(5, 1), kOneD), 1u << 6);
  EXPECT_EQ(x(fclass_d(5, 1), kInfD), 1u << 7);
  EXPECT_EQ(x(fclass_d(5, 1), kSNaND), 1u << 8);
  EXPECT_EQ(x(fclass_d(5, 1), kQNaND), 1u << 9);
  EXPECT_EQ(x(fclass_s(5, 1), box(0x80000001)), 1u << 2);
  EXPECT_EQ(x(fclass_s(5, 1), box(kSNaNS)), 1u << 8);
  EXPECT_EQ(x(fclass_s(5, 1), box(kInfS)), 1u << 7);
  EXPECT_EQ(cpu.fflags, 0u);
}

}  // namespace
}  // namespace interp_test
