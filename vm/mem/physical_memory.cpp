#include "vm/mem/physical_memory.h"

#include <sys/mman.h>

#include <cerrno>
#include <stdexcept>
#include <string>

namespace vm::mem {

PhysicalMemory::PhysicalMemory(uint64_t size) : size_((size + 4095) & ~uint64_t{4095}) {
  if (size_ == 0) throw std::invalid_argument("guest-physical memory size must not be zero");
  // MAP_NORESERVE: RAM the guest never touches costs nothing.
  void* p = mmap(nullptr, size_, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) {
    throw std::runtime_error("cannot reserve " + std::to_string(size_) +
                             " bytes of guest-physical memory: " + std::strerror(errno));
  }
  base_ = static_cast<uint8_t*>(p);
}

PhysicalMemory::~PhysicalMemory() { munmap(base_, size_); }

}  // namespace vm::mem
