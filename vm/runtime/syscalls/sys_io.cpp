// Byte I/O on file descriptors. Guest descriptors are host descriptors (as in qemu-user):
// the guest's 0/1/2 are the VM's own, so output passes through unchanged.
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "vm/runtime/syscalls/guest_buffer.h"
#include "vm/runtime/syscalls/syscall_table.h"

namespace vm::runtime {
namespace {

int64_t result(int64_t r) { return r < 0 ? -errno : r; }

int64_t sys_read(SyscallContext& ctx, const SyscallArgs& args) {
  GuestBuffer buf(ctx, args.a[1], args.a[2], Direction::ToGuest);
  if (!buf) return -EFAULT;
  return result(::read(static_cast<int>(args.a[0]), buf.data(), buf.size()));
}

int64_t sys_write(SyscallContext& ctx, const SyscallArgs& args) {
  GuestBuffer buf(ctx, args.a[1], args.a[2], Direction::FromGuest);
  if (!buf) return -EFAULT;
  return result(::write(static_cast<int>(args.a[0]), buf.data(), buf.size()));
}

int64_t sys_pread64(SyscallContext& ctx, const SyscallArgs& args) {
  GuestBuffer buf(ctx, args.a[1], args.a[2], Direction::ToGuest);
  if (!buf) return -EFAULT;
  return result(
      ::pread(static_cast<int>(args.a[0]), buf.data(), buf.size(), static_cast<off_t>(args.a[3])));
}

int64_t sys_pwrite64(SyscallContext& ctx, const SyscallArgs& args) {
  GuestBuffer buf(ctx, args.a[1], args.a[2], Direction::FromGuest);
  if (!buf) return -EFAULT;
  return result(
      ::pwrite(static_cast<int>(args.a[0]), buf.data(), buf.size(), static_cast<off_t>(args.a[3])));
}

// readv/writev: the iovec layout (two 64-bit words) is the same for riscv64 and x86-64.
int64_t vectored(SyscallContext& ctx, const SyscallArgs& args, Direction direction) {
  const uint64_t count = args.a[2];
  if (count > IOV_MAX) return -EINVAL;
  std::vector<uint64_t> raw(count * 2);
  if (count && !ctx.copy_in(args.a[1], raw.data(), count * 16)) return -EFAULT;
  std::vector<iovec> iov(count);
  for (uint64_t i = 0; i < count; ++i) {
    GuestBuffer buf(ctx, raw[2 * i], raw[2 * i + 1], direction);
    if (!buf) return -EFAULT;
    iov[i] = iovec{buf.data(), buf.size()};
  }
  const int fd = static_cast<int>(args.a[0]);
  const int n = static_cast<int>(count);
  return result(direction == Direction::ToGuest ? ::readv(fd, iov.data(), n)
                                                : ::writev(fd, iov.data(), n));
}

int64_t sys_readv(SyscallContext& ctx, const SyscallArgs& args) {
  return vectored(ctx, args, Direction::ToGuest);
}
int64_t sys_writev(SyscallContext& ctx, const SyscallArgs& args) {
  return vectored(ctx, args, Direction::FromGuest);
}

int64_t sys_lseek(SyscallContext&, const SyscallArgs& args) {
  return result(::lseek(static_cast<int>(args.a[0]), static_cast<off_t>(args.a[1]),
                        static_cast<int>(args.a[2])));
}

int64_t sys_close(SyscallContext&, const SyscallArgs& args) {
  return result(::close(static_cast<int>(args.a[0])));
}

int64_t sys_dup(SyscallContext&, const SyscallArgs& args) {
  return result(::dup(static_cast<int>(args.a[0])));
}

int64_t sys_dup3(SyscallContext&, const SyscallArgs& args) {
  return result(::dup3(static_cast<int>(args.a[0]), static_cast<int>(args.a[1]),
                       static_cast<int>(args.a[2])));
}

int64_t sys_fcntl(SyscallContext&, const SyscallArgs& args) {
  const int cmd = static_cast<int>(args.a[1]);
  switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
    case F_GETFD:
    case F_SETFD:
    case F_GETFL:
    case F_SETFL:
      return result(::fcntl(static_cast<int>(args.a[0]), cmd, static_cast<int>(args.a[2])));
    default: return -EINVAL;  // record locks and the rest take structures we do not translate
  }
}

// Terminal queries glibc's stdio makes; the structures are identical on both architectures.
int64_t sys_ioctl(SyscallContext& ctx, const SyscallArgs& args) {
  const int fd = static_cast<int>(args.a[0]);
  switch (args.a[1]) {
    case TCGETS: {
      unsigned char termios_bytes[36];  // struct termios (kernel layout)
      if (::ioctl(fd, TCGETS, termios_bytes) < 0) return -errno;
      return ctx.copy_out(args.a[2], termios_bytes, sizeof termios_bytes) ? 0 : -EFAULT;
    }
    case TIOCGWINSZ: {
      winsize ws;
      if (::ioctl(fd, TIOCGWINSZ, &ws) < 0) return -errno;
      return ctx.copy_out(args.a[2], &ws, sizeof ws) ? 0 : -EFAULT;
    }
    default: return -ENOTTY;
  }
}

int64_t sys_pipe2(SyscallContext& ctx, const SyscallArgs& args) {
  int fds[2];
  if (::pipe2(fds, static_cast<int>(args.a[1])) < 0) return -errno;
  if (!ctx.copy_out(args.a[0], fds, sizeof fds)) {
    ::close(fds[0]);
    ::close(fds[1]);
    return -EFAULT;
  }
  return 0;
}

int64_t sys_fsync(SyscallContext&, const SyscallArgs& args) {
  return result(::fsync(static_cast<int>(args.a[0])));
}

int64_t sys_fdatasync(SyscallContext&, const SyscallArgs& args) {
  return result(::fdatasync(static_cast<int>(args.a[0])));
}

int64_t sys_ftruncate(SyscallContext&, const SyscallArgs& args) {
  return result(::ftruncate(static_cast<int>(args.a[0]), static_cast<off_t>(args.a[1])));
}

// struct pollfd and struct timespec have the same layout on both architectures. The signal
// mask is not applied: guest signal delivery does not interrupt host calls.
int64_t sys_ppoll(SyscallContext& ctx, const SyscallArgs& args) {
  const uint64_t count = args.a[1];
  if (count > 4096) return -EINVAL;
  std::vector<pollfd> fds(count);
  if (count > 0 && !ctx.copy_in(args.a[0], fds.data(), count * sizeof(pollfd))) return -EFAULT;
  timespec timeout{};
  if (args.a[2] != 0 && !ctx.copy_in(args.a[2], &timeout, sizeof timeout)) return -EFAULT;
  const int ready = ::ppoll(fds.data(), count, args.a[2] != 0 ? &timeout : nullptr, nullptr);
  if (ready < 0) return -errno;
  if (count > 0 && !ctx.copy_out(args.a[0], fds.data(), count * sizeof(pollfd))) return -EFAULT;
  return ready;
}

constexpr SyscallDescriptor kIo[] = {
    {23, "dup", sys_dup},         {24, "dup3", sys_dup3},           {25, "fcntl", sys_fcntl},
    {29, "ioctl", sys_ioctl},     {46, "ftruncate", sys_ftruncate}, {57, "close", sys_close},
    {59, "pipe2", sys_pipe2},     {62, "lseek", sys_lseek},         {63, "read", sys_read},
    {64, "write", sys_write},     {65, "readv", sys_readv},         {66, "writev", sys_writev},
    {67, "pread64", sys_pread64}, {68, "pwrite64", sys_pwrite64},   {73, "ppoll", sys_ppoll},
    {82, "fsync", sys_fsync},     {83, "fdatasync", sys_fdatasync},
};

}  // namespace

std::span<const SyscallDescriptor> io_syscalls() { return kIo; }

}  // namespace vm::runtime
