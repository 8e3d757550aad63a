// Builds the initial process stack the way Linux's ELF loader does: strings at the top, then
// the 16 AT_RANDOM bytes, then (16-byte aligned) argc, argv[], NULL, envp[], NULL, auxv pairs.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "vm/mem/guest_memory.h"

namespace vm::runtime {

struct StackImage {
  std::vector<std::string> argv;
  std::vector<std::string> env;
  std::string execfn;
  std::array<uint8_t, 16> random{};
  uint64_t phdr = 0, phent = 0, phnum = 0, entry = 0;
  uint64_t uid = 0, euid = 0, gid = 0, egid = 0;
  uint64_t hwcap = 0;
};

// Writes the image below `stack_top` and returns the initial sp; throws LoadError if the
// arguments do not fit in `stack_size`.
uint64_t build_initial_stack(mem::GuestMemory& memory, uint64_t stack_top, uint64_t stack_size,
                             const StackImage& image);

// AT_HWCAP for RV64GC: one bit per single-letter extension (bit 'x' - 'a').
uint64_t rv64gc_hwcap();

}  // namespace vm::runtime
