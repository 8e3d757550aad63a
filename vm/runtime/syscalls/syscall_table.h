// The table of implemented system calls, assembled from the per-area lists in sys_*.cpp.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "vm/runtime/syscalls/syscall_context.h"

namespace vm::runtime {

// The implemented call for `number`, or nullptr.
const SyscallDescriptor* find_syscall(uint64_t number);
// The Linux name of any riscv64 syscall number ("syscall_N" when it has none).
std::string syscall_name(uint64_t number);

// Per-area lists (one file each).
std::span<const SyscallDescriptor> io_syscalls();
std::span<const SyscallDescriptor> file_syscalls();
std::span<const SyscallDescriptor> memory_syscalls();
std::span<const SyscallDescriptor> time_syscalls();
std::span<const SyscallDescriptor> process_syscalls();
std::span<const SyscallDescriptor> signal_syscalls();

}  // namespace vm::runtime
