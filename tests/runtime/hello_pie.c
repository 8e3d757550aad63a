// A freestanding static-PIE (ET_DYN, no PT_INTERP) guest program. Nothing relocates it but
// itself: _start finds its load bias from __ehdr_start (linked at 0), applies its own
// R_RISCV_RELATIVE relocations, and then checks what the loader told it in the auxiliary
// vector. Output contains no addresses, so it is identical under vmrun and qemu-riscv64,
// which load the program at different biases. Exit status 0 when every check passes, else
// the number of the first failed check.
#include <stdint.h>

#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_ENTRY 9
#define DT_NULL 0
#define DT_RELA 7
#define DT_RELASZ 8
#define DT_RELAENT 9
#define R_RISCV_RELATIVE 3

typedef struct {
  unsigned char e_ident[16];
  uint16_t e_type, e_machine;
  uint32_t e_version;
  uint64_t e_entry, e_phoff, e_shoff;
  uint32_t e_flags;
  uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} Ehdr;
typedef struct {
  int64_t d_tag;
  uint64_t d_val;
} Dyn;
typedef struct {
  uint64_t r_offset, r_info;
  int64_t r_addend;
} Rela;

// Hidden, so the compiler addresses them pc-relatively instead of through the GOT (which
// holds link-time addresses until relocated).
extern const Ehdr __ehdr_start __attribute__((visibility("hidden")));
extern Dyn _DYNAMIC[] __attribute__((visibility("hidden")));
void _start(void) __attribute__((visibility("hidden")));

// Needs R_RISCV_RELATIVE relocations: pointers in data.
static const char* const kWords[] = {"one", "two", "three"};
static int counter = 5;
static int* counter_ptr = &counter;

static long sys3(long n, long a, long b, long c) {
  register long a0 __asm__("a0") = a;
  register long a1 __asm__("a1") = b;
  register long a2 __asm__("a2") = c;
  register long a7 __asm__("a7") = n;
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
  return a0;
}

static __attribute__((noreturn)) void exit_with(int status) {
  for (;;) sys3(93, status, 0, 0);
}

static void put(const char* s) {
  long n = 0;
  while (s[n]) n++;
  sys3(64, 1, (long)s, n);
}

static void put_uint(uint64_t v) {
  char buf[24];
  int i = 23;
  buf[i] = 0;
  do {
    buf[--i] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  put(buf + i);
}

static void check(int ok, int number, const char* what) {
  put(ok ? "ok   " : "FAIL ");
  put(what);
  put("\n");
  if (!ok) exit_with(number);
}

static uint64_t relocate(uint64_t bias) {
  uint64_t rela = 0, size = 0, entsize = sizeof(Rela), count = 0;
  for (const Dyn* d = _DYNAMIC; d->d_tag != DT_NULL; ++d) {
    if (d->d_tag == DT_RELA) rela = d->d_val;
    if (d->d_tag == DT_RELASZ) size = d->d_val;
    if (d->d_tag == DT_RELAENT) entsize = d->d_val;
  }
  for (uint64_t off = 0; rela && off < size; off += entsize) {
    const Rela* r = (const Rela*)(bias + rela + off);
    if ((r->r_info & 0xffffffff) != R_RISCV_RELATIVE) exit_with(100);
    *(uint64_t*)(bias + r->r_offset) = bias + (uint64_t)r->r_addend;
    count++;
  }
  return count;
}

__attribute__((used, noreturn)) void start_c(uint64_t* sp) {
  const uint64_t bias = (uint64_t)&__ehdr_start;  // the link address of the headers is 0
  const uint64_t relocations = relocate(bias);

  const uint64_t argc = sp[0];
  char** argv = (char**)(sp + 1);
  char** envp = argv + argc + 1;
  while (*envp) envp++;
  uint64_t phdr = 0, phent = 0, phnum = 0, entry = 0;
  for (const uint64_t* aux = (const uint64_t*)(envp + 1); aux[0] != AT_NULL; aux += 2) {
    if (aux[0] == AT_PHDR) phdr = aux[1];
    if (aux[0] == AT_PHENT) phent = aux[1];
    if (aux[0] == AT_PHNUM) phnum = aux[1];
    if (aux[0] == AT_ENTRY) entry = aux[1];
  }

  put("hello from a static PIE\n");
  put("argc ");
  put_uint(argc);
  put("\n");
  for (uint64_t i = 1; i < argc; ++i) {
    put("argv ");
    put(argv[i]);
    put("\n");
  }
  check(__ehdr_start.e_type == 3, 1, "e_type is ET_DYN");
  check(bias != 0 && bias % 4096 == 0, 2, "load bias is a nonzero multiple of the page size");
  check(relocations >= 4, 3, "relocated itself");
  check(entry == (uint64_t)&_start, 4, "AT_ENTRY is the relocated _start");
  check(phdr == bias + __ehdr_start.e_phoff, 5, "AT_PHDR points at the mapped program headers");
  check(phent == 56 && phnum == __ehdr_start.e_phnum, 6, "AT_PHENT and AT_PHNUM");
  put("words:");
  for (int i = 0; i < 3; ++i) {
    put(" ");
    put(kWords[i]);
  }
  put("\n");
  int* const p = *(int* volatile*)&counter_ptr;  // a load the compiler cannot fold
  *p += 37;
  check(counter == 42, 7, "pointer to data after relocation");
  exit_with(0);
}

__attribute__((naked)) void _start(void) {
  __asm__(
      "mv a0, sp\n"
      "andi sp, sp, -16\n"
      "call start_c\n");
}
