/*
 * bytecode_vm: a small stack-based bytecode interpreter running three guest programs.
 *
 * The interpreter is a loop around one switch (compiled to a jump table), so every
 * bytecode instruction costs an indirect branch whose target depends on the previous
 * instruction, the classic worst case for branch target prediction. The bytecode has
 * calls with frames and locals, conditional jumps and a word-addressed data memory.
 * Three functions are assembled at start-up and checked against known values:
 *   fib(n)      naive doubly recursive Fibonacci (deep CALL/RET traffic),
 *   primes(n)   sieve of Eratosthenes counting the primes below n (memory loads/stores),
 *   collatz(n)  total Collatz steps of 1..n-1 (division, modulo, data-dependent jumps).
 * A bytecode main loop then calls all three with varying arguments `size` times.
 *
 * Size argument: number of rounds of the main loop (default 400; small 3).
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define DEFAULT_ROUNDS 400
#define CODE_MAX 512
#define LABEL_MAX 32
#define STACK_MAX 1024
#define FRAME_MAX 256
#define MEMORY_WORDS 16384

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

/* Binary operators pop b, then a, and push a OP b; arithmetic is on uint64_t, modulo 2^64. */
enum opcode {
  OP_HALT,  /* stop; the result is the top of the stack */
  OP_PUSH,  /* imm: push imm */
  OP_LOAD,  /* n: push local n */
  OP_STORE, /* n: pop into local n */
  OP_ENTER, /* n: reserve n more locals, set to zero */
  OP_ADD,
  OP_SUB,
  OP_MUL,
  OP_DIV,
  OP_MOD,
  OP_LT,    /* 1 if a < b, else 0 */
  OP_EQ,    /* 1 if a == b, else 0 */
  OP_JMP,   /* target */
  OP_JZ,    /* target: pop, jump if zero */
  OP_JNZ,   /* target: pop, jump if not zero */
  OP_CALL,  /* target, nargs: the top nargs values become the callee's first locals */
  OP_RET,   /* pop the result, drop the frame, push the result */
  OP_MLOAD, /* pop address, push memory[address] */
  OP_MSTORE /* pop address, pop value, memory[address] = value */
};

/* ---- assembler ---------------------------------------------------------------------- */

struct program {
  int32_t code[CODE_MAX];
  int size;
  int labels[LABEL_MAX]; /* code offset of each label, -1 until placed */
  struct {
    int at, label;
  } fixups[CODE_MAX];
  int fixup_count;
};

static void emit(struct program* p, int32_t word) {
  if (p->size == CODE_MAX) {
    fputs("bytecode program too large\n", stderr);
    exit(1);
  }
  p->code[p->size++] = word;
}

static void op(struct program* p, enum opcode code) {
  emit(p, code);
}

static void op_n(struct program* p, enum opcode code, int32_t operand) {
  emit(p, code);
  emit(p, operand);
}

/* A jump or call to `label`, which may be placed later. */
static void op_to(struct program* p, enum opcode code, int label) {
  emit(p, code);
  p->fixups[p->fixup_count].at = p->size;
  p->fixups[p->fixup_count].label = label;
  p->fixup_count++;
  emit(p, 0);
}

static void call(struct program* p, int label, int32_t nargs) {
  op_to(p, OP_CALL, label);
  emit(p, nargs);
}

static void place(struct program* p, int label) {
  p->labels[label] = p->size;
}

static void resolve_labels(struct program* p) {
  for (int i = 0; i < p->fixup_count; i++) {
    int target = p->labels[p->fixups[i].label];
    if (target < 0) {
      fputs("bytecode jump to a label that was never placed\n", stderr);
      exit(1);
    }
    p->code[p->fixups[i].at] = target;
  }
}

/* ---- interpreter -------------------------------------------------------------------- */

struct vm {
  uint64_t stack[STACK_MAX];
  struct {
    int return_pc;
    uint64_t* caller_locals;
  } frames[FRAME_MAX];
  uint64_t memory[MEMORY_WORDS];
  uint64_t executed; /* instructions interpreted */
};

_Noreturn static void vm_fault(const char* what) {
  fprintf(stderr, "bytecode fault: %s\n", what);
  exit(1);
}

/* Calls the function at `entry` with one argument; code[0] must be OP_HALT. */
static uint64_t vm_call(struct vm* vm, const int32_t* code, int entry, uint64_t arg) {
  uint64_t* sp = vm->stack;     /* the next free slot */
  uint64_t* locals = vm->stack; /* local 0 of the running function */
  int pc = entry;
  *sp++ = arg;
  vm->frames[0].return_pc = 0; /* the entry function returns to OP_HALT */
  vm->frames[0].caller_locals = vm->stack;
  int depth = 1;
  uint64_t executed = 0;

  for (;;) {
    executed++;
    uint64_t a, b;
    switch ((enum opcode)code[pc++]) {
      case OP_HALT:
        vm->executed += executed;
        return sp[-1];
      case OP_PUSH:
        *sp++ = (uint64_t)(int64_t)code[pc++];
        break;
      case OP_LOAD:
        *sp++ = locals[code[pc++]];
        break;
      case OP_STORE:
        locals[code[pc++]] = *--sp;
        break;
      case OP_ENTER:
        for (int n = code[pc++]; n > 0; n--) *sp++ = 0;
        break;
      case OP_ADD:
        b = *--sp;
        sp[-1] += b;
        break;
      case OP_SUB:
        b = *--sp;
        sp[-1] -= b;
        break;
      case OP_MUL:
        b = *--sp;
        sp[-1] *= b;
        break;
      case OP_DIV:
        b = *--sp;
        if (b == 0) vm_fault("division by zero");
        sp[-1] /= b;
        break;
      case OP_MOD:
        b = *--sp;
        if (b == 0) vm_fault("division by zero");
        sp[-1] %= b;
        break;
      case OP_LT:
        b = *--sp;
        sp[-1] = sp[-1] < b;
        break;
      case OP_EQ:
        b = *--sp;
        sp[-1] = sp[-1] == b;
        break;
      case OP_JMP:
        pc = code[pc];
        break;
      case OP_JZ:
        pc = *--sp == 0 ? code[pc] : pc + 1;
        break;
      case OP_JNZ:
        pc = *--sp != 0 ? code[pc] : pc + 1;
        break;
      case OP_CALL:
        if (depth == FRAME_MAX) vm_fault("call stack overflow");
        vm->frames[depth].return_pc = pc + 2;
        vm->frames[depth].caller_locals = locals;
        depth++;
        locals = sp - code[pc + 1];
        pc = code[pc];
        break;
      case OP_RET:
        a = *--sp;
        sp = locals;
        depth--;
        pc = vm->frames[depth].return_pc;
        locals = vm->frames[depth].caller_locals;
        *sp++ = a;
        break;
      case OP_MLOAD:
        a = *--sp;
        if (a >= MEMORY_WORDS) vm_fault("load out of bounds");
        *sp++ = vm->memory[a];
        break;
      case OP_MSTORE:
        a = *--sp;
        b = *--sp;
        if (a >= MEMORY_WORDS) vm_fault("store out of bounds");
        vm->memory[a] = b;
        break;
      default:
        vm_fault("illegal opcode");
    }
    if (sp - vm->stack >= STACK_MAX - 4) vm_fault("operand stack overflow");
  }
}

/* ---- the guest programs ------------------------------------------------------------- */

enum label {
  L_FIB,
  L_FIB_RECURSE,
  L_PRIMES,
  L_PRIMES_CLEAR,
  L_PRIMES_OUTER,
  L_PRIMES_INNER,
  L_PRIMES_NEXT,
  L_PRIMES_DONE,
  L_COLLATZ,
  L_COLLATZ_OUTER,
  L_COLLATZ_INNER,
  L_COLLATZ_EVEN,
  L_COLLATZ_NEXT,
  L_COLLATZ_DONE,
  L_MAIN,
  L_MAIN_LOOP,
  L_MAIN_DONE,
  LABEL_COUNT
};
_Static_assert(LABEL_COUNT <= LABEL_MAX, "too many labels");

enum { FIB_N = 18, PRIMES_N = 8000, COLLATZ_N = 300 };

/* Assembles the guest functions. Each source line is one statement of the bytecode program,
 * written as a comma-separated sequence of instructions. */
static void assemble(struct program* p) {
  for (int i = 0; i < LABEL_MAX; i++) p->labels[i] = -1;
  op(p, OP_HALT); /* vm_call returns here */

  /* fib(n): n < 2 ? n : fib(n - 1) + fib(n - 2) */
  place(p, L_FIB);
  op_n(p, OP_LOAD, 0), op_n(p, OP_PUSH, 2), op(p, OP_LT), op_to(p, OP_JZ, L_FIB_RECURSE);
  op_n(p, OP_LOAD, 0), op(p, OP_RET);
  place(p, L_FIB_RECURSE);
  op_n(p, OP_LOAD, 0), op_n(p, OP_PUSH, 1), op(p, OP_SUB), call(p, L_FIB, 1);
  op_n(p, OP_LOAD, 0), op_n(p, OP_PUSH, 2), op(p, OP_SUB), call(p, L_FIB, 1);
  op(p, OP_ADD), op(p, OP_RET);

  /* primes(n), locals: 0 n, 1 i, 2 j, 3 count; memory[i] != 0 marks i composite */
  place(p, L_PRIMES);
  op_n(p, OP_ENTER, 3);
  place(p, L_PRIMES_CLEAR); /* for (i = 0; i < n; i++) memory[i] = 0 */
  op_n(p, OP_PUSH, 0), op_n(p, OP_LOAD, 1), op(p, OP_MSTORE);
  op_n(p, OP_LOAD, 1), op_n(p, OP_PUSH, 1), op(p, OP_ADD), op_n(p, OP_STORE, 1);
  op_n(p, OP_LOAD, 1), op_n(p, OP_LOAD, 0), op(p, OP_LT), op_to(p, OP_JNZ, L_PRIMES_CLEAR);
  op_n(p, OP_PUSH, 2), op_n(p, OP_STORE, 1);
  place(p, L_PRIMES_OUTER); /* for (i = 2; i < n; i++) */
  op_n(p, OP_LOAD, 1), op_n(p, OP_LOAD, 0), op(p, OP_LT), op_to(p, OP_JZ, L_PRIMES_DONE);
  op_n(p, OP_LOAD, 1), op(p, OP_MLOAD), op_to(p, OP_JNZ, L_PRIMES_NEXT);
  op_n(p, OP_LOAD, 3), op_n(p, OP_PUSH, 1), op(p, OP_ADD), op_n(p, OP_STORE, 3);
  op_n(p, OP_LOAD, 1), op_n(p, OP_LOAD, 1), op(p, OP_MUL), op_n(p, OP_STORE, 2);
  place(p, L_PRIMES_INNER); /* for (j = i * i; j < n; j += i) memory[j] = 1 */
  op_n(p, OP_LOAD, 2), op_n(p, OP_LOAD, 0), op(p, OP_LT), op_to(p, OP_JZ, L_PRIMES_NEXT);
  op_n(p, OP_PUSH, 1), op_n(p, OP_LOAD, 2), op(p, OP_MSTORE);
  op_n(p, OP_LOAD, 2), op_n(p, OP_LOAD, 1), op(p, OP_ADD), op_n(p, OP_STORE, 2);
  op_to(p, OP_JMP, L_PRIMES_INNER);
  place(p, L_PRIMES_NEXT);
  op_n(p, OP_LOAD, 1), op_n(p, OP_PUSH, 1), op(p, OP_ADD), op_n(p, OP_STORE, 1);
  op_to(p, OP_JMP, L_PRIMES_OUTER);
  place(p, L_PRIMES_DONE);
  op_n(p, OP_LOAD, 3), op(p, OP_RET);

  /* collatz(n), locals: 0 n, 1 i, 2 x, 3 steps */
  place(p, L_COLLATZ);
  op_n(p, OP_ENTER, 3);
  op_n(p, OP_PUSH, 1), op_n(p, OP_STORE, 1);
  place(p, L_COLLATZ_OUTER); /* for (i = 1; i < n; i++) */
  op_n(p, OP_LOAD, 1), op_n(p, OP_LOAD, 0), op(p, OP_LT), op_to(p, OP_JZ, L_COLLATZ_DONE);
  op_n(p, OP_LOAD, 1), op_n(p, OP_STORE, 2);
  place(p, L_COLLATZ_INNER); /* for (x = i; x != 1; steps++) x = x % 2 ? 3 * x + 1 : x / 2 */
  op_n(p, OP_LOAD, 2), op_n(p, OP_PUSH, 1), op(p, OP_EQ), op_to(p, OP_JNZ, L_COLLATZ_NEXT);
  op_n(p, OP_LOAD, 3), op_n(p, OP_PUSH, 1), op(p, OP_ADD), op_n(p, OP_STORE, 3);
  op_n(p, OP_LOAD, 2), op_n(p, OP_PUSH, 2), op(p, OP_MOD), op_to(p, OP_JZ, L_COLLATZ_EVEN);
  op_n(p, OP_LOAD, 2), op_n(p, OP_PUSH, 3), op(p, OP_MUL), op_n(p, OP_PUSH, 1), op(p, OP_ADD);
  op_n(p, OP_STORE, 2), op_to(p, OP_JMP, L_COLLATZ_INNER);
  place(p, L_COLLATZ_EVEN);
  op_n(p, OP_LOAD, 2), op_n(p, OP_PUSH, 2), op(p, OP_DIV), op_n(p, OP_STORE, 2);
  op_to(p, OP_JMP, L_COLLATZ_INNER);
  place(p, L_COLLATZ_NEXT);
  op_n(p, OP_LOAD, 1), op_n(p, OP_PUSH, 1), op(p, OP_ADD), op_n(p, OP_STORE, 1);
  op_to(p, OP_JMP, L_COLLATZ_OUTER);
  place(p, L_COLLATZ_DONE);
  op_n(p, OP_LOAD, 3), op(p, OP_RET);

  /* main(rounds), locals: 0 rounds, 1 r, 2 acc; for each round r:
   * acc = acc * 31 + fib(FIB_N - r % 4) + primes(PRIMES_N + r % 64) + collatz(COLLATZ_N + r % 16)
   */
  place(p, L_MAIN);
  op_n(p, OP_ENTER, 2);
  place(p, L_MAIN_LOOP);
  op_n(p, OP_LOAD, 1), op_n(p, OP_LOAD, 0), op(p, OP_LT), op_to(p, OP_JZ, L_MAIN_DONE);
  op_n(p, OP_LOAD, 2), op_n(p, OP_PUSH, 31), op(p, OP_MUL);
  op_n(p, OP_PUSH, FIB_N), op_n(p, OP_LOAD, 1), op_n(p, OP_PUSH, 4), op(p, OP_MOD), op(p, OP_SUB);
  call(p, L_FIB, 1), op(p, OP_ADD);
  op_n(p, OP_PUSH, PRIMES_N), op_n(p, OP_LOAD, 1), op_n(p, OP_PUSH, 64), op(p, OP_MOD);
  op(p, OP_ADD), call(p, L_PRIMES, 1), op(p, OP_ADD);
  op_n(p, OP_PUSH, COLLATZ_N), op_n(p, OP_LOAD, 1), op_n(p, OP_PUSH, 16), op(p, OP_MOD);
  op(p, OP_ADD), call(p, L_COLLATZ, 1), op(p, OP_ADD);
  op_n(p, OP_STORE, 2);
  op_n(p, OP_LOAD, 1), op_n(p, OP_PUSH, 1), op(p, OP_ADD), op_n(p, OP_STORE, 1);
  op_to(p, OP_JMP, L_MAIN_LOOP);
  place(p, L_MAIN_DONE);
  op_n(p, OP_LOAD, 2), op(p, OP_RET);

  resolve_labels(p);
}

int main(int argc, char** argv) {
  long rounds = parse_size(argc, argv, DEFAULT_ROUNDS, 100000000L);
  static struct program program;
  static struct vm vm;
  assemble(&program);

  /* Known answers: fib(20) = 6765, 1229 primes below 10000, Collatz steps of 1..999. */
  uint64_t fib = vm_call(&vm, program.code, program.labels[L_FIB], 20);
  uint64_t primes = vm_call(&vm, program.code, program.labels[L_PRIMES], 10000);
  uint64_t collatz = vm_call(&vm, program.code, program.labels[L_COLLATZ], 1000);
  printf("fib(20) = %" PRIu64 "\nprimes below 10000 = %" PRIu64 "\n", fib, primes);
  printf("collatz steps 1..999 = %" PRIu64 "\n", collatz);

  uint64_t checksum = vm_call(&vm, program.code, program.labels[L_MAIN], (uint64_t)rounds);
  printf("rounds: %ld, bytecode instructions: %" PRIu64 "\n", rounds, vm.executed);
  printf("checksum: 0x%016" PRIx64 "\n", checksum);
  return 0;
}
