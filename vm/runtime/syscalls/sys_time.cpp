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

int64_t sleep_for(SyscallContext& ctx, uint64_t request_addr) {
  GuestTimespec req;
  if (!ctx.copy_in(request_addr, &req, sizeof req)) return -EFAULT;
  if (req.sec < 0 || req.nsec < 0 || req.nsec >= 1'000'000'000) return -EINVAL;
  if (ctx.options.deterministic) {
    ctx.virtual_sleep_ns += req.sec * 1'000'000'000 + req.nsec;
    return 0;
  }
  const timespec ts{req.sec, req.nsec};
  while (nanosleep(&ts, nullptr) != 0 && errno == EINTR) {
  }
  return 0;
}

int64_t sys_nanosleep(SyscallContext& ctx, const SyscallArgs& args) {
  return sleep_for(ctx, args.a[0]);
}

int64_t sys_clock_nanosleep(SyscallContext& ctx, const SyscallArgs& args) {
  bool ok;
  const int64_t now = clock_ns(ctx, args.a[0], ok);
  if (!ok) return -EINVAL;
  if (args.a[1] & TIMER_ABSTIME) {
    GuestTimespec until;
    if (!ctx.copy_in(args.a[2], &until, sizeof until)) return -EFAULT;
    const int64_t wait = until.sec * 1'000'000'000 + until.nsec - now;
    if (wait <= 0) return 0;
    const GuestTimespec rel = split(wait);
    if (ctx.options.deterministic) {
      ctx.virtual_sleep_ns += wait;
      return 0;
    }
    const timespec ts{rel.sec, rel.nsec};
    while (nanosleep(&ts, nullptr) != 0 && errno == EINTR) {
    }
    return 0;
  }
  return sleep_for(ctx, args.a[2]);
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
