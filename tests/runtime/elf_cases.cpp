#include "elf_cases.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace vmbench::test {
namespace {

constexpr uint32_t kPtLoad = 1;
constexpr uint32_t kPfX = 1;

std::string hex(uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

std::vector<size_t> load_indices(const std::vector<Phdr>& phdrs) {
  std::vector<size_t> out;
  for (size_t i = 0; i < phdrs.size(); ++i) {
    if (phdrs[i].type == kPtLoad) out.push_back(i);
  }
  return out;
}

// The reason the loader gives for an image cut to `size` bytes (program headers intact):
// the first PT_LOAD, in header order, whose file range no longer fits.
std::string truncation_reason(const std::vector<Phdr>& phdrs, uint64_t size) {
  for (size_t i = 0; i < phdrs.size(); ++i) {
    if (phdrs[i].type == kPtLoad && phdrs[i].offset + phdrs[i].filesz > size) {
      return "segment " + std::to_string(i) + ": extends past the end of the file";
    }
  }
  throw std::logic_error("truncation does not cut a segment");
}

}  // namespace

TempDir::TempDir() {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/vmbench-runtime-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string required_env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    std::fprintf(stderr, "environment variable %s is not set (run this test through ctest)\n",
                 name);
    std::exit(1);
  }
  return value;
}

std::vector<uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_file(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

uint64_t get_le(const std::vector<uint8_t>& b, size_t offset, size_t size) {
  uint64_t v = 0;
  for (size_t i = 0; i < size; ++i) v |= uint64_t{b.at(offset + i)} << (8 * i);
  return v;
}

void put_le(std::vector<uint8_t>& b, size_t offset, size_t size, uint64_t value) {
  for (size_t i = 0; i < size; ++i) b.at(offset + i) = static_cast<uint8_t>(value >> (8 * i));
}

std::vector<Phdr> program_headers(const std::vector<uint8_t>& elf) {
  std::vector<Phdr> out;
  const uint64_t phoff = get_le(elf, kEPhoff, 8);
  const uint64_t phnum = get_le(elf, kEPhnum, 2);
  for (uint64_t i = 0; i < phnum; ++i) {
    const size_t at = phoff + i * 56;
    out.push_back(Phdr{at, static_cast<uint32_t>(get_le(elf, at + kPType, 4)),
                       static_cast<uint32_t>(get_le(elf, at + kPFlags, 4)),
                       get_le(elf, at + kPOffset, 8), get_le(elf, at + kPVaddr, 8),
                       get_le(elf, at + kPFilesz, 8), get_le(elf, at + kPMemsz, 8)});
  }
  return out;
}

std::string materialize(const BadInput& input, const TempDir& dir) {
  const std::string path = dir.path() + "/" + input.name;
  switch (input.kind) {
    case InputKind::Bytes: write_file(path, input.bytes); return path;
    case InputKind::Directory: std::filesystem::create_directories(path); return path;
    case InputKind::Missing: return path;
    case InputKind::Path: return input.path;
  }
  return path;
}

std::vector<BadInput> bad_inputs(const std::string& guest_dir, const std::string& dynamic_elf) {
  const std::vector<uint8_t> small = read_file(guest_dir + "/asm_rv64i");  // freestanding
  const std::vector<uint8_t> glibc = read_file(guest_dir + "/exit_code");  // static glibc
  const std::vector<Phdr> phdrs = program_headers(small);
  const std::vector<size_t> loads = load_indices(phdrs);
  if (loads.size() < 2) throw std::logic_error("asm_rv64i should have two PT_LOAD segments");
  const size_t text = loads[0], data = loads[1];
  if (!(phdrs[text].flags & kPfX) || (phdrs[data].flags & kPfX)) {
    throw std::logic_error("asm_rv64i: expected an executable then a data segment");
  }

  std::vector<BadInput> cases;
  auto add = [&](std::string name, std::vector<uint8_t> bytes, std::string reason) {
    BadInput c;
    c.name = std::move(name);
    c.bytes = std::move(bytes);
    c.reason = std::move(reason);
    cases.push_back(std::move(c));
    return &cases.back();
  };
  auto patched = [&](size_t offset, size_t size, uint64_t value) {
    std::vector<uint8_t> b = small;
    put_le(b, offset, size, value);
    return b;
  };

  // Not ELF at all.
  add("empty_file", {}, "file is empty");
  {
    const std::string text_file = "#!/bin/sh\necho this is a text file, not a program\n";
    add("text_file", std::vector<uint8_t>(text_file.begin(), text_file.end()),
        "not an ELF file (bad magic)");
  }
  add("three_bytes", {0x7f, 'E', 'L'}, "not an ELF file (bad magic)");
  {
    BadInput c;
    c.name = "directory";
    c.kind = InputKind::Directory;
    c.reason = "is a directory";
    cases.push_back(c);
    c.name = "missing_file";
    c.kind = InputKind::Missing;
    c.reason = "No such file or directory";
    cases.push_back(c);
    c.name = "character_device";
    c.kind = InputKind::Path;
    c.path = "/dev/null";
    c.reason = "not a regular file";
    cases.push_back(c);
  }

  // Truncated.
  add("truncated_header_40_bytes", std::vector<uint8_t>(small.begin(), small.begin() + 40),
      "truncated ELF header");
  {
    // Cut in the middle of the last segment's file bytes (program headers stay complete).
    const Phdr& last = phdrs[loads.back()];
    const uint64_t cut = last.offset + last.filesz / 2;
    add("truncated_in_last_segment", std::vector<uint8_t>(small.begin(), small.begin() + cut),
        truncation_reason(phdrs, cut));
    const uint64_t half = glibc.size() / 2;
    add("truncated_glibc_program_at_half",
        std::vector<uint8_t>(glibc.begin(), glibc.begin() + half),
        truncation_reason(program_headers(glibc), half));
    const uint64_t phdrs_end = get_le(small, kEPhoff, 8) + phdrs.size() * 56;
    add("truncated_in_program_headers",
        std::vector<uint8_t>(small.begin(), small.begin() + phdrs_end - 20),
        "program headers extend past the end of the file");
  }

  // ELF header fields.
  add("wrong_machine_x86_64", patched(kEMachine, 2, 62), "not a RISC-V executable (e_machine 62)");
  add("elf32_class", patched(4, 1, 1), "not a 64-bit ELF file");
  add("big_endian", patched(5, 1, 2), "not a little-endian ELF file");
  add("bad_elf_version", patched(6, 1, 0), "unsupported ELF version");
  add("relocatable_object", patched(kEType, 2, 1), "not an executable (e_type 1)");
  add("core_file", patched(kEType, 2, 4), "not an executable (e_type 4)");
  add("bad_phentsize", patched(54, 2, 32), "unexpected program header size");
  add("no_program_headers", patched(kEPhnum, 2, 0), "no program headers");
  add("phnum_0xffff", patched(kEPhnum, 2, 0xffff),
      "program headers extend past the end of the file");
  add("phoff_past_eof", patched(kEPhoff, 8, small.size()),
      "program headers extend past the end of the file");
  add("phoff_huge", patched(kEPhoff, 8, ~uint64_t{0} - 8),
      "program headers extend past the end of the file");
  add("entry_zero", patched(kEEntry, 8, 0), "entry point 0x0 is not inside an executable segment");
  add("entry_in_data_segment", patched(kEEntry, 8, phdrs[data].vaddr),
      "entry point " + hex(phdrs[data].vaddr) + " is not inside an executable segment");
  {
    const uint64_t past = phdrs[text].vaddr + phdrs[text].memsz;
    add("entry_just_past_text", patched(kEEntry, 8, past),
        "entry point " + hex(past) + " is not inside an executable segment");
  }

  // Program header fields.
  const std::string text_name = "segment " + std::to_string(text);
  const size_t tp = phdrs[text].offset_in_file;
  add("segment_offset_past_eof", patched(tp + kPOffset, 8, small.size()),
      text_name + ": extends past the end of the file");
  {
    std::vector<uint8_t> b = small;
    const uint64_t filesz = small.size() - phdrs[text].offset + 1;
    put_le(b, tp + kPFilesz, 8, filesz);
    put_le(b, tp + kPMemsz, 8, std::max(filesz, phdrs[text].memsz));
    add("segment_filesz_past_eof", b, text_name + ": extends past the end of the file");
  }
  add("segment_offset_huge", patched(tp + kPOffset, 8, ~uint64_t{0}),
      text_name + ": extends past the end of the file");
  add("segment_filesz_exceeds_memsz", patched(tp + kPMemsz, 8, phdrs[text].filesz - 1),
      text_name + ": file size exceeds memory size");
  add("segment_address_overflows", patched(tp + kPVaddr, 8, ~uint64_t{0} - 1),
      text_name + ": address range overflows");
  add("segment_misaligned", patched(tp + kPVaddr, 8, phdrs[text].vaddr + 8),
      text_name + ": address and file offset disagree modulo the page size");
  {
    std::vector<uint8_t> b = small;
    for (size_t i : loads) put_le(b, phdrs[i].offset_in_file + kPType, 4, 0);  // PT_NULL
    add("no_loadable_segments", b, "no loadable segments");
  }

  // Valid ELF, but the loader cannot place it in the guest address space.
  {
    std::vector<uint8_t> b = small;
    const uint64_t far = uint64_t{1} << 40;
    put_le(b, tp + kPVaddr, 8, phdrs[text].vaddr + far);
    put_le(b, kEEntry, 8, get_le(small, kEEntry, 8) + far);
    BadInput* c = add("segment_above_address_space", b, "lie outside the guest address space");
    c->exact = false;
    c->stage = Stage::Load;
  }
  {
    // Moves every segment down by the lowest one's address: the text lands at address 0.
    std::vector<uint8_t> b = small;
    const uint64_t low = phdrs[text].vaddr;
    for (size_t i : loads) put_le(b, phdrs[i].offset_in_file + kPVaddr, 8, phdrs[i].vaddr - low);
    put_le(b, kEEntry, 8, get_le(small, kEEntry, 8) - low);
    BadInput* c = add("segment_at_address_zero", b, "lie outside the guest address space");
    c->exact = false;
    c->stage = Stage::Load;
  }

  // Real programs of the wrong kind.
  {
    BadInput c;
    c.name = "dynamic_riscv_executable";
    c.kind = InputKind::Path;
    c.path = dynamic_elf;
    c.reason = "dynamically linked executables are not supported";
    cases.push_back(c);
  }
  add("x86_64_test_binary", read_file("/proc/self/exe"), "not a RISC-V executable (e_machine 62)");
  {
    std::vector<uint8_t> head;
    try {
      head = read_file("/bin/true");
    } catch (const std::exception&) {
    }
    if (head.size() > 4 && head[0] == 0x7f && head[1] == 'E' && get_le(head, kEMachine, 2) == 62) {
      BadInput c;
      c.name = "x86_64_bin_true";
      c.kind = InputKind::Path;
      c.path = "/bin/true";
      c.reason = "not a RISC-V executable (e_machine 62)";
      cases.push_back(c);
    }
  }
  return cases;
}

}  // namespace vmbench::test
