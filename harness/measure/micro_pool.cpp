#include "harness/measure/micro_pool.h"

#include <sys/mman.h>

#include <array>
#include <cstdlib>
#include <cstring>
#include <new>

#include "vm/mem/host/memory_pool.h"

namespace harness::measure {

namespace {

using vm::mem::host::HostTopology;
using vm::mem::host::MemoryPool;
using vm::mem::host::NumaAllocator;
using vm::mem::host::NumaPolicy;
using vm::mem::host::PoolClass;

constexpr std::size_t kPage = 4096;
constexpr std::size_t kBatch = 256;

// Each source hands out a zero-filled, 4 KiB-aligned page (what a guest page needs) and takes it
// back. The benchmark writes one word into the page, as a guest's first store would.
struct PoolSource {
  NumaAllocator allocator{HostTopology::this_system(), NumaPolicy::local()};
  MemoryPool pool{allocator};
  void* get() { return pool.allocate(PoolClass::GuestPage); }
  void put(void* page) { pool.deallocate(PoolClass::GuestPage, page); }
};

struct MallocSource {
  void* get() {
    void* page = std::aligned_alloc(kPage, kPage);
    if (page == nullptr) throw std::bad_alloc();
    return std::memset(page, 0, kPage);  // malloc memory may be recycled: clear it
  }
  void put(void* page) { std::free(page); }
};

struct MmapSource {
  void* get() {
    void* page = mmap(nullptr, kPage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) throw std::bad_alloc();
    return page;  // zero from the kernel; the first store faults it in
  }
  void put(void* page) { munmap(page, kPage); }
};

template <typename Source>
void page_alloc_free(benchmark::State& state) {
  Source source;
  for (auto _ : state) {
    auto* page = static_cast<unsigned long*>(source.get());
    page[1] = 1;
    benchmark::DoNotOptimize(page);
    source.put(page);
  }
  state.SetItemsProcessed(state.iterations());
}

template <typename Source>
void page_batch(benchmark::State& state) {
  Source source;
  std::array<unsigned long*, kBatch> pages{};
  for (auto _ : state) {
    for (auto& page : pages) {
      page = static_cast<unsigned long*>(source.get());
      page[1] = 1;
    }
    benchmark::DoNotOptimize(pages.data());
    for (auto* page : pages) source.put(page);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kBatch));
}

}  // namespace

std::vector<MicroBenchmark> pool_micro_benchmarks() {
  return {
      {"pool/page_alloc_free",
       "a zeroed 4 KiB guest page from MemoryPool (memset on reuse), one store, freed",
       page_alloc_free<PoolSource>},
      {"malloc/page_alloc_free", "the same page from aligned_alloc + memset, one store, free",
       page_alloc_free<MallocSource>},
      {"mmap/page_alloc_free",
       "the same page from mmap (kernel zeroes on fault), one store, munmap",
       page_alloc_free<MmapSource>},
      {"pool/page_batch_256", "256 pages from MemoryPool, one store each, then all freed",
       page_batch<PoolSource>},
      {"malloc/page_batch_256", "256 pages from aligned_alloc + memset, then all freed",
       page_batch<MallocSource>},
      {"mmap/page_batch_256", "256 pages from mmap, one store each, then all munmapped",
       page_batch<MmapSource>},
  };
}

}  // namespace harness::measure
