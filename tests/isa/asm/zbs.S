/*
 * zbs.S - Zbs single-bit instructions: bclr/bext/binv/bset and the immediate forms; bit index 63 and index masking (rs2 & 63).
 * Exit status 0 = all checks passed, otherwise the number of the first failing check.
 * Build with -march=rv64gc_zba_zbb_zbs (qemu-riscv64 7.2's default CPU implements them).
 */
#include "test_macros.h"

RVTEST_CODE_BEGIN
        .option norvc

/* ---- bclr / bclri ---- */
        TEST_RR_OP(  1, bclr,      0xfffffffffffffffe, 0xffffffffffffffff, 0x0000000000000000)
        TEST_RR_OP(  2, bclr,      0x7fffffffffffffff, 0xffffffffffffffff, 0x000000000000003f)
        TEST_RR_OP(  3, bclr,      0xfffffffffffffffe, 0xffffffffffffffff, 0x0000000000000040)  /* index 64 & 63 = 0 */
        TEST_RR_OP(  4, bclr,      0x7fffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff)  /* index -1 & 63 = 63 */
        TEST_RR_OP(  5, bclr,      0x0000000000000000, 0x0000000000000000, 0x0000000000000005)
        TEST_RR_OP(  6, bclr,      0xffffffff7fffffff, 0xffffffffffffffff, 0x000000000000001f)  /* bit 31: no sign effects */
        TEST_IMM_OP(  7, bclri,     0xfffffffffffffffe, 0xffffffffffffffff, 0)
        TEST_IMM_OP(  8, bclri,     0x7fffffffffffffff, 0xffffffffffffffff, 63)
        TEST_IMM_OP(  9, bclri,     0xffffffff7fffffff, 0xffffffffffffffff, 31)
        TEST_IMM_OP( 10, bclri,     0xfffffffeffffffff, 0xffffffffffffffff, 32)
        TEST_IMM_OP( 11, bclri,     0x0000000000000001, 0x0000000000000005, 2)

/* ---- bext / bexti ---- */
        TEST_RR_OP( 12, bext,      0x0000000000000001, 0x8000000000000000, 0x000000000000003f)
        TEST_RR_OP( 13, bext,      0x0000000000000000, 0x8000000000000000, 0x000000000000003e)
        TEST_RR_OP( 14, bext,      0x0000000000000001, 0x0000000000000001, 0x0000000000000040)  /* index masked to 0 */
        TEST_RR_OP( 15, bext,      0x0000000000000001, 0x0000000100000000, 0x0000000000000020)
        TEST_RR_OP( 16, bext,      0x0000000000000001, 0xffffffffffffffff, 0x000000000000007f)
        TEST_RR_OP( 17, bext,      0x0000000000000001, 0x0000000080000000, 0x000000000000001f)
        TEST_RR_OP( 18, bext,      0x0000000000000000, 0x0000000000000000, 0x0000000000000000)
        TEST_IMM_OP( 19, bexti,     0x0000000000000001, 0x8000000000000000, 63)
        TEST_IMM_OP( 20, bexti,     0x0000000000000000, 0x7fffffffffffffff, 63)
        TEST_IMM_OP( 21, bexti,     0x0000000000000001, 0x0000000100000000, 32)
        TEST_IMM_OP( 22, bexti,     0x0000000000000001, 0x0000000080000000, 31)
        TEST_IMM_OP( 23, bexti,     0x0000000000000001, 0x0000000000000001, 0)

/* ---- binv / binvi ---- */
        TEST_RR_OP( 24, binv,      0x8000000000000000, 0x0000000000000000, 0x000000000000003f)
        TEST_RR_OP( 25, binv,      0x0000000000000000, 0x8000000000000000, 0x000000000000003f)
        TEST_RR_OP( 26, binv,      0x0000000000000001, 0x0000000000000000, 0x0000000000000040)  /* masked to 0 */
        TEST_RR_OP( 27, binv,      0xfffffffeffffffff, 0xffffffffffffffff, 0x0000000000000020)
        TEST_RR_OP( 28, binv,      0x0000000080000000, 0x0000000000000000, 0x000000000000001f)  /* 0x80000000, not sign-extended */
        TEST_IMM_OP( 29, binvi,     0x8000000000000000, 0x0000000000000000, 63)
        TEST_IMM_OP( 30, binvi,     0x7fffffffffffffff, 0xffffffffffffffff, 63)
        TEST_IMM_OP( 31, binvi,     0x0000000000000001, 0x0000000000000000, 0)
        TEST_IMM_OP( 32, binvi,     0x000000000000007f, 0x00000000000000ff, 7)
        TEST_IMM_OP( 33, binvi,     0x0000000100000000, 0x0000000000000000, 32)

/* ---- bset / bseti ---- */
        TEST_RR_OP( 34, bset,      0x8000000000000000, 0x0000000000000000, 0x000000000000003f)
        TEST_RR_OP( 35, bset,      0x8000000000000000, 0x0000000000000000, 0x000000000000007f)  /* 127 & 63 = 63 */
        TEST_RR_OP( 36, bset,      0x0000000000000001, 0x0000000000000000, 0x0000000000000040)
        TEST_RR_OP( 37, bset,      0x8000000000000000, 0x8000000000000000, 0x000000000000003f)  /* already set */
        TEST_RR_OP( 38, bset,      0x0000000080000000, 0x0000000000000000, 0x000000000000001f)
        TEST_IMM_OP( 39, bseti,     0x8000000000000000, 0x0000000000000000, 63)
        TEST_IMM_OP( 40, bseti,     0x0000000080000000, 0x0000000000000000, 31)
        TEST_IMM_OP( 41, bseti,     0x0000000100000000, 0x0000000000000000, 32)
        TEST_IMM_OP( 42, bseti,     0x0000000000000001, 0x0000000000000000, 0)
        TEST_IMM_OP( 43, bseti,     0xffffffffffffffff, 0xffffffffffffffff, 17)

/* ---- register aliasing and x0 destination ---- */
        TEST_RR_SRC1_EQ_DEST( 44, bset, 0x8000000000000001, 1, 63)
        TEST_RR_SRC2_EQ_DEST( 45, bext, 0x0000000000000001, 0x8000000000000000, 63)
        TEST_RR_SRC12_EQ_DEST(46, binv, 0x0000000000000043, 0x0000000000000041)   /* index 0x41 & 63 = 1 */
        TEST_IMM_SRC1_EQ_DEST(47, bclri, 0x7fffffffffffffff, -1, 63)
        TEST_RR_ZERODEST(     48, bset, 0, 3)
        /* a bit-set loop: set bits 0, 9, 18, ... 63 */
        TEST_CASE(49, a4, 0x8040201008040201,
                  li a4, 0; li a1, 0; li a2, 72; 9801: bset a4, a4, a1; addi a1, a1, 9; bltu a1, a2, 9801b)

        TEST_PASSFAIL
RVTEST_CODE_END
