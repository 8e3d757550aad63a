// Clocks and sleeping. In deterministic mode every clock is virtual: it advances with retired
// guest instructions (1 ns each) and with the time the guest asked to sleep, nothing else.
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>

#include <cerrno>

#include "vm/runtime/syscalls/syscall_table.h"

namespace vm::runtime {
namespace {

struct GuestTimespec {
  int64_t sec, nsec;
};

GuestTimespec split(int64_t ns) { return {ns / 1'000'000'000, ns % 1'000'000'000}; }

int64_t clock_ns(SyscallContext& ctx, uint64_t clock_id, bool& ok) {
  ok = true;
  switch (clock_id) {
    case CLOCK_REALTIME:
    case CLOCK_REALTIME_COARSE: return ctx.realtime_ns();
    case CLOCK_MONOTONIC:
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_MONOTONIC_COARSE:
    case CLOCK_BOOTTIME: return ctx.monotonic_ns();
    case CLOCK_PROCESS_CPUTIME_ID:
    case CLOCK_THREAD_CPUTIME_ID:
      if (ctx.options.deterministic) return static_cast<int64_t>(ctx.cpu.instret);
      {
        timespec ts;
        clock_gettime(static_cast<clockid_t>(clock_id), &ts);
        return ts.tv_sec * 1'000'000'000ll + ts.tv_nsec;
      }
    default: ok = false; return 0;
  }
}

int64_t sys_clock_gettime(SyscallContext& ctx, const SyscallArgs& args) {
  bool ok;
  const int64_t ns = clock_ns(ctx, args.a[0], ok);
  if (!ok) return -EINVAL;
  const GuestTimespec ts = split(ns);
  return ctx.copy_out(args.a[1], &ts, sizeof ts) ? 0 : -EFAULT;
}

int64_t sys_clock_getres(SyscallContext& ctx, const SyscallArgs& args) {
  bool ok;
  clock_ns(ctx, args.a[0], ok);
  if (!ok) return -EINVAL;
  const GuestTimespec res{0, 1};
  if (args.a[1] == 0) return 0;
  return ctx.copy_out(args.a[1], &res, sizeof res) ? 0 : -EFAULT;
}

int64_t sys_gettimeofday(SyscallContext& ctx, const SyscallArgs& args) {
  if (args.a[0] != 0) {
    const int64_t ns = ctx.realtime_ns();
    const int64_t tv[2] = {ns / 1'000'000'000, (ns % 1'000'000'000) / 1000};
    if (!ctx.copy_out(args.a[0], tv, sizeof tv)) return -EFAULT;
  }
  if (args.a[1] != 0) {
    const int32_t tz[2] = {0, 0};
    if (!ctx.copy_out(args.a[1], tz, sizeof tz)) return -EFAULT;
  }
  return 0;
}

// Reads a guest timespec as nanoseconds: 0, -EFAULT, or -EINVAL for an invalid one.
int64_t read_timespec_ns(SyscallContext& ctx, uint64_t addr, int64_t& ns) {
  GuestTimespec ts;
  if (!ctx.copy_in(addr, &ts, sizeof ts)) return -EFAULT;
  if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1'000'000'000) return -EINVAL;
  ns = ts.sec * 1'000'000'000 + ts.nsec;
  return 0;
}

// Sleeps `ns` nanoseconds of host time, or advances the virtual clocks when deterministic.
int64_t sleep_ns(SyscallContext& ctx, int64_t ns) {
  if (ns <= 0) return 0;
  if (ctx.options.deterministic) {
    ctx.virtual_sleep_ns += ns;
    return 0;
  }
  const GuestTimespec parts = split(ns);
  timespec left{parts.sec, parts.nsec};
  while (nanosleep(&left, &left) != 0 && errno == EINTR) {
  }
  return 0;
}

int64_t sys_nanosleep(SyscallContext& ctx, const SyscallArgs& args) {
  int64_t ns;
  if (const int64_t err = read_timespec_ns(ctx, args.a[0], ns)) return err;
  return sleep_ns(ctx, ns);
}

int64_t sys_clock_nanosleep(SyscallContext& ctx, const SyscallArgs& args) {
  bool ok;
  const int64_t now = clock_ns(ctx, args.a[0], ok);
  if (!ok) return -EINVAL;
  int64_t ns;
  if (const int64_t err = read_timespec_ns(ctx, args.a[2], ns)) return err;
  return sleep_ns(ctx, (args.a[1] & TIMER_ABSTIME) ? ns - now : ns);
}

int64_t sys_times(SyscallContext& ctx, const SyscallArgs& args) {
  struct tms t {};
  clock_t ticks;
  if (ctx.options.deterministic) {
    // 100 ticks per second of virtual time.
    ticks = static_cast<clock_t>(ctx.monotonic_ns() / 10'000'000);
    t.tms_utime = static_cast<clock_t>(ctx.cpu.instret / 10'000'000);
  } else {
    ticks = ::times(&t);
  }
  const int64_t guest[4] = {t.tms_utime, t.tms_stime, t.tms_cutime, t.tms_cstime};
  if (args.a[0] != 0 && !ctx.copy_out(args.a[0], guest, sizeof guest)) return -EFAULT;
  return ticks;
}

constexpr SyscallDescriptor kTime[] = {
    {101, "nanosleep", sys_nanosleep},
    {113, "clock_gettime", sys_clock_gettime},
    {114, "clock_getres", sys_clock_getres},
    {115, "clock_nanosleep", sys_clock_nanosleep},
    {153, "times", sys_times},
    {169, "gettimeofday", sys_gettimeofday},
};

}  // namespace

std::span<const SyscallDescriptor> time_syscalls() { return kTime; }

}  // namespace vm::runtime
