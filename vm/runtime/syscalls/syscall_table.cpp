#include "vm/runtime/syscalls/syscall_table.h"

#include <array>

namespace vm::runtime {
namespace {

constexpr size_t kMaxSyscall = 512;

struct Table {
  std::array<const SyscallDescriptor*, kMaxSyscall> by_number{};
  Table() {
    for (auto list : {io_syscalls(), file_syscalls(), memory_syscalls(), time_syscalls(),
                      process_syscalls(), signal_syscalls()}) {
      for (const SyscallDescriptor& d : list) by_number[d.number] = &d;
    }
  }
};

const Table& table() {
  static const Table instance;
  return instance;
}

}  // namespace

const SyscallDescriptor* find_syscall(uint64_t number) {
  return number < kMaxSyscall ? table().by_number[number] : nullptr;
}

std::string syscall_name(uint64_t number) {
  switch (number) {
#define SYSCALL_NAME(nr, name) \
  case nr:                     \
    return #name;
#include "vm/runtime/syscalls/syscall_names.inc"
#undef SYSCALL_NAME
    default: return "syscall_" + std::to_string(number);
  }
}

}  // namespace vm::runtime
