// The public API of the VM: load a static RISC-V Linux program and run it to completion.
// Everything the harness needs (exit status, counters, timings) comes through here.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "vm/config.h"

namespace vm {

struct ProcessOptions {
  std::string engine = "interp";
  // How guest addresses reach host memory: "flat" (one host offset, bounds-checked).
  std::string memory = "flat";
  std::vector<std::string> argv;  // argv[0] is the program name the guest sees
  std::vector<std::string> env;   // KEY=VALUE strings
  bool deterministic = false;     // fixed AT_RANDOM/getrandom, clocks follow instret
  bool strict_syscalls = false;   // an unknown syscall stops the guest instead of -ENOSYS
  uint64_t max_instructions = 0;  // 0: unlimited
  uint64_t address_space_bytes = uint64_t{16} << 30;
  uint64_t stack_bytes = uint64_t{8} << 20;
  // When set, a syscall it rejects fails with -EPERM without running (fuzzing untrusted
  // programs without letting them touch host files).
  std::function<bool(uint64_t number)> syscall_filter;
  VmConfig config;
};

enum class ExitKind { Exited, Signaled, InstructionLimit, UnknownSyscall };

struct ExitStatus {
  ExitKind kind = ExitKind::Exited;
  int status = 0;       // as a shell reports it: exit code, or 128 + signal
  std::string message;  // one line for stderr when the guest did not simply exit
};

struct ProcessStats {
  uint64_t instructions_retired = 0;
  double wall_seconds = 0;
  uint64_t blocks_decoded = 0;
  uint64_t instructions_decoded = 0;
  uint64_t blocks_invalidated = 0;
  uint64_t code_flushes = 0;
  uint64_t peak_mapped_bytes = 0;
  uint64_t syscalls_total = 0;
  std::map<std::string, uint64_t> syscalls;          // by name
  std::map<std::string, uint64_t> unknown_syscalls;  // answered with -ENOSYS
  // Paged memory mode only, exact and deterministic: "tlb.l1d.hits", "tlb.l2.misses",
  // "tlb.walks", "mem.page_faults", ... (empty in flat mode).
  std::map<std::string, uint64_t> memory;
  // How the host backs guest RAM; not deterministic (the kernel decides about huge pages).
  std::string host_numa_placement;   // e.g. "bind:0"
  bool host_huge_pages_advised = false;
  uint64_t host_huge_page_bytes = 0;  // AnonHugePages of guest RAM when stats() is called
};

class GuestProcess {
 public:
  // Loads `path`; throws vm::runtime::LoadError (a std::runtime_error) with a one-line reason.
  GuestProcess(const std::string& path, ProcessOptions options);
  // Loads an in-memory ELF image; `name` stands for the path in messages and /proc/self/exe.
  GuestProcess(std::vector<uint8_t> elf_bytes, const std::string& name, ProcessOptions options);
  ~GuestProcess();
  GuestProcess(const GuestProcess&) = delete;
  GuestProcess& operator=(const GuestProcess&) = delete;

  ExitStatus run();
  ProcessStats stats() const;

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Names of the engines this build provides, for --engine validation and --help.
std::vector<std::string> available_engines();
// Memory modes this build provides, for --memory validation.
std::vector<std::string> available_memory_modes();

}  // namespace vm
