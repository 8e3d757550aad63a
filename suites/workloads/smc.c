/*
 * smc: self-modifying code. Generates RISC-V machine code, runs it, patches it, runs it again.
 *
 * A seven-instruction kernel is written into anonymous read/write/execute memory:
 *     0: addi a0, a0, ADD_IMM
 *     1: xori a0, a0, XOR_IMM
 *     2: slli t0, a0, SHIFT
 *     3: add|xor|sub a0, a0, t0
 *     4: addi a1, a1, -1
 *     5: bnez a1, 0b
 *     6: ret
 * i.e. uint64_t kernel(uint64_t x, uint64_t count), a bijective mixing loop. Two copies
 * exist: one at the start of a page and one straddling a page boundary (instructions 0-1
 * on the first page, 2-6 on the second). Every round rewrites exactly one of instructions
 * 0-3 with a different immediate, shift amount or ALU operation, executes fence.i, and
 * calls both copies. The results are compared with a C model of the kernel: any stale
 * translation or decoded-instruction cache shows up as a mismatch, so this proves that a
 * VM observes modified code after fence.i, on either page. Each round's result seeds the
 * next.
 *
 * Only the guest build generates code (#ifdef __riscv). The native build runs the C model
 * in place of the generated code, so it prints identical output and does comparable work
 * for the speed comparison.
 *
 * Size argument: number of patch-and-run rounds (default 400000; small 200).
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#ifdef __riscv
#include <sys/mman.h>
#include <unistd.h>
#endif

#define DEFAULT_ROUNDS 400000
#define KERNEL_LOOPS 1024
#define KERNEL_WORDS 7
#define COPIES 2

enum alu_op { ALU_ADD, ALU_XOR, ALU_SUB };

struct variant {
  int32_t add_imm; /* 12-bit signed */
  int32_t xor_imm; /* 12-bit signed */
  unsigned shift;  /* 1..63 */
  enum alu_op op;
};

static uint64_t rng_state = 0x13198a2e03707344ull;

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

/* The C model of the generated kernel; count must be at least 1. */
static uint64_t kernel_model(const struct variant* v, uint64_t x, uint64_t count) {
  do {
    x += (uint64_t)(int64_t)v->add_imm;
    x ^= (uint64_t)(int64_t)v->xor_imm;
    uint64_t t = x << v->shift;
    x = v->op == ALU_ADD ? x + t : v->op == ALU_XOR ? x ^ t : x - t;
  } while (--count);
  return x;
}

/* Changes field `field` (= instruction index 0..3) of v to a different value. */
static void mutate(struct variant* v, int field, uint64_t r) {
  switch (field) {
    case 0:
      v->add_imm = (int32_t)((uint64_t)(v->add_imm + 2048) + 1 + r % 4095) % 4096 - 2048;
      break;
    case 1:
      v->xor_imm = (int32_t)((uint64_t)(v->xor_imm + 2048) + 1 + r % 4095) % 4096 - 2048;
      break;
    case 2:
      v->shift = 1 + (unsigned)((v->shift + r % 62) % 63);
      break;
    default:
      v->op = (enum alu_op)((v->op + 1 + r % 2) % 3);
      break;
  }
}

#ifdef __riscv

enum { REG_ZERO = 0, REG_RA = 1, REG_T0 = 5, REG_A0 = 10, REG_A1 = 11 };
enum { OPCODE_OP_IMM = 0x13, OPCODE_OP = 0x33, OPCODE_BRANCH = 0x63, OPCODE_JALR = 0x67 };

typedef uint64_t (*kernel_fn)(uint64_t x, uint64_t count);

static uint32_t* kernel_copies[COPIES];

static uint32_t i_type(unsigned opcode, unsigned funct3, unsigned rd, unsigned rs1, int32_t imm) {
  return (uint32_t)(imm & 0xfff) << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
}

static uint32_t r_type(unsigned funct7, unsigned funct3, unsigned rd, unsigned rs1, unsigned rs2) {
  return funct7 << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | OPCODE_OP;
}

static uint32_t b_type(unsigned funct3, unsigned rs1, unsigned rs2, int32_t offset) {
  uint32_t o = (uint32_t)offset;
  return ((o >> 12) & 1) << 31 | ((o >> 5) & 0x3f) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 |
         ((o >> 1) & 0xf) << 8 | ((o >> 11) & 1) << 7 | OPCODE_BRANCH;
}

/* Instruction `index` of the kernel for variant v. */
static uint32_t kernel_word(const struct variant* v, int index) {
  switch (index) {
    case 0: /* addi a0, a0, add_imm */
      return i_type(OPCODE_OP_IMM, 0, REG_A0, REG_A0, v->add_imm);
    case 1: /* xori a0, a0, xor_imm */
      return i_type(OPCODE_OP_IMM, 4, REG_A0, REG_A0, v->xor_imm);
    case 2: /* slli t0, a0, shift */
      return i_type(OPCODE_OP_IMM, 1, REG_T0, REG_A0, (int32_t)v->shift);
    case 3: /* add / xor / sub a0, a0, t0 */
      return v->op == ALU_ADD   ? r_type(0x00, 0, REG_A0, REG_A0, REG_T0)
             : v->op == ALU_XOR ? r_type(0x00, 4, REG_A0, REG_A0, REG_T0)
                                : r_type(0x20, 0, REG_A0, REG_A0, REG_T0);
    case 4: /* addi a1, a1, -1 */
      return i_type(OPCODE_OP_IMM, 0, REG_A1, REG_A1, -1);
    case 5: /* bne a1, zero, instruction 0 */
      return b_type(1, REG_A1, REG_ZERO, -20);
    default: /* jalr zero, 0(ra), i.e. ret */
      return i_type(OPCODE_JALR, 0, REG_ZERO, REG_RA, 0);
  }
}

static void sync_instruction_cache(void) {
  __asm__ volatile("fence.i" ::: "memory");
}

static void code_init(const struct variant* v) {
  long page = sysconf(_SC_PAGESIZE);
  unsigned char* region = mmap(NULL, 2 * (size_t)page, PROT_READ | PROT_WRITE | PROT_EXEC,
                               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (region == MAP_FAILED) {
    perror("mmap");
    exit(1);
  }
  kernel_copies[0] = (uint32_t*)region;
  kernel_copies[1] = (uint32_t*)(region + page - 8); /* straddles the page boundary */
  for (int c = 0; c < COPIES; c++)
    for (int i = 0; i < KERNEL_WORDS; i++) kernel_copies[c][i] = kernel_word(v, i);
  sync_instruction_cache();
}

static void code_patch(const struct variant* v, int index) {
  for (int c = 0; c < COPIES; c++) kernel_copies[c][index] = kernel_word(v, index);
  sync_instruction_cache();
}

static uint64_t code_run(const struct variant* v, int copy, uint64_t x, uint64_t count) {
  (void)v;
  return ((kernel_fn)(void*)kernel_copies[copy])(x, count);
}

#else /* native build: the C model stands in for the generated code */

static void code_init(const struct variant* v) {
  (void)v;
}

static void code_patch(const struct variant* v, int index) {
  (void)v;
  (void)index;
}

static uint64_t code_run(const struct variant* v, int copy, uint64_t x, uint64_t count) {
  (void)copy;
  return kernel_model(v, x, count);
}

#endif

int main(int argc, char** argv) {
  long rounds = parse_size(argc, argv, DEFAULT_ROUNDS, 100000000L);
  struct variant v = {.add_imm = 1, .xor_imm = 0x2a5, .shift = 13, .op = ALU_ADD};
  code_init(&v);

  uint64_t x = 0x0123456789abcdefull;
  uint64_t checksum = 0xcbf29ce484222325ull;
  long mismatches = 0;
  for (long round = 0; round < rounds; round++) {
    int field = (int)(round % 4);
    mutate(&v, field, splitmix64());
    code_patch(&v, field);

    uint64_t expected = kernel_model(&v, x, KERNEL_LOOPS);
    for (int copy = 0; copy < COPIES; copy++) {
      uint64_t result = code_run(&v, copy, x, KERNEL_LOOPS);
      mismatches += result != expected;
      checksum = (checksum ^ result) * 0x100000001b3ull;
    }
    x = expected;
  }

  printf("rounds: %ld, patched instructions: %ld\n", rounds, rounds * COPIES);
  printf("mismatches: %ld\n", mismatches);
  printf("checksum: 0x%016" PRIx64 "\n", checksum);
  return mismatches != 0;
}
