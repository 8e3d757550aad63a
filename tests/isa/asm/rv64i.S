/*
 * rv64i.S - RV64I base integer instruction set.
 * Exit status 0 = all checks passed, otherwise the number of the first failing check.
 */
#include "test_macros.h"

RVTEST_CODE_BEGIN
        .option norvc

/* ---- add / sub / addw / subw -------------------------------------------------------- */
        TEST_RR_OP(  1, add,  0x0000000000000002, 1, 1)
        TEST_RR_OP(  2, add,  0x8000000000000000, 0x7fffffffffffffff, 1)
        TEST_RR_OP(  3, add,  0x0000000000000000, -1, 1)
        TEST_RR_OP(  4, sub,  0xffffffffffffffff, 0, 1)
        TEST_RR_OP(  5, sub,  0x7fffffffffffffff, 0x8000000000000000, 1)
        TEST_RR_OP(  6, addw, 0xffffffff80000000, 0x7fffffff, 1)          /* 32-bit wrap, sign-extended */
        TEST_RR_OP(  7, addw, 0xffffffff9abcdef0, 0x123456789abcdef0, 0)  /* upper half ignored */
        TEST_RR_OP(  8, addw, 0x0000000000000000, 0xffffffff, 1)
        TEST_RR_OP(  9, subw, 0xffffffffffffffff, 0, 1)
        TEST_RR_OP( 10, subw, 0x000000007fffffff, 0xffffffff80000000, 1)
        TEST_RR_SRC1_EQ_DEST(11, add, 24, 13, 11)
        TEST_RR_SRC2_EQ_DEST(12, sub, 2, 13, 11)
        TEST_RR_SRC12_EQ_DEST(13, add, 0xfffffffffffffffe, -1)

/* ---- logic ------------------------------------------------------------------------ */
        TEST_RR_OP( 14, and, 0x0f000f000f000f00, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)
        TEST_RR_OP( 15, or,  0xff0fff0fff0fff0f, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)
        TEST_RR_OP( 16, xor, 0xf00ff00ff00ff00f, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)

/* ---- register shifts: amount masked to 6 bits (RV64) / 5 bits (W) ------------------- */
        TEST_RR_OP( 17, sll,  0x8000000000000000, 1, 63)
        TEST_RR_OP( 18, sll,  0x0000000100000000, 1, 32)
        TEST_RR_OP( 19, sll,  0x0000000000000001, 1, 64)                  /* 64 & 63 = 0 */
        TEST_RR_OP( 20, sll,  0x8000000000000000, 1, 0xffffffffffffffff)  /* -1 & 63 = 63 */
        TEST_RR_OP( 21, srl,  0x0000000000000001, 0x8000000000000000, 63)
        TEST_RR_OP( 22, srl,  0x00000000ffffffff, -1, 32)
        TEST_RR_OP( 23, srl,  0x7fffffffffffffff, -1, 0x41)               /* 0x41 & 63 = 1 */
        TEST_RR_OP( 24, srl,  0xffffffffffffffff, -1, 0)
        TEST_RR_OP( 25, sra,  0xffffffffffffffff, 0x8000000000000000, 63)
        TEST_RR_OP( 26, sra,  0xffffffff80000000, 0x8000000000000000, 32)
        TEST_RR_OP( 27, sra,  0xc000000000000000, 0x8000000000000000, 0xc1) /* & 63 = 1 */
        TEST_RR_OP( 28, sra,  0x3fffffffffffffff, 0x7fffffffffffffff, 1)
        TEST_RR_OP( 29, sllw, 0xffffffff80000000, 1, 31)                  /* sign-extended */
        TEST_RR_OP( 30, sllw, 0x0000000000000001, 1, 32)                  /* 32 & 31 = 0 */
        TEST_RR_OP( 31, sllw, 0x0000000000000002, 0xffffffff00000001, 1)  /* upper half ignored */
        TEST_RR_OP( 32, srlw, 0x0000000000000001, 0xffffffff80000000, 31)
        TEST_RR_OP( 33, srlw, 0xffffffffffffffff, 0x00000000ffffffff, 0)  /* shift 0 still sign-extends */
        TEST_RR_OP( 34, srlw, 0x000000007fffffff, -1, 1)
        TEST_RR_OP( 35, srlw, 0xffffffff80000000, 0x0000000080000000, 32) /* 32 & 31 = 0 */
        TEST_RR_OP( 36, sraw, 0xffffffffffffffff, 0x0000000080000000, 31)
        TEST_RR_OP( 37, sraw, 0xfffffffff8000000, 0x1234567880000000, 4)
        TEST_RR_OP( 38, sraw, 0x0000000020000000, 0xffffffff40000000, 33) /* 33 & 31 = 1 */

/* ---- set-less-than: signed vs unsigned -------------------------------------------- */
        TEST_RR_OP( 39, slt,  1, -1, 1)
        TEST_RR_OP( 40, slt,  0, 1, -1)
        TEST_RR_OP( 41, slt,  1, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_RR_OP( 42, slt,  0, -5, -5)
        TEST_RR_OP( 43, sltu, 0, -1, 1)
        TEST_RR_OP( 44, sltu, 1, 1, -1)
        TEST_RR_OP( 45, sltu, 0, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_RR_OP( 46, sltu, 1, 0, 0x8000000000000000)

/* ---- immediate ALU ---------------------------------------------------------------- */
        TEST_IMM_OP( 47, addi,  0xfffffffffffff800, 0, -2048)
        TEST_IMM_OP( 48, addi,  0x80000000000007fe, 0x7fffffffffffffff, 2047)
        TEST_IMM_OP( 49, addi,  0x0000000000000000, 1, -1)
        TEST_IMM_OP( 50, slti,  1, -1, 0)
        TEST_IMM_OP( 51, slti,  0, 0, -2048)
        TEST_IMM_OP( 52, sltiu, 1, 1, -1)          /* imm sign-extends to 2^64-1, compared unsigned */
        TEST_IMM_OP( 53, sltiu, 1, 0, 1)           /* seqz */
        TEST_IMM_OP( 54, sltiu, 0, -1, 2047)
        TEST_IMM_OP( 55, xori,  0x12345678abcde800, 0x12345678abcdeffe, 0x7fe)
        TEST_IMM_OP(150, xori,  0xedcba987543217fe, 0x12345678abcdeffe, -2048)
        TEST_IMM_OP( 56, xori,  0x0000000000000000, -1, -1)   /* not */
        TEST_IMM_OP( 57, ori,   0xfffffffffffffa34, 0x1234, -2048)
        TEST_IMM_OP( 58, andi,  0x0000000000000234, 0x1234, 0x7ff)
        TEST_IMM_OP( 59, andi,  0xfedcba9876543000, 0xfedcba9876543210, -2048)
        TEST_IMM_OP( 60, slli,  0x8000000000000000, 1, 63)
        TEST_IMM_OP( 61, slli,  0x0000000100000000, 1, 32)
        TEST_IMM_OP( 62, slli,  0x0000000080000000, 1, 31)    /* no sign extension in 64-bit op */
        TEST_IMM_OP( 63, slli,  0xfedcba9876543210, 0xfedcba9876543210, 0)
        TEST_IMM_OP( 64, srli,  0x0000000000000001, 0x8000000000000000, 63)
        TEST_IMM_OP( 65, srli,  0x0000000080000000, 0x8000000000000000, 32)
        TEST_IMM_OP( 66, srai,  0xffffffffffffffff, 0x8000000000000000, 63)
        TEST_IMM_OP( 67, srai,  0xffffffff80000000, 0x8000000000000000, 32)
        TEST_IMM_OP( 68, srai,  0x0000000000000000, 0x7fffffffffffffff, 63)
        TEST_IMM_OP( 69, addiw, 0xffffffff80000000, 0x7fffffff, 1)
        TEST_IMM_OP( 70, addiw, 0xffffffff80000000, 0x1234567880000000, 0)   /* sext.w */
        TEST_IMM_OP( 71, addiw, 0x000000007fffffff, 0x80000000, -1)
        TEST_IMM_OP( 72, slliw, 0xffffffff80000000, 1, 31)
        TEST_IMM_OP( 73, slliw, 0x0000000000000000, 0x100000000, 1)
        TEST_IMM_OP( 74, srliw, 0x0000000000000001, 0x80000000, 31)
        TEST_IMM_OP( 75, srliw, 0xffffffff80000000, 0xabcdef0080000000, 0)   /* shift 0 sign-extends */
        TEST_IMM_OP( 76, srliw, 0x0000000040000000, 0x80000000, 1)
        TEST_IMM_OP( 77, sraiw, 0xffffffffffffffff, 0x80000000, 31)
        TEST_IMM_OP( 78, sraiw, 0xffffffffc0000000, 0x80000000, 1)
        TEST_IMM_OP( 79, sraiw, 0x000000007fffffff, 0xffffffff7fffffff, 0)
        TEST_IMM_SRC1_EQ_DEST(80, addi, 0x0000000000000010, 13, 3)

/* ---- lui / auipc ------------------------------------------------------------------ */
        TEST_CASE( 81, a4, 0xffffffff80000000, lui a4, 0x80000)
        TEST_CASE( 82, a4, 0x000000007ffff000, lui a4, 0x7ffff)
        TEST_CASE( 83, a4, 0xfffffffffffff000, lui a4, 0xfffff)
        TEST_CASE( 84, a4, 0x0000000000000000, li a4, 5; lui a4, 0)
        TEST_CASE( 85, a4, 0, 9301: auipc a5, 0; lla a6, 9301b; sub a4, a5, a6)
        TEST_CASE( 86, a4, 0x1000, 9302: auipc a5, 1; lla a6, 9302b; sub a4, a5, a6)
        TEST_CASE( 87, a4, 0xffffffff80000000, 9303: auipc a5, 0x80000; lla a6, 9303b; sub a4, a5, a6)

/* ---- loads: sign / zero extension, negative offsets ------------------------------- */
        TEST_LD_OP( 88, lb,  0xffffffffffffff80, 0, ld_data)
        TEST_LD_OP( 89, lbu, 0x0000000000000080, 0, ld_data)
        TEST_LD_OP( 90, lb,  0x000000000000007f, 1, ld_data)
        TEST_LD_OP( 91, lh,  0xffffffffffff8001, 2, ld_data)
        TEST_LD_OP( 92, lhu, 0x0000000000008001, 2, ld_data)
        TEST_LD_OP( 93, lw,  0xffffffff80000001, 4, ld_data)
        TEST_LD_OP( 94, lwu, 0x0000000080000001, 4, ld_data)
        TEST_LD_OP( 95, lw,  0x000000007ffffffe, 8, ld_data)
        TEST_LD_OP( 96, ld,  0x8000000000000001, 16, ld_data)
        TEST_LD_OP( 97, ld,  0x8000000000000001, -8, ld_data_end)
        TEST_LD_OP( 98, lw,  0xffffffff80000001, -20, ld_data_end)
        TEST_LD_OP( 99, lbu, 0x000000000000007f, -23, ld_data_end)
        TEST_LD_OP(100, lh,  0x0000000000007fff, 14, ld_data)
        TEST_LD_OP(101, lwu, 0x000000007ffffffe, 8, ld_data)

/* ---- stores of every width: only the addressed bytes change ----------------------- */
        TEST_CASE(102, a4, 0xaaaaaaaaaaaaaa5c,
                  lla a1, st_data; li a2, 0xaaaaaaaaaaaaaaaa; sd a2, 0(a1);
                  li a3, 0x123456789abcde5c; sb a3, 0(a1); ld a4, 0(a1))
        TEST_CASE(103, a4, 0xaaaaaaaade5caaaa,
                  lla a1, st_data; li a2, 0xaaaaaaaaaaaaaaaa; sd a2, 0(a1);
                  li a3, 0x123456789abcde5c; sh a3, 2(a1); ld a4, 0(a1))
        TEST_CASE(104, a4, 0x9abcde5caaaaaaaa,
                  lla a1, st_data; li a2, 0xaaaaaaaaaaaaaaaa; sd a2, 0(a1);
                  li a3, 0x123456789abcde5c; sw a3, 4(a1); ld a4, 0(a1))
        TEST_CASE(105, a4, 0x123456789abcde5c,
                  lla a1, st_data; li a2, 0xaaaaaaaaaaaaaaaa; sd a2, 8(a1);
                  li a3, 0x123456789abcde5c; sd a3, 8(a1); ld a4, 8(a1))
        TEST_CASE(106, a4, 0xaaaaaaaaaaaa5caa,
                  lla a1, st_data + 8; li a2, 0xaaaaaaaaaaaaaaaa; sd a2, -8(a1);
                  li a3, 0x5c; sb a3, -7(a1); ld a4, -8(a1))
        TEST_ST_OP(107, lb,  sb, 0xffffffffffffffa0, 3, st_data)
        TEST_ST_OP(108, lh,  sh, 0xffffffffffffaa00, 6, st_data)
        TEST_ST_OP(109, lw,  sw, 0xffffffffaa00bb00, 12, st_data)
        TEST_ST_OP(110, ld,  sd, 0xaa00bb00cc00dd00, 16, st_data)
        /* store to x0-based address is impossible here; store of x0 writes zeros */
        TEST_CASE(111, a4, 0, lla a1, st_data; sd x0, 16(a1); ld a4, 16(a1))

/* ---- conditional branches: signed vs unsigned, taken / not taken ------------------ */
        TEST_BR2_TAKEN(   112, beq,  -1, -1)
        TEST_BR2_NOTTAKEN(113, beq,  0, 1)
        TEST_BR2_NOTTAKEN(114, beq,  0x100000000, 0)
        TEST_BR2_TAKEN(   115, bne,  0x100000000, 0)
        TEST_BR2_NOTTAKEN(116, bne,  7, 7)
        TEST_BR2_TAKEN(   117, blt,  -1, 1)
        TEST_BR2_NOTTAKEN(118, blt,  1, -1)
        TEST_BR2_NOTTAKEN(119, blt,  5, 5)
        TEST_BR2_TAKEN(   120, blt,  0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR2_TAKEN(   121, bge,  1, -1)
        TEST_BR2_TAKEN(   122, bge,  -5, -5)
        TEST_BR2_NOTTAKEN(123, bge,  -1, 1)
        TEST_BR2_TAKEN(   124, bltu, 1, -1)
        TEST_BR2_NOTTAKEN(125, bltu, -1, 1)
        TEST_BR2_NOTTAKEN(126, bltu, 5, 5)
        TEST_BR2_TAKEN(   127, bgeu, -1, 1)
        TEST_BR2_TAKEN(   128, bgeu, 0, 0)
        TEST_BR2_NOTTAKEN(129, bgeu, 1, -1)
        TEST_BR2_NOTTAKEN(130, bgeu, 0x7fffffffffffffff, 0x8000000000000000)

/* ---- jal / jalr ------------------------------------------------------------------- */
        /* jal writes the address of the following instruction */
        TEST_CASE(131, a4, 0,
                  jal a5, 9311f; 9312: j fail; 9311: lla a6, 9312b; sub a4, a5, a6)
        /* jal x0 does not link: x0 stays 0 */
        TEST_CASE(132, a4, 0, jal x0, 9313f; j fail; 9313: mv a4, x0)
        /* jalr with an odd target address: bit 0 is cleared */
        TEST_CASE(133, a4, 0x55,
                  li a4, 0; lla a1, 9314f; addi a1, a1, 1; jalr a5, 0(a1); j fail;
                  9314: li a4, 0x55)
        /* jalr with an odd immediate */
        TEST_CASE(134, a4, 0x66,
                  li a4, 0; lla a1, 9315f; addi a1, a1, -2; jalr a5, 3(a1); j fail;
                  9315: li a4, 0x66)
        /* jalr link value */
        TEST_CASE(135, a4, 0,
                  lla a1, 9316f; jalr a5, 0(a1); 9317: j fail; 9316: lla a6, 9317b; sub a4, a5, a6)
        /* jalr with rd == rs1: the target uses the old rs1 value */
        TEST_CASE(136, a4, 0,
                  lla a5, 9318f; jalr a5, 0(a5); 9319: j fail; 9318: lla a6, 9319b; sub a4, a5, a6)
        /* negative jalr offset */
        TEST_CASE(137, a4, 0x77,
                  li a4, 0; lla a1, 9320f; addi a1, a1, 16; jalr x0, -16(a1); j fail;
                  9320: li a4, 0x77)
        /* call/return through ra */
        TEST_CASE(138, a4, 0x1234, li a4, 0; jal ra, subroutine; addi a4, a4, 0x234)

/* ---- writes to x0 are ignored ----------------------------------------------------- */
        TEST_CASE(139, a4, 0, addi x0, x0, 5; mv a4, x0)
        TEST_CASE(140, a4, 0, lui x0, 0x12345; mv a4, x0)
        TEST_CASE(141, a4, 0, lla a1, ld_data; ld x0, 16(a1); mv a4, x0)
        TEST_CASE(142, a4, 0, lla a1, 9321f; jalr x0, 0(a1); 9321: auipc x0, 1; mv a4, x0)
        TEST_RR_ZERODEST(143, add, 5, 6)
        TEST_RR_ZERODEST(144, sraw, -1, 1)
        TEST_CASE(145, a4, 3, li a1, 3; add a4, a1, x0)      /* x0 reads as 0 */

/* ---- fence / misc ----------------------------------------------------------------- */
        TEST_CASE(146, a4, 42, fence; fence rw, rw; fence.tso; li a4, 42)
        /* a backward loop: sum 1..100 */
        TEST_CASE(147, a4, 5050,
                  li a4, 0; li a1, 100; 9322: add a4, a4, a1; addi a1, a1, -1; bnez a1, 9322b)
        /* 64-bit constant materialised by lui+addi with negative low part */
        TEST_CASE(148, a4, 0x0000000012345fff, lui a4, 0x12346; addi a4, a4, -1)
        TEST_CASE(149, a4, 0x000000007ffff800, lui a4, 0x80000; addiw a4, a4, -2048)

        TEST_PASSFAIL

subroutine:
        li a4, 0x1000
        ret

RVTEST_CODE_END

RVTEST_DATA_BEGIN
ld_data:
        .byte 0x80, 0x7f, 0x01, 0x80             /* +0: lb/lbu, +2: half 0x8001 */
        .word 0x80000001                         /* +4 */
        .word 0x7ffffffe                         /* +8 */
        .half 0x0000, 0x7fff                     /* +12, +14 */
        .dword 0x8000000000000001                /* +16 */
ld_data_end:
        .balign 16
st_data:
        .dword 0, 0, 0, 0
RVTEST_DATA_END
