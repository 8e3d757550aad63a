// A validated static RISC-V ELF64 executable (ET_EXEC or static-PIE ET_DYN), read fully into
// memory. Validation is strict so that the loader never trusts a field it has not checked.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace vm::runtime {

struct LoadSegment {
  uint64_t vaddr = 0;  // before the load bias
  uint64_t memsz = 0;
  uint64_t offset = 0;  // in the file
  uint64_t filesz = 0;
  uint8_t prot = 0;  // vm::mem::perm bits
};

struct ElfImage {
  bool position_independent = false;  // ET_DYN: loaded at a bias chosen by the loader
  uint64_t entry = 0;                 // before the load bias
  uint64_t phdr_offset = 0;
  uint16_t phdr_count = 0;
  uint16_t phdr_entry_size = 0;
  uint64_t phdr_vaddr = 0;  // where the program headers are mapped (0 if nowhere)
  std::vector<LoadSegment> segments;
  std::vector<uint8_t> bytes;  // the whole file

  // Lowest and highest (exclusive) virtual addresses of the loadable segments.
  uint64_t low_address() const;
  uint64_t high_address() const;
};

// Reads and validates `path`; throws LoadError with a one-line reason.
ElfImage read_elf_image(const std::string& path);
// Validates an in-memory image (used by read_elf_image and the mutation tests).
ElfImage parse_elf_image(std::vector<uint8_t> bytes);

}  // namespace vm::runtime
