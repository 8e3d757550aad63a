/*
 * exit_code: prints to stdout and stderr, then exits with status 42 through exit(), so
 * stdio buffers are flushed by the exit path rather than explicitly.
 */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  printf("exiting with status 42\n");
  fprintf(stderr, "a line on stderr\n");
  exit(42);
}
