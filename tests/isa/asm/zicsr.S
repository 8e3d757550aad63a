/*
 * zicsr.S - Zicsr: csrrw/csrrs/csrrc and their immediate forms on the user FP CSRs
 * (fflags, frm, fcsr = frm << 5 | fflags, writes masked to the implemented bits), and the
 * user counters cycle / time / instret.
 * Exit status 0 = all checks passed, otherwise the number of the first failing check.
 */
#include "test_macros.h"

RVTEST_CODE_BEGIN
        .option norvc
        csrw fcsr, x0

/* ---- csrrw / csrrs / csrrc on fflags ------------------------------------------------ */
        TEST_CASE(  1, a4, 0x00, li a1, 0x1f; csrrw a4, fflags, a1)            /* returns the old value */
        TEST_CASE(  2, a4, 0x1f, csrr a4, fflags)                              /* ... and wrote */
        TEST_CASE(  3, a4, 0x1f, li a1, 0xff; csrrw a4, fflags, a1)
        TEST_CASE(  4, a4, 0x1f, csrr a4, fflags)                              /* upper bits dropped */
        TEST_CASE(  5, a4, 0x01, csrwi fflags, 1; li a1, 0x04; csrrs a4, fflags, a1)
        TEST_CASE(  6, a4, 0x05, csrr a4, fflags)
        TEST_CASE(  7, a4, 0x1f, csrwi fflags, 0x1f; li a1, 0x05; csrrc a4, fflags, a1)
        TEST_CASE(  8, a4, 0x1a, csrr a4, fflags)
        TEST_CASE(  9, a4, 0x1a, li a1, 0xffffffffffffffe0; csrrs a4, fflags, a1)  /* sets nothing */
        TEST_CASE( 10, a4, 0x1a, csrr a4, fflags)
        TEST_CASE( 11, a4, 0x1a, csrrwi a4, fflags, 0x11)
        TEST_CASE( 12, a4, 0x11, csrrsi a4, fflags, 0x02)
        TEST_CASE( 13, a4, 0x13, csrrci a4, fflags, 0x01)
        TEST_CASE( 14, a4, 0x12, csrrs a4, fflags, x0)                         /* pure read */
        TEST_CASE( 15, a4, 0x12, csrrc a4, fflags, x0)
        TEST_CASE( 16, a4, 0x12, csrrsi a4, fflags, 0)
        TEST_CASE( 17, a4, 0x12, csrrci a4, fflags, 0; csrr a4, fflags)
        TEST_CASE( 18, a4, 0x00, csrrwi x0, fflags, 0; csrr a4, fflags)          /* uimm 0 writes 0 */
        /* rd == rs1: old value to rd, the original rs1 value written */
        TEST_CASE( 19, a4, 0x07, csrwi fflags, 0x07; li a4, 0x18; csrrw a4, fflags, a4)
        TEST_CASE( 20, a4, 0x18, csrr a4, fflags)
        /* rd == x0 still writes */
        TEST_CASE( 21, a4, 0x09, li a1, 0x09; csrrw x0, fflags, a1; csrr a4, fflags)

/* ---- frm ---------------------------------------------------------------------------- */
        TEST_CASE( 22, a4, 0x00, csrwi fflags, 0; li a1, 0xff; csrrw a4, frm, a1)
        TEST_CASE( 23, a4, 0x07, csrr a4, frm)                                 /* 3-bit field */
        TEST_CASE( 24, a4, 0x05, li a1, 0x1d; csrw frm, a1; csrr a4, frm)
        TEST_CASE( 25, a4, 0x05, csrrwi a4, frm, 1)
        TEST_CASE( 26, a4, 0x01, csrrsi a4, frm, 2)
        TEST_CASE( 27, a4, 0x03, csrrci a4, frm, 1)
        TEST_CASE( 28, a4, 0x02, csrr a4, frm)
        TEST_CASE( 29, a4, 0x00, csrr a4, fflags)                              /* frm writes leave fflags */

/* ---- fcsr = frm << 5 | fflags ------------------------------------------------------------- */
        TEST_CASE( 30, a4, 0x65, csrwi frm, 3; csrwi fflags, 5; csrr a4, fcsr)
        TEST_CASE( 31, a4, 0x65, li a1, 0xab; csrrw a4, fcsr, a1)
        TEST_CASE( 32, a4, 0x05, csrr a4, frm)                                 /* 0xab >> 5 */
        TEST_CASE( 33, a4, 0x0b, csrr a4, fflags)                              /* 0xab & 0x1f */
        TEST_CASE( 34, a4, 0xff, li a1, 0xffffffffffffffff; csrw fcsr, a1; csrr a4, fcsr)  /* bits 8+ read 0 */
        TEST_CASE( 35, a4, 0xff, csrrci a4, fcsr, 0x1f)
        TEST_CASE( 36, a4, 0xe0, csrr a4, fcsr)
        TEST_CASE( 37, a4, 0xe0, csrrsi a4, fcsr, 0x10)
        TEST_CASE( 38, a4, 0xf0, csrr a4, fcsr)
        TEST_CASE( 39, a4, 0xf0, li a1, 0xc0; csrrc a4, fcsr, a1)
        TEST_CASE( 40, a4, 0x01, csrr a4, frm)                                 /* 0x30 >> 5 */
        TEST_CASE( 41, a4, 0x30, li a1, 0x0f; csrrs a4, fcsr, a1)
        TEST_CASE( 42, a4, 0x1f, csrr a4, fflags)
        TEST_CASE( 43, a4, 0x3f, csrwi fflags, 0x1f; li a1, 0x400; csrrs a4, fcsr, a1)  /* bit 10: ignored */
        TEST_CASE( 44, a4, 0x3f, csrr a4, fcsr)
        /* writing fflags keeps frm, writing frm keeps fflags */
        TEST_CASE( 45, a4, 0x83, csrwi fcsr, 0; csrwi frm, 4; csrwi fflags, 3; csrr a4, fcsr)
        TEST_CASE( 46, a4, 0x88, csrwi fflags, 8; csrr a4, fcsr)
        TEST_CASE( 47, a4, 0x28, csrwi frm, 1; csrr a4, fcsr)
        /* the assembler's FP CSR pseudo-instructions */
        TEST_CASE( 48, a4, 0x28, li a1, 0x42; fscsr a4, a1)
        TEST_CASE( 49, a4, 0x42, frcsr a4)
        TEST_CASE( 50, a4, 0x02, li a1, 3; fsrm a4, a1)
        TEST_CASE( 51, a4, 0x03, frrm a4)
        TEST_CASE( 52, a4, 0x02, li a1, 0x10; fsflags a4, a1)
        TEST_CASE( 53, a4, 0x10, frflags a4)
        TEST_CASE( 54, a4, 0x03, fsrmi a4, 0)
        TEST_CASE( 55, a4, 0x10, fsflagsi a4, 0)
        TEST_CASE( 56, a4, 0x00, frcsr a4)

/* ---- FP instructions update fflags inside fcsr -------------------------------------------- */
        TEST_CASE( 57, a4, 0x48,
                   csrwi frm, 2; li a1, 0x3f800000; fmv.w.x f0, a1; fmv.w.x f1, x0;
                   fdiv.s f2, f0, f1; csrr a4, fcsr)                             /* frm=2, DZ */
        TEST_CASE( 58, a4, 0x49,
                   li a1, 0x40400000; fmv.w.x f1, a1; fdiv.s f2, f0, f1; csrr a4, fcsr)  /* + NX */
        /* the rounding mode written through fcsr is the one used by dynamic rounding */
        TEST_CASE( 59, a4, 0xffffffffbeaaaaab,
                   li a1, 0x40; csrw fcsr, a1; li a1, 0xbf800000; fmv.w.x f0, a1;
                   li a1, 0x40400000; fmv.w.x f1, a1; fdiv.s f2, f0, f1; fmv.x.w a4, f2)  /* -1/3, rdn */
        TEST_CASE( 60, a4, 0xffffffffbeaaaaaa,
                   li a1, 0x60; csrw fcsr, a1; fdiv.s f2, f0, f1; fmv.x.w a4, f2)          /* -1/3, rup */
        TEST_CASE( 61, a4, 0x61, csrr a4, fcsr)
        TEST_CASE( 62, a4, 0x00, csrw fcsr, x0; csrr a4, fcsr)

/* ---- counters: cycle, time, instret ---------------------------------------------------- */
        /* readable, and non-decreasing */
        TEST_CASE( 63, a4, 1, rdcycle a1; nop; nop; nop; nop; rdcycle a2; sltu a4, a2, a1; xori a4, a4, 1)
        TEST_CASE( 64, a4, 1, rdtime a1; nop; nop; nop; nop; rdtime a2; sltu a4, a2, a1; xori a4, a4, 1)
        TEST_CASE( 65, a4, 1, rdinstret a1; rdinstret a2; sltu a4, a1, a2)         /* strictly increasing */
        /* the CSR-instruction spellings of the same reads (read-only CSRs, no write) */
        TEST_CASE( 66, a4, 1, csrrs a1, cycle, x0; csrrc a2, cycle, x0; sltu a4, a2, a1; xori a4, a4, 1)
        TEST_CASE( 67, a4, 1, csrrsi a1, time, 0; csrrci a2, time, 0; sltu a4, a2, a1; xori a4, a4, 1)
        TEST_CASE( 68, a4, 1, csrrs a1, instret, x0; csrrsi a2, instret, 0; sltu a4, a1, a2)
        /* Instructions between two reads advance instret by at least their number.  Each
         * block includes a getpid syscall (a7 = 172): qemu-riscv64 (the reference of the
         * differential test) returns the host TSC for instret in user mode, and hot
         * translated code can retire more than one instruction per TSC tick; the syscall
         * costs hundreds of ticks there.  The lower bounds leave the ecalls uncounted. */
        TEST_CASE( 69, a4, 1,
                   rdinstret a1;
                   nop; nop; nop; nop; nop; nop; nop; nop;
                   nop; nop; nop; nop; nop; nop; nop; nop;
                   li a7, 172; ecall;
                   rdinstret a2; sub a3, a2, a1; sltiu a4, a3, 17; xori a4, a4, 1)
        /* 100 iterations of a 5-instruction loop (4 without the ecall): at least 400 */
        TEST_CASE( 70, a4, 1,
                   li a5, 100; li s1, 0; rdinstret a1;
                   9601: addi s1, s1, 1; li a7, 172; ecall; addi a5, a5, -1; bnez a5, 9601b;
                   rdinstret a2; sub a3, a2, a1; li a0, 400; sltu a4, a3, a0; xori a4, a4, 1)
        /* and cycle keeps moving across the loop too */
        TEST_CASE( 71, a4, 1,
                   li a5, 1000; rdcycle a1; 9602: addi a5, a5, -1; bnez a5, 9602b;
                   rdcycle a2; sltu a4, a1, a2)

        TEST_PASSFAIL
RVTEST_CODE_END
