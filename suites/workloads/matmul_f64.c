/*
 * matmul_f64: double-precision dense matrix multiply C = A x B, n x n.
 *
 * A and B are filled with pseudo-random values in [-1, 1). The product uses the i-k-j
 * loop order, so the inner loop streams rows of B and C with a scalar from A: a long run
 * of fmul.d/fadd.d plus fld/fsd with unit stride, the shape of most numeric inner loops.
 * The output is the trace, the sum of all elements and a hash of the raw bits of C, so
 * any deviation from IEEE-754 round-to-nearest arithmetic shows up.
 *
 * a*b+c must not be contracted into a fused multiply-add (GCC does so by default on
 * RISC-V, not on x86-64 without -mfma), or guest and native results would differ; the
 * pragma below keeps this file independent of -ffp-contract flags.
 *
 * Size argument: n, the matrix dimension (default 1000; small 24).
 */
#pragma GCC optimize("fp-contract=off")

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_N 1000

static uint64_t rng_state = 0x243f6a8885a308d3ull;

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

/* Uniform in [-1, 1) with 53 random bits: exact in double on every IEEE-754 machine. */
static double random_unit(void) {
  return (double)(splitmix64() >> 11) * 0x1p-52 - 1.0;
}

static void matmul(size_t n, const double* a, const double* b, double* c) {
  memset(c, 0, n * n * sizeof *c);
  for (size_t i = 0; i < n; i++)
    for (size_t k = 0; k < n; k++) {
      double aik = a[i * n + k];
      const double* brow = b + k * n;
      double* crow = c + i * n;
      for (size_t j = 0; j < n; j++) crow[j] += aik * brow[j];
    }
}

int main(int argc, char** argv) {
  size_t n = (size_t)parse_size(argc, argv, DEFAULT_N, 8192);
  double* a = malloc(n * n * sizeof *a);
  double* b = malloc(n * n * sizeof *b);
  double* c = malloc(n * n * sizeof *c);
  if (!a || !b || !c) return 1;
  for (size_t i = 0; i < n * n; i++) a[i] = random_unit();
  for (size_t i = 0; i < n * n; i++) b[i] = random_unit();

  matmul(n, a, b, c);

  double trace = 0.0, sum = 0.0;
  uint64_t hash = 0xcbf29ce484222325ull; /* FNV-1a over the bit patterns */
  for (size_t i = 0; i < n; i++) trace += c[i * n + i];
  for (size_t i = 0; i < n * n; i++) {
    uint64_t bits;
    memcpy(&bits, &c[i], sizeof bits);
    sum += c[i];
    hash = (hash ^ bits) * 0x100000001b3ull;
  }
  free(a);
  free(b);
  free(c);

  printf("n: %zu\n", n);
  printf("trace: %.9f\nsum: %.9f\n", trace, sum);
  printf("checksum: 0x%016llx\n", (unsigned long long)hash);
  return 0;
}
