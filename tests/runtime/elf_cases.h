// Bad program inputs shared by elf_image_test (parse_elf_image / read_elf_image) and
// vmrun_bad_input_test (the vmrun CLI): each is derived from a real guest ELF by patching
// one field, or is a non-ELF file, together with the one-line reason the loader must give.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace vmbench::test {

enum class InputKind {
  Bytes,      // a regular file with `bytes`
  Directory,  // a directory
  Missing,    // a path that does not exist
  Path,       // an existing file used as it is (`path`)
};

enum class Stage {
  Parse,  // parse_elf_image rejects it
  Load,   // parse_elf_image accepts it; GuestProcess (the loader) rejects it
};

struct BadInput {
  std::string name;
  InputKind kind = InputKind::Bytes;
  std::vector<uint8_t> bytes;  // for Bytes
  std::string path;            // for Path
  std::string reason;          // the expected reason
  bool exact = true;           // reason must match exactly (else: contain it)
  Stage stage = Stage::Parse;
};

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Reads an environment variable that ctest sets; aborts the test binary when unset.
std::string required_env(const char* name);
std::vector<uint8_t> read_file(const std::string& path);
void write_file(const std::string& path, const std::vector<uint8_t>& bytes);

// Little-endian field access in an ELF image.
uint64_t get_le(const std::vector<uint8_t>& b, size_t offset, size_t size);
void put_le(std::vector<uint8_t>& b, size_t offset, size_t size, uint64_t value);

struct Phdr {
  size_t offset_in_file;  // where this program header is
  uint32_t type, flags;
  uint64_t offset, vaddr, filesz, memsz;
};
std::vector<Phdr> program_headers(const std::vector<uint8_t>& elf);

// Field offsets inside Elf64_Ehdr / Elf64_Phdr.
inline constexpr size_t kEType = 16, kEMachine = 18, kEEntry = 24, kEPhoff = 32, kEPhnum = 56;
inline constexpr size_t kPType = 0, kPFlags = 4, kPOffset = 8, kPVaddr = 16, kPFilesz = 32,
                        kPMemsz = 40;

// All bad inputs. `guest_dir` holds the built guest programs (asm_rv64i, exit_code);
// `dynamic_elf` is a dynamically linked RISC-V executable.
std::vector<BadInput> bad_inputs(const std::string& guest_dir, const std::string& dynamic_elf);

// The path that stands for `input`, creating it inside `dir` as needed.
std::string materialize(const BadInput& input, const TempDir& dir);

}  // namespace vmbench::test
