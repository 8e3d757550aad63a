/*
 * null_deref: loads from address 0 after printing a line. The guest must die of SIGSEGV
 * (exit status 139 from a shell, as qemu-riscv64 reports it) and the line printed and
 * flushed before the fault must still appear on stdout.
 */
#include <stdio.h>

int main(void) {
  /* Read through a volatile pointer variable, so the compiler cannot prove the address is
   * null and replace the load with a trap instruction. */
  int* volatile pointer = NULL;
  printf("loading from address 0\n");
  fflush(stdout);
  int value = *(volatile int*)pointer;
  printf("unreachable: %d\n", value);
  return 0;
}
