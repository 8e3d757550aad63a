/*
 * memstream: memset/memcpy/memmove/memcmp streaming over buffers far larger than caches.
 *
 * Two 32 MiB buffers, 64 MiB together: more than a typical last-level cache. Each pass
 * fills the destination with memset, copies the source into it at shifting, mostly
 * unaligned offsets with memcpy, shifts half of it forward over itself with an
 * overlapping memmove, compares it with memcmp, and finally reads the whole destination
 * back as 64-bit words into a checksum. That is about 180 MiB of memory traffic per
 * pass, almost all of it inside the guest C library's string routines: long loops of
 * loads and stores with little arithmetic, bound by memory bandwidth.
 *
 * Size argument: number of passes over the buffers (default 150; small 1).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_PASSES 150
#define BUFFER_WORDS ((size_t)1 << 22) /* 32 MiB of uint64_t */
#define BUFFER_BYTES (BUFFER_WORDS * sizeof(uint64_t))

static uint64_t rng_state = 0x6a09e667f3bcc909ull;

static uint64_t splitmix64(void) {
  uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static long parse_size(int argc, char** argv, long fallback, long max) {
  if (argc < 2) return fallback;
  char* end;
  long size = strtol(argv[1], &end, 10);
  if (*end != '\0' || size < 1 || size > max) {
    fprintf(stderr, "usage: %s [size 1..%ld]\n", argv[0], max);
    exit(2);
  }
  return size;
}

int main(int argc, char** argv) {
  long passes = parse_size(argc, argv, DEFAULT_PASSES, 1000000L);
  uint64_t* src = malloc(BUFFER_BYTES);
  uint64_t* dst = malloc(BUFFER_BYTES);
  if (!src || !dst) return 1;
  for (size_t i = 0; i < BUFFER_WORDS; i++) src[i] = splitmix64();

  unsigned char* s = (unsigned char*)src;
  unsigned char* d = (unsigned char*)dst;
  uint64_t checksum = 0;
  long compares[3] = {0}; /* memcmp results: less, equal, greater */
  for (long pass = 0; pass < passes; pass++) {
    size_t src_offset = (size_t)pass % 17;
    size_t dst_offset = (size_t)(pass * 7) % 13;
    size_t shift = 1 + (size_t)pass % 9;

    memset(d, (int)(pass & 0xff), BUFFER_BYTES);
    memcpy(d + dst_offset, s + src_offset, BUFFER_BYTES - 32);
    memmove(d + shift, d, BUFFER_BYTES / 2);
    int cmp = memcmp(d, s, BUFFER_BYTES / 4);
    compares[1 + (cmp > 0) - (cmp < 0)]++;

    uint64_t sum = 0;
    for (size_t i = 0; i < BUFFER_WORDS; i++) sum += dst[i] ^ i;
    checksum = (checksum ^ sum) * 0x100000001b3ull;

    /* Change the source slightly so no two passes copy the same bytes. */
    s[(size_t)pass * 4099 % BUFFER_BYTES] ^= (unsigned char)(pass | 1);
  }
  free(src);
  free(dst);

  printf("passes: %ld of %zu MiB\n", passes, BUFFER_BYTES >> 20);
  printf("memcmp: %ld less, %ld equal, %ld greater\n", compares[0], compares[1], compares[2]);
  printf("checksum: 0x%016llx\n", (unsigned long long)checksum);
  return 0;
}
