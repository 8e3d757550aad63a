/*
 * rv64f.S - F extension (single precision) on RV64.
 * Exit status 0 = all checks passed, otherwise the number of the first failing check.
 *
 * Every check compares the exact result bits AND the exact fflags (cleared before the
 * instruction, read-and-cleared with csrrw after it).  Values are IEEE-754 bit patterns:
 *   1.0 = 0x3f800000, 2^-24 = 0x33800000, 1+2^-23 = 0x3f800001, max = 0x7f7fffff,
 *   canonical NaN = 0x7fc00000, sNaN = 0x7f800001, inf = 0x7f800000.
 * fflags: NV 0x10, DZ 0x08, OF 0x04, UF 0x02, NX 0x01.
 * Expected values were computed with an exact rational model of IEEE-754 (all five
 * rounding modes, tininess detected after rounding, as RISC-V requires).
 */
#include "test_macros.h"

/* f0 <- an arbitrary 64-bit pattern (maybe not a NaN-boxed single), f1 <- -1.0 (boxed).
 * Runs code with fflags cleared, then checks a4 and the accrued flags. */
#define TEST_NANBOX(testnum, flags, result, rawbits, code...)                          \
        TEST_BEGIN(testnum)                                                            \
        li a0, rawbits;                                                                \
        fmv.d.x f0, a0;                                                                \
        FP_LOAD_S(f1, S_MONE)                                                          \
        FP_RUN(code)                                                                   \
        CHECK_EQ(a4, result)                                                           \
        CHECK_EQ(a1, flags)

RVTEST_CODE_BEGIN
        .option norvc
        csrw fcsr, x0

/* ---- fadd / fsub: every static rounding mode (ties and non-ties) ---- */
        TEST_FP_OP2_S_RM(  1, fadd.s, rne, 0x01, 0x3f800000, 0x3f800000, 0x33800000)  /* 1 + 2^-24: exact tie */
        TEST_FP_OP2_S_RM(  2, fadd.s, rtz, 0x01, 0x3f800000, 0x3f800000, 0x33800000)  /* 1 + 2^-24: exact tie */
        TEST_FP_OP2_S_RM(  3, fadd.s, rdn, 0x01, 0x3f800000, 0x3f800000, 0x33800000)  /* 1 + 2^-24: exact tie */
        TEST_FP_OP2_S_RM(  4, fadd.s, rup, 0x01, 0x3f800001, 0x3f800000, 0x33800000)  /* 1 + 2^-24: exact tie */
        TEST_FP_OP2_S_RM(  5, fadd.s, rmm, 0x01, 0x3f800001, 0x3f800000, 0x33800000)  /* 1 + 2^-24: exact tie */
        TEST_FP_OP2_S_RM(  6, fadd.s, rne, 0x01, 0xbf800000, 0xbf800000, 0xb3800000)  /* -1 - 2^-24: negative tie */
        TEST_FP_OP2_S_RM(  7, fadd.s, rtz, 0x01, 0xbf800000, 0xbf800000, 0xb3800000)  /* -1 - 2^-24: negative tie */
        TEST_FP_OP2_S_RM(  8, fadd.s, rdn, 0x01, 0xbf800001, 0xbf800000, 0xb3800000)  /* -1 - 2^-24: negative tie */
        TEST_FP_OP2_S_RM(  9, fadd.s, rup, 0x01, 0xbf800000, 0xbf800000, 0xb3800000)  /* -1 - 2^-24: negative tie */
        TEST_FP_OP2_S_RM( 10, fadd.s, rmm, 0x01, 0xbf800001, 0xbf800000, 0xb3800000)  /* -1 - 2^-24: negative tie */
        TEST_FP_OP2_S_RM( 11, fadd.s, rne, 0x01, 0x3f800001, 0x3f800000, 0x33c00000)  /* 1 + 0.75 ulp */
        TEST_FP_OP2_S_RM( 12, fadd.s, rtz, 0x01, 0x3f800000, 0x3f800000, 0x33c00000)  /* 1 + 0.75 ulp */
        TEST_FP_OP2_S_RM( 13, fsub.s, rne, 0x01, 0x3f800000, 0x3f800000, 0x33000000)  /* 1 - 2^-25: tie below 1.0 */
        TEST_FP_OP2_S_RM( 14, fsub.s, rtz, 0x01, 0x3f7fffff, 0x3f800000, 0x33000000)  /* 1 - 2^-25: tie below 1.0 */
        TEST_FP_OP2_S_RM( 15, fsub.s, rdn, 0x01, 0x3f7fffff, 0x3f800000, 0x33000000)  /* 1 - 2^-25: tie below 1.0 */
        TEST_FP_OP2_S_RM( 16, fsub.s, rup, 0x01, 0x3f800000, 0x3f800000, 0x33000000)  /* 1 - 2^-25: tie below 1.0 */
        TEST_FP_OP2_S_RM( 17, fsub.s, rmm, 0x01, 0x3f800000, 0x3f800000, 0x33000000)  /* 1 - 2^-25: tie below 1.0 */
        TEST_FP_OP2_S( 18, fadd.s, 0x01, 0x40bb8418, 0x40490fdb, 0x402df854)  /* pi + e, default (dynamic) rounding, frm = rne */
        TEST_FP_OP2_S_RM( 19, fsub.s, rne, 0x00, 0x00000000, 0x3f800000, 0x3f800000)  /* x - x = +0 */
        TEST_FP_OP2_S_RM( 20, fsub.s, rdn, 0x00, 0x80000000, 0x3f800000, 0x3f800000)  /* x - x = -0 when rounding down */
        TEST_FP_OP2_S_RM( 21, fadd.s, rne, 0x00, 0x80000000, 0x80000000, 0x80000000)  /* -0 + -0 = -0 */
        TEST_FP_OP2_S_RM( 22, fadd.s, rne, 0x00, 0x00000000, 0x00000000, 0x80000000)  /* +0 + -0 = +0 */
        TEST_FP_OP2_S_RM( 23, fadd.s, rdn, 0x00, 0x80000000, 0x00000000, 0x80000000)  /* +0 + -0 = -0 in rdn */
        TEST_FP_OP2_S_RM( 24, fadd.s, rne, 0x00, 0x7fc00000, 0x7fc12345, 0x3f800000)  /* quiet NaN in: canonical NaN out, no flags */
        TEST_FP_OP2_S_RM( 25, fadd.s, rne, 0x10, 0x7fc00000, 0x3f800000, 0x7f800001)  /* signaling NaN: NV */
        TEST_FP_OP2_S_RM( 26, fsub.s, rne, 0x10, 0x7fc00000, 0x7f800000, 0x7f800000)  /* inf - inf: NV */
        TEST_FP_OP2_S_RM( 27, fadd.s, rne, 0x10, 0x7fc00000, 0xff800000, 0x7f800000)
        TEST_FP_OP2_S_RM( 28, fadd.s, rne, 0x05, 0x7f800000, 0x7f7fffff, 0x7f7fffff)  /* overflow */

/* ---- fmul ---- */
        TEST_FP_OP2_S_RM( 29, fmul.s, rne, 0x01, 0x3f800002, 0x3f800001, 0x3f800001)  /* (1+2^-23)^2 */
        TEST_FP_OP2_S_RM( 30, fmul.s, rtz, 0x01, 0x3f800002, 0x3f800001, 0x3f800001)  /* (1+2^-23)^2 */
        TEST_FP_OP2_S_RM( 31, fmul.s, rup, 0x01, 0x3f800003, 0x3f800001, 0x3f800001)  /* (1+2^-23)^2 */
        TEST_FP_OP2_S_RM( 32, fmul.s, rne, 0x05, 0x7f800000, 0x7f7fffff, 0x40000000)  /* overflow: inf or max by mode */
        TEST_FP_OP2_S_RM( 33, fmul.s, rtz, 0x05, 0x7f7fffff, 0x7f7fffff, 0x40000000)  /* overflow: inf or max by mode */
        TEST_FP_OP2_S_RM( 34, fmul.s, rdn, 0x05, 0x7f7fffff, 0x7f7fffff, 0x40000000)  /* overflow: inf or max by mode */
        TEST_FP_OP2_S_RM( 35, fmul.s, rup, 0x05, 0x7f800000, 0x7f7fffff, 0x40000000)  /* overflow: inf or max by mode */
        TEST_FP_OP2_S_RM( 36, fmul.s, rmm, 0x05, 0x7f800000, 0x7f7fffff, 0x40000000)  /* overflow: inf or max by mode */
        TEST_FP_OP2_S_RM( 37, fmul.s, rdn, 0x05, 0xff800000, 0xff7fffff, 0x40000000)  /* negative overflow */
        TEST_FP_OP2_S_RM( 38, fmul.s, rup, 0x05, 0xff7fffff, 0xff7fffff, 0x40000000)  /* negative overflow */
        TEST_FP_OP2_S_RM( 39, fmul.s, rne, 0x03, 0x00400000, 0x00800001, 0x3f000000)  /* tiny and inexact: UF|NX */
        TEST_FP_OP2_S_RM( 40, fmul.s, rne, 0x00, 0x00400000, 0x00800000, 0x3f000000)  /* exact subnormal: no UF */
        TEST_FP_OP2_S_RM( 41, fmul.s, rne, 0x01, 0x00800000, 0x3f800001, 0x007fffff)  /* tininess after rounding: rounds to 2^-126, NX only */
        TEST_FP_OP2_S_RM( 42, fmul.s, rtz, 0x03, 0x007fffff, 0x3f800001, 0x007fffff)  /* same product in rtz stays tiny: UF|NX */
        TEST_FP_OP2_S_RM( 43, fmul.s, rne, 0x10, 0x7fc00000, 0x00000000, 0x7f800000)  /* 0 * inf: NV */
        TEST_FP_OP2_S_RM( 44, fmul.s, rne, 0x00, 0x80000000, 0x80000000, 0x40400000)  /* -0 * 3 = -0 */

/* ---- fdiv ---- */
        TEST_FP_OP2_S_RM( 45, fdiv.s, rne, 0x01, 0x3eaaaaab, 0x3f800000, 0x40400000)  /* 1/3 */
        TEST_FP_OP2_S_RM( 46, fdiv.s, rtz, 0x01, 0x3eaaaaaa, 0x3f800000, 0x40400000)  /* 1/3 */
        TEST_FP_OP2_S_RM( 47, fdiv.s, rdn, 0x01, 0x3eaaaaaa, 0x3f800000, 0x40400000)  /* 1/3 */
        TEST_FP_OP2_S_RM( 48, fdiv.s, rup, 0x01, 0x3eaaaaab, 0x3f800000, 0x40400000)  /* 1/3 */
        TEST_FP_OP2_S_RM( 49, fdiv.s, rmm, 0x01, 0x3eaaaaab, 0x3f800000, 0x40400000)  /* 1/3 */
        TEST_FP_OP2_S_RM( 50, fdiv.s, rdn, 0x01, 0xbeaaaaab, 0xbf800000, 0x40400000)  /* -1/3 */
        TEST_FP_OP2_S_RM( 51, fdiv.s, rne, 0x08, 0x7f800000, 0x3f800000, 0x00000000)  /* 1/0: DZ */
        TEST_FP_OP2_S_RM( 52, fdiv.s, rne, 0x08, 0xff800000, 0xbf800000, 0x00000000)  /* -1/+0: -inf, DZ */
        TEST_FP_OP2_S_RM( 53, fdiv.s, rne, 0x08, 0xff800000, 0x3f800000, 0x80000000)  /* 1/-0: -inf, DZ */
        TEST_FP_OP2_S_RM( 54, fdiv.s, rne, 0x10, 0x7fc00000, 0x00000000, 0x00000000)  /* 0/0: NV */
        TEST_FP_OP2_S_RM( 55, fdiv.s, rne, 0x10, 0x7fc00000, 0x7f800000, 0x7f800000)  /* inf/inf: NV */
        TEST_FP_OP2_S_RM( 56, fdiv.s, rne, 0x00, 0x00000000, 0x3f800000, 0x7f800000)  /* 1/inf = +0 */
        TEST_FP_OP2_S_RM( 57, fdiv.s, rne, 0x03, 0x00000000, 0x00800000, 0x4b800000)  /* 2^-126 / 2^24 = 2^-150: tie to 0 */
        TEST_FP_OP2_S_RM( 58, fdiv.s, rup, 0x03, 0x00000001, 0x00800000, 0x4b800000)  /* ... rounds up to the smallest subnormal */

/* ---- fsqrt ---- */
        TEST_FP_OP1_S_RM( 59, fsqrt.s, rne, 0x01, 0x3fb504f3, 0x40000000)  /* sqrt(2) */
        TEST_FP_OP1_S_RM( 60, fsqrt.s, rtz, 0x01, 0x3fb504f3, 0x40000000)  /* sqrt(2) */
        TEST_FP_OP1_S_RM( 61, fsqrt.s, rdn, 0x01, 0x3fb504f3, 0x40000000)  /* sqrt(2) */
        TEST_FP_OP1_S_RM( 62, fsqrt.s, rup, 0x01, 0x3fb504f4, 0x40000000)  /* sqrt(2) */
        TEST_FP_OP1_S_RM( 63, fsqrt.s, rmm, 0x01, 0x3fb504f3, 0x40000000)  /* sqrt(2) */
        TEST_FP_OP1_S_RM( 64, fsqrt.s, rne, 0x00, 0x40000000, 0x40800000)  /* exact */
        TEST_FP_OP1_S_RM( 65, fsqrt.s, rne, 0x10, 0x7fc00000, 0xbf800000)  /* sqrt(-1): NV */
        TEST_FP_OP1_S_RM( 66, fsqrt.s, rne, 0x00, 0x80000000, 0x80000000)  /* sqrt(-0) = -0 */
        TEST_FP_OP1_S_RM( 67, fsqrt.s, rne, 0x00, 0x7f800000, 0x7f800000)
        TEST_FP_OP1_S_RM( 68, fsqrt.s, rne, 0x10, 0x7fc00000, 0xff800000)  /* NV */
        TEST_FP_OP1_S_RM( 69, fsqrt.s, rne, 0x10, 0x7fc00000, 0x7f800001)  /* NV */
        TEST_FP_OP1_S_RM( 70, fsqrt.s, rne, 0x00, 0x7fc00000, 0x7fc12345)  /* no flags */

/* ---- fused multiply-add: one rounding, every mode ---- */
        TEST_FP_OP3_S_RM( 71, fmadd.s, rne, 0x01, 0x34800000, 0x3f800001, 0x3f800001, 0xbf800000)  /* (1+2^-23)^2 - 1 = 2^-22 + 2^-46: tie */
        TEST_FP_OP3_S_RM( 72, fmadd.s, rtz, 0x01, 0x34800000, 0x3f800001, 0x3f800001, 0xbf800000)  /* (1+2^-23)^2 - 1 = 2^-22 + 2^-46: tie */
        TEST_FP_OP3_S_RM( 73, fmadd.s, rdn, 0x01, 0x34800000, 0x3f800001, 0x3f800001, 0xbf800000)  /* (1+2^-23)^2 - 1 = 2^-22 + 2^-46: tie */
        TEST_FP_OP3_S_RM( 74, fmadd.s, rup, 0x01, 0x34800001, 0x3f800001, 0x3f800001, 0xbf800000)  /* (1+2^-23)^2 - 1 = 2^-22 + 2^-46: tie */
        TEST_FP_OP3_S_RM( 75, fmadd.s, rmm, 0x01, 0x34800001, 0x3f800001, 0x3f800001, 0xbf800000)  /* (1+2^-23)^2 - 1 = 2^-22 + 2^-46: tie */
        TEST_FP_OP3_S_RM( 76, fmsub.s, rne, 0x01, 0x34800000, 0x3f800001, 0x3f800001, 0x3f800000)  /* same value via fmsub */
        TEST_FP_OP3_S_RM( 77, fmsub.s, rup, 0x01, 0x34800001, 0x3f800001, 0x3f800001, 0x3f800000)  /* same value via fmsub */
        TEST_FP_OP3_S_RM( 78, fmsub.s, rmm, 0x01, 0x34800001, 0x3f800001, 0x3f800001, 0x3f800000)  /* same value via fmsub */
        TEST_FP_OP3_S_RM( 79, fnmsub.s, rne, 0x01, 0xb4800000, 0x3f800001, 0x3f800001, 0x3f800000)  /* -(a*b) + c: negative tie */
        TEST_FP_OP3_S_RM( 80, fnmsub.s, rdn, 0x01, 0xb4800001, 0x3f800001, 0x3f800001, 0x3f800000)  /* -(a*b) + c: negative tie */
        TEST_FP_OP3_S_RM( 81, fnmsub.s, rmm, 0x01, 0xb4800001, 0x3f800001, 0x3f800001, 0x3f800000)  /* -(a*b) + c: negative tie */
        TEST_FP_OP3_S_RM( 82, fnmadd.s, rtz, 0x01, 0xb4800000, 0x3f800001, 0x3f800001, 0xbf800000)  /* -(a*b) - c */
        TEST_FP_OP3_S_RM( 83, fnmadd.s, rdn, 0x01, 0xb4800001, 0x3f800001, 0x3f800001, 0xbf800000)  /* -(a*b) - c */
        TEST_FP_OP3_S_RM( 84, fnmadd.s, rup, 0x01, 0xb4800000, 0x3f800001, 0x3f800001, 0xbf800000)  /* -(a*b) - c */
        TEST_FP_OP3_S_RM( 85, fmadd.s, rne, 0x00, 0xa8800000, 0x3f800001, 0x3f7ffffe, 0xbf800000)  /* (1+2^-23)(1-2^-23) - 1 = -2^-46 exactly (unfused: 0) */
        TEST_FP_OP3_S_RM( 86, fmadd.s, rne, 0x00, 0x40e00000, 0x40000000, 0x40400000, 0x3f800000)
        TEST_FP_OP3_S_RM( 87, fmsub.s, rne, 0x00, 0x40a00000, 0x40000000, 0x40400000, 0x3f800000)
        TEST_FP_OP3_S_RM( 88, fnmsub.s, rne, 0x00, 0xc0a00000, 0x40000000, 0x40400000, 0x3f800000)
        TEST_FP_OP3_S_RM( 89, fnmadd.s, rne, 0x00, 0xc0e00000, 0x40000000, 0x40400000, 0x3f800000)
        TEST_FP_OP3_S_RM( 90, fmadd.s, rne, 0x10, 0x7fc00000, 0x7f800000, 0x00000000, 0x7fc12345)  /* inf * 0 + qNaN: NV even though the addend is quiet */
        TEST_FP_OP3_S_RM( 91, fmadd.s, rne, 0x10, 0x7fc00000, 0x00000000, 0x7f800000, 0x3f800000)  /* 0 * inf + 1: NV */
        TEST_FP_OP3_S_RM( 92, fmadd.s, rne, 0x10, 0x7fc00000, 0x7f800001, 0x3f800000, 0x3f800000)  /* NV */
        TEST_FP_OP3_S_RM( 93, fmadd.s, rne, 0x00, 0x7fc00000, 0x3f800000, 0x3f800000, 0x7fc12345)  /* quiet NaN addend: no flags */
        TEST_FP_OP3_S_RM( 94, fnmadd.s, rne, 0x00, 0x80000000, 0x00000000, 0x3f800000, 0x00000000)  /* -(0*1) - 0 = -0 */
        TEST_FP_OP3_S_RM( 95, fmadd.s, rne, 0x00, 0x00000000, 0xbf800000, 0x00000000, 0x00000000)  /* -0 + +0 = +0 */
        TEST_FP_OP3_S_RM( 96, fmadd.s, rdn, 0x00, 0x80000000, 0xbf800000, 0x00000000, 0x00000000)  /* -0 + +0 = -0 in rdn */
        TEST_FP_OP3_S_RM( 97, fmadd.s, rne, 0x00, 0x7f7fffff, 0x7f7fffff, 0x40000000, 0xff7fffff)  /* no intermediate overflow */

/* ---- dynamic rounding mode from frm ---- */
        TEST_FP_S_INTERNAL( 98, 0x01, 0x3f800000, 0x3f800000, 0x33800000, 0, csrwi frm, 0; fadd.s f3, f0, f1, dyn)  /* frm=rne: tie to even */
        TEST_FP_S_INTERNAL( 99, 0x01, 0x3f800000, 0x3f800000, 0x33c00000, 0, csrwi frm, 1; fadd.s f3, f0, f1, dyn)  /* frm=rtz:  */
        TEST_FP_S_INTERNAL(100, 0x01, 0xbf800001, 0xbf800000, 0xb3800000, 0, csrwi frm, 2; fadd.s f3, f0, f1, dyn)  /* frm=rdn:  */
        TEST_FP_S_INTERNAL(101, 0x01, 0x3f800001, 0x3f800000, 0x33800000, 0, csrwi frm, 3; fadd.s f3, f0, f1, dyn)  /* frm=rup:  */
        TEST_FP_S_INTERNAL(102, 0x01, 0x3f800001, 0x3f800000, 0x33800000, 0, csrwi frm, 4; fadd.s f3, f0, f1, dyn)  /* frm=rmm: tie away */
        TEST_FP_S_INTERNAL(103, 0x01, 0x3eaaaaaa, 0x3f800000, 0x40400000, 0, csrwi frm, 1; fdiv.s f3, f0, f1, dyn)  /* frm=rtz:  */
        TEST_FP_S_INTERNAL(104, 0x01, 0x3f800001, 0x3f800000, 0x33800000, 0, csrwi frm, 3; fadd.s f3, f0, f1)  /* no rm operand = dyn (frm=rup) */
        TEST_FP_S_INTERNAL(105, 0x01, 0x34800001, 0x3f800001, 0x3f800001, 0xbf800000, csrwi frm, 3; fmadd.s f3, f0, f1, f2)  /* fmadd, frm=rup */
        TEST_FP_S_INTERNAL(106, 0x01, 0x3f800000, 0x3f800000, 0x33800000, 0, csrwi frm, 3; fadd.s f3, f0, f1, rne)  /* static rm overrides frm=rup */
        TEST_FP_INT_S_INTERNAL(107, 0x01, 0xfffffffffffffffe, 0xbfc00000, 0, csrwi frm, 2; fcvt.w.s a4, f0, dyn)  /* -1.5, frm=rdn */
        TEST_FP_INT_S_INTERNAL(108, 0x01, 0xffffffffffffffff, 0xbfc00000, 0, csrwi frm, 1; fcvt.w.s a4, f0, dyn)  /* -1.5, frm=rtz */
        TEST_CASE(109, a4, 0, csrwi frm, 0; csrr a4, frm)  /* back to rne */

/* ---- fmin / fmax ---- */
        TEST_FP_OP2_S(110, fmin.s, 0x00, 0x3f800000, 0x3f800000, 0x7fc00000)  /* one quiet NaN: the other operand */
        TEST_FP_OP2_S(111, fmin.s, 0x00, 0x3f800000, 0x7fc12345, 0x3f800000)
        TEST_FP_OP2_S(112, fmax.s, 0x00, 0xbf800000, 0x7fc00000, 0xbf800000)
        TEST_FP_OP2_S(113, fmax.s, 0x00, 0xbf800000, 0xbf800000, 0x7fc12345)
        TEST_FP_OP2_S(114, fmin.s, 0x00, 0x7fc00000, 0x7fc12345, 0x7fc00000)  /* both NaN: canonical NaN */
        TEST_FP_OP2_S(115, fmax.s, 0x00, 0x7fc00000, 0x7fc12345, 0xffc00001)
        TEST_FP_OP2_S(116, fmin.s, 0x10, 0x3f800000, 0x7f800001, 0x3f800000)  /* signaling NaN: NV, other operand returned */
        TEST_FP_OP2_S(117, fmax.s, 0x10, 0x3f800000, 0x3f800000, 0x7f800001)
        TEST_FP_OP2_S(118, fmin.s, 0x10, 0x7fc00000, 0x7f800001, 0x7f800001)  /* NV, canonical NaN */
        TEST_FP_OP2_S(119, fmax.s, 0x10, 0x7fc00000, 0x7f800001, 0x7fc00000)
        TEST_FP_OP2_S(120, fmin.s, 0x00, 0x80000000, 0x80000000, 0x00000000)  /* -0 < +0 */
        TEST_FP_OP2_S(121, fmin.s, 0x00, 0x80000000, 0x00000000, 0x80000000)
        TEST_FP_OP2_S(122, fmax.s, 0x00, 0x00000000, 0x80000000, 0x00000000)
        TEST_FP_OP2_S(123, fmax.s, 0x00, 0x00000000, 0x00000000, 0x80000000)
        TEST_FP_OP2_S(124, fmin.s, 0x00, 0xff800000, 0xff800000, 0x3f800000)
        TEST_FP_OP2_S(125, fmax.s, 0x00, 0xbf800000, 0xbf800000, 0xc0000000)

/* ---- feq / flt / fle ---- */
        TEST_FP_CMP_S(126, feq.s, 0x00, 1, 0x3f800000, 0x3f800000)
        TEST_FP_CMP_S(127, feq.s, 0x00, 0, 0x7fc00000, 0x3f800000)  /* quiet NaN: feq raises nothing */
        TEST_FP_CMP_S(128, feq.s, 0x00, 0, 0x7fc00000, 0x7fc00000)
        TEST_FP_CMP_S(129, feq.s, 0x10, 0, 0x7f800001, 0x3f800000)  /* signaling NaN: NV */
        TEST_FP_CMP_S(130, feq.s, 0x10, 0, 0x3f800000, 0x7f800001)
        TEST_FP_CMP_S(131, flt.s, 0x10, 0, 0x7fc00000, 0x3f800000)  /* flt/fle raise NV on quiet NaN */
        TEST_FP_CMP_S(132, flt.s, 0x10, 0, 0x3f800000, 0x7fc00000)
        TEST_FP_CMP_S(133, fle.s, 0x10, 0, 0x3f800000, 0x7fc12345)
        TEST_FP_CMP_S(134, fle.s, 0x10, 0, 0x7fc00000, 0x7fc00000)
        TEST_FP_CMP_S(135, flt.s, 0x10, 0, 0x7f800001, 0x3f800000)
        TEST_FP_CMP_S(136, flt.s, 0x00, 0, 0x80000000, 0x00000000)  /* -0 == +0 */
        TEST_FP_CMP_S(137, fle.s, 0x00, 1, 0x80000000, 0x00000000)
        TEST_FP_CMP_S(138, feq.s, 0x00, 1, 0x80000000, 0x00000000)
        TEST_FP_CMP_S(139, flt.s, 0x00, 1, 0x3f800000, 0x40000000)
        TEST_FP_CMP_S(140, flt.s, 0x00, 0, 0x40000000, 0x3f800000)
        TEST_FP_CMP_S(141, flt.s, 0x00, 1, 0xff800000, 0x7f800000)
        TEST_FP_CMP_S(142, fle.s, 0x00, 1, 0x7f800000, 0x7f800000)
        TEST_FP_CMP_S(143, flt.s, 0x00, 1, 0x00000001, 0x00000002)  /* subnormals */

/* ---- fclass: all ten classes ---- */
        TEST_FCLASS_S(144, 0x001, 0xff800000)  /* -inf */
        TEST_FCLASS_S(145, 0x002, 0xbf800000)  /* negative normal */
        TEST_FCLASS_S(146, 0x004, 0x807fffff)  /* negative subnormal */
        TEST_FCLASS_S(147, 0x008, 0x80000000)  /* -0 */
        TEST_FCLASS_S(148, 0x010, 0x00000000)  /* +0 */
        TEST_FCLASS_S(149, 0x020, 0x00000001)  /* positive subnormal */
        TEST_FCLASS_S(150, 0x040, 0x3f800000)  /* positive normal */
        TEST_FCLASS_S(151, 0x080, 0x7f800000)  /* +inf */
        TEST_FCLASS_S(152, 0x100, 0x7f800001)  /* signaling NaN */
        TEST_FCLASS_S(153, 0x100, 0xffbfffff)  /* negative signaling NaN */
        TEST_FCLASS_S(154, 0x200, 0x7fc00000)  /* quiet NaN */
        TEST_FCLASS_S(155, 0x200, 0xffc00001)  /* negative quiet NaN */

/* ---- fcvt.w.s / fcvt.wu.s / fcvt.l.s / fcvt.lu.s: rounding and saturation ---- */
        TEST_FCVT_INT_S(156, fcvt.w.s, rtz, 0x10, 0x000000007fffffff, 0x7fc00000)  /* NaN -> 2^31-1, NV */
        TEST_FCVT_INT_S(157, fcvt.w.s, rtz, 0x10, 0x000000007fffffff, 0x7f800001)
        TEST_FCVT_INT_S(158, fcvt.w.s, rtz, 0x10, 0x000000007fffffff, 0x7f800000)
        TEST_FCVT_INT_S(159, fcvt.w.s, rtz, 0x10, 0xffffffff80000000, 0xff800000)  /* -inf -> -2^31 */
        TEST_FCVT_INT_S(160, fcvt.w.s, rtz, 0x10, 0x000000007fffffff, 0x4f32d05e)  /* 3e9: too large */
        TEST_FCVT_INT_S(161, fcvt.w.s, rtz, 0x10, 0xffffffff80000000, 0xcf32d05e)  /* -3e9: too small */
        TEST_FCVT_INT_S(162, fcvt.w.s, rtz, 0x00, 0xffffffff80000000, 0xcf000000)  /* -2^31 exactly */
        TEST_FCVT_INT_S(163, fcvt.w.s, rtz, 0x10, 0x000000007fffffff, 0x4f000000)  /* 2^31: out of range */
        TEST_FCVT_INT_S(164, fcvt.w.s, rtz, 0x00, 0x0000000000000000, 0x80000000)  /* -0 -> 0 */
        TEST_FCVT_INT_S(165, fcvt.w.s, rtz, 0x01, 0x0000000000000000, 0x3f666666)  /* 0.9 -> 0, NX */
        TEST_FCVT_INT_S(166, fcvt.w.s, rne, 0x01, 0x0000000000000002, 0x3fc00000)  /* 1.5 */
        TEST_FCVT_INT_S(167, fcvt.w.s, rdn, 0x01, 0x0000000000000001, 0x3fc00000)  /* 1.5 */
        TEST_FCVT_INT_S(168, fcvt.w.s, rup, 0x01, 0x0000000000000002, 0x3fc00000)  /* 1.5 */
        TEST_FCVT_INT_S(169, fcvt.w.s, rne, 0x01, 0xfffffffffffffffe, 0xbfc00000)  /* -1.5 */
        TEST_FCVT_INT_S(170, fcvt.w.s, rtz, 0x01, 0xffffffffffffffff, 0xbfc00000)  /* -1.5 */
        TEST_FCVT_INT_S(171, fcvt.w.s, rdn, 0x01, 0xfffffffffffffffe, 0xbfc00000)  /* -1.5 */
        TEST_FCVT_INT_S(172, fcvt.w.s, rup, 0x01, 0xffffffffffffffff, 0xbfc00000)  /* -1.5 */
        TEST_FCVT_INT_S(173, fcvt.w.s, rmm, 0x01, 0xfffffffffffffffe, 0xbfc00000)  /* -1.5 */
        TEST_FCVT_INT_S(174, fcvt.w.s, rne, 0x01, 0x0000000000000002, 0x40200000)  /* 2.5 -> 2 (even) */
        TEST_FCVT_INT_S(175, fcvt.w.s, rmm, 0x01, 0x0000000000000003, 0x40200000)  /* 2.5 -> 3 (away) */
        TEST_FCVT_INT_S(176, fcvt.w.s, rmm, 0x01, 0xfffffffffffffffd, 0xc0200000)  /* -2.5 -> -3 */
        TEST_FCVT_INT_S(177, fcvt.wu.s, rtz, 0x10, 0xffffffffffffffff, 0x7fc00000)  /* NaN -> 2^32-1, sign-extended to 64 bits */
        TEST_FCVT_INT_S(178, fcvt.wu.s, rtz, 0x10, 0xffffffffffffffff, 0x7f800000)
        TEST_FCVT_INT_S(179, fcvt.wu.s, rtz, 0x10, 0x0000000000000000, 0xff800000)  /* -inf -> 0, NV */
        TEST_FCVT_INT_S(180, fcvt.wu.s, rtz, 0x00, 0xffffffffb2d05e00, 0x4f32d05e)  /* 3e9 fits: bit 31 set, sign-extended */
        TEST_FCVT_INT_S(181, fcvt.wu.s, rtz, 0x10, 0xffffffffffffffff, 0x4f9502f9)  /* 5e9: too large */
        TEST_FCVT_INT_S(182, fcvt.wu.s, rtz, 0x01, 0x0000000000000000, 0xbf666666)  /* -0.9 rounds to 0: NX only */
        TEST_FCVT_INT_S(183, fcvt.wu.s, rup, 0x01, 0x0000000000000000, 0xbf666666)  /* -0.9 rounds to -0: NX only */
        TEST_FCVT_INT_S(184, fcvt.wu.s, rne, 0x10, 0x0000000000000000, 0xbf666666)  /* -0.9 rounds to -1: NV */
        TEST_FCVT_INT_S(185, fcvt.wu.s, rdn, 0x10, 0x0000000000000000, 0xbf666666)
        TEST_FCVT_INT_S(186, fcvt.wu.s, rtz, 0x10, 0x0000000000000000, 0xbf800000)  /* -1.0: NV */
        TEST_FCVT_INT_S(187, fcvt.wu.s, rtz, 0x00, 0x0000000000000000, 0x80000000)  /* -0: no flags */
        TEST_FCVT_INT_S(188, fcvt.wu.s, rne, 0x01, 0x0000000000000000, 0x3f000000)  /* 0.5 -> 0 (even) */
        TEST_FCVT_INT_S(189, fcvt.wu.s, rmm, 0x01, 0x0000000000000001, 0x3f000000)  /* 0.5 -> 1 */
        TEST_FCVT_INT_S(190, fcvt.l.s, rtz, 0x10, 0x7fffffffffffffff, 0x7fc00000)  /* NaN -> 2^63-1 */
        TEST_FCVT_INT_S(191, fcvt.l.s, rtz, 0x10, 0x7fffffffffffffff, 0x7f800000)
        TEST_FCVT_INT_S(192, fcvt.l.s, rtz, 0x10, 0x8000000000000000, 0xff800000)  /* -inf -> -2^63 */
        TEST_FCVT_INT_S(193, fcvt.l.s, rtz, 0x10, 0x7fffffffffffffff, 0x5f0ac723)  /* 1e19: too large */
        TEST_FCVT_INT_S(194, fcvt.l.s, rtz, 0x00, 0x8000000000000000, 0xdf000000)  /* -2^63 exactly */
        TEST_FCVT_INT_S(195, fcvt.l.s, rtz, 0x10, 0x7fffffffffffffff, 0x5f000000)  /* 2^63: out of range */
        TEST_FCVT_INT_S(196, fcvt.l.s, rtz, 0x00, 0x00000000b2d05e00, 0x4f32d05e)  /* 3e9, no sign-extension from 32 bits */
        TEST_FCVT_INT_S(197, fcvt.l.s, rdn, 0x01, 0xfffffffffffffffe, 0xbfc00000)
        TEST_FCVT_INT_S(198, fcvt.l.s, rmm, 0x01, 0xfffffffffffffffd, 0xc0200000)
        TEST_FCVT_INT_S(199, fcvt.lu.s, rtz, 0x10, 0xffffffffffffffff, 0x7fc00000)  /* NaN -> 2^64-1 */
        TEST_FCVT_INT_S(200, fcvt.lu.s, rtz, 0x10, 0x0000000000000000, 0xff800000)  /* -inf -> 0 */
        TEST_FCVT_INT_S(201, fcvt.lu.s, rtz, 0x10, 0x0000000000000000, 0xbf800000)  /* -1.0 -> 0, NV */
        TEST_FCVT_INT_S(202, fcvt.lu.s, rtz, 0x01, 0x0000000000000000, 0xbf666666)  /* -0.9 -> 0, NX */
        TEST_FCVT_INT_S(203, fcvt.lu.s, rtz, 0x00, 0x8000000000000000, 0x5f000000)  /* 2^63 fits */
        TEST_FCVT_INT_S(204, fcvt.lu.s, rtz, 0x10, 0xffffffffffffffff, 0x5f800000)  /* 2^64: too large */
        TEST_FCVT_INT_S(205, fcvt.lu.s, rtz, 0x00, 0xf9ccd90000000000, 0x5f79ccd9)  /* 1.8e19 */
        TEST_FCVT_INT_S(206, fcvt.lu.s, rup, 0x01, 0x0000000000000001, 0x3f666666)

/* ---- fcvt.s.w / fcvt.s.wu / fcvt.s.l / fcvt.s.lu ---- */
        TEST_FCVT_FROM_INT_S(207, fcvt.s.w, rne, 0x00, 0xbf800000, 0xffffffffffffffff)
        TEST_FCVT_FROM_INT_S(208, fcvt.s.w, rne, 0x00, 0x40000000, 0x0000000100000002)  /* only the low 32 bits are converted */
        TEST_FCVT_FROM_INT_S(209, fcvt.s.w, rne, 0x00, 0xcf000000, 0x0000000080000000)  /* -2^31 */
        TEST_FCVT_FROM_INT_S(210, fcvt.s.w, rne, 0x01, 0x4b800000, 0x0000000001000001)  /* 2^24+1: tie */
        TEST_FCVT_FROM_INT_S(211, fcvt.s.w, rup, 0x01, 0x4b800001, 0x0000000001000001)  /* 2^24+1: tie */
        TEST_FCVT_FROM_INT_S(212, fcvt.s.w, rmm, 0x01, 0x4b800001, 0x0000000001000001)  /* 2^24+1: tie */
        TEST_FCVT_FROM_INT_S(213, fcvt.s.w, rne, 0x01, 0x4f000000, 0x000000007fffffff)
        TEST_FCVT_FROM_INT_S(214, fcvt.s.w, rtz, 0x01, 0x4effffff, 0x000000007fffffff)
        TEST_FCVT_FROM_INT_S(215, fcvt.s.w, rne, 0x00, 0x00000000, 0x0000000000000000)  /* +0 */
        TEST_FCVT_FROM_INT_S(216, fcvt.s.wu, rne, 0x01, 0x4f800000, 0x00000000ffffffff)  /* 2^32-1 */
        TEST_FCVT_FROM_INT_S(217, fcvt.s.wu, rtz, 0x01, 0x4f7fffff, 0xffffffffffffffff)  /* upper bits ignored */
        TEST_FCVT_FROM_INT_S(218, fcvt.s.wu, rne, 0x00, 0x4f000000, 0x0000000080000000)  /* 2^31, unsigned */
        TEST_FCVT_FROM_INT_S(219, fcvt.s.l, rne, 0x00, 0xdf000000, 0x8000000000000000)  /* -2^63 exactly */
        TEST_FCVT_FROM_INT_S(220, fcvt.s.l, rne, 0x01, 0x5f000000, 0x7fffffffffffffff)
        TEST_FCVT_FROM_INT_S(221, fcvt.s.l, rdn, 0x01, 0xcb800001, 0xfffffffffeffffff)
        TEST_FCVT_FROM_INT_S(222, fcvt.s.l, rne, 0x00, 0x4f800000, 0x0000000100000000)  /* 2^32 (not truncated) */
        TEST_FCVT_FROM_INT_S(223, fcvt.s.lu, rne, 0x01, 0x5f800000, 0xffffffffffffffff)  /* 2^64-1 */
        TEST_FCVT_FROM_INT_S(224, fcvt.s.lu, rtz, 0x01, 0x5f7fffff, 0xffffffffffffffff)
        TEST_FCVT_FROM_INT_S(225, fcvt.s.lu, rne, 0x00, 0x5f000000, 0x8000000000000000)  /* 2^63 */

/* ---- sign injection: bit operations, NaNs untouched, no flags ---- */
        TEST_FP_OP2_S(226, fsgnj.s, 0x00, 0xbf800000, 0x3f800000, 0xc0000000)
        TEST_FP_OP2_S(227, fsgnjn.s, 0x00, 0x3f800000, 0x3f800000, 0xc0000000)
        TEST_FP_OP2_S(228, fsgnjn.s, 0x00, 0xbf800000, 0x3f800000, 0x40000000)
        TEST_FP_OP2_S(229, fsgnjx.s, 0x00, 0x3f800000, 0xbf800000, 0xc0000000)
        TEST_FP_OP2_S(230, fsgnjn.s, 0x00, 0xff800001, 0x7f800001, 0x7f800001)  /* fneg of a signaling NaN: no NV, payload kept */
        TEST_FP_OP2_S(231, fsgnjx.s, 0x00, 0xffc12345, 0x7fc12345, 0xbf800000)
        TEST_FP_OP2_S(232, fsgnj.s, 0x00, 0x7f800000, 0xff800000, 0x00000000)
        TEST_FP_OP2_S(233, fsgnjx.s, 0x00, 0x00000000, 0x80000000, 0x80000000)  /* fabs(-0) */

/* ---- accrued flags: they accumulate until cleared ---------------------------------- */
        TEST_BEGIN(234)
        FP_LOAD_S(f0, S_ONE) FP_LOAD_S(f1, S_PZERO) FP_LOAD_S(f2, 0x40400000)
        FP_RUN(fdiv.s f3, f0, f1; fdiv.s f4, f0, f2; fadd.s f5, f0, f0)
        CHECK_EQ(a1, FFLAG_DZ | FFLAG_NX)
        TEST_CASE(235, a4, 0, frflags a4)                /* the csrrw in FP_RUN cleared them */

/* ---- moves: fmv.x.w sign-extends, fmv.w.x NaN-boxes, no canonicalisation ------------- */
        TEST_CASE(236, a4, 0xffffffffbf800000, li a0, 0xbf800000; fmv.w.x f5, a0; fmv.x.w a4, f5)
        TEST_CASE(237, a4, 0x000000007f800001, li a0, 0xffffffff7f800001; fmv.w.x f5, a0; fmv.x.w a4, f5)
        TEST_CASE(238, a4, 0xffffffff3f800000, li a0, 0x123456783f800000; fmv.w.x f5, a0; fmv.x.d a4, f5)
        TEST_CASE(239, a4, 0xffffffff40400000,
                  FP_LOAD_S(f0, S_ONE) FP_LOAD_S(f1, 0x40000000) fadd.s f5, f0, f1; fmv.x.d a4, f5)

/* ---- NaN boxing: a single-precision operand that is not NaN-boxed is a canonical NaN -- */
        TEST_NANBOX(240, 0x00, 0x000000007fc00000, 0x000000003f800000, fadd.s f3, f0, f1; fmv.x.w a4, f3)
        TEST_NANBOX(241, 0x00, 0x000000007fc00000, 0xfffffffe3f800000, fmul.s f3, f0, f1; fmv.x.w a4, f3)
        TEST_NANBOX(242, 0x00, 0xffffffffbf800000, 0x000000003f800000, fmin.s f3, f0, f1; fmv.x.w a4, f3)
        TEST_NANBOX(243, 0x00, 0x0000000000000200, 0x000000003f800000, fclass.s a4, f0)
        TEST_NANBOX(244, 0x00, 0x0000000000000000, 0x000000003f800000, feq.s a4, f0, f0)
        TEST_NANBOX(245, 0x10, 0x0000000000000000, 0x000000003f800000, flt.s a4, f1, f0)
        TEST_NANBOX(246, 0x10, 0x000000007fffffff, 0x000000003f800000, fcvt.w.s a4, f0, rtz)
        TEST_NANBOX(247, 0x00, 0xffffffffffc00000, 0x000000003f800000, fsgnj.s f3, f0, f1; fmv.x.w a4, f3)
        /* transfers ignore the upper bits: fmv.x.w and fsw move the low 32 bits */
        TEST_NANBOX(248, 0x00, 0xffffffffbf800000, 0x00000000bf800000, fmv.x.w a4, f0)
        TEST_NANBOX(249, 0x00, 0x000000003f800000, 0x123456783f800000,
                    lla a2, fdata; fsw f0, 16(a2); lwu a4, 16(a2))
        /* a correctly boxed value works */
        TEST_NANBOX(250, 0x00, 0x0000000000000000, 0xffffffff3f800000, fadd.s f3, f0, f1; fmv.x.w a4, f3)

/* ---- flw / fsw: exact bits (signaling NaN untouched, no flags), NaN-boxed loads ----- */
        TEST_CASE(251, a4, 0xffffffff7f800001,
                  lla a2, fdata; csrw fflags, x0; flw f5, 0(a2); fmv.x.d a4, f5; frflags a5; FAIL_IF_NE(a5, x0))
        TEST_CASE(252, a4, 0xffffffffffbfffff,
                  lla a2, fdata + 8; flw f5, -4(a2); fsw f5, 20(a2); lw a4, 20(a2))
        /* fsw writes exactly 4 bytes */
        TEST_CASE(253, a4, 0x3f800000aaaaaaaa,
                  lla a2, fdata; li a3, 0xaaaaaaaaaaaaaaaa; sd a3, 24(a2);
                  FP_LOAD_S(f5, S_ONE) fsw f5, 28(a2); ld a4, 24(a2))
        TEST_CASE(254, a4, 0x0000000000000000, csrr a4, fflags)

        TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
fdata:
        .word 0x7f800001, 0xffbfffff, 0, 0
        .dword 0, 0, 0, 0
RVTEST_DATA_END
