// File-system calls. Paths are host paths relative to the host working directory, as under
// qemu-user; /proc/self/exe names the guest program, not the VM.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "vm/runtime/syscalls/guest_buffer.h"
#include "vm/runtime/syscalls/syscall_table.h"

namespace vm::runtime {
namespace {

int64_t result(int64_t r) { return r < 0 ? -errno : r; }
int dirfd_arg(uint64_t v) { return static_cast<int>(static_cast<int32_t>(v)); }

// struct stat as the riscv64 kernel (asm-generic) lays it out.
struct GuestStat {
  uint64_t dev, ino;
  uint32_t mode, nlink, uid, gid;
  uint64_t rdev, pad1;
  int64_t size;
  int32_t blksize, pad2;
  int64_t blocks;
  int64_t atime, atime_nsec, mtime, mtime_nsec, ctime, ctime_nsec;
  uint32_t unused4, unused5;
};
static_assert(sizeof(GuestStat) == 128);

GuestStat to_guest(const struct stat& st) {
  GuestStat g{};
  g.dev = st.st_dev;
  g.ino = st.st_ino;
  g.mode = st.st_mode;
  g.nlink = static_cast<uint32_t>(st.st_nlink);
  g.uid = st.st_uid;
  g.gid = st.st_gid;
  g.rdev = st.st_rdev;
  g.size = st.st_size;
  g.blksize = static_cast<int32_t>(st.st_blksize);
  g.blocks = st.st_blocks;
  g.atime = st.st_atim.tv_sec;
  g.atime_nsec = st.st_atim.tv_nsec;
  g.mtime = st.st_mtim.tv_sec;
  g.mtime_nsec = st.st_mtim.tv_nsec;
  g.ctime = st.st_ctim.tv_sec;
  g.ctime_nsec = st.st_ctim.tv_nsec;
  return g;
}

bool is_self_exe(const std::string& path) { return path == "/proc/self/exe"; }

// Reads a guest path argument (0 or a negative errno); /proc/self/exe names the guest program.
int64_t read_path(SyscallContext& ctx, uint64_t guest, std::string& path) {
  if (const int64_t err = ctx.read_string(guest, path)) return err;
  if (is_self_exe(path)) path = ctx.program_path;
  return 0;
}

int64_t sys_openat(SyscallContext& ctx, const SyscallArgs& args) {
  std::string path;
  if (const int64_t err = read_path(ctx, args.a[1], path)) return err;
  // The asm-generic open flags are the same values on riscv64 and x86-64.
  return result(::openat(dirfd_arg(args.a[0]), path.c_str(), static_cast<int>(args.a[2]),
                         static_cast<mode_t>(args.a[3])));
}

int64_t sys_newfstatat(SyscallContext& ctx, const SyscallArgs& args) {
  std::string path;
  if (const int64_t err = read_path(ctx, args.a[1], path)) return err;
  struct stat st;
  if (::fstatat(dirfd_arg(args.a[0]), path.c_str(), &st, static_cast<int>(args.a[3])) < 0) {
    return -errno;
  }
  const GuestStat g = to_guest(st);
  return ctx.copy_out(args.a[2], &g, sizeof g) ? 0 : -EFAULT;
}

int64_t sys_fstat(SyscallContext& ctx, const SyscallArgs& args) {
  struct stat st;
  if (::fstat(static_cast<int>(args.a[0]), &st) < 0) return -errno;
  const GuestStat g = to_guest(st);
  return ctx.copy_out(args.a[1], &g, sizeof g) ? 0 : -EFAULT;
}

// struct statx has one layout on every architecture.
int64_t sys_statx(SyscallContext& ctx, const SyscallArgs& args) {
  std::string path;
  if (const int64_t err = read_path(ctx, args.a[1], path)) return err;
  struct statx stx;
  if (::statx(dirfd_arg(args.a[0]), path.c_str(), static_cast<int>(args.a[2]),
              static_cast<unsigned>(args.a[3]), &stx) < 0) {
    return -errno;
  }
  return ctx.copy_out(args.a[4], &stx, sizeof stx) ? 0 : -EFAULT;
}

int64_t sys_readlinkat(SyscallContext& ctx, const SyscallArgs& args) {
  std::string path;
  if (const int64_t err = ctx.read_string(args.a[1], path)) return err;
  GuestBuffer buf(ctx, args.a[2], args.a[3], Direction::ToGuest);
  if (!buf) return -EFAULT;
  if (is_self_exe(path)) {
    const size_t n = std::min<size_t>(ctx.program_path.size(), buf.size());
    std::memcpy(buf.data(), ctx.program_path.data(), n);
    return static_cast<int64_t>(n);
  }
  return result(::readlinkat(dirfd_arg(args.a[0]), path.c_str(),
                             reinterpret_cast<char*>(buf.data()), buf.size()));
}

int64_t sys_faccessat(SyscallContext& ctx, const SyscallArgs& args) {
  std::string path;
  if (const int64_t err = read_path(ctx, args.a[1], path)) return err;
  return result(::faccessat(dirfd_arg(args.a[0]), path.c_str(), static_cast<int>(args.a[2]), 0));
}

int64_t sys_faccessat2(SyscallContext& ctx, const SyscallArgs& args) {
  std::string path;
  if (const int64_t err = read_path(ctx, args.a[1], path)) return err;
  return result(::faccessat(dirfd_arg(args.a[0]), path.c_str(), static_cast<int>(args.a[2]),
                            static_cast<int>(args.a[3])));
}

int64_t sys_getcwd(SyscallContext& ctx, const SyscallArgs& args) {
  char cwd[4096];
  if (::getcwd(cwd, sizeof cwd) == nullptr) return -errno;
  const size_t len = std::strlen(cwd) + 1;
  if (len > args.a[1]) return -ERANGE;
  return ctx.copy_out(args.a[0], cwd, len) ? static_cast<int64_t>(len) : -EFAULT;
}

int64_t sys_chdir(SyscallContext& ctx, const SyscallArgs& args) {
  std::string path;
  if (const int64_t err = read_path(ctx, args.a[0], path)) return err;
  return result(::chdir(path.c_str()));
}

int64_t sys_mkdirat(SyscallContext& ctx, const SyscallArgs& args) {
  std::string path;
  if (const int64_t err = read_path(ctx, args.a[1], path)) return err;
  return result(::mkdirat(dirfd_arg(args.a[0]), path.c_str(), static_cast<mode_t>(args.a[2])));
}

int64_t sys_unlinkat(SyscallContext& ctx, const SyscallArgs& args) {
  std::string path;
  if (const int64_t err = read_path(ctx, args.a[1], path)) return err;
  return result(::unlinkat(dirfd_arg(args.a[0]), path.c_str(), static_cast<int>(args.a[2])));
}

int64_t sys_renameat2(SyscallContext& ctx, const SyscallArgs& args) {
  std::string from, to;
  if (const int64_t err = read_path(ctx, args.a[1], from)) return err;
  if (const int64_t err = read_path(ctx, args.a[3], to)) return err;
  return result(::renameat2(dirfd_arg(args.a[0]), from.c_str(), dirfd_arg(args.a[2]), to.c_str(),
                            static_cast<unsigned>(args.a[4])));
}

// struct linux_dirent64 has one layout on every architecture.
int64_t sys_getdents64(SyscallContext& ctx, const SyscallArgs& args) {
  GuestBuffer buf(ctx, args.a[1], args.a[2], Direction::ToGuest);
  if (!buf) return -EFAULT;
  return result(::getdents64(static_cast<int>(args.a[0]), buf.data(), buf.size()));
}

int64_t sys_fchmodat(SyscallContext& ctx, const SyscallArgs& args) {
  std::string path;
  if (const int64_t err = read_path(ctx, args.a[1], path)) return err;
  return result(::fchmodat(dirfd_arg(args.a[0]), path.c_str(), static_cast<mode_t>(args.a[2]), 0));
}

// A hint only; posix_fadvise returns the error number instead of setting errno.
int64_t sys_fadvise64(SyscallContext&, const SyscallArgs& args) {
  return -::posix_fadvise(static_cast<int>(args.a[0]), static_cast<off_t>(args.a[1]),
                          static_cast<off_t>(args.a[2]), static_cast<int>(args.a[3]));
}

int64_t sys_umask(SyscallContext&, const SyscallArgs& args) {
  return ::umask(static_cast<mode_t>(args.a[0]));
}

constexpr SyscallDescriptor kFile[] = {
    {17, "getcwd", sys_getcwd},         {34, "mkdirat", sys_mkdirat},
    {35, "unlinkat", sys_unlinkat},     {48, "faccessat", sys_faccessat},
    {49, "chdir", sys_chdir},           {53, "fchmodat", sys_fchmodat},
    {56, "openat", sys_openat},         {61, "getdents64", sys_getdents64},
    {78, "readlinkat", sys_readlinkat}, {79, "newfstatat", sys_newfstatat},
    {80, "fstat", sys_fstat},           {166, "umask", sys_umask},
    {223, "fadvise64", sys_fadvise64},  {276, "renameat2", sys_renameat2},
    {291, "statx", sys_statx},          {439, "faccessat2", sys_faccessat2},
};

}  // namespace

std::span<const SyscallDescriptor> file_syscalls() { return kFile; }

}  // namespace vm::runtime
