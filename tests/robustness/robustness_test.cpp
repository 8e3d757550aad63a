// Robustness under hostile input: no mutated ELF image, random instruction word or random
// code may crash, hang or trip a sanitizer. The VM must report every problem as a LoadError
// (at load time) or as an ExitStatus / a StopReason (while running).
//
//   ElfMutation.*  >= 20,000 mutants of three small seed ELFs through vm::GuestProcess
//   RandomWords.*  >= 1,000,000 random words and 1,000,000 halfwords: decode + disassemble
//   RandomCode.*   random code run by the interpreter: >= 1,000,000 instructions
//   Regression.*   hand-made programs for specific failure modes
//
// Everything is driven by seeded PRNGs (the seed is printed); every mutant and every batch
// of random code depends only on (seed, its index), so one can be replayed alone.
// The mutation and random-code campaigns run in forked children: a crash, a sanitizer
// report or a hang (no progress for a minute; five in sanitizer builds) kills only the child.
// The parent records the index that was running, goes on with the next one, and fails the
// test with the list of reproducers (crashing mutants are saved as robustness-crash-N.elf in
// the working directory).
//
// Environment:
//   VMBENCH_ROBUSTNESS_SEEDS_DIR  directory holding the seed ELFs (required; set by ctest)
//   VMBENCH_ROBUSTNESS_SEED       PRNG seed (default kDefaultSeed)
//   VMBENCH_ROBUSTNESS_MUTANTS    number of ELF mutants (default 24,000; >= 20,000 to pass)
//   VMBENCH_ROBUSTNESS_ONLY       run only this mutant, in-process (to debug a reproducer);
//                                 with VMBENCH_ROBUSTNESS_DUMP=FILE it is also written to FILE
//   VMBENCH_ROBUSTNESS_BATCH      run only this batch of random code, in-process
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <new>
#include <random>
#include <string>
#include <vector>

#include "vm/engine/cpu_state.h"
#include "vm/engine/interp/interpreter.h"
#include "vm/isa/decoder.h"
#include "vm/isa/disassembler.h"
#include "vm/mem/guest_memory.h"
#include "vm/process.h"
#include "vm/runtime/load_error.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define VMBENCH_SANITIZED 1
#include <sanitizer/common_interface_defs.h>
#else
#define VMBENCH_SANITIZED 0
#endif

namespace vmbench::robustness {
namespace {

constexpr uint64_t kDefaultSeed = 0x5eed20240bade1f5ull;
constexpr uint64_t kDefaultMutants = 24'000;
constexpr uint64_t kMinMutants = 20'000;
constexpr uint64_t kMutantInstructionLimit = 20'000;
constexpr int kHangSeconds = VMBENCH_SANITIZED ? 300 : 60;
constexpr size_t kMaxCrashes = 50;  // per campaign; then it stops early
const char* const kSeedPrograms[] = {"asm_rv64i", "asm_zicsr", "exit_code"};

// ---------------------------------------------------------------------------------------
// Environment, PRNG, small helpers.

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

bool env_set(const char* name) {
  const char* v = std::getenv(name);
  return v && *v;
}

uint64_t env_u64(const char* name, uint64_t fallback) {
  return env_set(name) ? std::strtoull(std::getenv(name), nullptr, 0) : fallback;
}

uint64_t base_seed() { return env_u64("VMBENCH_ROBUSTNESS_SEED", kDefaultSeed); }

uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// One independent stream per (seed, stream, index): any iteration can be replayed alone.
class Rng {
 public:
  Rng(uint64_t seed, uint64_t stream, uint64_t index)
      : engine_(splitmix64(seed ^ splitmix64(stream * 0x100000001b3ull + index))) {}
  uint64_t next() { return engine_(); }
  uint64_t below(uint64_t n) { return n ? next() % n : 0; }
  bool chance(unsigned percent) { return below(100) < percent; }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }

 private:
  std::mt19937_64 engine_;
};

std::vector<uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

uint64_t peak_rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtoull(line.c_str() + 6, nullptr, 10);
  }
  return 0;
}

void print_histogram(const char* title, const std::map<std::string, uint64_t>& h) {
  std::vector<std::pair<std::string, uint64_t>> rows(h.begin(), h.end());
  std::stable_sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.second > b.second; });
  std::printf("%s\n", title);
  for (const auto& [name, count] : rows) {
    std::printf("  %8llu  %s\n", static_cast<unsigned long long>(count), name.c_str());
  }
}

// ---------------------------------------------------------------------------------------
// The syscall filter: exit, exit_group, brk, mmap, munmap, mprotect and nothing else.

constexpr uint64_t kAllowedSyscalls[] = {93, 94, 214, 222, 215, 226};

bool syscall_allowed(uint64_t number) {
  return std::find(std::begin(kAllowedSyscalls), std::end(kAllowedSyscalls), number) !=
         std::end(kAllowedSyscalls);
}

struct SyscallTally {
  uint64_t allowed = 0, denied = 0;
  uint64_t denied_by_number[513] = {};  // [512]: any larger number
};

vm::ProcessOptions fuzz_options(SyscallTally* tally) {
  vm::ProcessOptions options;
  options.argv = {"mutant"};
  options.deterministic = true;
  options.max_instructions = kMutantInstructionLimit;
  options.syscall_filter = [tally](uint64_t number) {
    const bool ok = syscall_allowed(number);
    if (tally) {
      (ok ? tally->allowed : tally->denied)++;
      if (!ok) tally->denied_by_number[std::min<uint64_t>(number, 512)]++;
    }
    return ok;
  };
  return options;
}

// ---------------------------------------------------------------------------------------
// State shared between the parent and the forked children that run the campaigns
// (MAP_SHARED, so it survives a child's crash).

struct SharedHistogram {
  struct Slot {
    char name[120];
    uint64_t count;
  };
  static constexpr size_t kSlots = 96;
  Slot slots[kSlots];
  size_t used;

  void add(const std::string& key, uint64_t n = 1) {
    char name[sizeof(Slot::name)] = {};
    std::strncpy(name, key.c_str(), sizeof name - 1);
    for (size_t i = 0; i < used; ++i) {
      if (std::strcmp(slots[i].name, name) == 0) {
        slots[i].count += n;
        return;
      }
    }
    if (used == kSlots) {
      slots[kSlots - 1].count += n;  // "(other)" once full
      std::strcpy(slots[kSlots - 1].name, "(other)");
      return;
    }
    std::memcpy(slots[used].name, name, sizeof name);
    slots[used++].count = n;
  }
  std::map<std::string, uint64_t> to_map() const {
    std::map<std::string, uint64_t> out;
    for (size_t i = 0; i < used; ++i) out[slots[i].name] += slots[i].count;
    return out;
  }
};

struct Shared {
  char context[512];                // what is running now, for crash and hang reports
  std::atomic<uint64_t> progress;   // bumped by set_context
  std::atomic<uint64_t> current;    // index of the item being run
  std::atomic<uint64_t> completed;  // items before this index are done
  uint64_t counters[16];
  SharedHistogram histograms[6];
  SyscallTally syscalls;  // syscalls the mutants attempted
  size_t failure_count;
  char failures[16][512];  // failures that are not crashes (e.g. a wrong exception type)
};

Shared* shared() {
  static Shared* const s = [] {
    void* p =
        mmap(nullptr, sizeof(Shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) std::abort();
    return new (p) Shared();
  }();
  return s;
}

void reset_shared() {
  Shared* s = shared();
  s->~Shared();
  std::memset(static_cast<void*>(s), 0, sizeof(Shared));
  new (s) Shared();
}

void set_context(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
void set_context(const char* fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  std::vsnprintf(shared()->context, sizeof shared()->context, fmt, ap);
  va_end(ap);
  shared()->progress.fetch_add(1, std::memory_order_relaxed);
}

void record_failure(const std::string& message) {
  Shared* s = shared();
  if (s->failure_count < std::size(s->failures)) {
    std::snprintf(s->failures[s->failure_count], sizeof s->failures[0], "%s", message.c_str());
  }
  s->failure_count++;
}

// Turns the failures the children recorded into test failures.
void report_recorded_failures() {
  const Shared* s = shared();
  for (size_t i = 0; i < std::min(s->failure_count, std::size(s->failures)); ++i) {
    ADD_FAILURE() << s->failures[i];
  }
  if (s->failure_count > std::size(s->failures)) {
    ADD_FAILURE() << "... and " << s->failure_count - std::size(s->failures) << " more failures";
  }
}

// Fatal signals and sanitizer reports in the process that runs the guest: say what ran.
void write_str(const char* s) {
  ssize_t ignored = ::write(2, s, std::strlen(s));
  (void)ignored;
}

void report_context() {
  write_str("\n*** robustness_test died while running: ");
  write_str(shared()->context);
  write_str("\n");
}

#if !VMBENCH_SANITIZED
void fatal_signal(int sig) {
  report_context();
  signal(sig, SIG_DFL);
  raise(sig);
}
#endif

class CrashReporting : public testing::Environment {
 public:
  void SetUp() override {
    shared();
#if VMBENCH_SANITIZED
    __sanitizer_set_death_callback(report_context);
#else
    for (int sig : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT}) signal(sig, fatal_signal);
#endif
  }
};
[[maybe_unused]] testing::Environment* const g_crash_env =
    testing::AddGlobalTestEnvironment(new CrashReporting);

// ---------------------------------------------------------------------------------------
// Crash isolation: runs items [begin, end) in forked children.

struct Crash {
  uint64_t item;
  std::string how;
  std::string context;
};

// `body(from, to)` runs items from..to-1 in order, calling begin_item / end_item around each;
// it may stop early by marking everything done (end_item(to - 1)).
using Body = std::function<void(uint64_t from, uint64_t to)>;

void begin_item(uint64_t item) { shared()->current.store(item); }
void end_item(uint64_t item) { shared()->completed.store(item + 1); }

std::string describe_status(int status) {
  if (WIFSIGNALED(status)) {
    return std::string("killed by signal ") + std::to_string(WTERMSIG(status)) + " (" +
           strsignal(WTERMSIG(status)) + ")";
  }
  if (WIFEXITED(status)) {
    return "exited with status " + std::to_string(WEXITSTATUS(status)) +
           (VMBENCH_SANITIZED ? " (see the sanitizer report above)" : "");
  }
  return "ended with wait status " + std::to_string(status);
}

std::vector<Crash> run_isolated(uint64_t begin, uint64_t end, const Body& body) {
  std::vector<Crash> crashes;
  uint64_t next = begin;
  while (next < end && crashes.size() < kMaxCrashes) {
    shared()->current.store(next);
    shared()->completed.store(next);
    std::fflush(stdout);
    std::fflush(stderr);
    const pid_t pid = fork();
    if (pid < 0) {
      ADD_FAILURE() << "fork failed: " << std::strerror(errno);
      break;
    }
    if (pid == 0) {
      body(next, end);
      std::fflush(stdout);
      _exit(0);
    }
    int status = 0;
    bool hung = false;
    uint64_t last_progress = shared()->progress.load();
    auto since = std::chrono::steady_clock::now();
    while (true) {
      const pid_t r = waitpid(pid, &status, WNOHANG);
      if (r == pid || (r < 0 && errno != EINTR)) break;
      const timespec pause{0, 10'000'000};
      nanosleep(&pause, nullptr);
      const uint64_t progress = shared()->progress.load();
      if (progress != last_progress) {
        last_progress = progress;
        since = std::chrono::steady_clock::now();
      } else if (seconds_since(since) > kHangSeconds) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        hung = true;
        break;
      }
    }
    const uint64_t done = shared()->completed.load();
    if (!hung && WIFEXITED(status) && WEXITSTATUS(status) == 0 && done >= end) break;
    // The item that was running; if the child died between items, the next one.
    const uint64_t item = std::max(shared()->current.load(), done);
    crashes.push_back(
        Crash{item,
              hung ? "no progress for " + std::to_string(kHangSeconds) + " s (hang); killed"
                   : describe_status(status),
              shared()->context});
    next = item + 1;
  }
  return crashes;
}

// ---------------------------------------------------------------------------------------
// ELF mutation.

void put_le(std::vector<uint8_t>& b, size_t offset, size_t size, uint64_t value) {
  for (size_t i = 0; i < size && offset + i < b.size(); ++i) {
    b[offset + i] = static_cast<uint8_t>(value >> (8 * i));
  }
}

uint64_t get_le(const std::vector<uint8_t>& b, size_t offset, size_t size) {
  uint64_t v = 0;
  for (size_t i = 0; i < size && offset + i < b.size(); ++i)
    v |= uint64_t{b[offset + i]} << (8 * i);
  return v;
}

struct Field {
  size_t offset, size;
  const char* name;
};

// Elf64_Ehdr fields.
const std::vector<Field> kHeaderFields = {
    {4, 1, "EI_CLASS"},     {5, 1, "EI_DATA"},    {6, 1, "EI_VERSION"},   {7, 1, "EI_OSABI"},
    {16, 2, "e_type"},      {18, 2, "e_machine"}, {20, 4, "e_version"},   {24, 8, "e_entry"},
    {32, 8, "e_phoff"},     {40, 8, "e_shoff"},   {48, 4, "e_flags"},     {52, 2, "e_ehsize"},
    {54, 2, "e_phentsize"}, {56, 2, "e_phnum"},   {58, 2, "e_shentsize"}, {60, 2, "e_shnum"},
    {62, 2, "e_shstrndx"},
};
// Elf64_Phdr fields (offsets inside one program header).
const std::vector<Field> kPhdrFields = {
    {0, 4, "p_type"},   {4, 4, "p_flags"},   {8, 8, "p_offset"}, {16, 8, "p_vaddr"},
    {24, 8, "p_paddr"}, {32, 8, "p_filesz"}, {40, 8, "p_memsz"}, {48, 8, "p_align"},
};

struct SeedElf {
  std::string name;
  std::vector<uint8_t> bytes;
  uint64_t phoff = 0;
  uint64_t phnum = 0;
  std::vector<size_t> loads;       // indices of PT_LOAD headers
  std::vector<size_t> exec_loads;  // ... that are executable
};

SeedElf load_seed(const std::string& dir, const std::string& name) {
  SeedElf s;
  s.name = name;
  s.bytes = read_file(dir + "/" + name);
  s.phoff = get_le(s.bytes, 32, 8);
  s.phnum = get_le(s.bytes, 56, 2);
  for (size_t i = 0; i < s.phnum; ++i) {
    const size_t at = s.phoff + i * 56;
    if (get_le(s.bytes, at, 4) == 1) {
      s.loads.push_back(i);
      if (get_le(s.bytes, at + 4, 4) & 1) s.exec_loads.push_back(i);
    }
  }
  return s;
}

// Boundary and interesting values for a field of `size` bytes, given the image.
uint64_t boundary_value(Rng& rng, size_t size, uint64_t original, uint64_t file_size) {
  static const std::vector<uint64_t> k64 = {0,
                                            1,
                                            2,
                                            7,
                                            8,
                                            0x38,
                                            0x40,
                                            0x7f,
                                            0x80,
                                            0xff,
                                            0xfff,
                                            0x1000,
                                            0x1001,
                                            0x7fff,
                                            0x8000,
                                            0xffff,
                                            0x10000,
                                            0x7fffffff,
                                            0x80000000,
                                            0xffffffff,
                                            0x100000000,
                                            0x3ffff000,
                                            0x40000000,
                                            0x1ffffffff,
                                            0x200000000,
                                            0x3fffff000,
                                            0x400000000,
                                            0x10000000000,
                                            0x7fffffffffff,
                                            0x800000000000,
                                            0x7fffffffffffffff,
                                            0x8000000000000000,
                                            0xfffffffffffff000,
                                            0xffffffffffff0000,
                                            0xfffffffffffffffe,
                                            0xffffffffffffffff};
  static const std::vector<uint64_t> k32 = {0,          1,          2,          3,
                                            4,          5,          6,          7,
                                            0x6474e550, 0x6474e551, 0x6474e552, 0x70000003,
                                            0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff};
  static const std::vector<uint64_t> k16 = {0,  1,  2,  3,   4,      38,     55,     56,
                                            57, 64, 62, 243, 0x7fff, 0x8000, 0xfffe, 0xffff};
  static const std::vector<uint64_t> k8 = {0, 1, 2, 3, 0x7f, 0x80, 0xff};
  switch (rng.below(6)) {
    case 0: return original + 1;
    case 1: return original - 1;
    case 2: return file_size + rng.below(3) - 1;  // file size - 1 .. + 1
    case 3: return original ^ (uint64_t{1} << rng.below(size * 8));
    default: break;
  }
  switch (size) {
    case 1: return rng.pick(k8);
    case 2: return rng.pick(k16);
    case 4: return rng.chance(70) ? rng.pick(k32) : rng.pick(k64);
    default: return rng.chance(10) ? rng.next() : rng.pick(k64);
  }
}

size_t phdr_index(Rng& rng, const SeedElf& seed) {
  // Mostly the loadable segments, which the loader looks at most.
  if (!seed.loads.empty() && rng.chance(70)) return rng.pick(seed.loads);
  return rng.below(std::max<uint64_t>(seed.phnum, 1));
}

void mutate_bytes(Rng& rng, std::vector<uint8_t>& b, size_t begin, size_t end, unsigned max_count) {
  if (b.empty()) return;
  end = std::min(end, b.size());
  if (begin >= end) begin = 0, end = b.size();
  const unsigned count = 1 + rng.below(max_count);
  for (unsigned i = 0; i < count; ++i) {
    uint8_t& byte = b[begin + rng.below(end - begin)];
    switch (rng.below(4)) {
      case 0: byte ^= static_cast<uint8_t>(1u << rng.below(8)); break;
      case 1: byte = static_cast<uint8_t>(rng.next()); break;
      case 2: byte = rng.chance(50) ? 0 : 0xff; break;
      default: byte = static_cast<uint8_t>(byte + rng.below(5) - 2); break;
    }
  }
}

// One mutation step; returns a short description for the histogram.
const char* mutate_once(Rng& rng, const SeedElf& seed, std::vector<uint8_t>& b) {
  const size_t phdrs_begin = seed.phoff, phdrs_end = seed.phoff + seed.phnum * 56;
  const unsigned kind = static_cast<unsigned>(rng.below(100));
  if (kind < 18) {
    mutate_bytes(rng, b, 0, 64, 6);
    return "header bytes";
  }
  if (kind < 36) {
    mutate_bytes(rng, b, phdrs_begin, phdrs_end, 8);
    return "program header bytes";
  }
  if (kind < 46) {
    mutate_bytes(rng, b, 0, b.size(), 32);
    return "bytes anywhere";
  }
  if (kind < 56) {
    const Field& f = rng.pick(kHeaderFields);
    put_le(b, f.offset, f.size, boundary_value(rng, f.size, get_le(b, f.offset, f.size), b.size()));
    return "header field boundary value";
  }
  if (kind < 71) {
    const Field& f = rng.pick(kPhdrFields);
    const size_t at = seed.phoff + phdr_index(rng, seed) * 56 + f.offset;
    put_le(b, at, f.size, boundary_value(rng, f.size, get_le(b, at, f.size), b.size()));
    return "program header field boundary value";
  }
  if (kind < 79) {
    // Truncation: mostly inside the headers, sometimes anywhere.
    const size_t limit = rng.chance(50) ? std::min(b.size(), phdrs_end + 64) : b.size();
    b.resize(rng.below(limit + 1));
    return "truncation";
  }
  if (kind < 87) {
    // Plausible geometry the validator accepts: moved, grown or overlapping segments,
    // huge p_memsz, changed permissions.
    if (seed.loads.empty()) return "none";
    const size_t at = seed.phoff + rng.pick(seed.loads) * 56;
    const uint64_t vaddr = get_le(b, at + 16, 8), memsz = get_le(b, at + 40, 8);
    switch (rng.below(5)) {
      case 0: put_le(b, at + 16, 8, vaddr + (rng.below(64) - 32) * 0x1000); break;
      case 1:
        put_le(b, at + 40, 8,
               memsz + (rng.chance(80) ? rng.below(1 << 24) : uint64_t{1} << (20 + rng.below(14))));
        break;
      case 2: put_le(b, at + 4, 4, rng.below(8)); break;  // flags: any of RWX
      case 3: put_le(b, at + 16, 8, (rng.below(1 << 20) << 12) | (vaddr & 0xfff)); break;
      default: put_le(b, at + 32, 8, rng.below(get_le(b, at + 32, 8) + 1)); break;  // filesz
    }
    return "segment geometry";
  }
  if (kind < 95) {
    // Run code from elsewhere: the entry point moves inside an executable segment, and
    // some code bytes there may be randomized.
    if (seed.exec_loads.empty()) return "none";
    const size_t at = seed.phoff + rng.pick(seed.exec_loads) * 56;
    const uint64_t vaddr = get_le(b, at + 16, 8), memsz = get_le(b, at + 40, 8);
    const uint64_t offset = get_le(b, at + 8, 8), filesz = get_le(b, at + 32, 8);
    const uint64_t delta = rng.below(std::max<uint64_t>(memsz, 1)) & ~uint64_t{rng.chance(90)};
    put_le(b, 24, 8, vaddr + delta);
    if (rng.chance(50) && delta < filesz) {
      const uint64_t len = std::min<uint64_t>(filesz - delta, 16 + rng.below(256));
      for (uint64_t i = 0; i < len && offset + delta + i < b.size(); ++i) {
        b[offset + delta + i] = static_cast<uint8_t>(rng.next());
      }
    }
    return "entry point moved";
  }
  // Program headers overwritten with copies of each other or with garbage records.
  {
    const size_t i = phdr_index(rng, seed), j = phdr_index(rng, seed);
    const size_t from = seed.phoff + i * 56, to = seed.phoff + j * 56;
    if (to + 56 <= b.size() && from + 56 <= b.size()) {
      if (rng.chance(50)) {
        std::memmove(b.data() + to, b.data() + from, 56);
      } else {
        for (size_t k = 0; k < 56; ++k) b[to + k] = static_cast<uint8_t>(rng.next());
      }
    }
    return "program header records";
  }
}

// A mutant: 1..4 mutation steps on one of the seeds. Deterministic in (seed, iteration).
std::vector<uint8_t> make_mutant(uint64_t prng_seed, uint64_t iteration,
                                 const std::vector<SeedElf>& seeds, std::string& description,
                                 size_t& which_seed) {
  Rng rng(prng_seed, 1, iteration);
  which_seed = rng.below(seeds.size());
  const SeedElf& seed = seeds[which_seed];
  std::vector<uint8_t> b = seed.bytes;
  const unsigned steps = rng.chance(60) ? 1 : 2 + static_cast<unsigned>(rng.below(3));
  description.clear();
  for (unsigned s = 0; s < steps; ++s) {
    const char* what = mutate_once(rng, seed, b);
    if (s == 0) description = what;
  }
  if (steps > 1) description += ", then more steps";
  return b;
}

// "segment 3: extends past ..." and "segment 1: extends past ..." count as one reason.
std::string normalize_reason(const std::string& reason) {
  std::string out;
  for (size_t i = 0; i < reason.size(); ++i) {
    if (reason.compare(i, 2, "0x") == 0) {
      out += "0x#";
      i += 2;
      while (i < reason.size() && std::isxdigit(static_cast<unsigned char>(reason[i]))) ++i;
      --i;
    } else if (std::isdigit(static_cast<unsigned char>(reason[i]))) {
      out += '#';
      while (i + 1 < reason.size() && std::isdigit(static_cast<unsigned char>(reason[i + 1]))) ++i;
    } else {
      out += reason[i];
    }
  }
  return out;
}

std::string exit_bucket(const vm::ExitStatus& status) {
  switch (status.kind) {
    case vm::ExitKind::Exited: return "run: exited";
    case vm::ExitKind::InstructionLimit: return "run: instruction limit";
    case vm::ExitKind::UnknownSyscall: return "run: unknown syscall";
    case vm::ExitKind::Signaled: {
      // "guest SIGSEGV: load from ..." -> "run: signaled SIGSEGV (load)"
      const std::string& m = status.message;
      const size_t colon = m.find(':');
      std::string what = colon == std::string::npos ? m : m.substr(0, colon);
      if (colon != std::string::npos && colon + 2 <= m.size()) {
        const std::string rest = m.substr(colon + 2);
        what += " (" + rest.substr(0, rest.find_first_of(" ")) + ")";
      }
      return "run: signaled " + what;
    }
  }
  return "run: ?";
}

std::vector<SeedElf> load_seeds() {
  const char* dir = std::getenv("VMBENCH_ROBUSTNESS_SEEDS_DIR");
  if (dir == nullptr || *dir == '\0') {
    ADD_FAILURE() << "VMBENCH_ROBUSTNESS_SEEDS_DIR is not set (run this test through ctest)";
    return {};
  }
  std::vector<SeedElf> seeds;
  for (const char* name : kSeedPrograms) seeds.push_back(load_seed(dir, name));
  return seeds;
}

TEST(ElfMutation, SeedsRunCleanlyUnderTheFilter) {
  // The unmutated seeds load and end normally under the same options as the mutants.
  for (const SeedElf& seed : load_seeds()) {
    SCOPED_TRACE(seed.name);
    SyscallTally tally;
    vm::GuestProcess process(seed.bytes, seed.name, fuzz_options(&tally));
    const vm::ExitStatus status = process.run();
    EXPECT_EQ(status.kind, vm::ExitKind::Exited) << status.message;
    std::printf(
        "seed %-10s %7zu bytes, %zu program headers: exit status %d, %llu syscalls "
        "allowed, %llu denied\n",
        seed.name.c_str(), seed.bytes.size(), static_cast<size_t>(seed.phnum), status.status,
        (unsigned long long)tally.allowed, (unsigned long long)tally.denied);
  }
}

// Counters and histograms of the ELF campaign in Shared.
enum ElfCounter { kLoadErrors, kRan, kRetired, kSlowestMicros, kSlowestIteration, kPeakRssKib };
enum ElfHistogram { kOutcomes, kLoadErrorReasons, kMutations, kDurations, kDurationMicros };

const char* duration_bucket(uint64_t micros) {
  if (micros < 1000) return "< 1 ms";
  if (micros < 10'000) return "1-10 ms";
  if (micros < 100'000) return "10-100 ms";
  if (micros < 1'000'000) return "100 ms - 1 s";
  return ">= 1 s";
}

// Runs mutant `i`: construct, run, classify. Never throws.
void run_mutant(uint64_t seed, uint64_t i, const std::vector<SeedElf>& seeds, bool verbose) {
  Shared* s = shared();
  std::string description;
  size_t which = 0;
  const std::vector<uint8_t> bytes = make_mutant(seed, i, seeds, description, which);
  s->histograms[kMutations].add(description);
  set_context("ELF mutant: seed 0x%llx iteration %llu (from %s, mutation: %s, %zu bytes)",
              (unsigned long long)seed, (unsigned long long)i, seeds[which].name.c_str(),
              description.c_str(), bytes.size());
  const auto t0 = std::chrono::steady_clock::now();
  std::unique_ptr<vm::GuestProcess> process;
  try {
    process = std::make_unique<vm::GuestProcess>(bytes, "mutant", fuzz_options(&s->syscalls));
  } catch (const vm::runtime::LoadError& e) {
    s->counters[kLoadErrors]++;
    s->histograms[kLoadErrorReasons].add(normalize_reason(e.what()));
    if (verbose) std::printf("mutant %llu: LoadError: %s\n", (unsigned long long)i, e.what());
  } catch (const std::exception& e) {
    s->histograms[kOutcomes].add("FAILURE: unexpected exception at construction");
    record_failure(std::string(s->context) + ": construction threw a non-LoadError: " + e.what());
  } catch (...) {
    s->histograms[kOutcomes].add("FAILURE: unexpected exception at construction");
    record_failure(std::string(s->context) + ": construction threw a non-std exception");
  }
  if (process) {
    try {
      const vm::ExitStatus status = process->run();
      s->histograms[kOutcomes].add(exit_bucket(status));
      s->counters[kRetired] += process->stats().instructions_retired;
      s->counters[kRan]++;
      if (verbose)
        std::printf("mutant %llu: ran: %s\n", (unsigned long long)i, status.message.c_str());
    } catch (const std::exception& e) {
      s->histograms[kOutcomes].add("FAILURE: run() threw");
      record_failure(std::string(s->context) + ": run() threw: " + e.what());
    } catch (...) {
      s->histograms[kOutcomes].add("FAILURE: run() threw");
      record_failure(std::string(s->context) + ": run() threw a non-std exception");
    }
    process.reset();  // one 16 GiB reservation at a time
  }
  const uint64_t micros = static_cast<uint64_t>(seconds_since(t0) * 1e6);
  s->histograms[kDurations].add(duration_bucket(micros));
  s->histograms[kDurationMicros].add(duration_bucket(micros), micros);
  if (micros > s->counters[kSlowestMicros]) {
    s->counters[kSlowestMicros] = micros;
    s->counters[kSlowestIteration] = i;
  }
}

// The bytes that differ from the seed, for a report ("offset: seed -> mutant").
std::string describe_mutant(const std::vector<uint8_t>& seed, const std::vector<uint8_t>& mutant) {
  std::string out =
      std::to_string(mutant.size()) + " bytes (seed " + std::to_string(seed.size()) + ")";
  int shown = 0;
  for (size_t k = 0; k < std::min(seed.size(), mutant.size()); ++k) {
    if (seed[k] == mutant[k]) continue;
    if (++shown > 24) {
      out += " ...";
      break;
    }
    char buf[48];
    std::snprintf(buf, sizeof buf, " [0x%zx] %02x->%02x", k, seed[k], mutant[k]);
    out += buf;
  }
  return out;
}

TEST(ElfMutation, MutantsLoadOrRunToAnExitStatus) {
  const std::vector<SeedElf> seeds = load_seeds();
  ASSERT_EQ(seeds.size(), std::size(kSeedPrograms));
  const uint64_t seed = base_seed();
  reset_shared();

  if (env_set("VMBENCH_ROBUSTNESS_ONLY")) {
    // Replay one mutant in this process (a crash is then a crash of the test: debug it).
    const uint64_t i = env_u64("VMBENCH_ROBUSTNESS_ONLY", 0);
    std::string description;
    size_t which = 0;
    const auto bytes = make_mutant(seed, i, seeds, description, which);
    std::printf("mutant %llu of seed 0x%llx: from %s, %s: %s\n", (unsigned long long)i,
                (unsigned long long)seed, seeds[which].name.c_str(), description.c_str(),
                describe_mutant(seeds[which].bytes, bytes).c_str());
    if (env_set("VMBENCH_ROBUSTNESS_DUMP")) {
      write_file(env_or("VMBENCH_ROBUSTNESS_DUMP", ""), bytes);
      std::printf("written to %s\n", env_or("VMBENCH_ROBUSTNESS_DUMP", "").c_str());
    }
    run_mutant(seed, i, seeds, true);
    report_recorded_failures();
    return;
  }

  const uint64_t mutants = env_u64("VMBENCH_ROBUSTNESS_MUTANTS", kDefaultMutants);
  std::printf("ELF mutation: PRNG seed 0x%016llx, %llu mutants of", (unsigned long long)seed,
              (unsigned long long)mutants);
  for (const auto& s : seeds) std::printf(" %s", s.name.c_str());
  std::printf("\n(replay one: VMBENCH_ROBUSTNESS_SEED=0x%llx VMBENCH_ROBUSTNESS_ONLY=<n>)\n",
              (unsigned long long)seed);

  const auto start = std::chrono::steady_clock::now();
  const std::vector<Crash> crashes = run_isolated(0, mutants, [&](uint64_t from, uint64_t to) {
    for (uint64_t i = from; i < to; ++i) {
      begin_item(i);
      run_mutant(seed, i, seeds, false);
      end_item(i);
      if (i % 1024 == 0) {
        shared()->counters[kPeakRssKib] = std::max(shared()->counters[kPeakRssKib], peak_rss_kib());
      }
    }
    shared()->counters[kPeakRssKib] = std::max(shared()->counters[kPeakRssKib], peak_rss_kib());
  });
  const double total = seconds_since(start);

  Shared* s = shared();
  std::map<std::string, uint64_t> outcomes = s->histograms[kOutcomes].to_map();
  outcomes["load error (LoadError at construction)"] = s->counters[kLoadErrors];
  for (const Crash& c : crashes) outcomes["CRASH: " + c.how]++;
  std::printf(
      "\n%llu mutants in %.2f s (%.0f us each): %llu load errors, %llu ran (%llu guest "
      "instructions in all), %zu crashed or hung, %zu other failures\n",
      (unsigned long long)mutants, total, total / std::max<uint64_t>(mutants, 1) * 1e6,
      (unsigned long long)s->counters[kLoadErrors], (unsigned long long)s->counters[kRan],
      (unsigned long long)s->counters[kRetired], crashes.size(), s->failure_count);
  print_histogram("outcomes:", outcomes);
  print_histogram("load errors by reason:", s->histograms[kLoadErrorReasons].to_map());
  print_histogram("mutations (1 to 4 steps, by the first):", s->histograms[kMutations].to_map());
  std::printf("time per mutant (construction + run):\n");
  const auto micros = s->histograms[kDurationMicros].to_map();
  for (const char* bucket : {"< 1 ms", "1-10 ms", "10-100 ms", "100 ms - 1 s", ">= 1 s"}) {
    const auto n = s->histograms[kDurations].to_map();
    if (!n.count(bucket)) continue;
    std::printf("  %8llu  %-13s %7.2f s in all\n", (unsigned long long)n.at(bucket), bucket,
                micros.at(bucket) / 1e6);
  }
  std::printf("syscalls the mutants attempted: %llu allowed, %llu denied with -EPERM; most denied:",
              (unsigned long long)s->syscalls.allowed, (unsigned long long)s->syscalls.denied);
  std::vector<std::pair<uint64_t, size_t>> denied;
  for (size_t n = 0; n < std::size(s->syscalls.denied_by_number); ++n) {
    if (s->syscalls.denied_by_number[n]) denied.emplace_back(s->syscalls.denied_by_number[n], n);
  }
  std::sort(denied.rbegin(), denied.rend());
  for (size_t k = 0; k < denied.size() && k < 8; ++k) {
    std::printf(" %zu%s(x%llu)", denied[k].second, denied[k].second == 512 ? "+" : "",
                (unsigned long long)denied[k].first);
  }
  std::printf("\nslowest mutant: #%llu, %.1f ms; peak RSS of a campaign process: %llu MiB\n",
              (unsigned long long)s->counters[kSlowestIteration], s->counters[kSlowestMicros] / 1e3,
              (unsigned long long)s->counters[kPeakRssKib] / 1024);

  for (size_t k = 0; k < crashes.size(); ++k) {
    const Crash& c = crashes[k];
    std::string description;
    size_t which = 0;
    const auto bytes = make_mutant(seed, c.item, seeds, description, which);
    const std::string file = "robustness-crash-" + std::to_string(c.item) + ".elf";
    if (k < 20) write_file(file, bytes);
    ADD_FAILURE() << "VM crash on ELF mutant " << c.item << " (seed 0x" << std::hex << seed
                  << std::dec << "): " << c.how << "\n  while running: " << c.context
                  << "\n  mutant: " << describe_mutant(seeds[which].bytes, bytes)
                  << (k < 20 ? "\n  saved as " + file : std::string())
                  << "\n  replay: VMBENCH_ROBUSTNESS_SEED=0x" << std::hex << seed << std::dec
                  << " VMBENCH_ROBUSTNESS_ONLY=" << c.item;
  }
  if (crashes.size() >= kMaxCrashes) ADD_FAILURE() << "stopped after " << kMaxCrashes << " crashes";
  report_recorded_failures();
  EXPECT_GE(mutants, kMinMutants);
  // The mutator must reach both sides: rejections and programs that run.
  EXPECT_GT(s->counters[kLoadErrors], mutants / 10);
  EXPECT_GT(s->counters[kRan], mutants / 10);
  EXPECT_LT(s->counters[kPeakRssKib], uint64_t{2} << 20) << "memory use must stay bounded";
}

// ---------------------------------------------------------------------------------------
// A hand-made program that tries write(1, "oops\n", 5) and exits with -result: the filter
// must turn the write into -EPERM (exit status 1) without writing anything.

uint32_t i_type(uint32_t opcode, uint32_t funct3, uint32_t rd, uint32_t rs1, int32_t imm) {
  return (static_cast<uint32_t>(imm) & 0xfff) << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode;
}
uint32_t addi(uint32_t rd, uint32_t rs1, int32_t imm) { return i_type(0x13, 0, rd, rs1, imm); }
uint32_t sub(uint32_t rd, uint32_t rs1, uint32_t rs2) {
  return 0x20u << 25 | rs2 << 20 | rs1 << 15 | rd << 7 | 0x33;
}
constexpr uint32_t kEcall = 0x00000073;
constexpr uint32_t kA0 = 10, kA1 = 11, kA2 = 12, kA7 = 17;

std::vector<uint8_t> minimal_elf(const std::vector<uint32_t>& code, const std::string& data) {
  constexpr uint64_t kBase = 0x10000, kCodeOffset = 64 + 56;
  std::vector<uint8_t> b(kCodeOffset);
  const uint8_t ident[] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0};
  std::memcpy(b.data(), ident, sizeof ident);
  put_le(b, 16, 2, 2);                    // ET_EXEC
  put_le(b, 18, 2, 243);                  // EM_RISCV
  put_le(b, 20, 4, 1);                    // EV_CURRENT
  put_le(b, 24, 8, kBase + kCodeOffset);  // e_entry
  put_le(b, 32, 8, 64);                   // e_phoff
  put_le(b, 52, 2, 64);                   // e_ehsize
  put_le(b, 54, 2, 56);                   // e_phentsize
  put_le(b, 56, 2, 1);                    // e_phnum
  for (uint32_t w : code) {
    for (int k = 0; k < 4; ++k) b.push_back(static_cast<uint8_t>(w >> (8 * k)));
  }
  b.insert(b.end(), data.begin(), data.end());
  put_le(b, 64 + 0, 4, 1);          // PT_LOAD
  put_le(b, 64 + 4, 4, 5);          // R X
  put_le(b, 64 + 8, 8, 0);          // p_offset
  put_le(b, 64 + 16, 8, kBase);     // p_vaddr
  put_le(b, 64 + 24, 8, kBase);     // p_paddr
  put_le(b, 64 + 32, 8, b.size());  // p_filesz
  put_le(b, 64 + 40, 8, b.size());  // p_memsz
  put_le(b, 64 + 48, 8, 0x1000);    // p_align
  return b;
}

std::vector<uint8_t> write_then_exit_program(int fd) {
  // auipc a1, 0 is instruction 1; the message follows the 9 instructions.
  const std::vector<uint32_t> code = {
      addi(kA0, 0, fd),
      0x00000017u | kA1 << 7,  // auipc a1, 0
      addi(kA1, kA1, 9 * 4 - 1 * 4),
      addi(kA2, 0, 5),
      addi(kA7, 0, 64),
      kEcall,
      sub(kA0, 0, kA0),
      addi(kA7, 0, 93),
      kEcall,
  };
  return minimal_elf(code, "oops\n");
}

// Runs `elf` with our fd 1 redirected to a temporary file; returns what was written to it.
std::string run_capturing_stdout(const std::vector<uint8_t>& elf, vm::ProcessOptions options,
                                 vm::ExitStatus& status, vm::ProcessStats& stats) {
  std::fflush(stdout);
  FILE* capture = std::tmpfile();
  if (capture == nullptr) throw std::runtime_error("tmpfile failed");
  const int saved = dup(1);
  dup2(fileno(capture), 1);
  {
    vm::GuestProcess process(elf, "write_then_exit", std::move(options));
    status = process.run();
    stats = process.stats();
  }
  dup2(saved, 1);
  close(saved);
  std::string out;
  std::rewind(capture);
  for (int c; (c = std::fgetc(capture)) != EOF;) out += static_cast<char>(c);
  std::fclose(capture);
  return out;
}

TEST(Regression, FilterDeniesWrite) {
  EXPECT_FALSE(syscall_allowed(64));   // write
  EXPECT_FALSE(syscall_allowed(56));   // openat
  EXPECT_FALSE(syscall_allowed(221));  // execve
  EXPECT_TRUE(syscall_allowed(93));
  vm::ExitStatus status;
  vm::ProcessStats stats;
  // Control: without the filter the program does write (the capture works).
  vm::ProcessOptions open_options;
  open_options.deterministic = true;
  open_options.max_instructions = 1000;
  EXPECT_EQ(run_capturing_stdout(write_then_exit_program(1), open_options, status, stats),
            "oops\n");
  EXPECT_EQ(status.kind, vm::ExitKind::Exited);
  EXPECT_EQ(status.status, 256 - 5);  // exit(-5)
  // With the fuzzing filter: -EPERM, nothing written.
  SyscallTally tally;
  EXPECT_EQ(run_capturing_stdout(write_then_exit_program(1), fuzz_options(&tally), status, stats),
            "");
  EXPECT_EQ(status.kind, vm::ExitKind::Exited) << status.message;
  EXPECT_EQ(status.status, 1);  // exit(EPERM)
  EXPECT_EQ(stats.syscalls.count("write"), 0u);
  EXPECT_EQ(tally.denied_by_number[64], 1u);
  EXPECT_EQ(tally.denied, 1u);
  EXPECT_EQ(tally.allowed, 1u);  // the exit
}

// A program that jumps to `target` (jalr to a constant): the guest must die of SIGSEGV
// (instruction fetch fault), wherever the target is, without harm to the host.
std::vector<uint8_t> jump_program(uint64_t target) {
  const std::vector<uint32_t> code = {
      0x00000017u | 6u << 7,      // auipc t1, 0
      i_type(0x03, 3, 5, 6, 16),  // ld t0, 16(t1)
      i_type(0x67, 0, 0, 5, 0),   // jalr x0, 0(t0)
      addi(0, 0, 0),              // nop (aligns the constant)
  };
  std::string constant(8, '\0');
  for (int k = 0; k < 8; ++k) constant[k] = static_cast<char>(target >> (8 * k));
  return minimal_elf(code, constant);
}

TEST(Regression, JumpOutsideTheAddressSpace) {
  const uint64_t space = vm::ProcessOptions{}.address_space_bytes;
  const std::vector<uint64_t> targets = {
      0,                    // unmapped page 0
      0x10000 + 64 * 1024,  // just past the program
      space - 2,            // last halfword of the guest space (unmapped)
      space,                // first address past it
      space + 0x14,
      space + 4096 * 5,
      space * 2,
      uint64_t{1} << 40,
      uint64_t{1} << 47,
      uint64_t{1} << 56,
      uint64_t{1} << 63,
      (uint64_t{1} << 63) + 0x14,
      ~uint64_t{0} - 0xfff,
      ~uint64_t{0} - 1,
  };
  reset_shared();
  const std::vector<Crash> crashes =
      run_isolated(0, targets.size(), [&](uint64_t from, uint64_t to) {
        for (uint64_t k = from; k < to; ++k) {
          begin_item(k);
          set_context("jump to 0x%llx", (unsigned long long)targets[k]);
          try {
            vm::GuestProcess process(jump_program(targets[k]), "jump", fuzz_options(nullptr));
            const vm::ExitStatus status = process.run();
            if (status.kind != vm::ExitKind::Signaled || status.status != 128 + SIGSEGV ||
                status.message.find("instruction fetch") == std::string::npos) {
              record_failure(std::string(shared()->context) +
                             ": expected a fetch fault, got status " +
                             std::to_string(status.status) + " (" + status.message + ")");
            }
          } catch (const std::exception& e) {
            record_failure(std::string(shared()->context) + ": exception " + e.what());
          }
          end_item(k);
        }
      });
  for (const Crash& c : crashes) {
    char target[32];
    std::snprintf(target, sizeof target, "0x%llx", (unsigned long long)targets[c.item]);
    ADD_FAILURE() << "VM crash: a guest jumping to " << target << " " << c.how;
  }
  report_recorded_failures();
}

// ---------------------------------------------------------------------------------------
// ---------------------------------------------------------------------------------------
// Random words through the decoder and the disassembler.

void check_decoded(const vm::isa::Instruction& insn, uint32_t bits, uint64_t pc) {
  const unsigned length = vm::isa::instruction_length(static_cast<uint16_t>(bits));
  if (insn.length != length) {
    ADD_FAILURE() << std::hex << "0x" << bits << ": length " << int(insn.length) << ", expected "
                  << length;
  }
  if (static_cast<size_t>(insn.op) >= static_cast<size_t>(vm::isa::Opcode::COUNT)) {
    ADD_FAILURE() << std::hex << "0x" << bits << ": opcode out of range";
  }
  if (insn.rd > 31 || insn.rs1 > 31 || insn.rs2 > 31 || insn.rs3 > 31) {
    ADD_FAILURE() << std::hex << "0x" << bits << ": register number out of range";
  }
  const std::string text = vm::isa::disassemble(insn, pc);
  if (text.empty()) ADD_FAILURE() << std::hex << "0x" << bits << ": empty disassembly";
  if (insn.op == vm::isa::Opcode::ILLEGAL && text.rfind(".2byte", 0) != 0 &&
      text.rfind(".4byte", 0) != 0 && text != "c.unimp") {
    ADD_FAILURE() << std::hex << "0x" << bits << ": ILLEGAL disassembles as '" << text << "'";
  }
  (void)vm::isa::mnemonic(insn.op);
  (void)vm::isa::format(insn.op);
  (void)vm::isa::ends_block(insn.op);
  for (auto operand : {vm::isa::Operand::RD, vm::isa::Operand::RS1, vm::isa::Operand::RS2,
                       vm::isa::Operand::RS3}) {
    (void)vm::isa::register_file(insn.op, operand);
  }
}

TEST(RandomWords, DecodeAndDisassemble) {
  const uint64_t seed = base_seed();
  std::printf("random words: PRNG seed 0x%016llx\n", (unsigned long long)seed);
  const auto start = std::chrono::steady_clock::now();
  constexpr uint64_t kWords32 = 1'000'000, kHalfwords = 1'000'000, kAnyWords = 500'000;
  Rng rng(seed, 2, 0);
  uint64_t illegal32 = 0, illegal16 = 0;

  for (uint64_t i = 0; i < kWords32; ++i) {
    const uint32_t bits = static_cast<uint32_t>(rng.next()) | 3u;  // 32-bit encodings
    const uint64_t pc = rng.next() & ~uint64_t{1};
    if ((i & 0xffff) == 0)
      set_context("random 32-bit words: seed 0x%llx index %llu", (unsigned long long)seed,
                  (unsigned long long)i);
    const vm::isa::Instruction insn = vm::isa::decode(bits);
    illegal32 += insn.op == vm::isa::Opcode::ILLEGAL;
    check_decoded(insn, bits, pc);
    if (testing::Test::HasFailure()) {
      FAIL() << "seed 0x" << std::hex << seed << " 32-bit word 0x" << bits;
    }
  }
  for (uint64_t i = 0; i < kHalfwords; ++i) {
    uint16_t half = static_cast<uint16_t>(rng.next());
    if ((half & 3) == 3) half ^= static_cast<uint16_t>(1 + rng.below(3));  // quadrants 0..2
    const uint32_t upper = static_cast<uint32_t>(rng.next()) << 16;
    const uint64_t pc = rng.next() & ~uint64_t{1};
    if ((i & 0xffff) == 0)
      set_context("random halfwords: seed 0x%llx index %llu", (unsigned long long)seed,
                  (unsigned long long)i);
    const vm::isa::Instruction insn = vm::isa::decode(half);
    illegal16 += insn.op == vm::isa::Opcode::ILLEGAL;
    check_decoded(insn, half, pc);
    // A compressed instruction is its low 16 bits: whatever follows must not matter.
    const vm::isa::Instruction with_upper = vm::isa::decode(half | upper);
    if (with_upper.op != insn.op || with_upper.compressed != insn.compressed ||
        with_upper.rd != insn.rd || with_upper.rs1 != insn.rs1 || with_upper.rs2 != insn.rs2 ||
        with_upper.imm != insn.imm || with_upper.length != 2) {
      ADD_FAILURE() << std::hex << "halfword 0x" << half
                    << " decodes differently with upper bits 0x" << (upper >> 16);
    }
    if (testing::Test::HasFailure()) {
      FAIL() << "seed 0x" << std::hex << seed << " halfword 0x" << half;
    }
  }
  for (uint64_t i = 0; i < kAnyWords; ++i) {
    const uint32_t bits = static_cast<uint32_t>(rng.next());
    if ((i & 0xffff) == 0)
      set_context("random words: seed 0x%llx index %llu", (unsigned long long)seed,
                  (unsigned long long)i);
    check_decoded(vm::isa::decode(bits), bits, rng.next() & ~uint64_t{1});
    if (testing::Test::HasFailure()) {
      FAIL() << "seed 0x" << std::hex << seed << " word 0x" << bits;
    }
  }
  std::printf(
      "decoded and disassembled %llu 32-bit words (%.1f%% illegal), %llu halfwords "
      "(%.1f%% illegal), %llu unconstrained words in %.2f s\n",
      (unsigned long long)kWords32, 100.0 * illegal32 / kWords32, (unsigned long long)kHalfwords,
      100.0 * illegal16 / kHalfwords, (unsigned long long)kAnyWords, seconds_since(start));
}

// ---------------------------------------------------------------------------------------
// Random code in the interpreter.

constexpr uint64_t kMemorySize = 4 << 20;
constexpr uint64_t kCodeBase = 0x10000, kCodeSize = 64 << 10;
constexpr uint64_t kDataBase = 0x40000, kDataSize = 256 << 10;

uint32_t rtype_like(Rng& rng, uint32_t opcode) {
  return (static_cast<uint32_t>(rng.next()) & ~0x7fu) | opcode;
}

// A word that is more likely than a random one to be a valid instruction that does
// something: a real major opcode, loads/stores based on registers that hold data pointers
// (x8..x15), short branches and jumps that mostly stay inside the code.
uint32_t plausible_word(Rng& rng) {
  static const std::vector<uint32_t> kOpcodes = {0x03, 0x07, 0x0f, 0x13, 0x17, 0x1b, 0x23,
                                                 0x27, 0x2f, 0x33, 0x37, 0x3b, 0x43, 0x47,
                                                 0x4b, 0x4f, 0x53, 0x63, 0x67, 0x6f, 0x73};
  const uint32_t opcode = rng.pick(kOpcodes);
  uint32_t w = rtype_like(rng, opcode);
  const uint32_t data_reg = 8 + static_cast<uint32_t>(rng.below(8));
  switch (opcode) {
    case 0x03:
    case 0x07:
    case 0x2f:  // loads, atomics: rs1 = data pointer, small offset
      w = (w & 0x000fffffu & ~(0x1fu << 15)) | data_reg << 15 |
          static_cast<uint32_t>(rng.below(256)) << 20;
      break;
    case 0x23:
    case 0x27:  // stores
      w = (w & 0x01fff07fu & ~(0x1fu << 15)) | data_reg << 15 |
          static_cast<uint32_t>(rng.below(32)) << 7;
      break;
    case 0x63: {  // branch: even offset within -128..+126 bytes
      const uint32_t imm = static_cast<uint32_t>(static_cast<int32_t>(rng.below(128)) - 64) * 2;
      w = (w & 0x01fff07fu) | ((imm >> 12) & 1) << 31 | ((imm >> 5) & 0x3f) << 25 |
          ((imm >> 1) & 0xf) << 8 | ((imm >> 11) & 1) << 7;
      break;
    }
    case 0x6f:  // jal: short offset
      w = (w & 0x00000fffu) | static_cast<uint32_t>(rng.below(64)) << 21;
      break;
    case 0x73:  // system: ecall, ebreak, or a csr access to a known csr
      if (rng.chance(50)) {
        w = rng.chance(80) ? 0x00000073u : 0x00100073u;
      } else {
        static const std::vector<uint32_t> kCsrs = {0x001, 0x002, 0x003, 0xc00,
                                                    0xc01, 0xc02, 0x300};
        w = (w & 0x000fffffu) | rng.pick(kCsrs) << 20;
      }
      break;
    default: break;
  }
  return w;
}

void fill_code(Rng& rng, std::vector<uint8_t>& code) {
  for (size_t at = 0; at + 4 <= code.size(); at += 4) {
    uint32_t w;
    const uint64_t kind = rng.below(100);
    if (kind < 20) {
      w = static_cast<uint32_t>(rng.next());
    } else if (kind < 35) {
      w = static_cast<uint32_t>(rng.next()) | 3u;
    } else if (kind < 85) {
      w = plausible_word(rng);
    } else {
      // Two compressed instructions.
      uint32_t lo = static_cast<uint32_t>(rng.next()) & 0xffff,
               hi = static_cast<uint32_t>(rng.next()) & 0xffff;
      if ((lo & 3) == 3) lo ^= 1;
      if ((hi & 3) == 3) hi ^= 2;
      w = lo | hi << 16;
    }
    std::memcpy(code.data() + at, &w, 4);
  }
}

uint64_t random_register_value(Rng& rng) {
  switch (rng.below(6)) {
    case 0: return 0;
    case 1: return rng.below(64);
    case 2: return kDataBase + (rng.below(kDataSize) & ~uint64_t{7});
    case 3: return kCodeBase + rng.below(kCodeSize);
    case 4: return ~uint64_t{0} - rng.below(64);
    default: return rng.next();
  }
}

enum CodeCounter { kExecuted, kDecoded, kSyscallStops, kRuns, kInvalidated, kBatches };
enum CodeHistogram { kRunEnds };
constexpr uint64_t kTargetExecuted = 1'200'000, kMaxBatches = 20'000;
constexpr int kRunsPerBatch = 256;
constexpr uint64_t kBudgetPerRun = 4000;
constexpr int kMaxSyscallStopsPerRun = 256;

// One batch: fresh random code in a fresh interpreter, kRunsPerBatch runs from random pcs.
void run_code_batch(uint64_t seed, uint64_t batch, vm::mem::GuestMemory& memory) {
  Shared* s = shared();
  Rng rng(seed, 3, batch);
  const bool writable_code = rng.chance(50);
  // The old engine is gone (its cache described the old code): remap and refill.
  memory.map(
      kCodeBase, kCodeSize,
      vm::mem::perm::kRead | vm::mem::perm::kExec | (writable_code ? vm::mem::perm::kWrite : 0));
  memory.map(kDataBase, kDataSize, vm::mem::perm::kRead | vm::mem::perm::kWrite);
  std::vector<uint8_t> code(kCodeSize);
  fill_code(rng, code);
  memory.poke(kCodeBase, code.data(), code.size());
  vm::engine::interp::Interpreter interp(memory);

  for (int r = 0; r < kRunsPerBatch; ++r) {
    vm::engine::CpuState cpu;
    for (int x = 1; x < 32; ++x) cpu.x[x] = random_register_value(rng);
    // x8..x15 are the base registers of plausible loads and stores: mostly data pointers.
    for (int x = 8; x < 16; ++x) {
      if (rng.chance(80)) cpu.x[x] = kDataBase + (rng.below(kDataSize - 4096) & ~uint64_t{7});
    }
    for (int f = 0; f < 32; ++f) {
      cpu.f[f] = rng.chance(50) ? rng.next() : (0xffffffff00000000ull | (rng.next() >> 32));
    }
    cpu.frm = static_cast<uint32_t>(rng.below(8));  // 5..7 are reserved: dynamic-rm ops fault
    cpu.deterministic = true;
    cpu.pc = kCodeBase + (rng.below(kCodeSize) & ~uint64_t{rng.chance(95) ? 1u : 0u});
    set_context("random code: seed 0x%llx batch %llu run %d from pc 0x%llx (code pages %s)",
                (unsigned long long)seed, (unsigned long long)batch, r, (unsigned long long)cpu.pc,
                writable_code ? "rwx" : "r-x");
    vm::engine::FaultInfo fault;
    int syscalls = 0;
    while (true) {
      const vm::engine::StopReason reason = interp.run(cpu, kBudgetPerRun, fault);
      if (reason == vm::engine::StopReason::Syscall) {
        s->counters[kSyscallStops]++;
        if (++syscalls > kMaxSyscallStopsPerRun) {
          s->histograms[kRunEnds].add("syscall stops limit");
          break;
        }
        cpu.pc += 4;  // skip the ecall and go on
        continue;
      }
      if (reason == vm::engine::StopReason::Fault) {
        static const char* const kKinds[] = {"load access",       "store access",
                                             "fetch access",      "illegal instruction",
                                             "misaligned atomic", "breakpoint"};
        const auto k = static_cast<size_t>(fault.kind);
        s->histograms[kRunEnds].add(std::string("fault: ") +
                                    (k < std::size(kKinds) ? kKinds[k] : "?"));
      } else {
        s->histograms[kRunEnds].add("instruction limit");
      }
      break;
    }
    if (cpu.instret > kBudgetPerRun) {
      record_failure(std::string(s->context) + ": retired " + std::to_string(cpu.instret) +
                     " instructions, more than the limit " + std::to_string(kBudgetPerRun));
    }
    if (cpu.x[0] != 0) record_failure(std::string(s->context) + ": x0 is not zero");
    s->counters[kExecuted] += cpu.instret;
    s->counters[kRuns]++;
  }
  const vm::engine::EngineStats stats = interp.stats();
  s->counters[kDecoded] += stats.instructions_decoded;
  s->counters[kInvalidated] += stats.blocks_invalidated;
  s->counters[kBatches]++;
}

TEST(RandomCode, InterpreterSurvivesRandomCode) {
  const uint64_t seed = base_seed();
  reset_shared();
  if (env_set("VMBENCH_ROBUSTNESS_BATCH")) {
    const uint64_t batch = env_u64("VMBENCH_ROBUSTNESS_BATCH", 0);
    vm::mem::GuestMemory memory(kMemorySize);
    run_code_batch(seed, batch, memory);
    std::printf("batch %llu: %llu instructions executed\n", (unsigned long long)batch,
                (unsigned long long)shared()->counters[kExecuted]);
    print_histogram("run ends:", shared()->histograms[kRunEnds].to_map());
    report_recorded_failures();
    return;
  }
  std::printf("random code: PRNG seed 0x%016llx (replay a batch: VMBENCH_ROBUSTNESS_BATCH=<n>)\n",
              (unsigned long long)seed);
  const auto start = std::chrono::steady_clock::now();
  const std::vector<Crash> crashes = run_isolated(0, kMaxBatches, [&](uint64_t from, uint64_t to) {
    vm::mem::GuestMemory memory(kMemorySize);
    for (uint64_t b = from; b < to; ++b) {
      begin_item(b);
      if (shared()->counters[kExecuted] >= kTargetExecuted &&
          shared()->counters[kDecoded] >= kTargetExecuted) {
        end_item(to - 1);  // enough: the campaign is complete
        return;
      }
      run_code_batch(seed, b, memory);
      end_item(b);
    }
  });
  const Shared* s = shared();
  std::printf(
      "random code: %llu batches, %llu runs, %llu instructions executed, %llu decoded, "
      "%llu syscall stops skipped, %llu blocks invalidated by stores to code, "
      "%zu batches crashed, %.2f s\n",
      (unsigned long long)s->counters[kBatches], (unsigned long long)s->counters[kRuns],
      (unsigned long long)s->counters[kExecuted], (unsigned long long)s->counters[kDecoded],
      (unsigned long long)s->counters[kSyscallStops], (unsigned long long)s->counters[kInvalidated],
      crashes.size(), seconds_since(start));
  std::map<std::string, uint64_t> ends = s->histograms[kRunEnds].to_map();
  for (const Crash& c : crashes) ends["CRASH: " + c.how]++;
  print_histogram("run ends:", ends);
  for (size_t k = 0; k < crashes.size() && k < 20; ++k) {
    ADD_FAILURE() << "VM crash in random code batch " << crashes[k].item << ": " << crashes[k].how
                  << "\n  while running: " << crashes[k].context
                  << "\n  replay: VMBENCH_ROBUSTNESS_SEED=0x" << std::hex << seed << std::dec
                  << " VMBENCH_ROBUSTNESS_BATCH=" << crashes[k].item;
  }
  if (crashes.size() > 20)
    ADD_FAILURE() << "... " << crashes.size() - 20 << " more crashed batches";
  report_recorded_failures();
  EXPECT_GE(s->counters[kExecuted], 1'000'000u);
  EXPECT_GE(s->counters[kDecoded], 1'000'000u);
}

}  // namespace
}  // namespace vmbench::robustness
