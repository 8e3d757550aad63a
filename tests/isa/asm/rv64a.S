/*
 * rv64a.S - RV64A atomics: all AMOs (.w and .d, with aq/rl variants) and LR/SC.
 * Exit status 0 = all checks passed, otherwise the number of the first failing check.
 * AMO .w forms sign-extend the old 32-bit memory value into rd and must leave the
 * neighbouring words untouched.
 */
#include "test_macros.h"

RVTEST_CODE_BEGIN
        .option norvc

/* ---- AMOs: rd = old value, memory = op(old, rs2) ---------------------------------- */
        TEST_AMO_W(  1, amoswap.w,       0xffffffff80000000, 0x0000000012345678, 0x0000000080000000, 0x1234567812345678, amo_area)  /* rd is the old word sign-extended */
        TEST_AMO_W(  2, amoadd.w,        0x000000007fffffff, 0x0000000080000000, 0x000000007fffffff, 0x0000000000000001, amo_area)  /* 32-bit wrap */
        TEST_AMO_W(  3, amoadd.w.aq,     0xffffffffffffffff, 0x0000000000000000, 0x00000000ffffffff, 0x0000000000000001, amo_area)  /* carry does not reach the next word */
        TEST_AMO_W(  4, amoxor.w,        0xfffffffff0f0f0f0, 0x000000000ff00ff0, 0x00000000f0f0f0f0, 0x00000000ff00ff00, amo_area)
        TEST_AMO_W(  5, amoand.w.rl,     0xfffffffff0f0f0f0, 0x00000000f000f000, 0x00000000f0f0f0f0, 0x00000000ff00ff00, amo_area)
        TEST_AMO_W(  6, amoor.w.aqrl,    0x000000000000f0f0, 0x000000008000f0f0, 0x000000000000f0f0, 0x0000000080000000, amo_area)
        TEST_AMO_W(  7, amomin.w,        0xffffffff80000000, 0x0000000080000000, 0x0000000080000000, 0x0000000000000001, amo_area)  /* signed 32-bit compare */
        TEST_AMO_W(  8, amomin.w.aq,     0x0000000000000005, 0x00000000ffffffff, 0x0000000000000005, 0x00000000ffffffff, amo_area)  /* operand 0x00000000ffffffff is -1 as a word */
        TEST_AMO_W(  9, amomax.w,        0xffffffff80000000, 0x0000000000000001, 0x0000000080000000, 0x0000000000000001, amo_area)
        TEST_AMO_W( 10, amomax.w.rl,     0xfffffffffffffffe, 0x00000000ffffffff, 0x00000000fffffffe, 0x00000000ffffffff, amo_area)
        TEST_AMO_W( 11, amominu.w,       0xffffffff80000000, 0x0000000000000001, 0x0000000080000000, 0x0000000000000001, amo_area)  /* unsigned 32-bit compare */
        TEST_AMO_W( 12, amominu.w.aqrl,  0xffffffffffffffff, 0x00000000fffffffe, 0x00000000ffffffff, 0x00000000fffffffe, amo_area)
        TEST_AMO_W( 13, amomaxu.w,       0xffffffff80000000, 0x0000000080000000, 0x0000000080000000, 0x0000000000000001, amo_area)
        TEST_AMO_W( 14, amomaxu.w.aq,    0x0000000000000002, 0x0000000000000002, 0x0000000000000002, 0xffffffff00000001, amo_area)  /* upper half of the operand ignored */
        TEST_AMO_D( 15, amoswap.d,       0x8000000000000000, 0x0123456789abcdef, 0x8000000000000000, 0x0123456789abcdef, amo_area)
        TEST_AMO_D( 16, amoswap.d.aqrl,  0xffffffffffffffff, 0x0000000000000000, 0xffffffffffffffff, 0x0000000000000000, amo_area)
        TEST_AMO_D( 17, amoadd.d,        0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff, 0x0000000000000001, amo_area)  /* 64-bit wrap */
        TEST_AMO_D( 18, amoadd.d.rl,     0x00000000ffffffff, 0x0000000100000000, 0x00000000ffffffff, 0x0000000000000001, amo_area)  /* carry into the upper half */
        TEST_AMO_D( 19, amoxor.d,        0xf0f0f0f0f0f0f0f0, 0x0ff00ff00ff00ff0, 0xf0f0f0f0f0f0f0f0, 0xff00ff00ff00ff00, amo_area)
        TEST_AMO_D( 20, amoand.d.aq,     0xf0f0f0f0f0f0f0f0, 0xf000f000f000f000, 0xf0f0f0f0f0f0f0f0, 0xff00ff00ff00ff00, amo_area)
        TEST_AMO_D( 21, amoor.d,         0x00000000f0f0f0f0, 0x80000000f0f0f0f0, 0x00000000f0f0f0f0, 0x8000000000000000, amo_area)
        TEST_AMO_D( 22, amomin.d,        0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x0000000000000001, amo_area)  /* signed */
        TEST_AMO_D( 23, amomin.d.aqrl,   0x0000000000000001, 0xffffffffffffffff, 0x0000000000000001, 0xffffffffffffffff, amo_area)
        TEST_AMO_D( 24, amomax.d,        0x8000000000000000, 0x0000000000000001, 0x8000000000000000, 0x0000000000000001, amo_area)
        TEST_AMO_D( 25, amomax.d.aq,     0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe, 0xffffffffffffffff, amo_area)
        TEST_AMO_D( 26, amominu.d,       0x8000000000000000, 0x0000000000000001, 0x8000000000000000, 0x0000000000000001, amo_area)  /* unsigned */
        TEST_AMO_D( 27, amominu.d.rl,    0xffffffffffffffff, 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe, amo_area)
        TEST_AMO_D( 28, amomaxu.d,       0x8000000000000000, 0x8000000000000000, 0x8000000000000000, 0x0000000000000001, amo_area)
        TEST_AMO_D( 29, amomaxu.d.aqrl,  0x0000000000000001, 0xffffffffffffffff, 0x0000000000000001, 0xffffffffffffffff, amo_area)
        TEST_AMO_D( 30, amoadd.d.aq,     0x0000000080000000, 0x0000000100000000, 0x0000000080000000, 0x0000000080000000, amo_area)  /* no 32-bit sign effects in .d */

        /* rd == x0: the memory update still happens */
        TEST_CASE(31, a5, 0x0000000000000030,
                  lla a0, amo_area; li a1, 0x10; sd a1, 0(a0); li a2, 0x20;
                  amoadd.d x0, a2, (a0); ld a5, 0(a0))
        /* rd == rs2: rd gets the old value, memory the original rs2 */
        TEST_CASE(32, a2, 0x0000000000001111,
                  lla a0, amo_area; li a1, 0x1111; sd a1, 0(a0); li a2, 0x2222;
                  amoswap.d a2, a2, (a0); ld a5, 0(a0); li a3, 0x2222; FAIL_IF_NE(a5, a3))
        /* amoswap.w with rd == x0 only stores */
        TEST_CASE(33, a5, 0xffffffff87654321,
                  lla a0, amo_area; sd x0, 0(a0); li a2, 0x87654321;
                  amoswap.w x0, a2, (a0); lw a5, 0(a0))

/* ---- LR / SC --------------------------------------------------------------------- */
        /* lr.d then sc.d to the same address succeeds: rd = 0 and memory updated */
        TEST_CASE(34, a5, 0,
                  lla a0, amo_area; li a1, 0x1122334455667788; sd a1, 0(a0);
                  lr.d a4, (a0); FAIL_IF_NE(a4, a1);
                  li a2, 0x0102030405060708; sc.d a5, a2, (a0))
        TEST_CASE(35, a4, 0x0102030405060708, lla a0, amo_area; ld a4, 0(a0))
        /* lr.w sign-extends */
        TEST_CASE(36, a4, 0xffffffff80000000,
                  lla a0, amo_area; li a1, 0x80000000; sw a1, 0(a0); lr.w a4, (a0))
        /* sc.w succeeds and stores only 32 bits */
        TEST_CASE(37, a5, 0,
                  lla a0, amo_area; li a1, -1; sd a1, 0(a0);
                  lr.w a4, (a0); li a2, 0x12345678; sc.w a5, a2, (a0))
        TEST_CASE(38, a4, 0xffffffff12345678, lla a0, amo_area; ld a4, 0(a0))
        /* a second sc without a new lr fails (the first sc consumed the reservation) */
        TEST_CASE(39, a4, 1,
                  lla a0, amo_area; li a1, 0x1111; sd a1, 0(a0);
                  lr.d a3, (a0); li a2, 0x2222; sc.d a5, a2, (a0); FAIL_IF_NE(a5, x0);
                  li a2, 0x3333; sc.d a5, a2, (a0); snez a4, a5)
        TEST_CASE(40, a4, 0x2222, lla a0, amo_area; ld a4, 0(a0))
        /* sc to an address other than the reserved one fails and does not store */
        TEST_CASE(41, a4, 1,
                  lla a0, amo_area; lla a1, far_area; li a2, 0x4444; sd a2, 0(a1);
                  lr.d a3, (a0); li a2, 0x5555; sc.d a5, a2, (a1); snez a4, a5)
        TEST_CASE(42, a4, 0x4444, lla a1, far_area; ld a4, 0(a1))
        /* a failed sc also invalidates the reservation: sc to the reserved address now fails */
        TEST_CASE(43, a4, 1,
                  lla a0, amo_area; li a1, 0x6666; sd a1, 0(a0);
                  lr.d a3, (a0); lla a1, far_area; sc.d a5, a1, (a1);
                  li a2, 0x7777; sc.d a5, a2, (a0); snez a4, a5)
        TEST_CASE(44, a4, 0x6666, lla a0, amo_area; ld a4, 0(a0))
        /* a newer lr replaces the reservation: sc to the older address fails */
        TEST_CASE(45, a4, 1,
                  lla a0, amo_area; lla a1, far_area; li a2, 0x8888; sd a2, 0(a0);
                  lr.w a3, (a0); lr.w a3, (a1); li a2, 0x9999; sc.w a5, a2, (a0); snez a4, a5)
        TEST_CASE(46, a4, 0x8888, lla a0, amo_area; lw a4, 0(a0))
        /* sc.w failure without reservation stores nothing, even to the neighbour */
        TEST_CASE(47, a4, 0x5a5a5a5a5a5a5a5a,
                  lla a0, amo_area; li a1, 0x5a5a5a5a5a5a5a5a; sd a1, 0(a0);
                  lr.d a3, (a0); sc.d a5, a1, (a0);
                  li a2, 0; sc.w a5, a2, (a0); addi a3, a0, 4; sc.w a5, a2, (a3); ld a4, 0(a0))
        /* aq/rl orderings on lr/sc */
        TEST_CASE(48, a5, 0,
                  lla a0, amo_area; li a1, 5; sd a1, 0(a0);
                  lr.d.aq a4, (a0); addi a4, a4, 1; sc.d.rl a5, a4, (a0))
        TEST_CASE(49, a5, 0,
                  lla a0, amo_area; li a1, 7; sw a1, 0(a0);
                  lr.w.aqrl a4, (a0); addi a4, a4, 1; sc.w.aqrl a5, a4, (a0))
        TEST_CASE(50, a4, 8, lla a0, amo_area; lw a4, 0(a0))
        /* the classic lr/sc retry loop: 100 atomic increments */
        TEST_CASE(51, a4, 100,
                  lla a0, amo_area; sd x0, 0(a0); li a1, 100;
                  9401: lr.d a3, (a0); addi a3, a3, 1; sc.d a5, a3, (a0); bnez a5, 9401b;
                  addi a1, a1, -1; bnez a1, 9401b; ld a4, 0(a0))
        /* compare-and-swap built from lr/sc: mismatch path leaves memory alone */
        TEST_CASE(52, a4, 0x1234,
                  lla a0, amo_area; li a1, 0x1234; sd a1, 0(a0); li a2, 0x9999;
                  lr.d a3, (a0); bne a3, a2, 9402f; sc.d a5, a2, (a0); 9402: ld a4, 0(a0))

        TEST_PASSFAIL
RVTEST_CODE_END

RVTEST_DATA_BEGIN
        .balign 64
amo_area:
        .dword 0, 0
        .balign 4096
        .skip 64
far_area:
        .dword 0, 0
RVTEST_DATA_END
