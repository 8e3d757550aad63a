/*
 * abort_call: calls abort(), which raises SIGABRT. The guest must die of the signal (exit
 * status 134 under qemu-riscv64) after the flushed line is printed.
 */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  printf("calling abort\n");
  fflush(stdout);
  abort();
}
