/*
 * rv64c.S - C extension (compressed instructions) on RV64.
 * Exit status 0 = all checks passed, otherwise the number of the first failing check.
 *
 * Every instruction under test is written as an explicit c.* mnemonic, so the encoding
 * is the 16-bit one.  Covers immediates at both ends of their ranges, the maximum load /
 * store offsets, branch and jump reach, the pc+2 link of c.jalr, 32-bit instructions at
 * 2-byte aligned addresses and a 32-bit instruction that straddles a page boundary.
 * Registers of the 3-bit forms: s0, s1, a0-a5 (x8-x15) and fs0, fs1, fa0-fa5 (f8-f15).
 */
#include "test_macros.h"

RVTEST_CODE_BEGIN
        .option rvc
        addi sp, sp, -1024              /* scratch frame: sp+0 .. sp+1023 are ours */

/* ---- constants: c.li / c.lui ------------------------------------------------------ */
        TEST_CASE(  1, a0, 0xffffffffffffffe0, c.li a0, -32)
        TEST_CASE(  2, a0, 0x000000000000001f, c.li a0, 31)
        TEST_CASE(  3, t0, 0x0000000000000000, li t0, 5; c.li t0, 0)
        TEST_CASE(  4, a0, 0x0000000000001000, c.lui a0, 1)
        TEST_CASE(  5, a0, 0x000000000001f000, c.lui a0, 0x1f)
        TEST_CASE(  6, a0, 0xfffffffffffff000, c.lui a0, 0xfffff)      /* nzimm = -1 */
        TEST_CASE(  7, s1, 0xfffffffffffe0000, c.lui s1, 0xfffe0)      /* nzimm = -32 */

/* ---- c.addi / c.addiw / c.addi16sp / c.addi4spn ----------------------------------- */
        TEST_CASE(  8, a0, 0xffffffffffffffe0, li a0, 0; c.addi a0, -32)
        TEST_CASE(  9, a0, 0x0000000000000083, li a0, 100; c.addi a0, 31)
        TEST_CASE( 10, t1, 0x8000000000000000, li t1, 0x7fffffffffffffff; c.addi t1, 1)
        TEST_CASE( 11, a0, 0x000000007fffffff, li a0, 0x80000000; c.addiw a0, -1)
        TEST_CASE( 12, a0, 0xffffffff9abcdef0, li a0, 0x123456789abcdef0; c.addiw a0, 0)   /* sext.w */
        TEST_CASE( 13, a0, 0xffffffff80000000, li a0, 0x7fffffff; c.addiw a0, 1)
        TEST_CASE( 14, a0, 0xffffffffffffffe0, li a0, 0xffffffff00000000; c.addiw a0, -32)
        TEST_CASE( 15, a4, 512, mv s1, sp; c.addi16sp sp, -512; sub a4, s1, sp)
        TEST_CASE( 16, a4, 0, c.addi16sp sp, 496; c.addi16sp sp, 16; sub a4, s1, sp)
        TEST_CASE( 17, a4, 0xfffffffffffffff0, mv s1, sp; c.addi16sp sp, 16; c.addi16sp sp, -512;
                   c.addi16sp sp, -16; c.addi16sp sp, 496; c.addi16sp sp, 16; c.addi16sp sp, -16;
                   sub a4, sp, s1; mv sp, s1)
        TEST_CASE( 18, a4, 1020, c.addi4spn a0, sp, 1020; sub a4, a0, sp)
        TEST_CASE( 19, a4, 4, c.addi4spn s1, sp, 4; sub a4, s1, sp)

/* ---- shifts and c.andi --------------------------------------------------------------- */
        TEST_CASE( 20, a0, 0x8000000000000000, li a0, 1; c.slli a0, 63)
        TEST_CASE( 21, t3, 0xffffffff00000000, li t3, 0xffffffff; c.slli t3, 32)
        TEST_CASE( 22, a0, 0x0000000000000002, li a0, 1; c.slli a0, 1)
        TEST_CASE( 23, a0, 0x0000000000000001, li a0, 0x8000000000000000; c.srli a0, 63)
        TEST_CASE( 24, a0, 0x7fffffffffffffff, li a0, -1; c.srli a0, 1)
        TEST_CASE( 25, a1, 0x00000000ffffffff, li a1, -1; c.srli a1, 32)
        TEST_CASE( 26, a0, 0xffffffffffffffff, li a0, 0x8000000000000000; c.srai a0, 63)
        TEST_CASE( 27, a0, 0xffffffff80000000, li a0, 0x8000000000000000; c.srai a0, 32)
        TEST_CASE( 28, a0, 0x3fffffffffffffff, li a0, 0x7fffffffffffffff; c.srai a0, 1)
        TEST_CASE( 29, a0, 0x0000000000000120, li a0, 0x123; c.andi a0, -32)
        TEST_CASE( 30, a0, 0x000000000000001f, li a0, -1; c.andi a0, 31)
        TEST_CASE( 31, a0, 0xffffffffffffffff, li a0, -1; c.andi a0, -1)
        TEST_CASE( 32, s0, 0x0000000000000000, li s0, -1; c.andi s0, 0)

/* ---- register-register ALU ------------------------------------------------------------ */
        TEST_CASE( 33, a0, 0xffffffffffffffff, li a0, 0; li a1, 1; c.sub a0, a1)
        TEST_CASE( 34, a0, 0x7fffffffffffffff, li a0, 0x8000000000000000; li a1, 1; c.sub a0, a1)
        TEST_CASE( 35, a2, 0xf00ff00ff00ff00f, li a2, 0xff00ff00ff00ff00; li a3, 0x0f0f0f0f0f0f0f0f; c.xor a2, a3)
        TEST_CASE( 36, a4, 0xff0fff0fff0fff0f, li a4, 0xff00ff00ff00ff00; li a5, 0x0f0f0f0f0f0f0f0f; c.or a4, a5)
        TEST_CASE( 37, s0, 0x0f000f000f000f00, li s0, 0xff00ff00ff00ff00; li s1, 0x0f0f0f0f0f0f0f0f; c.and s0, s1)
        TEST_CASE( 38, a0, 0xffffffff80000000, li a0, 0; li a1, 0x80000000; c.subw a0, a1)
        TEST_CASE( 39, a0, 0x000000007fffffff, li a0, 0xffffffff80000000; li a1, 1; c.subw a0, a1)
        TEST_CASE( 40, a0, 0xffffffff80000000, li a0, 0x7fffffff; li a1, 1; c.addw a0, a1)
        TEST_CASE( 41, a0, 0x0000000000000002, li a0, 0xffffffff00000001; li a1, 0x100000001; c.addw a0, a1)
        TEST_CASE( 42, t4, 0x123456789abcdef0, li t5, 0x123456789abcdef0; li t4, 0; c.mv t4, t5)
        TEST_CASE( 43, t4, 0x0000000000000000, li t5, -1; li t4, 1; c.add t4, t5)
        TEST_CASE( 44, a0, 0xfffffffffffffffe, li a0, -1; c.add a0, a0)
        TEST_CASE( 45, ra, 0x0000000000000007, li ra, 3; li a1, 4; c.add ra, a1)

/* ---- stack-pointer-relative loads and stores, offset 0 and maximum ------------------ */
        TEST_CASE( 46, a0, 0xffffffff80000001, li a1, 0x80000001; sw a1, 252(sp); c.lwsp a0, 252(sp))
        TEST_CASE( 47, a0, 0x0000000012345678, li a1, 0x12345678; sw a1, 0(sp); c.lwsp a0, 0(sp))
        TEST_CASE( 48, t6, 0x8000000000000001, li a1, 0x8000000000000001; sd a1, 504(sp); c.ldsp t6, 504(sp))
        TEST_CASE( 49, a4, 0xaaaaaaaa87654321, li a1, 0xaaaaaaaaaaaaaaaa; sd a1, 248(sp);
                   li a0, 0x87654321; c.swsp a0, 248(sp); ld a4, 248(sp))
        TEST_CASE( 50, a4, 0x87654321aaaaaaaa, li a1, 0xaaaaaaaaaaaaaaaa; sd a1, 248(sp);
                   li a0, 0x87654321; c.swsp a0, 252(sp); ld a4, 248(sp))
        TEST_CASE( 51, a4, 0x0123456789abcdef, li a0, 0x0123456789abcdef; c.sdsp a0, 504(sp); ld a4, 504(sp))
        TEST_CASE( 52, a4, 0xfedcba9876543210, li a0, 0xfedcba9876543210; c.sdsp a0, 0(sp); ld a4, 0(sp))
        TEST_CASE( 53, a4, 0x7ff0000000000001, li a1, 0x7ff0000000000001; sd a1, 504(sp);
                   c.fldsp fa0, 504(sp); fmv.x.d a4, fa0)
        TEST_CASE( 54, a4, 0xc00921fb54442d18, li a1, 0xc00921fb54442d18; fmv.d.x ft1, a1;
                   c.fsdsp ft1, 504(sp); ld a4, 504(sp))
        TEST_CASE( 55, a4, 0x3ff0000000000000, li a1, 0x3ff0000000000000; fmv.d.x fa1, a1;
                   c.fsdsp fa1, 8(sp); c.fldsp fa2, 8(sp); fmv.x.d a4, fa2)

/* ---- register-relative loads and stores (3-bit registers) ---------------------------- */
        TEST_CASE( 56, a0, 0xffffffff80000001, lla a1, cdata; li a2, 0x80000001; sw a2, 124(a1); c.lw a0, 124(a1))
        TEST_CASE( 57, a0, 0x000000007ffffffe, lla a1, cdata; li a2, 0x7ffffffe; sw a2, 0(a1); c.lw a0, 0(a1))
        TEST_CASE( 58, a4, 0xaaaaaaaa13579bdf, lla a1, cdata; li a2, 0xaaaaaaaaaaaaaaaa; sd a2, 120(a1);
                   li a0, 0x13579bdf; c.sw a0, 120(a1); ld a4, 120(a1))
        TEST_CASE( 59, a4, 0x13579bdfaaaaaaaa, lla a1, cdata; li a2, 0xaaaaaaaaaaaaaaaa; sd a2, 120(a1);
                   li a0, 0x13579bdf; c.sw a0, 124(a1); ld a4, 120(a1))
        TEST_CASE( 60, s0, 0x8000000000000001, lla s1, cdata; li a2, 0x8000000000000001; sd a2, 248(s1); c.ld s0, 248(s1))
        TEST_CASE( 61, a4, 0x0f1e2d3c4b5a6978, lla a1, cdata; li a0, 0x0f1e2d3c4b5a6978; c.sd a0, 248(a1); ld a4, 248(a1))
        TEST_CASE( 62, a4, 0x1122334455667788, lla a1, cdata; li a0, 0x1122334455667788; c.sd a0, 0(a1); ld a4, 0(a1))
        TEST_CASE( 63, a4, 0xfff8000000000001, lla a5, cdata; li a2, 0xfff8000000000001; sd a2, 248(a5);
                   c.fld fs0, 248(a5); fmv.x.d a4, fs0)
        TEST_CASE( 64, a4, 0x4005bf0a8b145769, lla a5, cdata; li a2, 0x4005bf0a8b145769; fmv.d.x fa5, a2;
                   c.fsd fa5, 248(a5); ld a4, 248(a5))
        TEST_CASE( 65, a4, 0xbff0000000000000, lla a3, cdata; li a2, 0xbff0000000000000; fmv.d.x fs1, a2;
                   c.fsd fs1, 8(a3); c.fld fa4, 8(a3); fmv.x.d a4, fa4)

/* ---- compressed branches ------------------------------------------------------------- */
        TEST_BEGIN(66)                          /* c.beqz taken, forward and backward */
        li s0, 0
        c.beqz s0, 9502f
        j fail
9501:   c.j 9503f
9502:   c.beqz s0, 9501b
        j fail
9503:
        TEST_BEGIN(67)                          /* c.beqz not taken on a non-zero 64-bit value */
        li a5, 0x100000000
        c.beqz a5, 9504f
        c.j 9505f
9504:   j fail
9505:
        TEST_BEGIN(68)                          /* c.bnez taken, forward and backward */
        li a3, -1
        c.bnez a3, 9507f
        j fail
9506:   c.j 9508f
9507:   c.bnez a3, 9506b
        j fail
9508:
        TEST_BEGIN(69)                          /* c.bnez not taken */
        li a3, 0
        c.bnez a3, 9509f
        c.j 9510f
9509:   j fail
9510:
        TEST_BEGIN(70)                          /* c.bnez on bit 63 only */
        li s1, 0x8000000000000000
        c.bnez s1, 9512f
        j fail
9512:

        .option push
        .option norelax                         /* exact distances below */
        TEST_BEGIN(71)                          /* c.beqz maximum forward offset: +254 */
        li s0, 0
9513:   c.beqz s0, 9514f
        c.j 9515f
        .rept 125
        c.nop
        .endr
9514:
        lla a1, 9514b                            /* check the distance at run time */
        lla a2, 9513b
        sub a1, a1, a2
        CHECK_EQ(a1, 254)
        c.j 9516f
9515:   j fail
9516:
        TEST_BEGIN(72)                          /* c.bnez maximum backward offset: -256 */
        li s0, 1
        c.j 9518f
9517:   c.j 9519f
        .rept 127
        c.nop
        .endr
9518:   c.bnez s0, 9517b
        j fail
9519:   lla a1, 9518b                            /* check the distance at run time */
        lla a2, 9517b
        sub a1, a1, a2
        CHECK_EQ(a1, 256)

/* ---- c.j: both directions, maximum reach ---------------------------------------------- */
        TEST_BEGIN(73)                          /* c.j +2046: skipped code would clear s1 */
        li s1, 5
9520:   c.j 9521f
        .rept 1022
        c.li s1, 0
        .endr
9521:
        lla a1, 9521b                            /* check the distance at run time */
        lla a2, 9520b
        sub a1, a1, a2
        CHECK_EQ(a1, 2046)
        li a0, 5
        FAIL_IF_NE(s1, a0)
        TEST_BEGIN(74)                          /* c.j -2048 */
        li s1, 5
        j 9523f
        .option push
        .option norvc                           /* 4-byte jal: the target is out of c.j reach */
9522:   j 9524f
        .option pop
        .rept 1022
        c.li s1, 0
        .endr
9523:   c.j 9522b
9524:   li a0, 5
        FAIL_IF_NE(s1, a0)
        lla a1, 9523b                            /* check the distance at run time */
        lla a2, 9522b
        sub a1, a1, a2
        CHECK_EQ(a1, 2048)
        .option pop

/* ---- c.jr / c.jalr -------------------------------------------------------------------- */
        TEST_CASE( 75, a4, 0x55, li a4, 0; lla a1, 9525f; c.jr a1; j fail; 9525: li a4, 0x55)
        /* c.jr clears bit 0 of the target */
        TEST_CASE( 76, a4, 0x66, li a4, 0; lla a1, 9526f; addi a1, a1, 1; c.jr a1; j fail; 9526: li a4, 0x66)
        /* c.jalr links pc + 2 */
        TEST_CASE( 77, a4, 0, lla t0, 9527f; 9528: c.jalr t0; 9529: j fail;
                   9527: lla a2, 9529b; sub a4, ra, a2)
        TEST_CASE( 78, a4, 2, lla t0, 9530f; 9531: c.jalr t0; j fail;
                   9530: lla a2, 9531b; sub a4, ra, a2)
        /* c.jalr through ra itself: the target is read before ra is written */
        TEST_CASE( 79, a4, 0x77, li a4, 0; lla ra, 9532f; c.jalr ra; j fail; 9532: li a4, 0x77)
        /* call / return made of compressed instructions */
        TEST_CASE( 80, a0, 0x1c, li a0, 7; lla t1, csub; c.jalr t1; c.addi a0, 0)

/* ---- mixed 16/32-bit streams ----------------------------------------------------------- */
        TEST_BEGIN(81)                          /* 32-bit instructions at 2 mod 4 addresses */
        li a0, 0
        .balign 4
        c.nop
        .option push
        .option norvc
        addi a0, a0, 0x123
        addi a0, a0, 0x100
        .option pop
        c.addi a0, 1
        CHECK_EQ(a0, 0x224)
        TEST_BEGIN(82)                          /* a 32-bit instruction straddling a page */
        li a0, 0
        j 9540f
        .balign 4096
9540:   .rept 2047
        c.nop
        .endr
        .option push
        .option norvc
9541:   lui a0, 0x12345                         /* bytes 4094..4097 of the page */
        .option pop
        c.addi a0, 3
        CHECK_EQ(a0, 0x12345003)
        lla a1, 9541b                           /* and check it really straddled */
        slli a1, a1, 52
        srli a1, a1, 52
        CHECK_EQ(a1, 0xffe)
        TEST_CASE( 83, a0, 5, c.li a0, 5; c.nop; c.nop)

        addi sp, sp, 1024
        TEST_PASSFAIL

csub:
        c.slli a0, 2
        c.jr ra

RVTEST_CODE_END

RVTEST_DATA_BEGIN
cdata:
        .fill 32, 8, 0
RVTEST_DATA_END
