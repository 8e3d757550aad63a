#include "vm/runtime/elf_image.h"

#include <elf.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>

#include "vm/mem/guest_memory.h"
#include "vm/runtime/load_error.h"

namespace vm::runtime {
namespace {

constexpr uint16_t kMachineRiscv = 243;  // EM_RISCV

[[noreturn]] void fail(const std::string& reason) { throw LoadError(reason); }

std::string hex(uint64_t v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
  return buf;
}

bool add_overflows(uint64_t a, uint64_t b) { return a > std::numeric_limits<uint64_t>::max() - b; }

uint8_t prot_from_flags(uint32_t flags) {
  uint8_t prot = 0;
  if (flags & PF_R) prot |= mem::perm::kRead;
  if (flags & PF_W) prot |= mem::perm::kWrite;
  if (flags & PF_X) prot |= mem::perm::kExec;
  return prot;
}

}  // namespace

uint64_t ElfImage::low_address() const {
  uint64_t low = std::numeric_limits<uint64_t>::max();
  for (const auto& s : segments) low = std::min(low, s.vaddr);
  return low;
}

uint64_t ElfImage::high_address() const {
  uint64_t high = 0;
  for (const auto& s : segments) high = std::max(high, s.vaddr + s.memsz);
  return high;
}

ElfImage parse_elf_image(std::vector<uint8_t> bytes) {
  if (bytes.empty()) fail("file is empty");
  if (bytes.size() < 4 || std::memcmp(bytes.data(), ELFMAG, SELFMAG) != 0) {
    fail("not an ELF file (bad magic)");
  }
  if (bytes.size() < sizeof(Elf64_Ehdr)) fail("truncated ELF header");
  Elf64_Ehdr eh;
  std::memcpy(&eh, bytes.data(), sizeof eh);
  if (eh.e_ident[EI_CLASS] != ELFCLASS64) fail("not a 64-bit ELF file");
  if (eh.e_ident[EI_DATA] != ELFDATA2LSB) fail("not a little-endian ELF file");
  if (eh.e_ident[EI_VERSION] != EV_CURRENT) fail("unsupported ELF version");
  if (eh.e_machine != kMachineRiscv) {
    fail("not a RISC-V executable (e_machine " + std::to_string(eh.e_machine) + ")");
  }
  if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN) {
    fail("not an executable (e_type " + std::to_string(eh.e_type) + ")");
  }
  if (eh.e_phentsize != sizeof(Elf64_Phdr)) fail("unexpected program header size");
  if (eh.e_phnum == 0) fail("no program headers");
  if (eh.e_phoff > bytes.size() ||
      uint64_t{eh.e_phnum} * sizeof(Elf64_Phdr) > bytes.size() - eh.e_phoff) {
    fail("program headers extend past the end of the file");
  }

  ElfImage image;
  image.position_independent = eh.e_type == ET_DYN;
  image.entry = eh.e_entry;
  image.phdr_offset = eh.e_phoff;
  image.phdr_count = eh.e_phnum;
  image.phdr_entry_size = eh.e_phentsize;

  for (uint16_t i = 0; i < eh.e_phnum; ++i) {
    Elf64_Phdr ph;
    std::memcpy(&ph, bytes.data() + eh.e_phoff + i * sizeof(Elf64_Phdr), sizeof ph);
    if (ph.p_type == PT_INTERP) fail("dynamically linked executables are not supported");
    if (ph.p_type == PT_PHDR) image.phdr_vaddr = ph.p_vaddr;
    if (ph.p_type != PT_LOAD) continue;
    const std::string which = "segment " + std::to_string(i);
    if (ph.p_filesz > ph.p_memsz) fail(which + ": file size exceeds memory size");
    if (ph.p_offset > bytes.size() || ph.p_filesz > bytes.size() - ph.p_offset) {
      fail(which + ": extends past the end of the file");
    }
    if (ph.p_memsz == 0) continue;
    if (add_overflows(ph.p_vaddr, ph.p_memsz)) fail(which + ": address range overflows");
    if (ph.p_align > 1 && (ph.p_vaddr % mem::kPageSize) != (ph.p_offset % mem::kPageSize)) {
      fail(which + ": address and file offset disagree modulo the page size");
    }
    image.segments.push_back(
        LoadSegment{ph.p_vaddr, ph.p_memsz, ph.p_offset, ph.p_filesz, prot_from_flags(ph.p_flags)});
  }
  if (image.segments.empty()) fail("no loadable segments");

  const bool entry_ok = std::any_of(image.segments.begin(), image.segments.end(), [&](auto& s) {
    return (s.prot & mem::perm::kExec) && image.entry >= s.vaddr && image.entry < s.vaddr + s.memsz;
  });
  if (!entry_ok) fail("entry point " + hex(image.entry) + " is not inside an executable segment");

  if (image.phdr_vaddr == 0) {
    // Without PT_PHDR, the headers are visible if a segment maps the file bytes holding them.
    for (const auto& s : image.segments) {
      if (image.phdr_offset >= s.offset && image.phdr_offset < s.offset + s.filesz) {
        image.phdr_vaddr = s.vaddr + (image.phdr_offset - s.offset);
      }
    }
  }
  image.bytes = std::move(bytes);
  return image;
}

ElfImage read_elf_image(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail(std::strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0) {
    const int err = errno;
    close(fd);
    fail(std::strerror(err));
  }
  if (S_ISDIR(st.st_mode)) {
    close(fd);
    fail("is a directory");
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    fail("not a regular file");
  }
  std::vector<uint8_t> bytes(static_cast<size_t>(st.st_size));
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int err = n < 0 ? errno : EIO;
      close(fd);
      fail(std::string("read failed: ") + std::strerror(err));
    }
    done += static_cast<size_t>(n);
  }
  close(fd);
  return parse_elf_image(std::move(bytes));
}

}  // namespace vm::runtime
