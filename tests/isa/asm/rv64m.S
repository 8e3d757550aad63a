/*
 * rv64m.S - RV64M multiply / divide.
 * Exit status 0 = all checks passed, otherwise the number of the first failing check.
 * Division by zero: div -> -1, divu -> 2^64-1, rem/remu -> dividend.
 * Signed overflow: INT_MIN / -1 -> INT_MIN, INT_MIN % -1 -> 0.
 * W forms use the low 32 bits of the operands and sign-extend the 32-bit result.
 */
#include "test_macros.h"

RVTEST_CODE_BEGIN
        .option norvc

/* ---- mul ---- */
        TEST_RR_OP(  1, mul,   0x0000000000000015, 0x0000000000000003, 0x0000000000000007)
        TEST_RR_OP(  2, mul,   0xffffffffffffffeb, 0xfffffffffffffffd, 0x0000000000000007)  /* negative operand */
        TEST_RR_OP(  3, mul,   0x0000000000000015, 0xfffffffffffffffd, 0xfffffffffffffff9)
        TEST_RR_OP(  4, mul,   0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff)  /* overflow wraps */
        TEST_RR_OP(  5, mul,   0x0000000000000000, 0x0000000100000000, 0x0000000100000000)  /* 2^64 wraps to 0 */
        TEST_RR_OP(  6, mul,   0x236d88fe5618cf00, 0x123456789abcdef0, 0xfedcba9876543210)  /* low 64 bits of a big product */
        TEST_RR_OP(  7, mulh,  0x0000000000000000, 0xffffffffffffffff, 0xffffffffffffffff)  /* 1 -> high 0 */
        TEST_RR_OP(  8, mulh,  0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000001)  /* -1 -> high all ones */
        TEST_RR_OP(  9, mulh,  0x4000000000000000, 0x8000000000000000, 0x8000000000000000)  /* 2^126 */
        TEST_RR_OP( 10, mulh,  0x0000000000000000, 0x8000000000000000, 0xffffffffffffffff)  /* +2^63 -> high 0 */
        TEST_RR_OP( 11, mulh,  0x3fffffffffffffff, 0x7fffffffffffffff, 0x7fffffffffffffff)
        TEST_RR_OP( 12, mulh,  0xc000000000000000, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_RR_OP( 13, mulh,  0xffffffffffffffff, 0xfffffffffffffffe, 0x0000000000000003)
        TEST_RR_OP( 14, mulhu, 0xfffffffffffffffe, 0xffffffffffffffff, 0xffffffffffffffff)  /* (2^64-1)^2 */
        TEST_RR_OP( 15, mulhu, 0x0000000000000001, 0xffffffffffffffff, 0x0000000000000002)
        TEST_RR_OP( 16, mulhu, 0x0000000000000001, 0x8000000000000000, 0x0000000000000002)
        TEST_RR_OP( 17, mulhu, 0x121fa00ad77d7422, 0x123456789abcdef0, 0xfedcba9876543210)
        TEST_RR_OP( 18, mulhsu, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff)  /* signed -1 x unsigned 2^64-1 */
        TEST_RR_OP( 19, mulhsu, 0x0000000000000000, 0x0000000000000001, 0xffffffffffffffff)  /* rs2 is unsigned */
        TEST_RR_OP( 20, mulhsu, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff)
        TEST_RR_OP( 21, mulhsu, 0xffffffffffffffff, 0xfffffffffffffffe, 0x0000000000000003)
        TEST_RR_OP( 22, mulhsu, 0x3fffffffffffffff, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_RR_OP( 23, mulw,  0xfffffffffffffffe, 0x000000007fffffff, 0x0000000000000002)  /* sign-extended 32-bit result */
        TEST_RR_OP( 24, mulw,  0x000000000000000f, 0x0000000100000003, 0x0000000100000005)  /* upper halves ignored */
        TEST_RR_OP( 25, mulw,  0xffffffff80000000, 0x0000000000010000, 0x0000000000008000)  /* 0x80000000 sign-extends */
        TEST_RR_OP( 26, mulw,  0x0000000000000001, 0xffffffffffffffff, 0xffffffffffffffff)
        TEST_RR_OP( 27, mulw,  0x0000000000000001, 0x000000007fffffff, 0x000000007fffffff)

/* ---- div ---- */
        TEST_RR_OP( 28, div,   0x0000000000000003, 0x0000000000000014, 0x0000000000000006)
        TEST_RR_OP( 29, div,   0xfffffffffffffffd, 0xffffffffffffffec, 0x0000000000000006)  /* truncates toward zero */
        TEST_RR_OP( 30, div,   0xfffffffffffffffd, 0x0000000000000014, 0xfffffffffffffffa)
        TEST_RR_OP( 31, div,   0x0000000000000003, 0xffffffffffffffec, 0xfffffffffffffffa)
        TEST_RR_OP( 32, div,   0xffffffffffffffff, 0x0000000000000005, 0x0000000000000000)  /* divide by zero -> -1 */
        TEST_RR_OP( 33, div,   0xffffffffffffffff, 0x0000000000000000, 0x0000000000000000)
        TEST_RR_OP( 34, div,   0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff)  /* overflow -> INT64_MIN */
        TEST_RR_OP( 35, div,   0x8000000000000000, 0x8000000000000000, 0x0000000000000001)
        TEST_RR_OP( 36, divu,  0x0000000000000003, 0x0000000000000014, 0x0000000000000006)
        TEST_RR_OP( 37, divu,  0x2aaaaaaaaaaaaaa7, 0xffffffffffffffec, 0x0000000000000006)  /* dividend is unsigned */
        TEST_RR_OP( 38, divu,  0xffffffffffffffff, 0x0000000000000005, 0x0000000000000000)  /* divide by zero -> all ones */
        TEST_RR_OP( 39, divu,  0x0000000000000000, 0x8000000000000000, 0xffffffffffffffff)
        TEST_RR_OP( 40, rem,   0x0000000000000002, 0x0000000000000014, 0x0000000000000006)
        TEST_RR_OP( 41, rem,   0xfffffffffffffffe, 0xffffffffffffffec, 0x0000000000000006)  /* sign follows dividend */
        TEST_RR_OP( 42, rem,   0x0000000000000002, 0x0000000000000014, 0xfffffffffffffffa)
        TEST_RR_OP( 43, rem,   0xfffffffffffffffe, 0xffffffffffffffec, 0xfffffffffffffffa)
        TEST_RR_OP( 44, rem,   0xffffffffffffffec, 0xffffffffffffffec, 0x0000000000000000)  /* remainder by zero -> dividend */
        TEST_RR_OP( 45, rem,   0x0000000000000000, 0x8000000000000000, 0xffffffffffffffff)  /* overflow -> 0 */
        TEST_RR_OP( 46, remu,  0x0000000000000002, 0x0000000000000014, 0x0000000000000006)
        TEST_RR_OP( 47, remu,  0x0000000000000002, 0xffffffffffffffec, 0x0000000000000006)
        TEST_RR_OP( 48, remu,  0xffffffffffffffec, 0xffffffffffffffec, 0x0000000000000000)  /* by zero -> dividend */
        TEST_RR_OP( 49, remu,  0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff)

/* ---- W ---- */
        TEST_RR_OP( 50, divw,  0x0000000000000003, 0x0000000000000014, 0x0000000000000006)
        TEST_RR_OP( 51, divw,  0xfffffffffffffffd, 0xffffffffffffffec, 0x0000000000000006)
        TEST_RR_OP( 52, divw,  0x0000000000000003, 0xffffffff00000014, 0x0000000000000006)  /* upper halves ignored */
        TEST_RR_OP( 53, divw,  0xffffffffffffffff, 0x0000000080000000, 0x0000000000000000)  /* by zero -> -1 */
        TEST_RR_OP( 54, divw,  0xffffffff80000000, 0x0000000080000000, 0x00000000ffffffff)  /* INT32_MIN / -1 -> INT32_MIN sign-extended */
        TEST_RR_OP( 55, divw,  0xffffffffffffffff, 0x0000000080000000, 0x0000000100000000)  /* divisor low half is 0 -> -1 */
        TEST_RR_OP( 56, divuw, 0x000000002aaaaaa7, 0x00000000ffffffec, 0x0000000000000006)
        TEST_RR_OP( 57, divuw, 0xfffffffffffffffe, 0x00000000fffffffe, 0x0000000000000001)  /* result bit 31 set -> sign-extended */
        TEST_RR_OP( 58, divuw, 0xffffffffffffffff, 0x0000000080000000, 0x0000000000000000)  /* by zero -> all ones */
        TEST_RR_OP( 59, divuw, 0x0000000000000003, 0x123456780000000a, 0xffffffff00000003)
        TEST_RR_OP( 60, remw,  0xfffffffffffffffe, 0xffffffffffffffec, 0x0000000000000006)
        TEST_RR_OP( 61, remw,  0x0000000000000002, 0x0000000000000014, 0xfffffffffffffffa)
        TEST_RR_OP( 62, remw,  0xffffffff80000000, 0x0000000080000000, 0x0000000000000000)  /* by zero -> sign-extended dividend */
        TEST_RR_OP( 63, remw,  0x0000000000000007, 0x1234567800000007, 0x0000000000000000)
        TEST_RR_OP( 64, remw,  0x0000000000000000, 0x0000000080000000, 0xffffffffffffffff)  /* INT32_MIN % -1 -> 0 */
        TEST_RR_OP( 65, remuw, 0x0000000000000002, 0x00000000ffffffec, 0x0000000000000006)
        TEST_RR_OP( 66, remuw, 0xffffffff80000001, 0x0000000080000001, 0x0000000000000000)  /* by zero -> sign-extended dividend */
        TEST_RR_OP( 67, remuw, 0xfffffffffffffffe, 0x00000000fffffffe, 0x00000000ffffffff)

/* ---- register aliasing and x0 destination ---- */
        TEST_RR_SRC1_EQ_DEST( 68, mul,  0x000000000000008f, 13, 11)
        TEST_RR_SRC2_EQ_DEST( 69, div,  0x0000000000000001, 13, 11)
        TEST_RR_SRC12_EQ_DEST(70, mulhu, 0xfffffffffffffffe, -1)
        TEST_RR_SRC12_EQ_DEST(71, rem,  0x0000000000000000, -7)
        TEST_RR_ZERODEST(     72, mul,  3, 4)
        TEST_RR_ZERODEST(     73, divu, 12, 0)
        /* the usual mulhu/mul pair computing a full 128-bit product */
        TEST_CASE(74, a4, 0x0000000000000001,
                  li a1, 0xffffffffffffffff; li a2, 0xffffffffffffffff;
                  mulhu a5, a1, a2; mul a4, a1, a2)
        /* division by a register holding 0 does not trap: execution continues */
        TEST_CASE(75, a4, 0x0000000000000007,
                  li a1, 7; li a2, 0; div a3, a1, a2; remu a4, a1, a2)

        TEST_PASSFAIL
RVTEST_CODE_END
