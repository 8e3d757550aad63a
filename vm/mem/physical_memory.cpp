#include "vm/mem/physical_memory.h"

#include <sys/mman.h>

#include <cerrno>
#include <stdexcept>
#include <string>

#include "vm/mem/host/memory_pool.h"

namespace vm::mem {
namespace {

constexpr uint64_t kFrame = 4096;

// MAP_NORESERVE: RAM (and frame-table entries) the guest never touches cost nothing.
void* reserve(uint64_t bytes, const char* what) {
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) {
    throw std::runtime_error("cannot reserve " + std::to_string(bytes) + " bytes of " + what +
                             ": " + std::strerror(errno));
  }
  return p;
}

uint64_t ram_size(uint64_t size) {
  const uint64_t rounded = (size + kFrame - 1) & ~(kFrame - 1);
  if (rounded == 0) throw std::invalid_argument("guest-physical memory size must not be zero");
  return rounded;
}

host::PoolClass pool_class(FrameUse use) {
  return use == FrameUse::PageTable ? host::PoolClass::PageTablePage : host::PoolClass::GuestPage;
}

}  // namespace

PhysicalMemory::PhysicalMemory(uint64_t size, host::MemoryPool& pool)
    : size_(ram_size(size)), pool_(&pool), frame_count_(size_ / kFrame) {
  frames_ = static_cast<uint8_t**>(reserve(frame_count_ * sizeof(uint8_t*), "frame table"));
  page_table_frames_.resize(frame_count_);
}

PhysicalMemory::PhysicalMemory(uint64_t size)
    : size_(ram_size(size)), frame_count_(size_ / kFrame) {
  base_ = static_cast<uint8_t*>(reserve(size_, "guest-physical memory"));
  try {
    frames_ = static_cast<uint8_t**>(reserve(frame_count_ * sizeof(uint8_t*), "frame table"));
  } catch (...) {
    munmap(base_, size_);
    throw;
  }
  for (uint64_t pfn = 0; pfn < frame_count_; ++pfn) frames_[pfn] = base_ + pfn * kFrame;
}

PhysicalMemory::~PhysicalMemory() {
  if (pool_ != nullptr) {
    for (uint64_t pfn = 0; pfn < backed_end_; ++pfn) {
      if (frames_[pfn] != nullptr) release(pfn * kFrame);
    }
  } else {
    munmap(base_, size_);
  }
  munmap(frames_, frame_count_ * sizeof(uint8_t*));
}

void PhysicalMemory::set_frame(uint64_t pfn, uint8_t* page) {
  std::atomic_ref(frames_[pfn]).store(page, std::memory_order_relaxed);
}

void PhysicalMemory::back(uint64_t pa, FrameUse use) {
  if (pool_ == nullptr) return;  // linear: always backed, and a free frame is zero
  const uint64_t pfn = pa / kFrame;
  if (pa % kFrame != 0 || pfn >= frame_count_ || frames_[pfn] != nullptr) {
    throw std::logic_error("backing a frame that is outside RAM or backed: PA " +
                           std::to_string(pa));
  }
  page_table_frames_[pfn] = use == FrameUse::PageTable;
  set_frame(pfn, static_cast<uint8_t*>(pool_->allocate(pool_class(use))));
  if (pfn >= backed_end_) backed_end_ = pfn + 1;
}

void PhysicalMemory::release(uint64_t pa) {
  const uint64_t pfn = pa / kFrame;
  if (pool_ == nullptr) {
    std::memset(host(pa & ~(kFrame - 1)), 0, kFrame);
    return;
  }
  if (pfn >= frame_count_ || frames_[pfn] == nullptr) {
    throw std::logic_error("releasing a frame that is not backed: PA " + std::to_string(pa));
  }
  const FrameUse use = page_table_frames_[pfn] ? FrameUse::PageTable : FrameUse::Data;
  uint8_t* const block = frames_[pfn];
  set_frame(pfn, nullptr);
  pool_->deallocate(pool_class(use), block);
}

}  // namespace vm::mem
