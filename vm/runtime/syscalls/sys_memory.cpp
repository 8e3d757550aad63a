// Address-space calls: brk, mmap and friends, with Linux's argument checks and results.
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>

#include "vm/runtime/syscalls/guest_buffer.h"
#include "vm/runtime/syscalls/syscall_table.h"

namespace vm::runtime {
namespace {

// PROT_* bits equal mem::perm's R/W/X bits; write access implies read, as on Linux/riscv.
uint8_t guest_prot(uint64_t prot) {
  uint8_t p = prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
  if (p & PROT_WRITE) p |= PROT_READ;
  return p;
}

int64_t sys_brk(SyscallContext& ctx, const SyscallArgs& args) {
  return static_cast<int64_t>(ctx.space.brk(args.a[0]));
}

int64_t sys_mmap(SyscallContext& ctx, const SyscallArgs& args) {
  const uint64_t addr = args.a[0], len = args.a[1], prot = args.a[2], flags = args.a[3];
  const int fd = static_cast<int>(args.a[4]);
  const uint64_t offset = args.a[5];
  if (offset % mem::kPageSize) return -EINVAL;
  const uint64_t type = flags & MAP_TYPE;
  if (type != MAP_PRIVATE && type != MAP_SHARED && type != MAP_SHARED_VALIDATE) return -EINVAL;
  const bool anonymous = flags & MAP_ANONYMOUS;
  // A shared writable file mapping would need write-back to the file; we do not emulate it.
  if (!anonymous && type != MAP_PRIVATE && (prot & PROT_WRITE)) return -ENODEV;

  const int64_t mapped = ctx.space.map_anonymous(addr, len, mem::perm::kRead | mem::perm::kWrite,
                                                 flags & MAP_FIXED, flags & MAP_FIXED_NOREPLACE);
  if (mapped < 0) return mapped;
  const uint64_t base = static_cast<uint64_t>(mapped);
  if (!anonymous) {
    // A private file mapping is a copy of the file's bytes; beyond end of file reads zero.
    int err = 0;
    {
      // Written back to guest pages when it goes out of scope (paged mode copies through it).
      GuestBuffer buffer(ctx, base, len, Direction::ToGuest);
      uint64_t done = 0;
      while (buffer && done < len) {
        const ssize_t n =
            ::pread(fd, buffer.data() + done, len - done, static_cast<off_t>(offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
          err = errno;
          break;
        }
        if (n == 0) break;
        done += static_cast<uint64_t>(n);
      }
    }
    if (err != 0) {
      ctx.space.unmap(base, len);
      return -err;
    }
  }
  ctx.space.protect(base, mem::page_ceil(len), guest_prot(prot));
  return mapped;
}

int64_t sys_munmap(SyscallContext& ctx, const SyscallArgs& args) {
  return ctx.space.unmap(args.a[0], args.a[1]);
}

int64_t sys_mprotect(SyscallContext& ctx, const SyscallArgs& args) {
  if (args.a[2] & ~uint64_t{PROT_READ | PROT_WRITE | PROT_EXEC}) return -EINVAL;
  return ctx.space.protect(args.a[0], args.a[1], guest_prot(args.a[2]));
}

int64_t sys_mremap(SyscallContext& ctx, const SyscallArgs& args) {
  const uint64_t flags = args.a[3];
  if (flags & ~uint64_t{MREMAP_MAYMOVE | MREMAP_FIXED}) return -EINVAL;
  return ctx.space.remap(args.a[0], args.a[1], args.a[2], flags & MREMAP_MAYMOVE,
                         flags & MREMAP_FIXED, args.a[4]);
}

int64_t sys_madvise(SyscallContext& ctx, const SyscallArgs& args) {
  const uint64_t addr = args.a[0], len = mem::page_ceil(args.a[1]);
  if (addr % mem::kPageSize) return -EINVAL;
  if (len == 0) return 0;
  if (!ctx.memory.all_mapped(addr, len)) return -ENOMEM;
  if (args.a[2] == MADV_DONTNEED) {
    // Private anonymous pages read back as zero afterwards; that is observable, so do it.
    for (uint64_t page = addr; page < addr + len; page += mem::kPageSize) {
      const uint8_t prot = ctx.memory.page_perm(page) & mem::perm::kRWX;
      ctx.memory.map(page, mem::kPageSize, prot);
    }
  }
  return 0;  // every other advice only concerns performance
}

constexpr SyscallDescriptor kMemory[] = {
    {214, "brk", sys_brk},   {215, "munmap", sys_munmap},     {216, "mremap", sys_mremap},
    {222, "mmap", sys_mmap}, {226, "mprotect", sys_mprotect}, {233, "madvise", sys_madvise},
};

}  // namespace

std::span<const SyscallDescriptor> memory_syscalls() { return kMemory; }

}  // namespace vm::runtime
