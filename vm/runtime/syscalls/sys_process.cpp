// Process identity, limits, randomness and exit, for a single-threaded process. In
// deterministic mode identity and randomness are fixed so that runs repeat exactly.
#include <sched.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "vm/runtime/syscalls/guest_buffer.h"
#include "vm/runtime/syscalls/syscall_table.h"

namespace vm::runtime {
namespace {

int64_t sys_exit_group(SyscallContext& ctx, const SyscallArgs& args) {
  const int code = static_cast<int>(args.a[0] & 0xff);
  ctx.exit = ExitStatus{ExitKind::Exited, code, ""};
  return 0;
}

int64_t sys_getpid(SyscallContext& ctx, const SyscallArgs&) { return ctx.pid(); }
int64_t sys_getppid(SyscallContext& ctx, const SyscallArgs&) {
  return ctx.options.deterministic ? ctx.pid() - 1 : ::getppid();
}
int64_t sys_getuid(SyscallContext& ctx, const SyscallArgs&) {
  return ctx.options.deterministic ? 0 : ::getuid();
}
int64_t sys_geteuid(SyscallContext& ctx, const SyscallArgs&) {
  return ctx.options.deterministic ? 0 : ::geteuid();
}
int64_t sys_getgid(SyscallContext& ctx, const SyscallArgs&) {
  return ctx.options.deterministic ? 0 : ::getgid();
}
int64_t sys_getegid(SyscallContext& ctx, const SyscallArgs&) {
  return ctx.options.deterministic ? 0 : ::getegid();
}

int64_t sys_set_tid_address(SyscallContext& ctx, const SyscallArgs& args) {
  ctx.clear_child_tid = args.a[0];
  return ctx.pid();  // the only thread's tid is the pid
}

// The robust futex list only matters when a thread dies holding a lock; there is one thread.
int64_t sys_set_robust_list(SyscallContext&, const SyscallArgs& args) {
  return args.a[1] == 24 ? 0 : -EINVAL;  // sizeof(struct robust_list_head)
}

int64_t sys_futex(SyscallContext& ctx, const SyscallArgs& args) {
  constexpr uint64_t kCmdMask = 0x7f;  // without FUTEX_PRIVATE_FLAG / CLOCK_REALTIME
  switch (args.a[1] & kCmdMask) {
    case 1:  // FUTEX_WAKE: nobody else can be waiting
      return 0;
    case 0: {  // FUTEX_WAIT: with one thread nobody could wake us; only a changed value returns
      uint32_t value;
      if (!ctx.copy_in(args.a[0], &value, sizeof value)) return -EFAULT;
      return value != static_cast<uint32_t>(args.a[2]) ? -EAGAIN : -EDEADLK;
    }
    default: return -ENOSYS;
  }
}

int64_t sys_uname(SyscallContext& ctx, const SyscallArgs& args) {
  struct utsname u {};
  if (ctx.options.deterministic) {
    std::strcpy(u.sysname, "Linux");
    std::strcpy(u.nodename, "vmbench");
    std::strcpy(u.release, "6.1.0");
    std::strcpy(u.version, "#1 SMP");
  } else {
    ::uname(&u);
  }
  std::strcpy(u.machine, "riscv64");
  std::strcpy(u.domainname, "(none)");
  // Both architectures use six 65-byte fields.
  return ctx.copy_out(args.a[0], &u, sizeof u) ? 0 : -EFAULT;
}

int64_t sys_prlimit64(SyscallContext& ctx, const SyscallArgs& args) {
  if (args.a[0] != 0 && static_cast<int64_t>(args.a[0]) != ctx.pid()) return -ESRCH;
  const int resource = static_cast<int>(args.a[1]);
  struct rlimit64 old_limit;
  if (resource == RLIMIT_STACK) {
    old_limit.rlim_cur = old_limit.rlim_max = ctx.options.stack_bytes;
  } else if (::prlimit64(0, static_cast<__rlimit_resource>(resource), nullptr, &old_limit) < 0) {
    return -errno;
  }
  if (args.a[2] != 0) {
    struct rlimit64 new_limit;
    if (!ctx.copy_in(args.a[2], &new_limit, sizeof new_limit)) return -EFAULT;
    if (new_limit.rlim_cur > new_limit.rlim_max) return -EINVAL;
    // The guest's stack is fixed at load time; other limits apply to the VM process itself.
    if (resource == RLIMIT_STACK) return -EPERM;
    if (::prlimit64(0, static_cast<__rlimit_resource>(resource), &new_limit, nullptr) < 0) {
      return -errno;
    }
  }
  if (args.a[3] != 0 && !ctx.copy_out(args.a[3], &old_limit, sizeof old_limit)) return -EFAULT;
  return 0;
}

int64_t sys_getrlimit(SyscallContext& ctx, const SyscallArgs& args) {
  return sys_prlimit64(ctx, SyscallArgs{{0, args.a[0], 0, args.a[1], 0, 0}});
}

int64_t sys_getrandom(SyscallContext& ctx, const SyscallArgs& args) {
  GuestBuffer buf(ctx, args.a[0], args.a[1], Direction::ToGuest);
  if (!buf) return -EFAULT;
  if (ctx.options.deterministic) {
    for (uint64_t i = 0; i < buf.size(); ++i) buf.data()[i] = static_cast<uint8_t>(ctx.random());
    return static_cast<int64_t>(buf.size());
  }
  const ssize_t n = ::getrandom(buf.data(), buf.size(), static_cast<unsigned>(args.a[2]));
  return n < 0 ? -errno : n;
}

// The guest has one hart: its affinity mask is CPU 0.
int64_t sys_sched_getaffinity(SyscallContext& ctx, const SyscallArgs& args) {
  const uint64_t size = args.a[1];
  if (size < 8 || size % 8) return -EINVAL;
  std::vector<uint8_t> mask(size, 0);
  mask[0] = 1;
  return ctx.copy_out(args.a[2], mask.data(), size) ? 8 : -EFAULT;
}

// struct sysinfo has the same layout on both 64-bit architectures. Deterministic runs see a
// fixed machine: memory as large as the guest address space, half of it free, one process.
int64_t sys_sysinfo(SyscallContext& ctx, const SyscallArgs& args) {
  struct sysinfo info {};
  if (ctx.options.deterministic) {
    info.uptime = static_cast<long>(ctx.cpu.instret / 1'000'000'000);
    info.totalram = ctx.options.address_space_bytes;
    info.freeram = ctx.options.address_space_bytes / 2;
    info.procs = 1;
    info.mem_unit = 1;
  } else if (::sysinfo(&info) < 0) {
    return -errno;
  }
  return ctx.copy_out(args.a[0], &info, sizeof info) ? 0 : -EFAULT;
}

int64_t sys_sched_yield(SyscallContext&, const SyscallArgs&) { return 0; }

int64_t sys_getrusage(SyscallContext& ctx, const SyscallArgs& args) {
  struct rusage ru {};
  if (!ctx.options.deterministic && ::getrusage(static_cast<int>(args.a[0]), &ru) < 0) {
    return -errno;
  }
  if (ctx.options.deterministic) {
    const int64_t ns = static_cast<int64_t>(ctx.cpu.instret);
    ru.ru_utime.tv_sec = ns / 1'000'000'000;
    ru.ru_utime.tv_usec = (ns % 1'000'000'000) / 1000;
  }
  // struct rusage is the same on both architectures (timevals and longs).
  return ctx.copy_out(args.a[1], &ru, sizeof ru) ? 0 : -EFAULT;
}

// Restartable sequences need kernel cooperation on preemption; answer as a kernel built
// without CONFIG_RSEQ does. glibc then simply does not use them.
int64_t sys_rseq(SyscallContext&, const SyscallArgs&) { return -ENOSYS; }

int64_t sys_riscv_flush_icache(SyscallContext& ctx, const SyscallArgs&) {
  ctx.flush_code();
  return 0;
}

constexpr SyscallDescriptor kProcess[] = {
    {93, "exit", sys_exit_group},
    {94, "exit_group", sys_exit_group},
    {96, "set_tid_address", sys_set_tid_address},
    {98, "futex", sys_futex},
    {99, "set_robust_list", sys_set_robust_list},
    {123, "sched_getaffinity", sys_sched_getaffinity},
    {124, "sched_yield", sys_sched_yield},
    {160, "uname", sys_uname},
    {163, "getrlimit", sys_getrlimit},
    {165, "getrusage", sys_getrusage},
    {179, "sysinfo", sys_sysinfo},
    {172, "getpid", sys_getpid},
    {173, "getppid", sys_getppid},
    {174, "getuid", sys_getuid},
    {175, "geteuid", sys_geteuid},
    {176, "getgid", sys_getgid},
    {177, "getegid", sys_getegid},
    {178, "gettid", sys_getpid},
    {259, "riscv_flush_icache", sys_riscv_flush_icache},
    {261, "prlimit64", sys_prlimit64},
    {278, "getrandom", sys_getrandom},
    {293, "rseq", sys_rseq},
};

}  // namespace

std::span<const SyscallDescriptor> process_syscalls() { return kProcess; }

}  // namespace vm::runtime
