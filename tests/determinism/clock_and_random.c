/* Prints everything a program can observe that differs between runs on a real system:
 * clocks, the rdcycle/rdtime/rdinstret counters, getrandom, AT_RANDOM-seeded values (stack
 * protector canary via a pointer-free proxy), the pid and uname. Under vmrun --deterministic
 * two runs must print the same bytes. */
#include <stdio.h>
#include <sys/random.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include <sys/auxv.h>

int main(void) {
  struct timespec rt, mono;
  clock_gettime(CLOCK_REALTIME, &rt);
  clock_gettime(CLOCK_MONOTONIC, &mono);
  unsigned long cycle, timer, instret;
  __asm__ volatile("rdcycle %0" : "=r"(cycle));
  __asm__ volatile("rdtime %0" : "=r"(timer));
  __asm__ volatile("rdinstret %0" : "=r"(instret));
  unsigned char random_bytes[8];
  if (getrandom(random_bytes, sizeof random_bytes, 0) != sizeof random_bytes) return 1;
  const unsigned char* at_random = (const unsigned char*)getauxval(AT_RANDOM);
  struct utsname u;
  uname(&u);
  printf("realtime %lld.%09ld monotonic %lld.%09ld\n", (long long)rt.tv_sec, rt.tv_nsec,
         (long long)mono.tv_sec, mono.tv_nsec);
  printf("cycle %lu time %lu instret %lu\n", cycle, timer, instret);
  printf("getrandom %02x%02x%02x%02x%02x%02x%02x%02x\n", random_bytes[0], random_bytes[1],
         random_bytes[2], random_bytes[3], random_bytes[4], random_bytes[5], random_bytes[6],
         random_bytes[7]);
  printf("at_random %02x%02x%02x%02x\n", at_random[0], at_random[1], at_random[2], at_random[3]);
  printf("pid %d uname %s %s %s\n", (int)getpid(), u.sysname, u.release, u.machine);
  return 0;
}
