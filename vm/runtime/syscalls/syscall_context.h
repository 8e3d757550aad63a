// What a system call implementation may touch: the hart, guest memory, the address space
// and the process-wide state below. One instance per guest process.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>

#include "vm/engine/cpu_state.h"
#include "vm/mem/guest_memory.h"
#include "vm/process.h"
#include "vm/runtime/address_space.h"

namespace vm::runtime {

struct SyscallArgs {
  uint64_t a[6];
};

struct SyscallContext {
  SyscallContext(engine::CpuState& cpu_state, mem::GuestMemory& guest_memory,
                 AddressSpace& address_space, const ProcessOptions& process_options,
                 std::string program, std::function<void()> flush)
      : cpu(cpu_state),
        memory(guest_memory),
        space(address_space),
        options(process_options),
        program_path(std::move(program)),
        flush_code(std::move(flush)) {}

  engine::CpuState& cpu;
  mem::GuestMemory& memory;
  AddressSpace& space;
  const ProcessOptions& options;
  std::string program_path;                    // absolute host path, for /proc/self/exe
  std::function<void()> flush_code;            // drop every decoded/translated block
  std::optional<ExitStatus> exit;              // set when the guest process ends
  std::mt19937_64 random;                      // deterministic getrandom source
  std::array<uint64_t, 65> signal_handlers{};  // rt_sigaction dispositions (SIG_DFL = 0)
  uint64_t signal_mask = 0;
  uint64_t clear_child_tid = 0;
  int64_t virtual_sleep_ns = 0;  // deterministic mode: time slept, added to the clocks

  // The guest's pid (fixed in deterministic mode); its only thread has the same id.
  int64_t pid() const;
  // Nanoseconds since the epoch / since boot, host or deterministic (from instret).
  int64_t realtime_ns() const;
  int64_t monotonic_ns() const;
  // Guest memory helpers that fail like the kernel does (-EFAULT).
  bool copy_in(uint64_t guest, void* host, uint64_t len) const {
    return memory.read(guest, host, len);
  }
  bool copy_out(uint64_t guest, const void* host, uint64_t len) {
    return memory.write(guest, host, len);
  }
  // Reads a NUL-terminated guest string of at most PATH_MAX bytes: 0, -EFAULT or -ENAMETOOLONG.
  int64_t read_string(uint64_t guest, std::string& out) const;
};

using SyscallHandler = int64_t (*)(SyscallContext&, const SyscallArgs&);

struct SyscallDescriptor {
  uint32_t number;
  const char* name;
  SyscallHandler handler;
};

}  // namespace vm::runtime
