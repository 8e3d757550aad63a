/*
 * illegal_insn: executes the all-zero 32-bit word, which the RISC-V ISA defines to be an
 * illegal instruction (in every encoding length). The guest must die of SIGILL (exit
 * status 132 under qemu-riscv64) after the flushed line is printed.
 */
#include <stdio.h>

#ifndef __riscv
#error "illegal_insn is a RISC-V guest program"
#endif

int main(void) {
  printf("executing an illegal instruction\n");
  fflush(stdout);
  __asm__ volatile(".4byte 0x00000000");
  printf("unreachable\n");
  return 0;
}
