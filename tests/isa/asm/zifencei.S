/*
 * zifencei.S - Zifencei: instruction-fetch coherence after fence.i.
 * Exit status 0 = all checks passed, otherwise the number of the first failing check.
 *
 * Code is generated into an anonymous PROT_READ|PROT_WRITE|PROT_EXEC mapping (mmap,
 * syscall 222), made visible with fence.i, executed, overwritten with different code,
 * fenced again and re-executed: the new behaviour must be observed every time.
 * s0 holds the buffer address throughout.
 */
#include "test_macros.h"

/* instruction encodings used below */
#define INSN_ADDI_A0_ZERO(imm)  ((((imm) & 0xfff) << 20) | 0x00000513)   /* addi a0, x0, imm */
#define INSN_ADDI_A0_A0(imm)    ((((imm) & 0xfff) << 20) | 0x00050513)   /* addi a0, a0, imm */
#define INSN_RET                0x00008067                               /* jalr x0, 0(ra) */
#define INSN_NOP                0x00000013                               /* addi x0, x0, 0 */
#define INSN_FENCE_I            0x0000100f
#define INSN_LUI_A0_12345       0x12345537                               /* lui a0, 0x12345 */
#define INSN_ADDIW_A0_678       0x6785051b                               /* addiw a0, a0, 0x678 */
#define INSN_SW_A1_12_S0        0x00b42623                               /* sw a1, 12(s0) */
#define INSN_C_LI_A0_7          0x451d                                   /* c.li a0, 7 */
#define INSN_C_JR_RA            0x8082                                   /* c.jr ra */

/* store the 32-bit instruction `insn` at s0 + off (clobbers t0) */
#define PUT32(off, insn) li t0, insn; sw t0, off(s0);

RVTEST_CODE_BEGIN
        .option norvc

/* ---- map a RWX page ---------------------------------------------------------------- */
        TEST_BEGIN(1)
        li a0, 0                        /* addr */
        li a1, 4096                     /* length */
        li a2, 7                        /* PROT_READ | PROT_WRITE | PROT_EXEC */
        li a3, 0x22                     /* MAP_PRIVATE | MAP_ANONYMOUS */
        li a4, -1                       /* fd */
        li a5, 0                        /* offset */
        li a7, 222                      /* mmap */
        ecall
        li t0, -4096
        bgeu a0, t0, fail               /* -4095..-1: errno */
        mv s0, a0
        /* a fresh anonymous mapping reads as zero */
        ld a4, 0(s0)
        CHECK_EQ(a4, 0)

/* ---- write, fence.i, execute; overwrite, fence.i, execute again ----------------------- */
        TEST_CASE(2, a0, 1,
                  PUT32(0, INSN_ADDI_A0_ZERO(1)) PUT32(4, INSN_RET)
                  fence.i; li a0, 0; jalr ra, 0(s0))
        TEST_CASE(3, a0, 2,
                  PUT32(0, INSN_ADDI_A0_ZERO(2))
                  fence.i; li a0, 0; jalr ra, 0(s0))
        /* the same code once more without modification keeps its behaviour */
        TEST_CASE(4, a0, 2, li a0, 0; jalr ra, 0(s0))
        /* an instruction written byte by byte */
        TEST_CASE(5, a0, 3,
                  li t0, INSN_ADDI_A0_ZERO(3);
                  sb t0, 0(s0); srli t0, t0, 8; sb t0, 1(s0); srli t0, t0, 8;
                  sb t0, 2(s0); srli t0, t0, 8; sb t0, 3(s0);
                  fence.i; li a0, 0; jalr ra, 0(s0))
        /* a multi-instruction sequence replacing the old code */
        TEST_CASE(6, a0, 0x12345678,
                  PUT32(0, INSN_LUI_A0_12345) PUT32(4, INSN_ADDIW_A0_678) PUT32(8, INSN_RET)
                  fence.i; li a0, 0; jalr ra, 0(s0))
        /* rewriting one instruction in the middle of the sequence */
        TEST_CASE(7, a0, 0x12345000,
                  PUT32(4, INSN_NOP) fence.i; li a0, 0; jalr ra, 0(s0))
        /* code at a second place in the page; the first still runs as last written */
        TEST_CASE(8, a0, 0x7ff,
                  PUT32(0x700, INSN_ADDI_A0_ZERO(0x7ff)) PUT32(0x704, INSN_RET)
                  fence.i; li a0, 0; addi t1, s0, 0x6ff; jalr ra, 1(t1))
        TEST_CASE(9, a0, 0x12345000, li a0, 0; jalr ra, 0(s0))

/* ---- repeated rewrite of the same instruction in a loop ---------------------------------- */
        /* iteration k (1..10) writes `addi a0, a0, k`, fences and calls it: sum = 55 */
        TEST_CASE(10, a0, 55,
                  PUT32(4, INSN_RET) li a0, 0; li s1, 1;
                  9701: slli t0, s1, 20; li t1, INSN_ADDI_A0_A0(0); or t0, t0, t1; sw t0, 0(s0);
                  fence.i; jalr ra, 0(s0); addi s1, s1, 1; li t1, 11; bne s1, t1, 9701b)

/* ---- compressed instructions in generated code ------------------------------------------ */
        TEST_CASE(11, a0, 7,
                  li t0, INSN_C_LI_A0_7; sh t0, 0(s0); li t0, INSN_C_JR_RA; sh t0, 2(s0);
                  fence.i; li a0, 0; jalr ra, 0(s0))

/* ---- code that rewrites itself: store + fence.i inside the generated block ------------- */
        /*  +0: sw a1, 12(s0)   +4: fence.i   +8: nop   +12: addi a0, x0, ?   +16: ret       */
        TEST_CASE(12, a0, 1,
                  PUT32(0, INSN_SW_A1_12_S0) PUT32(4, INSN_FENCE_I) PUT32(8, INSN_NOP)
                  PUT32(12, INSN_ADDI_A0_ZERO(1)) PUT32(16, INSN_RET)
                  fence.i; li a1, INSN_ADDI_A0_ZERO(1); li a0, 0; jalr ra, 0(s0))
        TEST_CASE(13, a0, 9,
                  li a1, INSN_ADDI_A0_ZERO(9); li a0, 0; jalr ra, 0(s0))
        TEST_CASE(14, a0, 0xfffffffffffff800,
                  li a1, INSN_ADDI_A0_ZERO(-2048); li a0, 0; jalr ra, 0(s0))
        /* the last rewrite is also visible from outside */
        TEST_CASE(15, a4, INSN_ADDI_A0_ZERO(-2048), lwu a4, 12(s0))

/* ---- unmap ------------------------------------------------------------------------- */
        TEST_CASE(16, a0, 0, mv a0, s0; li a1, 4096; li a7, 215; ecall)   /* munmap */

        TEST_PASSFAIL
RVTEST_CODE_END
