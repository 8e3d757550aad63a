// Built without -static: a dynamically linked RISC-V executable (PT_INTERP), which vmrun
// must reject at load time.
#include <stdio.h>

int main(void) {
  puts("hello from a dynamic executable");
  return 0;
}
