// Signal dispositions and self-directed signals. The VM does not deliver signals to guest
// handlers; it keeps dispositions so that default actions (terminate, ignore) are exact, and
// stops with a clear message when a guest handler would have to run.
#include <signal.h>

#include <cerrno>
#include <string>

#include "vm/runtime/guest_signal.h"
#include "vm/runtime/syscalls/syscall_table.h"

namespace vm::runtime {
namespace {

constexpr uint64_t kSigDfl = 0, kSigIgn = 1;
constexpr int kMaxSignal = 64;

bool ignored_by_default(int sig) {
  return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT;
}

// struct sigaction as the riscv64 kernel lays it out (no sa_restorer).
struct GuestSigaction {
  uint64_t handler, flags, mask;
};

int64_t sys_rt_sigaction(SyscallContext& ctx, const SyscallArgs& args) {
  const int sig = static_cast<int>(args.a[0]);
  if (sig < 1 || sig > kMaxSignal || args.a[3] != 8) return -EINVAL;
  GuestSigaction old{ctx.signal_handlers[sig], 0, 0};
  if (args.a[1] != 0) {
    if (sig == SIGKILL || sig == SIGSTOP) return -EINVAL;
    GuestSigaction action;
    if (!ctx.copy_in(args.a[1], &action, sizeof action)) return -EFAULT;
    ctx.signal_handlers[sig] = action.handler;
  }
  if (args.a[2] != 0 && !ctx.copy_out(args.a[2], &old, sizeof old)) return -EFAULT;
  return 0;
}

int64_t sys_rt_sigprocmask(SyscallContext& ctx, const SyscallArgs& args) {
  if (args.a[3] != 8) return -EINVAL;
  const uint64_t old = ctx.signal_mask;
  if (args.a[1] != 0) {
    uint64_t set;
    if (!ctx.copy_in(args.a[1], &set, sizeof set)) return -EFAULT;
    switch (args.a[0]) {
      case SIG_BLOCK: ctx.signal_mask |= set; break;
      case SIG_UNBLOCK: ctx.signal_mask &= ~set; break;
      case SIG_SETMASK: ctx.signal_mask = set; break;
      default: return -EINVAL;
    }
  }
  if (args.a[2] != 0 && !ctx.copy_out(args.a[2], &old, sizeof old)) return -EFAULT;
  return 0;
}

int64_t sys_sigaltstack(SyscallContext& ctx, const SyscallArgs& args) {
  // No alternate stack is ever in use (handlers are not run): report it disabled.
  if (args.a[1] != 0) {
    const uint64_t disabled[3] = {0, SS_DISABLE, 0};
    if (!ctx.copy_out(args.a[1], disabled, sizeof disabled)) return -EFAULT;
  }
  return 0;
}

// A signal the process sends itself takes effect at once, as Linux delivers it on return.
int64_t signal_self(SyscallContext& ctx, int sig) {
  if (sig == 0) return 0;
  if (sig < 1 || sig > kMaxSignal) return -EINVAL;
  const uint64_t handler = ctx.signal_handlers[sig];
  const bool blockable = sig != SIGKILL && sig != SIGSTOP;
  if (blockable && (ctx.signal_mask & (uint64_t{1} << (sig - 1)))) return 0;  // stays pending
  if (blockable && (handler == kSigIgn || (handler == kSigDfl && ignored_by_default(sig)))) {
    return 0;
  }
  if (blockable && handler != kSigDfl) {
    ctx.exit =
        ExitStatus{ExitKind::Signaled, 128 + sig,
                   "guest " + signal_name(sig) +
                       " has a guest handler; running guest signal handlers is not supported"};
    return 0;
  }
  ctx.exit = ExitStatus{ExitKind::Signaled, 128 + sig, "guest killed by " + signal_name(sig)};
  return 0;
}

bool is_self(SyscallContext& ctx, int64_t pid) { return pid == 0 || pid == ctx.pid(); }

int64_t sys_kill(SyscallContext& ctx, const SyscallArgs& args) {
  if (!is_self(ctx, static_cast<int64_t>(args.a[0]))) return -EPERM;
  return signal_self(ctx, static_cast<int>(args.a[1]));
}

int64_t sys_tkill(SyscallContext& ctx, const SyscallArgs& args) {
  if (!is_self(ctx, static_cast<int64_t>(args.a[0]))) return -ESRCH;
  return signal_self(ctx, static_cast<int>(args.a[1]));
}

int64_t sys_tgkill(SyscallContext& ctx, const SyscallArgs& args) {
  if (!is_self(ctx, static_cast<int64_t>(args.a[0])) ||
      !is_self(ctx, static_cast<int64_t>(args.a[1]))) {
    return -ESRCH;
  }
  return signal_self(ctx, static_cast<int>(args.a[2]));
}

constexpr SyscallDescriptor kSignal[] = {
    {129, "kill", sys_kill},
    {130, "tkill", sys_tkill},
    {131, "tgkill", sys_tgkill},
    {132, "sigaltstack", sys_sigaltstack},
    {134, "rt_sigaction", sys_rt_sigaction},
    {135, "rt_sigprocmask", sys_rt_sigprocmask},
};

}  // namespace

std::span<const SyscallDescriptor> signal_syscalls() { return kSignal; }

}  // namespace vm::runtime
