/*
 * rv64d.S - D extension (double precision) on RV64, incl. fcvt.s.d / fcvt.d.s.
 * Exit status 0 = all checks passed, otherwise the number of the first failing check.
 *
 * Every check compares the exact result bits AND the exact fflags (cleared before the
 * instruction, read-and-cleared with csrrw after it).  Values are IEEE-754 bit patterns:
 *   1.0 = 0x3ff0000000000000, 2^-53 = 0x3ca0000000000000, max = 0x7fefffffffffffff,
 *   canonical NaN = 0x7ff8000000000000, sNaN = 0x7ff0000000000001.
 * fflags: NV 0x10, DZ 0x08, OF 0x04, UF 0x02, NX 0x01.
 * Expected values were computed with an exact rational model of IEEE-754 (all five
 * rounding modes, tininess detected after rounding, as RISC-V requires).
 */
#include "test_macros.h"

RVTEST_CODE_BEGIN
        .option norvc
        csrw fcsr, x0

/* ---- fadd / fsub: every static rounding mode ---- */
        TEST_FP_OP2_D_RM(  1, fadd.d, rne, 0x01, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ca0000000000000)  /* 1 + 2^-53: exact tie */
        TEST_FP_OP2_D_RM(  2, fadd.d, rtz, 0x01, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ca0000000000000)  /* 1 + 2^-53: exact tie */
        TEST_FP_OP2_D_RM(  3, fadd.d, rdn, 0x01, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ca0000000000000)  /* 1 + 2^-53: exact tie */
        TEST_FP_OP2_D_RM(  4, fadd.d, rup, 0x01, 0x3ff0000000000001, 0x3ff0000000000000, 0x3ca0000000000000)  /* 1 + 2^-53: exact tie */
        TEST_FP_OP2_D_RM(  5, fadd.d, rmm, 0x01, 0x3ff0000000000001, 0x3ff0000000000000, 0x3ca0000000000000)  /* 1 + 2^-53: exact tie */
        TEST_FP_OP2_D_RM(  6, fadd.d, rne, 0x01, 0xbff0000000000000, 0xbff0000000000000, 0xbca0000000000000)  /* -1 - 2^-53: negative tie */
        TEST_FP_OP2_D_RM(  7, fadd.d, rtz, 0x01, 0xbff0000000000000, 0xbff0000000000000, 0xbca0000000000000)  /* -1 - 2^-53: negative tie */
        TEST_FP_OP2_D_RM(  8, fadd.d, rdn, 0x01, 0xbff0000000000001, 0xbff0000000000000, 0xbca0000000000000)  /* -1 - 2^-53: negative tie */
        TEST_FP_OP2_D_RM(  9, fadd.d, rup, 0x01, 0xbff0000000000000, 0xbff0000000000000, 0xbca0000000000000)  /* -1 - 2^-53: negative tie */
        TEST_FP_OP2_D_RM( 10, fadd.d, rmm, 0x01, 0xbff0000000000001, 0xbff0000000000000, 0xbca0000000000000)  /* -1 - 2^-53: negative tie */
        TEST_FP_OP2_D_RM( 11, fadd.d, rne, 0x01, 0x3ff0000000000001, 0x3ff0000000000000, 0x3ca8000000000000)  /* 1 + 0.75 ulp */
        TEST_FP_OP2_D_RM( 12, fadd.d, rtz, 0x01, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ca8000000000000)  /* 1 + 0.75 ulp */
        TEST_FP_OP2_D_RM( 13, fsub.d, rne, 0x01, 0x3ff0000000000000, 0x3ff0000000000000, 0x3c90000000000000)  /* 1 - 2^-54: tie below 1.0 */
        TEST_FP_OP2_D_RM( 14, fsub.d, rtz, 0x01, 0x3fefffffffffffff, 0x3ff0000000000000, 0x3c90000000000000)  /* 1 - 2^-54: tie below 1.0 */
        TEST_FP_OP2_D_RM( 15, fsub.d, rmm, 0x01, 0x3ff0000000000000, 0x3ff0000000000000, 0x3c90000000000000)  /* 1 - 2^-54: tie below 1.0 */
        TEST_FP_OP2_D( 16, fadd.d, 0x01, 0x40177082efac4240, 0x400921fb54442d18, 0x4005bf0a8b145769)  /* pi + e, default (dynamic) rounding, frm = rne */
        TEST_FP_OP2_D_RM( 17, fsub.d, rne, 0x00, 0x0000000000000000, 0x3ff0000000000000, 0x3ff0000000000000)  /* x - x = +0 */
        TEST_FP_OP2_D_RM( 18, fsub.d, rdn, 0x00, 0x8000000000000000, 0x3ff0000000000000, 0x3ff0000000000000)  /* x - x = -0 when rounding down */
        TEST_FP_OP2_D_RM( 19, fadd.d, rne, 0x00, 0x8000000000000000, 0x8000000000000000, 0x8000000000000000)  /* -0 + -0 = -0 */
        TEST_FP_OP2_D_RM( 20, fadd.d, rdn, 0x00, 0x8000000000000000, 0x0000000000000000, 0x8000000000000000)  /* +0 + -0 = -0 in rdn */
        TEST_FP_OP2_D_RM( 21, fadd.d, rne, 0x00, 0x7ff8000000000000, 0x7ff8000000012345, 0x3ff0000000000000)  /* quiet NaN in: canonical NaN out, no flags */
        TEST_FP_OP2_D_RM( 22, fadd.d, rne, 0x10, 0x7ff8000000000000, 0x3ff0000000000000, 0x7ff0000000000001)  /* signaling NaN: NV */
        TEST_FP_OP2_D_RM( 23, fsub.d, rne, 0x10, 0x7ff8000000000000, 0x7ff0000000000000, 0x7ff0000000000000)  /* inf - inf: NV */
        TEST_FP_OP2_D_RM( 24, fadd.d, rne, 0x05, 0x7ff0000000000000, 0x7fefffffffffffff, 0x7fefffffffffffff)  /* overflow */

/* ---- fmul ---- */
        TEST_FP_OP2_D_RM( 25, fmul.d, rne, 0x01, 0x3ff0000000000002, 0x3ff0000000000001, 0x3ff0000000000001)  /* (1+2^-52)^2 */
        TEST_FP_OP2_D_RM( 26, fmul.d, rtz, 0x01, 0x3ff0000000000002, 0x3ff0000000000001, 0x3ff0000000000001)  /* (1+2^-52)^2 */
        TEST_FP_OP2_D_RM( 27, fmul.d, rup, 0x01, 0x3ff0000000000003, 0x3ff0000000000001, 0x3ff0000000000001)  /* (1+2^-52)^2 */
        TEST_FP_OP2_D_RM( 28, fmul.d, rne, 0x05, 0x7ff0000000000000, 0x7fefffffffffffff, 0x4000000000000000)  /* overflow: inf or max by mode */
        TEST_FP_OP2_D_RM( 29, fmul.d, rtz, 0x05, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x4000000000000000)  /* overflow: inf or max by mode */
        TEST_FP_OP2_D_RM( 30, fmul.d, rdn, 0x05, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x4000000000000000)  /* overflow: inf or max by mode */
        TEST_FP_OP2_D_RM( 31, fmul.d, rup, 0x05, 0x7ff0000000000000, 0x7fefffffffffffff, 0x4000000000000000)  /* overflow: inf or max by mode */
        TEST_FP_OP2_D_RM( 32, fmul.d, rmm, 0x05, 0x7ff0000000000000, 0x7fefffffffffffff, 0x4000000000000000)  /* overflow: inf or max by mode */
        TEST_FP_OP2_D_RM( 33, fmul.d, rdn, 0x05, 0xfff0000000000000, 0xffefffffffffffff, 0x4000000000000000)  /* negative overflow */
        TEST_FP_OP2_D_RM( 34, fmul.d, rup, 0x05, 0xffefffffffffffff, 0xffefffffffffffff, 0x4000000000000000)  /* negative overflow */
        TEST_FP_OP2_D_RM( 35, fmul.d, rne, 0x03, 0x0008000000000000, 0x0010000000000001, 0x3fe0000000000000)  /* tiny and inexact: UF|NX */
        TEST_FP_OP2_D_RM( 36, fmul.d, rne, 0x00, 0x0008000000000000, 0x0010000000000000, 0x3fe0000000000000)  /* exact subnormal: no UF */
        TEST_FP_OP2_D_RM( 37, fmul.d, rne, 0x01, 0x0010000000000000, 0x3ff0000000000001, 0x000fffffffffffff)  /* tininess after rounding: NX only */
        TEST_FP_OP2_D_RM( 38, fmul.d, rtz, 0x03, 0x000fffffffffffff, 0x3ff0000000000001, 0x000fffffffffffff)  /* rtz: stays tiny, UF|NX */
        TEST_FP_OP2_D_RM( 39, fmul.d, rne, 0x10, 0x7ff8000000000000, 0x0000000000000000, 0xfff0000000000000)  /* 0 * inf: NV */
        TEST_FP_OP2_D_RM( 40, fmul.d, rne, 0x00, 0x8000000000000000, 0x8000000000000000, 0x4008000000000000)  /* -0 * 3 = -0 */

/* ---- fdiv ---- */
        TEST_FP_OP2_D_RM( 41, fdiv.d, rne, 0x01, 0x3fb999999999999a, 0x3ff0000000000000, 0x4024000000000000)  /* 1/10 */
        TEST_FP_OP2_D_RM( 42, fdiv.d, rtz, 0x01, 0x3fb9999999999999, 0x3ff0000000000000, 0x4024000000000000)  /* 1/10 */
        TEST_FP_OP2_D_RM( 43, fdiv.d, rdn, 0x01, 0x3fb9999999999999, 0x3ff0000000000000, 0x4024000000000000)  /* 1/10 */
        TEST_FP_OP2_D_RM( 44, fdiv.d, rup, 0x01, 0x3fb999999999999a, 0x3ff0000000000000, 0x4024000000000000)  /* 1/10 */
        TEST_FP_OP2_D_RM( 45, fdiv.d, rmm, 0x01, 0x3fb999999999999a, 0x3ff0000000000000, 0x4024000000000000)  /* 1/10 */
        TEST_FP_OP2_D_RM( 46, fdiv.d, rne, 0x01, 0x3fd5555555555555, 0x3ff0000000000000, 0x4008000000000000)  /* 1/3 */
        TEST_FP_OP2_D_RM( 47, fdiv.d, rup, 0x01, 0x3fd5555555555556, 0x3ff0000000000000, 0x4008000000000000)  /* 1/3 */
        TEST_FP_OP2_D_RM( 48, fdiv.d, rdn, 0x01, 0xbfb999999999999a, 0xbff0000000000000, 0x4024000000000000)  /* -1/10 */
        TEST_FP_OP2_D_RM( 49, fdiv.d, rne, 0x08, 0x7ff0000000000000, 0x3ff0000000000000, 0x0000000000000000)  /* 1/0: DZ */
        TEST_FP_OP2_D_RM( 50, fdiv.d, rne, 0x08, 0xfff0000000000000, 0x3ff0000000000000, 0x8000000000000000)  /* 1/-0: -inf, DZ */
        TEST_FP_OP2_D_RM( 51, fdiv.d, rne, 0x10, 0x7ff8000000000000, 0x0000000000000000, 0x0000000000000000)  /* 0/0: NV */
        TEST_FP_OP2_D_RM( 52, fdiv.d, rne, 0x10, 0x7ff8000000000000, 0x7ff0000000000000, 0xfff0000000000000)  /* inf/inf: NV */
        TEST_FP_OP2_D_RM( 53, fdiv.d, rne, 0x00, 0x8000000000000000, 0xbff0000000000000, 0x7ff0000000000000)  /* -1/inf = -0 */
        TEST_FP_OP2_D_RM( 54, fdiv.d, rne, 0x03, 0x0000000000000000, 0x0010000000000000, 0x4340000000000000)  /* 2^-1022 / 2^53 = 2^-1075: tie to 0 */
        TEST_FP_OP2_D_RM( 55, fdiv.d, rup, 0x03, 0x0000000000000001, 0x0010000000000000, 0x4340000000000000)  /* ... rounds up to the smallest subnormal */

/* ---- fsqrt ---- */
        TEST_FP_OP1_D_RM( 56, fsqrt.d, rne, 0x01, 0x3ff6a09e667f3bcd, 0x4000000000000000)  /* sqrt(2) */
        TEST_FP_OP1_D_RM( 57, fsqrt.d, rtz, 0x01, 0x3ff6a09e667f3bcc, 0x4000000000000000)  /* sqrt(2) */
        TEST_FP_OP1_D_RM( 58, fsqrt.d, rdn, 0x01, 0x3ff6a09e667f3bcc, 0x4000000000000000)  /* sqrt(2) */
        TEST_FP_OP1_D_RM( 59, fsqrt.d, rup, 0x01, 0x3ff6a09e667f3bcd, 0x4000000000000000)  /* sqrt(2) */
        TEST_FP_OP1_D_RM( 60, fsqrt.d, rmm, 0x01, 0x3ff6a09e667f3bcd, 0x4000000000000000)  /* sqrt(2) */
        TEST_FP_OP1_D_RM( 61, fsqrt.d, rne, 0x00, 0x4000000000000000, 0x4010000000000000)  /* exact */
        TEST_FP_OP1_D_RM( 62, fsqrt.d, rne, 0x10, 0x7ff8000000000000, 0xbff0000000000000)  /* sqrt(-1): NV */
        TEST_FP_OP1_D_RM( 63, fsqrt.d, rne, 0x00, 0x8000000000000000, 0x8000000000000000)  /* sqrt(-0) = -0 */
        TEST_FP_OP1_D_RM( 64, fsqrt.d, rne, 0x00, 0x7ff0000000000000, 0x7ff0000000000000)
        TEST_FP_OP1_D_RM( 65, fsqrt.d, rne, 0x10, 0x7ff8000000000000, 0x7ff0000000000001)  /* NV */
        TEST_FP_OP1_D_RM( 66, fsqrt.d, rne, 0x00, 0x7ff8000000000000, 0x7ff8000000012345)  /* no flags */

/* ---- fused multiply-add: one rounding, every mode ---- */
        TEST_FP_OP3_D_RM( 67, fmadd.d, rne, 0x01, 0x3cc0000000000000, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000)  /* (1+2^-52)^2 - 1 = 2^-51 + 2^-104: tie */
        TEST_FP_OP3_D_RM( 68, fmadd.d, rtz, 0x01, 0x3cc0000000000000, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000)  /* (1+2^-52)^2 - 1 = 2^-51 + 2^-104: tie */
        TEST_FP_OP3_D_RM( 69, fmadd.d, rdn, 0x01, 0x3cc0000000000000, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000)  /* (1+2^-52)^2 - 1 = 2^-51 + 2^-104: tie */
        TEST_FP_OP3_D_RM( 70, fmadd.d, rup, 0x01, 0x3cc0000000000001, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000)  /* (1+2^-52)^2 - 1 = 2^-51 + 2^-104: tie */
        TEST_FP_OP3_D_RM( 71, fmadd.d, rmm, 0x01, 0x3cc0000000000001, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000)  /* (1+2^-52)^2 - 1 = 2^-51 + 2^-104: tie */
        TEST_FP_OP3_D_RM( 72, fmsub.d, rne, 0x01, 0x3cc0000000000000, 0x3ff0000000000001, 0x3ff0000000000001, 0x3ff0000000000000)  /* same value via fmsub */
        TEST_FP_OP3_D_RM( 73, fmsub.d, rup, 0x01, 0x3cc0000000000001, 0x3ff0000000000001, 0x3ff0000000000001, 0x3ff0000000000000)  /* same value via fmsub */
        TEST_FP_OP3_D_RM( 74, fmsub.d, rmm, 0x01, 0x3cc0000000000001, 0x3ff0000000000001, 0x3ff0000000000001, 0x3ff0000000000000)  /* same value via fmsub */
        TEST_FP_OP3_D_RM( 75, fnmsub.d, rne, 0x01, 0xbcc0000000000000, 0x3ff0000000000001, 0x3ff0000000000001, 0x3ff0000000000000)  /* -(a*b) + c */
        TEST_FP_OP3_D_RM( 76, fnmsub.d, rdn, 0x01, 0xbcc0000000000001, 0x3ff0000000000001, 0x3ff0000000000001, 0x3ff0000000000000)  /* -(a*b) + c */
        TEST_FP_OP3_D_RM( 77, fnmsub.d, rmm, 0x01, 0xbcc0000000000001, 0x3ff0000000000001, 0x3ff0000000000001, 0x3ff0000000000000)  /* -(a*b) + c */
        TEST_FP_OP3_D_RM( 78, fnmadd.d, rtz, 0x01, 0xbcc0000000000000, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000)  /* -(a*b) - c */
        TEST_FP_OP3_D_RM( 79, fnmadd.d, rdn, 0x01, 0xbcc0000000000001, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000)  /* -(a*b) - c */
        TEST_FP_OP3_D_RM( 80, fnmadd.d, rup, 0x01, 0xbcc0000000000000, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000)  /* -(a*b) - c */
        TEST_FP_OP3_D_RM( 81, fmadd.d, rne, 0x00, 0xb970000000000000, 0x3ff0000000000001, 0x3feffffffffffffe, 0xbff0000000000000)  /* (1+2^-52)(1-2^-52) - 1 = -2^-104 exactly (unfused: 0) */
        TEST_FP_OP3_D_RM( 82, fmadd.d, rne, 0x00, 0x401c000000000000, 0x4000000000000000, 0x4008000000000000, 0x3ff0000000000000)
        TEST_FP_OP3_D_RM( 83, fmsub.d, rne, 0x00, 0x4014000000000000, 0x4000000000000000, 0x4008000000000000, 0x3ff0000000000000)
        TEST_FP_OP3_D_RM( 84, fnmsub.d, rne, 0x00, 0xc014000000000000, 0x4000000000000000, 0x4008000000000000, 0x3ff0000000000000)
        TEST_FP_OP3_D_RM( 85, fnmadd.d, rne, 0x00, 0xc01c000000000000, 0x4000000000000000, 0x4008000000000000, 0x3ff0000000000000)
        TEST_FP_OP3_D_RM( 86, fmadd.d, rne, 0x10, 0x7ff8000000000000, 0x0000000000000000, 0x7ff0000000000000, 0x7ff8000000012345)  /* 0 * inf + qNaN: NV even though the addend is quiet */
        TEST_FP_OP3_D_RM( 87, fmadd.d, rne, 0x10, 0x7ff8000000000000, 0x7ff0000000000000, 0x0000000000000000, 0x3ff0000000000000)  /* inf * 0 + 1: NV */
        TEST_FP_OP3_D_RM( 88, fmadd.d, rne, 0x10, 0x7ff8000000000000, 0x3ff0000000000000, 0x7ff0000000000001, 0x3ff0000000000000)  /* NV */
        TEST_FP_OP3_D_RM( 89, fnmadd.d, rne, 0x00, 0x8000000000000000, 0x0000000000000000, 0x3ff0000000000000, 0x0000000000000000)  /* -(0*1) - 0 = -0 */
        TEST_FP_OP3_D_RM( 90, fmadd.d, rdn, 0x00, 0x8000000000000000, 0xbff0000000000000, 0x0000000000000000, 0x0000000000000000)  /* -0 + +0 = -0 in rdn */
        TEST_FP_OP3_D_RM( 91, fmadd.d, rne, 0x00, 0x7fefffffffffffff, 0x7fefffffffffffff, 0x4000000000000000, 0xffefffffffffffff)  /* no intermediate overflow */

/* ---- dynamic rounding mode from frm ---- */
        TEST_FP_D_INTERNAL( 92, 0x01, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ca0000000000000, 0, csrwi frm, 0; fadd.d f3, f0, f1, dyn)  /* frm=rne: tie to even */
        TEST_FP_D_INTERNAL( 93, 0x01, 0x3ff0000000000000, 0x3ff0000000000000, 0x3ca8000000000000, 0, csrwi frm, 1; fadd.d f3, f0, f1, dyn)  /* frm=rtz:  */
        TEST_FP_D_INTERNAL( 94, 0x01, 0xbff0000000000001, 0xbff0000000000000, 0xbca0000000000000, 0, csrwi frm, 2; fadd.d f3, f0, f1, dyn)  /* frm=rdn:  */
        TEST_FP_D_INTERNAL( 95, 0x01, 0x3ff0000000000001, 0x3ff0000000000000, 0x3ca0000000000000, 0, csrwi frm, 3; fadd.d f3, f0, f1, dyn)  /* frm=rup:  */
        TEST_FP_D_INTERNAL( 96, 0x01, 0x3ff0000000000001, 0x3ff0000000000000, 0x3ca0000000000000, 0, csrwi frm, 4; fadd.d f3, f0, f1, dyn)  /* frm=rmm: tie away */
        TEST_FP_D_INTERNAL( 97, 0x01, 0x3fd5555555555556, 0x3ff0000000000000, 0x4008000000000000, 0, csrwi frm, 3; fdiv.d f3, f0, f1, dyn)  /* frm=rup:  */
        TEST_FP_D_INTERNAL( 98, 0x01, 0x3ff0000000000001, 0x3ff0000000000000, 0x3ca0000000000000, 0, csrwi frm, 4; fadd.d f3, f0, f1)  /* no rm operand = dyn (frm=rmm) */
        TEST_FP_D_INTERNAL( 99, 0x01, 0x3ff6a09e667f3bcd, 0x4000000000000000, 0, 0, csrwi frm, 3; fsqrt.d f3, f0)  /* fsqrt.d, frm=rup */
        TEST_FP_D_INTERNAL(100, 0x01, 0x3cc0000000000000, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000, csrwi frm, 2; fmadd.d f3, f0, f1, f2)  /* fmadd.d, frm=rdn */
        TEST_FP_INT_D_INTERNAL(101, 0x01, 0x0000000000000002, 0x4004000000000000, 0, csrwi frm, 0; fcvt.l.d a4, f0, dyn)  /* 2.5, frm=rne */
        TEST_FP_INT_D_INTERNAL(102, 0x01, 0x0000000000000003, 0x4004000000000000, 0, csrwi frm, 4; fcvt.l.d a4, f0, dyn)  /* 2.5, frm=rmm */
        TEST_CASE(103, a4, 0, csrwi frm, 0; csrr a4, frm)  /* back to rne */

/* ---- fmin / fmax ---- */
        TEST_FP_OP2_D(104, fmin.d, 0x00, 0x3ff0000000000000, 0x3ff0000000000000, 0x7ff8000000000000)  /* one quiet NaN: the other operand */
        TEST_FP_OP2_D(105, fmax.d, 0x00, 0xbff0000000000000, 0x7ff8000000012345, 0xbff0000000000000)
        TEST_FP_OP2_D(106, fmin.d, 0x00, 0x7ff8000000000000, 0x7ff8000000012345, 0x7ff8000000000000)  /* both NaN: canonical NaN */
        TEST_FP_OP2_D(107, fmax.d, 0x00, 0x7ff8000000000000, 0x7ff8000000012345, 0xfff8000000000001)
        TEST_FP_OP2_D(108, fmin.d, 0x10, 0x3ff0000000000000, 0x7ff0000000000001, 0x3ff0000000000000)  /* signaling NaN: NV, other operand returned */
        TEST_FP_OP2_D(109, fmax.d, 0x10, 0x3ff0000000000000, 0x3ff0000000000000, 0x7ff0000000000001)
        TEST_FP_OP2_D(110, fmin.d, 0x10, 0x7ff8000000000000, 0x7ff0000000000001, 0x7ff8000000000000)  /* NV, canonical NaN */
        TEST_FP_OP2_D(111, fmin.d, 0x00, 0x8000000000000000, 0x8000000000000000, 0x0000000000000000)  /* -0 < +0 */
        TEST_FP_OP2_D(112, fmin.d, 0x00, 0x8000000000000000, 0x0000000000000000, 0x8000000000000000)
        TEST_FP_OP2_D(113, fmax.d, 0x00, 0x0000000000000000, 0x8000000000000000, 0x0000000000000000)
        TEST_FP_OP2_D(114, fmax.d, 0x00, 0x0000000000000000, 0x0000000000000000, 0x8000000000000000)
        TEST_FP_OP2_D(115, fmin.d, 0x00, 0xfff0000000000000, 0xfff0000000000000, 0x3ff0000000000000)
        TEST_FP_OP2_D(116, fmax.d, 0x00, 0xbff0000000000000, 0xbff0000000000000, 0xc000000000000000)
        TEST_FP_OP2_D(117, fmin.d, 0x00, 0x8000000000000001, 0x0000000000000001, 0x8000000000000001)  /* subnormals */

/* ---- feq / flt / fle ---- */
        TEST_FP_CMP_D(118, feq.d, 0x00, 1, 0x3ff0000000000000, 0x3ff0000000000000)
        TEST_FP_CMP_D(119, feq.d, 0x00, 0, 0x7ff8000000000000, 0x3ff0000000000000)  /* quiet NaN: feq raises nothing */
        TEST_FP_CMP_D(120, feq.d, 0x00, 0, 0x7ff8000000000000, 0x7ff8000000000000)
        TEST_FP_CMP_D(121, feq.d, 0x10, 0, 0x7ff0000000000001, 0x3ff0000000000000)  /* signaling NaN: NV */
        TEST_FP_CMP_D(122, flt.d, 0x10, 0, 0x7ff8000000000000, 0x3ff0000000000000)  /* flt/fle raise NV on quiet NaN */
        TEST_FP_CMP_D(123, fle.d, 0x10, 0, 0x3ff0000000000000, 0x7ff8000000012345)
        TEST_FP_CMP_D(124, flt.d, 0x10, 0, 0x3ff0000000000000, 0x7ff0000000000001)
        TEST_FP_CMP_D(125, flt.d, 0x00, 0, 0x8000000000000000, 0x0000000000000000)  /* -0 == +0 */
        TEST_FP_CMP_D(126, fle.d, 0x00, 1, 0x8000000000000000, 0x0000000000000000)
        TEST_FP_CMP_D(127, feq.d, 0x00, 1, 0x8000000000000000, 0x0000000000000000)
        TEST_FP_CMP_D(128, flt.d, 0x00, 1, 0x3ff0000000000000, 0x3ff0000000000001)
        TEST_FP_CMP_D(129, flt.d, 0x00, 0, 0x3ff0000000000001, 0x3ff0000000000000)
        TEST_FP_CMP_D(130, fle.d, 0x00, 1, 0xfff0000000000000, 0xfff0000000000000)
        TEST_FP_CMP_D(131, flt.d, 0x00, 1, 0xc000000000000000, 0xbff0000000000000)

/* ---- fclass: all ten classes ---- */
        TEST_FCLASS_D(132, 0x001, 0xfff0000000000000)  /* -inf */
        TEST_FCLASS_D(133, 0x002, 0xbff0000000000000)  /* negative normal */
        TEST_FCLASS_D(134, 0x004, 0x800fffffffffffff)  /* negative subnormal */
        TEST_FCLASS_D(135, 0x008, 0x8000000000000000)  /* -0 */
        TEST_FCLASS_D(136, 0x010, 0x0000000000000000)  /* +0 */
        TEST_FCLASS_D(137, 0x020, 0x0000000000000001)  /* positive subnormal */
        TEST_FCLASS_D(138, 0x040, 0x3ff0000000000000)  /* positive normal */
        TEST_FCLASS_D(139, 0x080, 0x7ff0000000000000)  /* +inf */
        TEST_FCLASS_D(140, 0x100, 0x7ff0000000000001)  /* signaling NaN */
        TEST_FCLASS_D(141, 0x100, 0x7ff7ffffffffffff)  /* largest signaling NaN */
        TEST_FCLASS_D(142, 0x200, 0x7ff8000000000000)  /* quiet NaN */
        TEST_FCLASS_D(143, 0x200, 0xfff8000000000001)  /* negative quiet NaN */

/* ---- fcvt.w.d / fcvt.wu.d / fcvt.l.d / fcvt.lu.d: rounding and saturation ---- */
        TEST_FCVT_INT_D(144, fcvt.w.d, rtz, 0x10, 0x000000007fffffff, 0x7ff8000000000000)  /* NaN -> 2^31-1, NV */
        TEST_FCVT_INT_D(145, fcvt.w.d, rtz, 0x10, 0x000000007fffffff, 0x7ff0000000000000)
        TEST_FCVT_INT_D(146, fcvt.w.d, rtz, 0x10, 0xffffffff80000000, 0xfff0000000000000)  /* -inf -> -2^31 */
        TEST_FCVT_INT_D(147, fcvt.w.d, rtz, 0x10, 0x000000007fffffff, 0x41e65a0bc0000000)  /* 3e9: too large */
        TEST_FCVT_INT_D(148, fcvt.w.d, rtz, 0x10, 0xffffffff80000000, 0xc1e65a0bc0000000)  /* -3e9: too small */
        TEST_FCVT_INT_D(149, fcvt.w.d, rtz, 0x01, 0x000000007fffffff, 0x41dfffffffe00000)  /* 2147483647.5 rtz: fits, NX */
        TEST_FCVT_INT_D(150, fcvt.w.d, rne, 0x10, 0x000000007fffffff, 0x41dfffffffe00000)  /* ... rne rounds to 2^31: NV */
        TEST_FCVT_INT_D(151, fcvt.w.d, rtz, 0x01, 0xffffffff80000000, 0xc1e00000001ccccd)  /* -2147483648.9 rtz: fits, NX */
        TEST_FCVT_INT_D(152, fcvt.w.d, rne, 0x10, 0xffffffff80000000, 0xc1e00000001ccccd)  /* ... rne rounds to -2^31-1: NV */
        TEST_FCVT_INT_D(153, fcvt.w.d, rtz, 0x10, 0xffffffff80000000, 0xc1e0000000200000)  /* -2^31-1: NV */
        TEST_FCVT_INT_D(154, fcvt.w.d, rne, 0x01, 0xfffffffffffffffe, 0xbff8000000000000)  /* -1.5 */
        TEST_FCVT_INT_D(155, fcvt.w.d, rtz, 0x01, 0xffffffffffffffff, 0xbff8000000000000)  /* -1.5 */
        TEST_FCVT_INT_D(156, fcvt.w.d, rdn, 0x01, 0xfffffffffffffffe, 0xbff8000000000000)  /* -1.5 */
        TEST_FCVT_INT_D(157, fcvt.w.d, rup, 0x01, 0xffffffffffffffff, 0xbff8000000000000)  /* -1.5 */
        TEST_FCVT_INT_D(158, fcvt.w.d, rmm, 0x01, 0xfffffffffffffffe, 0xbff8000000000000)  /* -1.5 */
        TEST_FCVT_INT_D(159, fcvt.wu.d, rtz, 0x10, 0xffffffffffffffff, 0x7ff8000000000000)  /* NaN -> 2^32-1, sign-extended */
        TEST_FCVT_INT_D(160, fcvt.wu.d, rtz, 0x10, 0x0000000000000000, 0xfff0000000000000)  /* -inf -> 0 */
        TEST_FCVT_INT_D(161, fcvt.wu.d, rtz, 0x00, 0xffffffffb2d05e00, 0x41e65a0bc0000000)  /* 3e9: bit 31 set, sign-extended */
        TEST_FCVT_INT_D(162, fcvt.wu.d, rtz, 0x01, 0xffffffffffffffff, 0x41effffffff00000)  /* 4294967295.5 rtz: fits */
        TEST_FCVT_INT_D(163, fcvt.wu.d, rne, 0x10, 0xffffffffffffffff, 0x41effffffff00000)  /* ... rne: 2^32 too large */
        TEST_FCVT_INT_D(164, fcvt.wu.d, rtz, 0x01, 0x0000000000000000, 0xbfeccccccccccccd)  /* -0.9 rounds to 0: NX only */
        TEST_FCVT_INT_D(165, fcvt.wu.d, rne, 0x10, 0x0000000000000000, 0xbfeccccccccccccd)  /* -0.9 rounds to -1: NV */
        TEST_FCVT_INT_D(166, fcvt.wu.d, rtz, 0x10, 0x0000000000000000, 0xbff0000000000000)  /* -1.0: NV */
        TEST_FCVT_INT_D(167, fcvt.wu.d, rtz, 0x00, 0x0000000000000000, 0x8000000000000000)  /* -0: no flags */
        TEST_FCVT_INT_D(168, fcvt.l.d, rtz, 0x10, 0x7fffffffffffffff, 0x7ff8000000000000)  /* NaN -> 2^63-1 */
        TEST_FCVT_INT_D(169, fcvt.l.d, rtz, 0x10, 0x7fffffffffffffff, 0x7ff0000000000000)
        TEST_FCVT_INT_D(170, fcvt.l.d, rtz, 0x10, 0x8000000000000000, 0xfff0000000000000)  /* -inf -> -2^63 */
        TEST_FCVT_INT_D(171, fcvt.l.d, rtz, 0x10, 0x7fffffffffffffff, 0x43e158e460913d00)  /* 1e19: too large */
        TEST_FCVT_INT_D(172, fcvt.l.d, rtz, 0x00, 0x8000000000000000, 0xc3e0000000000000)  /* -2^63 exactly */
        TEST_FCVT_INT_D(173, fcvt.l.d, rtz, 0x10, 0x7fffffffffffffff, 0x43e0000000000000)  /* 2^63: out of range */
        TEST_FCVT_INT_D(174, fcvt.l.d, rtz, 0x00, 0x7ffffffffffffc00, 0x43dfffffffffffff)  /* 2^63-1024 */
        TEST_FCVT_INT_D(175, fcvt.l.d, rup, 0x01, 0xffffffffffffffff, 0xbff8000000000000)
        TEST_FCVT_INT_D(176, fcvt.l.d, rmm, 0x01, 0xfffffffffffffffd, 0xc004000000000000)  /* -2.5 -> -3 */
        TEST_FCVT_INT_D(177, fcvt.l.d, rne, 0x01, 0xfffffffffffffffe, 0xc004000000000000)  /* -2.5 -> -2 */
        TEST_FCVT_INT_D(178, fcvt.lu.d, rtz, 0x10, 0xffffffffffffffff, 0x7ff8000000000000)  /* NaN -> 2^64-1 */
        TEST_FCVT_INT_D(179, fcvt.lu.d, rtz, 0x10, 0xffffffffffffffff, 0x7ff0000000000000)
        TEST_FCVT_INT_D(180, fcvt.lu.d, rtz, 0x10, 0x0000000000000000, 0xfff0000000000000)  /* -inf -> 0 */
        TEST_FCVT_INT_D(181, fcvt.lu.d, rtz, 0x10, 0x0000000000000000, 0xbff0000000000000)  /* -1.0 -> 0, NV */
        TEST_FCVT_INT_D(182, fcvt.lu.d, rtz, 0x01, 0x0000000000000000, 0xbfeccccccccccccd)  /* -0.9 -> 0, NX */
        TEST_FCVT_INT_D(183, fcvt.lu.d, rdn, 0x10, 0x0000000000000000, 0xbfeccccccccccccd)  /* -0.9 rdn -> -1: NV */
        TEST_FCVT_INT_D(184, fcvt.lu.d, rtz, 0x00, 0x8000000000000000, 0x43e0000000000000)  /* 2^63 fits */
        TEST_FCVT_INT_D(185, fcvt.lu.d, rtz, 0x10, 0xffffffffffffffff, 0x43f0000000000000)  /* 2^64: too large */
        TEST_FCVT_INT_D(186, fcvt.lu.d, rtz, 0x00, 0xfffffffffffff800, 0x43efffffffffffff)  /* 2^64-2048 */
        TEST_FCVT_INT_D(187, fcvt.lu.d, rup, 0x01, 0x0000000000000001, 0x3feccccccccccccd)  /* 0.9 -> 1 */

/* ---- fcvt.d.w / fcvt.d.wu / fcvt.d.l / fcvt.d.lu ---- */
        TEST_FCVT_FROM_INT_D_EXACT(188, fcvt.d.w, 0x00, 0xbff0000000000000, 0xffffffffffffffff)
        TEST_FCVT_FROM_INT_D_EXACT(189, fcvt.d.w, 0x00, 0x4000000000000000, 0x0000000100000002)  /* only the low 32 bits */
        TEST_FCVT_FROM_INT_D_EXACT(190, fcvt.d.w, 0x00, 0xc1e0000000000000, 0x0000000080000000)  /* -2^31 */
        TEST_FCVT_FROM_INT_D_EXACT(191, fcvt.d.wu, 0x00, 0x41efffffffe00000, 0x00000000ffffffff)  /* 2^32-1, exact */
        TEST_FCVT_FROM_INT_D_EXACT(192, fcvt.d.wu, 0x00, 0x41efffffffe00000, 0xffffffffffffffff)  /* upper bits ignored */
        TEST_FCVT_FROM_INT_D(193, fcvt.d.l, rne, 0x00, 0xc3e0000000000000, 0x8000000000000000)  /* -2^63 */
        TEST_FCVT_FROM_INT_D(194, fcvt.d.l, rne, 0x00, 0x0000000000000000, 0x0000000000000000)  /* +0 */
        TEST_FCVT_FROM_INT_D(195, fcvt.d.l, rne, 0x01, 0x4340000000000000, 0x0020000000000001)  /* 2^53+1: tie */
        TEST_FCVT_FROM_INT_D(196, fcvt.d.l, rtz, 0x01, 0x4340000000000000, 0x0020000000000001)  /* 2^53+1: tie */
        TEST_FCVT_FROM_INT_D(197, fcvt.d.l, rdn, 0x01, 0x4340000000000000, 0x0020000000000001)  /* 2^53+1: tie */
        TEST_FCVT_FROM_INT_D(198, fcvt.d.l, rup, 0x01, 0x4340000000000001, 0x0020000000000001)  /* 2^53+1: tie */
        TEST_FCVT_FROM_INT_D(199, fcvt.d.l, rmm, 0x01, 0x4340000000000001, 0x0020000000000001)  /* 2^53+1: tie */
        TEST_FCVT_FROM_INT_D(200, fcvt.d.l, rne, 0x01, 0x43e0000000000000, 0x7fffffffffffffff)
        TEST_FCVT_FROM_INT_D(201, fcvt.d.l, rtz, 0x01, 0x43dfffffffffffff, 0x7fffffffffffffff)
        TEST_FCVT_FROM_INT_D(202, fcvt.d.l, rdn, 0x01, 0xc340000000000001, 0xffdfffffffffffff)
        TEST_FCVT_FROM_INT_D(203, fcvt.d.lu, rne, 0x01, 0x43f0000000000000, 0xffffffffffffffff)  /* 2^64-1 */
        TEST_FCVT_FROM_INT_D(204, fcvt.d.lu, rtz, 0x01, 0x43efffffffffffff, 0xffffffffffffffff)
        TEST_FCVT_FROM_INT_D(205, fcvt.d.lu, rne, 0x00, 0x43e0000000000000, 0x8000000000000000)  /* 2^63 */

/* ---- fcvt.s.d: rounding, overflow, underflow, NaN ---- */
        TEST_FCVT_S_D(206, rne, 0x01, 0x3f800000, 0x3ff0000010000000)  /* 1 + 2^-24: tie */
        TEST_FCVT_S_D(207, rtz, 0x01, 0x3f800000, 0x3ff0000010000000)
        TEST_FCVT_S_D(208, rup, 0x01, 0x3f800001, 0x3ff0000010000000)
        TEST_FCVT_S_D(209, rmm, 0x01, 0x3f800001, 0x3ff0000010000000)
        TEST_FCVT_S_D(210, rdn, 0x01, 0xbf800001, 0xbff0000010000000)  /* -1 - 2^-24 */
        TEST_FCVT_S_D(211, rne, 0x05, 0x7f800000, 0x7e37e43c8800759c)  /* 1e300: overflow */
        TEST_FCVT_S_D(212, rtz, 0x05, 0x7f7fffff, 0x7e37e43c8800759c)  /* 1e300 rtz: max float */
        TEST_FCVT_S_D(213, rne, 0x03, 0x00000000, 0x358dee7a4ad4b81f)  /* 1e-50: underflow to 0 */
        TEST_FCVT_S_D(214, rup, 0x03, 0x00000001, 0x358dee7a4ad4b81f)  /* 1e-50 rup: smallest subnormal */
        TEST_FCVT_S_D(215, rne, 0x00, 0x7f7fffff, 0x47efffffe0000000)  /* max float exactly */
        TEST_FCVT_S_D(216, rne, 0x01, 0x7f7fffff, 0x47efffffefffffff)  /* just below the overflow threshold */
        TEST_FCVT_S_D(217, rne, 0x00, 0x00000001, 0x36a0000000000000)  /* 2^-149 exactly: no UF */
        TEST_FCVT_S_D(218, rne, 0x00, 0x80000000, 0x8000000000000000)
        TEST_FCVT_S_D(219, rne, 0x00, 0xff800000, 0xfff0000000000000)
        TEST_FCVT_S_D(220, rne, 0x00, 0x7fc00000, 0x7ff8000000012345)  /* quiet NaN: canonical, no flags */
        TEST_FCVT_S_D(221, rne, 0x10, 0x7fc00000, 0x7ff0000000000001)  /* signaling NaN: canonical, NV */
        TEST_FCVT_S_D(222, rne, 0x00, 0x7fc00000, 0xfff8000000000000)  /* negative NaN: canonical */

/* ---- fcvt.d.s: exact, NaN canonicalisation ---- */
        TEST_FCVT_D_S(223, 0x00, 0x3ff8000000000000, 0x3fc00000)  /* 1.5 */
        TEST_FCVT_D_S(224, 0x00, 0x36a0000000000000, 0x00000001)  /* smallest single subnormal */
        TEST_FCVT_D_S(225, 0x00, 0x8000000000000000, 0x80000000)  /* -0 */
        TEST_FCVT_D_S(226, 0x00, 0xfff0000000000000, 0xff800000)  /* -inf */
        TEST_FCVT_D_S(227, 0x00, 0x47efffffe0000000, 0x7f7fffff)  /* max */
        TEST_FCVT_D_S(228, 0x10, 0x7ff8000000000000, 0x7f800001)  /* signaling NaN: NV */
        TEST_FCVT_D_S(229, 0x00, 0x7ff8000000000000, 0x7fc12345)  /* quiet NaN: canonical, no flags */

/* ---- sign injection: bit operations, NaNs untouched, no flags ---- */
        TEST_FP_OP2_D(230, fsgnj.d, 0x00, 0xbff0000000000000, 0x3ff0000000000000, 0xc000000000000000)
        TEST_FP_OP2_D(231, fsgnjn.d, 0x00, 0x3ff0000000000000, 0x3ff0000000000000, 0xc000000000000000)
        TEST_FP_OP2_D(232, fsgnjn.d, 0x00, 0xbff0000000000000, 0x3ff0000000000000, 0x4000000000000000)
        TEST_FP_OP2_D(233, fsgnjx.d, 0x00, 0x3ff0000000000000, 0xbff0000000000000, 0xc000000000000000)
        TEST_FP_OP2_D(234, fsgnjx.d, 0x00, 0xbff0000000000000, 0xbff0000000000000, 0x4000000000000000)
        TEST_FP_OP2_D(235, fsgnjn.d, 0x00, 0xfff0000000000001, 0x7ff0000000000001, 0x7ff0000000000001)  /* fneg of a signaling NaN: no NV */
        TEST_FP_OP2_D(236, fsgnjx.d, 0x00, 0xfff8000000012345, 0x7ff8000000012345, 0xbff0000000000000)
        TEST_FP_OP2_D(237, fsgnj.d, 0x00, 0x7ff0000000000000, 0xfff0000000000000, 0x0000000000000000)

/* ---- accrued flags: they accumulate until cleared ---------------------------------- */
        TEST_BEGIN(238)
        FP_LOAD_D(f0, D_PZERO) FP_LOAD_D(f1, 0x7fefffffffffffff) FP_LOAD_D(f2, 0x4000000000000000)
        FP_RUN(fmul.d f3, f1, f2; fdiv.d f4, f0, f0; fadd.d f5, f2, f2)
        CHECK_EQ(a1, FFLAG_NV | FFLAG_OF | FFLAG_NX)
        TEST_CASE(239, a4, 0, frflags a4)

/* ---- moves and NaN boxing between the formats ------------------------------------- */
        TEST_BEGIN(240)
        li a0, 0x7ff0000000000001
        FP_RUN(fmv.d.x f5, a0; fmv.x.d a4, f5)
        FAIL_IF_NE(a4, a0)
        CHECK_EQ(a1, 0)
        /* fcvt.d.s of a single that is not NaN-boxed: canonical NaN, no flags */
        TEST_BEGIN(241)
        li a0, 0x000000003f800000
        fmv.d.x f0, a0
        FP_RUN(fcvt.d.s f3, f0)
        fmv.x.d a4, f3
        CHECK_EQ(a4, D_QNAN)
        CHECK_EQ(a1, 0)
        /* ... and of a properly boxed one */
        TEST_CASE(242, a4, 0x3ff0000000000000,
                  li a0, 0xffffffff3f800000; fmv.d.x f0, a0; fcvt.d.s f3, f0; fmv.x.d a4, f3)
        /* a double result used as a single operand: not boxed -> canonical NaN */
        TEST_CASE(243, a4, 0x000000007fc00000,
                  FP_LOAD_D(f0, D_ONE) fadd.d f1, f0, f0; fadd.s f3, f1, f1; fmv.x.w a4, f3)

/* ---- fld / fsd ------------------------------------------------------------------ */
        TEST_BEGIN(244)
        lla a2, ddata
        FP_RUN(fld f5, 0(a2); fmv.x.d a4, f5)
        CHECK_EQ(a4, 0x7ff0000000000001)                 /* signaling NaN bits kept */
        CHECK_EQ(a1, 0)                                  /* loads raise no flags */
        TEST_CASE(245, a4, 0xfff4000000000000,
                  lla a2, ddata + 16; fld f5, -8(a2); fsd f5, 16(a2); ld a4, 16(a2))
        /* fsd writes exactly 8 bytes */
        TEST_CASE(246, a4, 0xaaaaaaaaaaaaaaaa,
                  lla a2, ddata; li a3, 0xaaaaaaaaaaaaaaaa; sd a3, 24(a2); sd a3, 40(a2);
                  FP_LOAD_D(f5, D_MONE) fsd f5, 32(a2); ld a4, 32(a2); li a3, D_MONE; FAIL_IF_NE(a4, a3);
                  ld a4, 24(a2); ld a5, 40(a2); FAIL_IF_NE(a4, a5))
        /* flw NaN-boxes, fsd stores the boxed pattern */
        TEST_CASE(247, a4, 0xffffffff3f800000,
                  lla a2, ddata; li a3, 0x3f800000; sw a3, 48(a2); flw f5, 48(a2); fsd f5, 56(a2); ld a4, 56(a2))
        /* fsw of a double register stores its low 32 bits */
        TEST_CASE(248, a4, 0x0000000089abcdef,
                  lla a2, ddata; li a3, 0x0123456789abcdef; sd a3, 48(a2); fld f5, 48(a2); fsw f5, 56(a2); lwu a4, 56(a2))
        TEST_CASE(249, a4, 0, csrr a4, fflags)

        TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
ddata:
        .dword 0x7ff0000000000001, 0xfff4000000000000
        .dword 0, 0, 0, 0, 0, 0, 0, 0
RVTEST_DATA_END
