/*
 * test_macros.h - assembler macros for vmbench's freestanding RISC-V ISA tests.
 *
 * Each tests/isa/asm/<ext>.S file is a static, libc-free RV64 program:
 *
 *     #include "test_macros.h"
 *     RVTEST_CODE_BEGIN
 *       TEST_RR_OP(1, add, 3, 1, 2)
 *       ...
 *     TEST_PASSFAIL
 *     RVTEST_CODE_END
 *
 * The program exits through the Linux exit syscall (a7 = 93) with status 0 when every
 * check passed, or with the number of the first failing check.  Check numbers must be
 * 1..255 (an exit status only has 8 bits); the assembler rejects anything else, and
 * also rejects a number that is used twice (the test_<n> label would be duplicated).
 *
 * gp is set to __global_pointer$ at _start (as crt1 would): the linker relaxes
 * lla/la of nearby data into gp-relative addressing, so tests must not clobber gp.
 *
 * Register conventions inside the macros:
 *   TESTNUM (s11 / x27) holds the number of the running check; never use it in tests.
 *   a0-a5 carry operands, a4 the result of integer checks, t2 (x7) the expected value,
 *   f0-f2 the FP operands and f3 the FP result, a1 the accrued fflags of FP checks.
 *   TEST_CASE code may use any register except s11 and t2 (t2 is clobbered by the
 *   comparison that follows the code).
 *
 * The file is meant for .S files preprocessed by gcc: every macro expands to one line of
 * statements separated by ';' (the RISC-V assembler's statement separator).  Do not put
 * '#' comments inside a macro argument.  Branches to `fail` are written as an inverted
 * short branch around a `j fail`, so they reach `fail` from anywhere in a large file.
 */
#ifndef VMBENCH_TEST_MACROS_H
#define VMBENCH_TEST_MACROS_H

#define TESTNUM s11

/* ------------------------------------------------------------------------------------
 * Program skeleton
 * ------------------------------------------------------------------------------------ */

#define RVTEST_CODE_BEGIN                                                              \
        .text;                                                                         \
        .globl _start;                                                                 \
        .type _start, @function;                                                       \
_start:                                                                                \
        .option push;                                                                  \
        .option norelax;                                                               \
        lla gp, __global_pointer$;                                                     \
        .option pop;                                                                   \
        li TESTNUM, 0;

/* Exit the process with status a0 (Linux exit syscall). */
#define EXIT_WITH_A0                                                                   \
        li a7, 93;                                                                     \
        ecall;

#define PASS                                                                           \
        li a0, 0;                                                                      \
        EXIT_WITH_A0

/* Exit with the number of the running check (255 if no check had started yet). */
#define FAIL                                                                           \
        mv a0, TESTNUM;                                                                \
        bnez a0, 1f;                                                                   \
        li a0, 255;                                                                    \
1:      EXIT_WITH_A0

/* Ends the list of checks: falls into `pass`; failing checks jump to `fail`. */
#define TEST_PASSFAIL                                                                  \
        j pass;                                                                        \
fail:   FAIL                                                                           \
pass:   PASS

#define RVTEST_CODE_END                                                                \
        .size _start, . - _start;

/* Start a data area (writable, 16-byte aligned); go back to code with RVTEST_DATA_END. */
#define RVTEST_DATA_BEGIN .pushsection .data; .balign 16;
#define RVTEST_DATA_END   .popsection;

/* ------------------------------------------------------------------------------------
 * Check plumbing
 * ------------------------------------------------------------------------------------ */

/* Start check `testnum`: validates the number and records it in TESTNUM. */
#define TEST_BEGIN(testnum)                                                            \
        .if ((testnum) < 1) | ((testnum) > 255);                                       \
        .error "check numbers must be in 1..255";                                      \
        .endif;                                                                        \
test_##testnum:                                                                        \
        li TESTNUM, testnum;

/* Jump to `fail` unless rega == regb (any distance). */
#define FAIL_IF_NE(rega, regb)                                                         \
        beq rega, regb, 9991f;                                                         \
        j fail;                                                                        \
9991:

/* Jump to `fail` unless rega != regb. */
#define FAIL_IF_EQ(rega, regb)                                                         \
        bne rega, regb, 9992f;                                                         \
        j fail;                                                                        \
9992:

/* Jump to `fail` unless reg holds the 64-bit value `expected` (clobbers t2). */
#define CHECK_EQ(reg, expected)                                                        \
        li t2, expected;                                                               \
        FAIL_IF_NE(reg, t2)

/* Jump to `fail` unless the low 32 bits of reg, sign-extended, equal `expected`
 * sign-extended from 32 bits: compares single-precision bit patterns as produced by
 * fmv.x.w (clobbers t2). */
#define CHECK_EQ32(reg, expected)                                                      \
        li t2, expected;                                                               \
        sext.w t2, t2;                                                                 \
        FAIL_IF_NE(reg, t2)

/* ------------------------------------------------------------------------------------
 * Generic check: run `code`, then require register `testreg` == `correctval`.
 * ------------------------------------------------------------------------------------ */

#define TEST_CASE(testnum, testreg, correctval, code...)                               \
        TEST_BEGIN(testnum)                                                            \
        code;                                                                          \
        CHECK_EQ(testreg, correctval)

/* ------------------------------------------------------------------------------------
 * Integer register-register / register-immediate / unary operations
 * ------------------------------------------------------------------------------------ */

/* a4 = inst(val1, val2) */
#define TEST_RR_OP(testnum, inst, result, val1, val2)                                  \
        TEST_CASE(testnum, a4, result,                                                 \
                  li a1, val1; li a2, val2; inst a4, a1, a2)

/* rd == rs1 */
#define TEST_RR_SRC1_EQ_DEST(testnum, inst, result, val1, val2)                        \
        TEST_CASE(testnum, a1, result,                                                 \
                  li a1, val1; li a2, val2; inst a1, a1, a2)

/* rd == rs2 */
#define TEST_RR_SRC2_EQ_DEST(testnum, inst, result, val1, val2)                        \
        TEST_CASE(testnum, a2, result,                                                 \
                  li a1, val1; li a2, val2; inst a2, a1, a2)

/* rd == rs1 == rs2 */
#define TEST_RR_SRC12_EQ_DEST(testnum, inst, result, val)                              \
        TEST_CASE(testnum, a1, result, li a1, val; inst a1, a1, a1)

/* rd == x0: the write is discarded, x0 still reads 0 */
#define TEST_RR_ZERODEST(testnum, inst, val1, val2)                                    \
        TEST_CASE(testnum, a4, 0,                                                      \
                  li a1, val1; li a2, val2; inst x0, a1, a2; mv a4, x0)

/* a4 = inst(val1, imm) */
#define TEST_IMM_OP(testnum, inst, result, val1, imm)                                  \
        TEST_CASE(testnum, a4, result, li a1, val1; inst a4, a1, imm)

/* rd == rs1 */
#define TEST_IMM_SRC1_EQ_DEST(testnum, inst, result, val1, imm)                        \
        TEST_CASE(testnum, a1, result, li a1, val1; inst a1, a1, imm)

/* a4 = inst(val1) */
#define TEST_R_OP(testnum, inst, result, val1)                                         \
        TEST_CASE(testnum, a4, result, li a1, val1; inst a4, a1)

/* ------------------------------------------------------------------------------------
 * Loads and stores.  `base` is a label of a data area; offset may be negative.
 * ------------------------------------------------------------------------------------ */

/* a4 = load(base + offset) */
#define TEST_LD_OP(testnum, inst, result, offset, base)                                \
        TEST_CASE(testnum, a4, result, lla a1, base; inst a4, offset(a1))

/* store `val` at base+offset with store_inst, reload it with load_inst */
#define TEST_ST_OP(testnum, load_inst, store_inst, result, offset, base)               \
        TEST_CASE(testnum, a4, result,                                                 \
                  lla a1, base; li a2, result;                                          \
                  store_inst a2, offset(a1); load_inst a4, offset(a1))

/* ------------------------------------------------------------------------------------
 * Conditional branches: the branch is executed once forwards and once backwards.
 * ------------------------------------------------------------------------------------ */

#define TEST_BR2_TAKEN(testnum, inst, val1, val2)                                      \
        TEST_BEGIN(testnum)                                                            \
        li a1, val1;                                                                   \
        li a2, val2;                                                                   \
        inst a1, a2, 9981f;                                                            \
        j fail;                                                                        \
9982:   j 9983f;                                                                       \
9981:   inst a1, a2, 9982b;                                                            \
        j fail;                                                                        \
9983:

#define TEST_BR2_NOTTAKEN(testnum, inst, val1, val2)                                   \
        TEST_BEGIN(testnum)                                                            \
        li a1, val1;                                                                   \
        li a2, val2;                                                                   \
        j 9985f;                                                                       \
9984:   j fail;                                                                        \
9985:   inst a1, a2, 9984b;                                                            \
        inst a1, a2, 9986f;                                                            \
        j 9987f;                                                                       \
9986:   j fail;                                                                        \
9987:

/* ------------------------------------------------------------------------------------
 * Atomics.  `area` is a 16-byte, 8-aligned writable data area.
 * ------------------------------------------------------------------------------------ */

/* 64-bit AMO on area[0]: init -> mem, a4 = inst(operand); checks rd and memory. */
#define TEST_AMO_D(testnum, inst, result_rd, result_mem, init, operand, area)         \
        TEST_BEGIN(testnum)                                                            \
        lla a0, area;                                                                  \
        li a1, init;                                                                   \
        sd a1, 0(a0);                                                                  \
        li a2, operand;                                                                \
        inst a4, a2, (a0);                                                             \
        CHECK_EQ(a4, result_rd)                                                        \
        ld a5, 0(a0);                                                                  \
        CHECK_EQ(a5, result_mem)

/* 32-bit AMO on the word at area+4, with sentinel words at area+0 and area+8 that must
 * survive.  result_rd is the full 64-bit rd (the old word sign-extended); result_mem
 * the 32-bit word left in memory. */
#define AMO_SENTINEL 0x5a5a5a5a
#define TEST_AMO_W(testnum, inst, result_rd, result_mem, init, operand, area)         \
        TEST_BEGIN(testnum)                                                            \
        lla a0, area;                                                                  \
        li a1, AMO_SENTINEL;                                                           \
        sw a1, 0(a0);                                                                  \
        sw a1, 8(a0);                                                                  \
        li a1, init;                                                                   \
        sw a1, 4(a0);                                                                  \
        addi a3, a0, 4;                                                                \
        li a2, operand;                                                                \
        inst a4, a2, (a3);                                                             \
        CHECK_EQ(a4, result_rd)                                                        \
        ld a5, 0(a0);                                                                  \
        CHECK_EQ(a5, (((result_mem) & 0xffffffff) << 32) | AMO_SENTINEL)               \
        lwu a5, 8(a0);                                                                 \
        CHECK_EQ(a5, AMO_SENTINEL)

/* ------------------------------------------------------------------------------------
 * Floating point.  Every value is an IEEE-754 bit pattern (hex); operands are moved in
 * with fmv.w.x / fmv.d.x (exact transfers that raise no flags).  fflags is cleared
 * right before the instruction under test and read-and-cleared (csrrw) right after;
 * both the result bits and the exact fflags are checked.
 *
 * fflags: NV = 0x10, DZ = 0x08, OF = 0x04, UF = 0x02, NX = 0x01.
 * ------------------------------------------------------------------------------------ */

#define FFLAG_NX 0x01
#define FFLAG_UF 0x02
#define FFLAG_OF 0x04
#define FFLAG_DZ 0x08
#define FFLAG_NV 0x10

/* Clear fflags, run code, a1 = accrued fflags (and clear them again). */
#define FP_RUN(code...)                                                                \
        csrrw x0, fflags, x0;                                                          \
        code;                                                                          \
        csrrw a1, fflags, x0;

#define FP_LOAD_S(freg, bits) li a0, bits; fmv.w.x freg, a0;
#define FP_LOAD_D(freg, bits) li a0, bits; fmv.d.x freg, a0;

/* Single-precision result in f3; `code` reads f0, f1, f2. */
#define TEST_FP_S_INTERNAL(testnum, flags, result, val1, val2, val3, code...)          \
        TEST_BEGIN(testnum)                                                            \
        FP_LOAD_S(f0, val1) FP_LOAD_S(f1, val2) FP_LOAD_S(f2, val3)                    \
        FP_RUN(code)                                                                   \
        fmv.x.w a4, f3;                                                                \
        CHECK_EQ32(a4, result)                                                         \
        CHECK_EQ(a1, flags)

/* Double-precision result in f3; `code` reads f0, f1, f2. */
#define TEST_FP_D_INTERNAL(testnum, flags, result, val1, val2, val3, code...)          \
        TEST_BEGIN(testnum)                                                            \
        FP_LOAD_D(f0, val1) FP_LOAD_D(f1, val2) FP_LOAD_D(f2, val3)                    \
        FP_RUN(code)                                                                   \
        fmv.x.d a4, f3;                                                                \
        CHECK_EQ(a4, result)                                                           \
        CHECK_EQ(a1, flags)

/* Integer result in a4; `code` reads f0, f1 loaded with single / double bit patterns. */
#define TEST_FP_INT_S_INTERNAL(testnum, flags, result, val1, val2, code...)            \
        TEST_BEGIN(testnum)                                                            \
        FP_LOAD_S(f0, val1) FP_LOAD_S(f1, val2)                                        \
        FP_RUN(code)                                                                   \
        CHECK_EQ(a4, result)                                                           \
        CHECK_EQ(a1, flags)

#define TEST_FP_INT_D_INTERNAL(testnum, flags, result, val1, val2, code...)            \
        TEST_BEGIN(testnum)                                                            \
        FP_LOAD_D(f0, val1) FP_LOAD_D(f1, val2)                                        \
        FP_RUN(code)                                                                   \
        CHECK_EQ(a4, result)                                                           \
        CHECK_EQ(a1, flags)

/* One, two and three operand arithmetic; the _RM forms take a static rounding mode
 * (rne, rtz, rdn, rup, rmm, dyn), the others use the assembler's default (dyn). */
#define TEST_FP_OP1_S(testnum, inst, flags, result, val1)                              \
        TEST_FP_S_INTERNAL(testnum, flags, result, val1, 0, 0, inst f3, f0)
#define TEST_FP_OP1_S_RM(testnum, inst, rm, flags, result, val1)                       \
        TEST_FP_S_INTERNAL(testnum, flags, result, val1, 0, 0, inst f3, f0, rm)
#define TEST_FP_OP2_S(testnum, inst, flags, result, val1, val2)                        \
        TEST_FP_S_INTERNAL(testnum, flags, result, val1, val2, 0, inst f3, f0, f1)
#define TEST_FP_OP2_S_RM(testnum, inst, rm, flags, result, val1, val2)                 \
        TEST_FP_S_INTERNAL(testnum, flags, result, val1, val2, 0, inst f3, f0, f1, rm)
#define TEST_FP_OP3_S(testnum, inst, flags, result, val1, val2, val3)                  \
        TEST_FP_S_INTERNAL(testnum, flags, result, val1, val2, val3,                   \
                           inst f3, f0, f1, f2)
#define TEST_FP_OP3_S_RM(testnum, inst, rm, flags, result, val1, val2, val3)           \
        TEST_FP_S_INTERNAL(testnum, flags, result, val1, val2, val3,                   \
                           inst f3, f0, f1, f2, rm)

#define TEST_FP_OP1_D(testnum, inst, flags, result, val1)                              \
        TEST_FP_D_INTERNAL(testnum, flags, result, val1, 0, 0, inst f3, f0)
#define TEST_FP_OP1_D_RM(testnum, inst, rm, flags, result, val1)                       \
        TEST_FP_D_INTERNAL(testnum, flags, result, val1, 0, 0, inst f3, f0, rm)
#define TEST_FP_OP2_D(testnum, inst, flags, result, val1, val2)                        \
        TEST_FP_D_INTERNAL(testnum, flags, result, val1, val2, 0, inst f3, f0, f1)
#define TEST_FP_OP2_D_RM(testnum, inst, rm, flags, result, val1, val2)                 \
        TEST_FP_D_INTERNAL(testnum, flags, result, val1, val2, 0, inst f3, f0, f1, rm)
#define TEST_FP_OP3_D(testnum, inst, flags, result, val1, val2, val3)                  \
        TEST_FP_D_INTERNAL(testnum, flags, result, val1, val2, val3,                   \
                           inst f3, f0, f1, f2)
#define TEST_FP_OP3_D_RM(testnum, inst, rm, flags, result, val1, val2, val3)           \
        TEST_FP_D_INTERNAL(testnum, flags, result, val1, val2, val3,                   \
                           inst f3, f0, f1, f2, rm)

/* Comparisons (feq/flt/fle): a4 = inst(val1, val2). */
#define TEST_FP_CMP_S(testnum, inst, flags, result, val1, val2)                        \
        TEST_FP_INT_S_INTERNAL(testnum, flags, result, val1, val2, inst a4, f0, f1)
#define TEST_FP_CMP_D(testnum, inst, flags, result, val1, val2)                        \
        TEST_FP_INT_D_INTERNAL(testnum, flags, result, val1, val2, inst a4, f0, f1)

/* fclass: a4 = fclass(val1); must raise no flags. */
#define TEST_FCLASS_S(testnum, result, val1)                                           \
        TEST_FP_INT_S_INTERNAL(testnum, 0, result, val1, 0, fclass.s a4, f0)
#define TEST_FCLASS_D(testnum, result, val1)                                           \
        TEST_FP_INT_D_INTERNAL(testnum, 0, result, val1, 0, fclass.d a4, f0)

/* FP -> integer conversions: a4 = inst(val1) with rounding mode rm. */
#define TEST_FCVT_INT_S(testnum, inst, rm, flags, result, val1)                        \
        TEST_FP_INT_S_INTERNAL(testnum, flags, result, val1, 0, inst a4, f0, rm)
#define TEST_FCVT_INT_D(testnum, inst, rm, flags, result, val1)                        \
        TEST_FP_INT_D_INTERNAL(testnum, flags, result, val1, 0, inst a4, f0, rm)

/* integer -> FP conversions: f3 = inst(ival) with rounding mode rm. */
#define TEST_FCVT_FROM_INT_S(testnum, inst, rm, flags, result, ival)                   \
        TEST_BEGIN(testnum)                                                            \
        li a2, ival;                                                                   \
        FP_RUN(inst f3, a2, rm)                                                        \
        fmv.x.w a4, f3;                                                                \
        CHECK_EQ32(a4, result)                                                         \
        CHECK_EQ(a1, flags)
#define TEST_FCVT_FROM_INT_D(testnum, inst, rm, flags, result, ival)                   \
        TEST_BEGIN(testnum)                                                            \
        li a2, ival;                                                                   \
        FP_RUN(inst f3, a2, rm)                                                        \
        fmv.x.d a4, f3;                                                                \
        CHECK_EQ(a4, result)                                                           \
        CHECK_EQ(a1, flags)

/* fcvt.d.w / fcvt.d.wu are always exact and take no rounding-mode operand. */
#define TEST_FCVT_FROM_INT_D_EXACT(testnum, inst, flags, result, ival)                 \
        TEST_BEGIN(testnum)                                                            \
        li a2, ival;                                                                   \
        FP_RUN(inst f3, a2)                                                            \
        fmv.x.d a4, f3;                                                                \
        CHECK_EQ(a4, result)                                                           \
        CHECK_EQ(a1, flags)

/* Precision conversions: fcvt.s.d (double in, single out) and fcvt.d.s. */
#define TEST_FCVT_S_D(testnum, rm, flags, result, dval)                                \
        TEST_BEGIN(testnum)                                                            \
        FP_LOAD_D(f0, dval)                                                            \
        FP_RUN(fcvt.s.d f3, f0, rm)                                                    \
        fmv.x.w a4, f3;                                                                \
        CHECK_EQ32(a4, result)                                                         \
        CHECK_EQ(a1, flags)
#define TEST_FCVT_D_S(testnum, flags, result, sval)                                    \
        TEST_BEGIN(testnum)                                                            \
        FP_LOAD_S(f0, sval)                                                            \
        FP_RUN(fcvt.d.s f3, f0)                                                        \
        fmv.x.d a4, f3;                                                                \
        CHECK_EQ(a4, result)                                                           \
        CHECK_EQ(a1, flags)

/* Frequently used bit patterns. */
#define S_QNAN     0x7fc00000   /* canonical single NaN */
#define S_SNAN     0x7f800001
#define S_PINF     0x7f800000
#define S_NINF     0xff800000
#define S_PZERO    0x00000000
#define S_NZERO    0x80000000
#define S_ONE      0x3f800000
#define S_MONE     0xbf800000
#define D_QNAN     0x7ff8000000000000   /* canonical double NaN */
#define D_SNAN     0x7ff0000000000001
#define D_PINF     0x7ff0000000000000
#define D_NINF     0xfff0000000000000
#define D_PZERO    0x0000000000000000
#define D_NZERO    0x8000000000000000
#define D_ONE      0x3ff0000000000000
#define D_MONE     0xbff0000000000000

#endif /* VMBENCH_TEST_MACROS_H */
