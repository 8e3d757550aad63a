/*
 * sha256: SHA-256 (FIPS 180-4) over a generated message.
 *
 * The message is a 1 MiB pseudo-random buffer repeated `size` times and fed through the
 * incremental interface in odd-sized chunks, so both the buffered path and the direct
 * block path of sha256_update run. The compression function is a long chain of 32-bit
 * rotates, shifts, xors and adds with big-endian loads: ideal for checking how well a
 * translator maps 32-bit arithmetic on a 64-bit ISA (addw/sllw/srlw, and rorw/roriw/rev8
 * with Zbb). The well-known digest of "abc" is printed first as a self-check.
 *
 * Size argument: message length in MiB (default 256; small 1).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MIB 256
#define BUFFER_BYTES (1u << 20)

static uint64_t rng_state = 0x5a5a5a5a12345678ull;

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

struct sha256 {
  uint32_t state[8];
  uint64_t length; /* bytes hashed so far */
  uint8_t block[64];
  size_t used; /* bytes waiting in block */
};

static const uint32_t round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static uint32_t rotr(uint32_t x, unsigned n) {
  return (x >> n) | (x << (32 - n));
}

static uint32_t load_be32(const uint8_t* p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void sha256_init(struct sha256* ctx) {
  static const uint32_t initial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                      0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  memcpy(ctx->state, initial, sizeof initial);
  ctx->length = 0;
  ctx->used = 0;
}

static void sha256_compress(uint32_t state[8], const uint8_t block[64]) {
  uint32_t w[64];
  for (int i = 0; i < 16; i++) w[i] = load_be32(block + 4 * i);
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }

  uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
  uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
  for (int i = 0; i < 64; i++) {
    uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) +
                  round_constants[i] + w[i];
    uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
  state[5] += f;
  state[6] += g;
  state[7] += h;
}

static void sha256_update(struct sha256* ctx, const uint8_t* data, size_t len) {
  ctx->length += len;
  if (ctx->used > 0) {
    size_t take = 64 - ctx->used < len ? 64 - ctx->used : len;
    memcpy(ctx->block + ctx->used, data, take);
    ctx->used += take;
    data += take;
    len -= take;
    if (ctx->used < 64) return;
    sha256_compress(ctx->state, ctx->block);
    ctx->used = 0;
  }
  for (; len >= 64; data += 64, len -= 64) sha256_compress(ctx->state, data);
  memcpy(ctx->block, data, len);
  ctx->used = len;
}

static void sha256_final(struct sha256* ctx, uint8_t digest[32]) {
  uint64_t bits = ctx->length * 8;
  static const uint8_t padding[64] = {0x80};
  sha256_update(ctx, padding, 1 + (119 - ctx->used) % 64);
  uint8_t length_be[8];
  for (int i = 0; i < 8; i++) length_be[i] = (uint8_t)(bits >> (56 - 8 * i));
  sha256_update(ctx, length_be, 8);
  for (int i = 0; i < 8; i++)
    for (int j = 0; j < 4; j++) digest[4 * i + j] = (uint8_t)(ctx->state[i] >> (24 - 8 * j));
}

static void print_digest(const char* label, const uint8_t digest[32]) {
  printf("%s: ", label);
  for (int i = 0; i < 32; i++) printf("%02x", digest[i]);
  putchar('\n');
}

int main(int argc, char** argv) {
  long mib = parse_size(argc, argv, DEFAULT_MIB, 1L << 20);
  uint8_t digest[32];
  struct sha256 ctx;

  sha256_init(&ctx);
  sha256_update(&ctx, (const uint8_t*)"abc", 3);
  sha256_final(&ctx, digest);
  print_digest("sha256(\"abc\")", digest);

  uint8_t* buffer = malloc(BUFFER_BYTES);
  if (!buffer) return 1;
  for (size_t i = 0; i < BUFFER_BYTES; i += 8) {
    uint64_t r = splitmix64();
    memcpy(buffer + i, &r, 8);
  }

  /* Chunk sizes cycle through 4000..4095 bytes so the block buffer sees every fill level. */
  sha256_init(&ctx);
  for (long pass = 0; pass < mib; pass++) {
    size_t offset = 0;
    for (unsigned chunk = 0; offset < BUFFER_BYTES; chunk++) {
      size_t len = 4000 + chunk % 96;
      if (len > BUFFER_BYTES - offset) len = BUFFER_BYTES - offset;
      sha256_update(&ctx, buffer + offset, len);
      offset += len;
    }
  }
  sha256_final(&ctx, digest);
  free(buffer);

  printf("message: %ld MiB\n", mib);
  print_digest("sha256", digest);
  return 0;
}
