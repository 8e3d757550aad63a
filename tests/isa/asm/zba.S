/*
 * zba.S - Zba address generation: sh1add/sh2add/sh3add, add.uw, sh*add.uw, slli.uw.
 * Exit status 0 = all checks passed, otherwise the number of the first failing check.
 * Build with -march=rv64gc_zba_zbb_zbs (qemu-riscv64 7.2's default CPU implements them).
 */
#include "test_macros.h"

RVTEST_CODE_BEGIN
        .option norvc

/* ---- sh1add / sh2add / sh3add: rd = rs2 + (rs1 << n) ---- */
        TEST_RR_OP(  1, sh1add,    0x000000000000000d, 0x0000000000000005, 0x0000000000000003)
        TEST_RR_OP(  2, sh2add,    0x0000000000000017, 0x0000000000000005, 0x0000000000000003)
        TEST_RR_OP(  3, sh3add,    0x000000000000002b, 0x0000000000000005, 0x0000000000000003)
        TEST_RR_OP(  4, sh1add,    0xfffffffffffffffe, 0xffffffffffffffff, 0x0000000000000000)  /* -2 */
        TEST_RR_OP(  5, sh2add,    0x0000000000000001, 0xffffffffffffffff, 0x0000000000000005)
        TEST_RR_OP(  6, sh3add,    0x0000000000000001, 0x8000000000000000, 0x0000000000000001)  /* shifted-out bits are lost */
        TEST_RR_OP(  7, sh1add,    0xc000000000000000, 0x4000000000000000, 0x4000000000000000)  /* wraps */
        TEST_RR_OP(  8, sh3add,    0xffffffffffffffff, 0x2000000000000000, 0xffffffffffffffff)
        TEST_RR_OP(  9, sh2add,    0xffffffffffffffff, 0x0000000000000000, 0xffffffffffffffff)
        TEST_RR_OP( 10, sh1add,    0x00000001fffffffe, 0x00000000ffffffff, 0x0000000000000000)  /* full 64-bit rs1 */

/* ---- *.uw: only the low 32 bits of rs1, zero-extended ---- */
        TEST_RR_OP( 11, add.uw,    0x0000000080000000, 0xffffffff80000000, 0x0000000000000000)  /* zext.w */
        TEST_RR_OP( 12, add.uw,    0x0000000100000000, 0xffffffffffffffff, 0x0000000000000001)
        TEST_RR_OP( 13, add.uw,    0x000000019abcdef0, 0x123456789abcdef0, 0x0000000100000000)
        TEST_RR_OP( 14, add.uw,    0xffffffffffffffff, 0x0000000000000005, 0xfffffffffffffffa)
        TEST_R_OP( 15, zext.w,    0x00000000fffffffe, 0xfffffffffffffffe)  /* zext.w pseudo (add.uw rd, rs, zero) */
        TEST_RR_OP( 16, sh1add.uw, 0x0000000100000000, 0xffffffff80000000, 0x0000000000000000)
        TEST_RR_OP( 17, sh1add.uw, 0x00000001ffffffff, 0xffffffffffffffff, 0x0000000000000001)
        TEST_RR_OP( 18, sh2add.uw, 0x0000000200000000, 0xffffffff80000000, 0x0000000000000000)
        TEST_RR_OP( 19, sh2add.uw, 0x000000000000001c, 0xabcdef0000000003, 0x0000000000000010)
        TEST_RR_OP( 20, sh3add.uw, 0x0000000400000000, 0xffffffff80000000, 0x0000000000000000)
        TEST_RR_OP( 21, sh3add.uw, 0x00000007fffffff7, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR_OP( 22, sh3add.uw, 0x0000000000001008, 0x0000000100000001, 0x0000000000001000)

/* ---- slli.uw ---- */
        TEST_IMM_OP( 23, slli.uw,   0x0000000080000000, 0xffffffff80000000, 0)
        TEST_IMM_OP( 24, slli.uw,   0x00000001fffffffe, 0xffffffffffffffff, 1)
        TEST_IMM_OP( 25, slli.uw,   0x7fffffff80000000, 0xffffffffffffffff, 31)
        TEST_IMM_OP( 26, slli.uw,   0xffffffff00000000, 0xffffffffffffffff, 32)
        TEST_IMM_OP( 27, slli.uw,   0x8000000000000000, 0x0000000080000001, 63)  /* only bit 0 survives */
        TEST_IMM_OP( 28, slli.uw,   0x0000000876543210, 0x1234567887654321, 4)
        TEST_IMM_OP( 29, slli.uw,   0x0000000000000000, 0x0000000100000000, 5)  /* upper half dropped first */

/* ---- register aliasing and x0 destination ---- */
        TEST_RR_SRC1_EQ_DEST( 30, sh2add, 0x0000000000000017, 5, 3)
        TEST_RR_SRC2_EQ_DEST( 31, sh3add.uw, 0x0000000000000043, 0xffffffff00000008, 3)
        TEST_RR_SRC12_EQ_DEST(32, add.uw, 0x00000000fffffffe, 0xffffffffffffffff)
        TEST_IMM_SRC1_EQ_DEST(33, slli.uw, 0x00000007fffffff8, 0xffffffffffffffff, 3)
        TEST_RR_ZERODEST(     34, sh1add, 1, 2)
        /* typical use: indexing an array of dwords with a 32-bit unsigned index */
        TEST_CASE(35, a4, 0x0000000000000123,
                  lla a1, zba_table; li a2, 0xffffffff00000002; sh3add.uw a3, a2, a1; ld a4, 0(a3))

        .pushsection .data
        .balign 8
zba_table:
        .dword 0x121, 0x122, 0x123, 0x124
        .popsection

        TEST_PASSFAIL
RVTEST_CODE_END
