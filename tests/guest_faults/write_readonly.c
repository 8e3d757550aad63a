/*
 * write_readonly: writes to a page after mprotect made it read-only. Reading the page
 * must still work; the write must kill the guest with SIGSEGV (exit status 139 under
 * qemu-riscv64), after the flushed lines are printed.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  char* p = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) {
    perror("mmap");
    return 1;
  }
  strcpy(p, "written while writable");
  if (mprotect(p, page, PROT_READ) != 0) {
    perror("mprotect");
    return 1;
  }
  printf("read back: %s\n", p);
  printf("writing to the read-only page\n");
  fflush(stdout);
  *(volatile char*)p = 'X';
  printf("unreachable\n");
  return 0;
}
