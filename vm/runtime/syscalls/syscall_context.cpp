#include "vm/runtime/syscalls/syscall_context.h"

#include <time.h>

#include <unistd.h>
#include <cerrno>

namespace vm::runtime {
namespace {

constexpr int64_t kDeterministicPid = 1000;
// Deterministic wall clock starts at 2024-01-01T00:00:00Z.
constexpr int64_t kDeterministicEpochNs = 1'704'067'200'000'000'000;

int64_t host_clock_ns(clockid_t id) {
  timespec ts;
  clock_gettime(id, &ts);
  return ts.tv_sec * 1'000'000'000ll + ts.tv_nsec;
}

}  // namespace

int64_t SyscallContext::pid() const {
  return options.deterministic ? kDeterministicPid : ::getpid();
}

int64_t SyscallContext::monotonic_ns() const {
  if (options.deterministic) return static_cast<int64_t>(cpu.instret) + virtual_sleep_ns;
  return host_clock_ns(CLOCK_MONOTONIC);
}

int64_t SyscallContext::realtime_ns() const {
  if (options.deterministic) return kDeterministicEpochNs + monotonic_ns();
  return host_clock_ns(CLOCK_REALTIME);
}

int64_t SyscallContext::read_string(uint64_t guest, std::string& out) const {
  constexpr size_t kPathMax = 4096;  // PATH_MAX, including the terminating NUL
  out.clear();
  for (size_t i = 0; i < kPathMax; ++i) {
    char c;
    if (!memory.read(guest + i, &c, 1)) return -EFAULT;
    if (c == '\0') return 0;
    out.push_back(c);
  }
  return -ENAMETOOLONG;
}

}  // namespace vm::runtime
