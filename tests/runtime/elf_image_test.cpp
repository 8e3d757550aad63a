// Unit tests of the ELF validation in vm/runtime/elf_image: every bad input of elf_cases.h is
// rejected with its LoadError reason, and real static executables (ET_EXEC and a static-PIE)
// are accepted with the fields the loader relies on.
// Environment (set by ctest): VMBENCH_GUEST_DIR, VMBENCH_DYNAMIC_ELF.
#include <gtest/gtest.h>

#include <algorithm>
#include <type_traits>

#include "elf_cases.h"
#include "vm/mem/guest_memory.h"
#include "vm/process.h"
#include "vm/runtime/elf_image.h"
#include "vm/runtime/load_error.h"

namespace vmbench::test {
namespace {

using vm::runtime::ElfImage;
using vm::runtime::LoadError;

static_assert(std::is_base_of_v<std::runtime_error, LoadError>);

std::string guest_dir() { return required_env("VMBENCH_GUEST_DIR"); }

std::vector<BadInput> all_cases() {
  return bad_inputs(guest_dir(), required_env("VMBENCH_DYNAMIC_ELF"));
}

// The LoadError message of `fn`, or a description of what happened instead.
template <typename Fn>
std::string load_error_of(Fn&& fn) {
  try {
    fn();
  } catch (const LoadError& e) {
    return e.what();
  } catch (const std::exception& e) {
    return std::string("<not a LoadError: ") + e.what() + ">";
  }
  return "<accepted>";
}

void expect_reason(const BadInput& c, const std::string& got) {
  if (c.exact) {
    EXPECT_EQ(got, c.reason);
  } else {
    EXPECT_NE(got.find(c.reason), std::string::npos) << "got: " << got;
  }
  EXPECT_EQ(got.find('\n'), std::string::npos) << "reason must be one line: " << got;
}

vm::ProcessOptions quiet_options() {
  vm::ProcessOptions options;
  options.deterministic = true;
  options.max_instructions = 10'000'000;
  // Nothing but exit and memory management: the program cannot write to our stdout.
  options.syscall_filter = [](uint64_t n) {
    return n == 93 || n == 94 || n == 214 || n == 215 || n == 222 || n == 226;
  };
  return options;
}

TEST(ElfImage, CaseListIsComplete) {
  const auto cases = all_cases();
  EXPECT_GE(cases.size(), 30u);
  for (const char* name :
       {"truncated_header_40_bytes", "truncated_in_last_segment", "wrong_machine_x86_64",
        "x86_64_test_binary", "segment_offset_past_eof", "segment_filesz_past_eof", "empty_file",
        "directory", "missing_file", "elf32_class", "big_endian", "entry_zero",
        "dynamic_riscv_executable", "text_file"}) {
    EXPECT_TRUE(std::any_of(cases.begin(), cases.end(), [&](auto& c) { return c.name == name; }))
        << name;
  }
}

TEST(ElfImage, ParserRejectsBadInputs) {
  TempDir dir;
  int checked = 0;
  for (const BadInput& c : all_cases()) {
    if (c.stage != Stage::Parse) continue;
    SCOPED_TRACE(c.name);
    const std::string path = materialize(c, dir);
    if (c.kind == InputKind::Bytes) {
      expect_reason(c, load_error_of([&] { vm::runtime::parse_elf_image(c.bytes); }));
    }
    // read_elf_image gives the same reason for the file.
    expect_reason(c, load_error_of([&] { vm::runtime::read_elf_image(path); }));
    ++checked;
  }
  EXPECT_GE(checked, 28);
}

TEST(ElfImage, LoaderRejectsUnplaceableImages) {
  int checked = 0;
  for (const BadInput& c : all_cases()) {
    if (c.stage != Stage::Load) continue;
    SCOPED_TRACE(c.name);
    EXPECT_NO_THROW(vm::runtime::parse_elf_image(c.bytes));
    expect_reason(c, load_error_of([&] { vm::GuestProcess(c.bytes, c.name, quiet_options()); }));
    ++checked;
  }
  EXPECT_EQ(checked, 2);
}

void expect_consistent(const ElfImage& image, const std::vector<uint8_t>& file) {
  EXPECT_EQ(image.bytes, file);
  ASSERT_FALSE(image.segments.empty());
  const auto phdrs = program_headers(file);
  EXPECT_EQ(image.phdr_count, phdrs.size());
  EXPECT_EQ(image.phdr_entry_size, 56);
  EXPECT_EQ(image.phdr_offset, get_le(file, kEPhoff, 8));
  EXPECT_EQ(image.entry, get_le(file, kEEntry, 8));
  size_t loads = 0;
  for (const auto& p : phdrs) loads += p.type == 1 && p.memsz > 0;
  EXPECT_EQ(image.segments.size(), loads);
  bool entry_in_exec = false;
  for (const auto& s : image.segments) {
    EXPECT_LE(s.filesz, s.memsz);
    EXPECT_LE(s.offset + s.filesz, file.size());
    entry_in_exec |= (s.prot & vm::mem::perm::kExec) && image.entry >= s.vaddr &&
                     image.entry < s.vaddr + s.memsz;
  }
  EXPECT_TRUE(entry_in_exec);
  EXPECT_LT(image.low_address(), image.high_address());
  EXPECT_NE(image.phdr_vaddr, 0u);
}

TEST(ElfImage, AcceptsStaticExecutables) {
  for (const char* name : {"asm_rv64i", "asm_zicsr", "exit_code", "sha256"}) {
    SCOPED_TRACE(name);
    const std::string path = guest_dir() + "/" + name;
    const std::vector<uint8_t> file = read_file(path);
    const ElfImage image = vm::runtime::parse_elf_image(file);
    EXPECT_FALSE(image.position_independent);
    expect_consistent(image, file);
    const ElfImage from_path = vm::runtime::read_elf_image(path);
    EXPECT_EQ(from_path.bytes, file);
    EXPECT_EQ(from_path.segments.size(), image.segments.size());
  }
  // And they load and run.
  vm::GuestProcess rv64i(guest_dir() + "/asm_rv64i", quiet_options());
  const vm::ExitStatus status = rv64i.run();
  EXPECT_EQ(status.kind, vm::ExitKind::Exited);
  EXPECT_EQ(status.status, 0);
  vm::GuestProcess exit_code(read_file(guest_dir() + "/exit_code"), "exit_code", quiet_options());
  EXPECT_EQ(exit_code.run().status, 42);
}

TEST(ElfImage, AcceptsStaticPie) {
  const std::string path = guest_dir() + "/hello_pie";
  const std::vector<uint8_t> file = read_file(path);
  EXPECT_EQ(get_le(file, kEType, 2), 3u);  // ET_DYN
  const ElfImage image = vm::runtime::parse_elf_image(file);
  EXPECT_TRUE(image.position_independent);
  expect_consistent(image, file);
  EXPECT_EQ(image.low_address(), 0u);  // linked at 0: only a load bias makes it runnable
  // hello_pie exits 0 only if the load bias, its own relocation and the auxiliary vector
  // (AT_PHDR, AT_ENTRY, AT_PHNUM) are all consistent.
  vm::ProcessOptions options = quiet_options();
  options.argv = {"hello_pie", "x"};
  vm::GuestProcess pie(path, options);
  const vm::ExitStatus status = pie.run();
  EXPECT_EQ(status.kind, vm::ExitKind::Exited) << status.message;
  EXPECT_EQ(status.status, 0) << status.message;
}

TEST(ElfImage, DynamicExecutableIsRecognized) {
  const std::vector<uint8_t> file = read_file(required_env("VMBENCH_DYNAMIC_ELF"));
  EXPECT_EQ(get_le(file, kEMachine, 2), 243u);  // it is RISC-V: only PT_INTERP is wrong
  bool interp = false;
  for (const auto& p : program_headers(file)) interp |= p.type == 3;
  EXPECT_TRUE(interp);
  EXPECT_EQ(load_error_of([&] { vm::runtime::parse_elf_image(file); }),
            "dynamically linked executables are not supported");
}

}  // namespace
}  // namespace vmbench::test
