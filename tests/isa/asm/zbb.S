/*
 * zbb.S - Zbb basic bit manipulation: andn/orn/xnor, clz/ctz/cpop (+W), min/max(u), sext.b/sext.h/zext.h, rol/ror (+W, imm), orc.b, rev8.
 * Exit status 0 = all checks passed, otherwise the number of the first failing check.
 * Build with -march=rv64gc_zba_zbb_zbs (qemu-riscv64 7.2's default CPU implements them).
 */
#include "test_macros.h"

RVTEST_CODE_BEGIN
        .option norvc

/* ---- logic with negated operand ---- */
        TEST_RR_OP(  1, andn,      0xff00ff00ff00ff00, 0xffffffffffffffff, 0x00ff00ff00ff00ff)
        TEST_RR_OP(  2, andn,      0x0000000000000000, 0x123456789abcdef0, 0xffffffffffffffff)
        TEST_RR_OP(  3, andn,      0x123456789abcdef0, 0x123456789abcdef0, 0x0000000000000000)
        TEST_RR_OP(  4, orn,       0xff00ff00ff00ff00, 0x0000000000000000, 0x00ff00ff00ff00ff)
        TEST_RR_OP(  5, orn,       0x123456789abcdef0, 0x123456789abcdef0, 0xffffffffffffffff)
        TEST_RR_OP(  6, orn,       0xffffffffffffffff, 0x0000000000000000, 0x0000000000000000)  /* all ones */
        TEST_RR_OP(  7, xnor,      0xffffffffffffffff, 0x0000000000000000, 0x0000000000000000)
        TEST_RR_OP(  8, xnor,      0x0000000000000000, 0xffffffffffffffff, 0x0000000000000000)
        TEST_RR_OP(  9, xnor,      0xe2c4a6886a4c2e00, 0x123456789abcdef0, 0x0f0f0f0f0f0f0f0f)

/* ---- count leading / trailing zeros, population count ---- */
        TEST_R_OP( 10, clz,       0x0000000000000040, 0x0000000000000000)  /* 64 */
        TEST_R_OP( 11, clz,       0x0000000000000000, 0xffffffffffffffff)
        TEST_R_OP( 12, clz,       0x000000000000003f, 0x0000000000000001)
        TEST_R_OP( 13, clz,       0x0000000000000000, 0x8000000000000000)
        TEST_R_OP( 14, clz,       0x0000000000000020, 0x00000000ffffffff)
        TEST_R_OP( 15, clz,       0x000000000000001f, 0x0000000100000000)
        TEST_R_OP( 16, clzw,      0x0000000000000020, 0x0000000000000000)  /* 32 */
        TEST_R_OP( 17, clzw,      0x0000000000000020, 0xffffffff00000000)  /* upper half ignored */
        TEST_R_OP( 18, clzw,      0x000000000000001f, 0x0000000000000001)
        TEST_R_OP( 19, clzw,      0x0000000000000000, 0x0000000080000000)
        TEST_R_OP( 20, clzw,      0x000000000000000f, 0x0000000000010000)
        TEST_R_OP( 21, ctz,       0x0000000000000040, 0x0000000000000000)  /* 64 */
        TEST_R_OP( 22, ctz,       0x000000000000003f, 0x8000000000000000)
        TEST_R_OP( 23, ctz,       0x0000000000000000, 0xffffffffffffffff)
        TEST_R_OP( 24, ctz,       0x0000000000000020, 0x0000000100000000)
        TEST_R_OP( 25, ctz,       0x0000000000000008, 0x8000000000000100)
        TEST_R_OP( 26, ctzw,      0x0000000000000020, 0x0000000000000000)  /* 32 */
        TEST_R_OP( 27, ctzw,      0x0000000000000020, 0x0000000100000000)  /* low half zero */
        TEST_R_OP( 28, ctzw,      0x000000000000001f, 0x0000000080000000)
        TEST_R_OP( 29, ctzw,      0x0000000000000000, 0xffffffffffffffff)
        TEST_R_OP( 30, ctzw,      0x0000000000000010, 0xffffffff00010000)
        TEST_R_OP( 31, cpop,      0x0000000000000000, 0x0000000000000000)
        TEST_R_OP( 32, cpop,      0x0000000000000040, 0xffffffffffffffff)
        TEST_R_OP( 33, cpop,      0x0000000000000001, 0x8000000000000000)
        TEST_R_OP( 34, cpop,      0x0000000000000020, 0x5555555555555555)
        TEST_R_OP( 35, cpopw,     0x0000000000000020, 0xffffffffffffffff)
        TEST_R_OP( 36, cpopw,     0x0000000000000001, 0xffffffff00000001)  /* upper half ignored */
        TEST_R_OP( 37, cpopw,     0x0000000000000000, 0x0000000000000000)
        TEST_R_OP( 38, cpopw,     0x0000000000000001, 0x0000000080000000)

/* ---- min / max, signed and unsigned ---- */
        TEST_RR_OP( 39, max,       0x0000000000000001, 0xffffffffffffffff, 0x0000000000000001)
        TEST_RR_OP( 40, maxu,      0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000001)
        TEST_RR_OP( 41, min,       0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000001)
        TEST_RR_OP( 42, minu,      0x0000000000000001, 0xffffffffffffffff, 0x0000000000000001)
        TEST_RR_OP( 43, max,       0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_RR_OP( 44, maxu,      0x8000000000000000, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_RR_OP( 45, min,       0x8000000000000000, 0x8000000000000000, 0x0000000000000000)
        TEST_RR_OP( 46, minu,      0x0000000000000000, 0x8000000000000000, 0x0000000000000000)
        TEST_RR_OP( 47, max,       0xfffffffffffffffb, 0xfffffffffffffffb, 0xfffffffffffffffb)
        TEST_RR_OP( 48, min,       0xffffffffffffffff, 0x0000000000000000, 0xffffffffffffffff)

/* ---- sign / zero extension ---- */
        TEST_R_OP( 49, sext.b,    0xffffffffffffff80, 0x0000000000000080)
        TEST_R_OP( 50, sext.b,    0x000000000000007f, 0x000000000000007f)
        TEST_R_OP( 51, sext.b,    0xffffffffffffffff, 0x00000000000001ff)
        TEST_R_OP( 52, sext.b,    0x0000000000000000, 0xffffffffffffff00)
        TEST_R_OP( 53, sext.h,    0xffffffffffff8000, 0x0000000000008000)
        TEST_R_OP( 54, sext.h,    0x0000000000007fff, 0x0000000000007fff)
        TEST_R_OP( 55, sext.h,    0xffffffffffff8001, 0x12345678ffff8001)
        TEST_R_OP( 56, zext.h,    0x000000000000ffff, 0x00000000ffffffff)
        TEST_R_OP( 57, zext.h,    0x000000000000ffff, 0xffffffffffffffff)
        TEST_R_OP( 58, zext.h,    0x0000000000008000, 0x0000000000008000)
        TEST_R_OP( 59, zext.h,    0x0000000000000000, 0x0000000012340000)

/* ---- rotates: amounts masked to 6 (64-bit) / 5 (W) bits, W results sign-extended ---- */
        TEST_RR_OP( 60, rol,       0x0000000000000003, 0x8000000000000001, 0x0000000000000001)
        TEST_RR_OP( 61, rol,       0x123456789abcdef0, 0x123456789abcdef0, 0x0000000000000040)  /* 64 & 63 = 0 */
        TEST_RR_OP( 62, rol,       0xc000000000000000, 0x8000000000000001, 0x000000000000003f)
        TEST_RR_OP( 63, rol,       0x23456789abcdef01, 0x123456789abcdef0, 0x0000000000000004)
        TEST_RR_OP( 64, rol,       0x0000000000000002, 0x0000000000000001, 0xffffffffffffffc1)  /* amount 1 */
        TEST_RR_OP( 65, ror,       0x8000000000000000, 0x0000000000000001, 0x0000000000000001)
        TEST_RR_OP( 66, ror,       0x123456789abcdef0, 0x123456789abcdef0, 0x0000000000000000)
        TEST_RR_OP( 67, ror,       0x0123456789abcdef, 0x123456789abcdef0, 0x0000000000000044)  /* 68 & 63 = 4 */
        TEST_RR_OP( 68, ror,       0xfffffffffffffffd, 0xfffffffffffffffe, 0x000000000000003f)
        TEST_RR_OP( 69, rolw,      0x0000000000000003, 0x0000000080000001, 0x0000000000000001)
        TEST_RR_OP( 70, rolw,      0xffffffff80000000, 0x0000000040000000, 0x0000000000000001)  /* sign-extended */
        TEST_RR_OP( 71, rolw,      0x0000000000000002, 0xffffffff00000001, 0x0000000000000021)  /* 33 & 31 = 1, upper half ignored */
        TEST_RR_OP( 72, rolw,      0x0000000012345678, 0x0000000012345678, 0x0000000000000000)
        TEST_RR_OP( 73, rolw,      0xffffffffc3b2a190, 0x0000000087654321, 0x000000000000001f)
        TEST_RR_OP( 74, rorw,      0xffffffff80000000, 0x0000000000000001, 0x0000000000000001)
        TEST_RR_OP( 75, rorw,      0x00000000091a2b3c, 0x0000000012345678, 0x0000000000000021)
        TEST_RR_OP( 76, rorw,      0xffffffff80000000, 0x0000000080000000, 0x0000000000000000)  /* shift 0 still sign-extends */
        TEST_RR_OP( 77, rorw,      0x0000000078123456, 0xabcdef0012345678, 0x0000000000000008)
        TEST_IMM_OP( 78, rori,      0x8000000000000000, 0x0000000000000001, 1)
        TEST_IMM_OP( 79, rori,      0x2468acf13579bde0, 0x123456789abcdef0, 63)
        TEST_IMM_OP( 80, rori,      0x123456789abcdef0, 0x123456789abcdef0, 0)
        TEST_IMM_OP( 81, rori,      0x0000000080000000, 0x8000000000000000, 32)
        TEST_IMM_OP( 82, roriw,     0xffffffff80000000, 0x0000000000000001, 1)
        TEST_IMM_OP( 83, roriw,     0xffffffff9abcdef0, 0x123456789abcdef0, 0)  /* sext.w */
        TEST_IMM_OP( 84, roriw,     0x000000002468acf0, 0x0000000012345678, 31)
        TEST_IMM_OP( 85, roriw,     0x0000000056781234, 0x0000000012345678, 16)

/* ---- orc.b / rev8 ---- */
        TEST_R_OP( 86, orc.b,     0x00ff000000ffff00, 0x0001000000ff8000)
        TEST_R_OP( 87, orc.b,     0x0000000000000000, 0x0000000000000000)
        TEST_R_OP( 88, orc.b,     0xffffffffffffffff, 0xffffffffffffffff)
        TEST_R_OP( 89, orc.b,     0xffffffffffffffff, 0x8040201008040201)
        TEST_R_OP( 90, orc.b,     0x000000ff00000000, 0x0000000100000000)
        TEST_R_OP( 91, rev8,      0x0807060504030201, 0x0102030405060708)
        TEST_R_OP( 92, rev8,      0x0000000000000000, 0x0000000000000000)
        TEST_R_OP( 93, rev8,      0xff00000000000000, 0x00000000000000ff)
        TEST_R_OP( 94, rev8,      0x0000000000000080, 0x8000000000000000)

/* ---- register aliasing and x0 destination ---- */
        TEST_RR_SRC1_EQ_DEST( 95, rol, 0x0000000000000003, 0x8000000000000001, 1)
        TEST_RR_SRC2_EQ_DEST( 96, andn, 0x0000000000000000, 0x00ff, 0x00ff)
        TEST_RR_SRC12_EQ_DEST(97, xnor, 0xffffffffffffffff, 0x123456789abcdef0)
        TEST_RR_SRC12_EQ_DEST(98, rorw, 0x000000000000003e, 0x1f)     /* rotate right by 31 */
        TEST_IMM_SRC1_EQ_DEST(99, roriw, 0xffffffff80000000, 1, 1)
        TEST_CASE(100, a1, 0x0000000000000040, li a1, 0; clz a1, a1)
        TEST_RR_ZERODEST(    101, maxu, 5, 6)
        TEST_CASE(102, a4, 0, li a1, -1; cpop x0, a1; mv a4, x0)

        TEST_PASSFAIL
RVTEST_CODE_END
