#include "harness/measure/micro_memory.h"

#include <cstdint>
#include <vector>

#include "vm/mem/guest_memory.h"

namespace harness::measure {

namespace {

using vm::mem::GuestMemory;
namespace perm = vm::mem::perm;

constexpr uint64_t kSpace = uint64_t{1} << 30;
constexpr uint64_t kBase = uint64_t{1} << 20;
constexpr uint64_t kRegion = uint64_t{1} << 20;  // 1 MiB: fits L2 on most machines

void load_sequential(benchmark::State& state) {
  GuestMemory memory(kSpace);
  memory.map(kBase, kRegion, perm::kRead | perm::kWrite);
  uint64_t sum = 0;
  for (auto _ : state) {
    for (uint64_t a = kBase; a < kBase + kRegion; a += 8) {
      uint64_t v = 0;
      memory.load(a, v);
      sum += v;
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * kRegion));
}

void store_random(benchmark::State& state) {
  GuestMemory memory(kSpace);
  memory.map(kBase, kRegion, perm::kRead | perm::kWrite);
  uint64_t x = 88172645463325252ull;
  constexpr int kStores = 1 << 16;
  for (auto _ : state) {
    for (int i = 0; i < kStores; ++i) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      memory.store<uint64_t>(kBase + (x & (kRegion - 8) & ~uint64_t{7}), x);
    }
  }
  state.SetItemsProcessed(state.iterations() * kStores);
}

void bulk_write(benchmark::State& state, uint64_t bytes) {
  GuestMemory memory(kSpace);
  memory.map(kBase, kRegion, perm::kRead | perm::kWrite);
  const std::vector<uint8_t> source(bytes, 0x5a);
  for (auto _ : state) {
    memory.write(kBase, source.data(), source.size());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}

void map_unmap(benchmark::State& state, uint64_t bytes) {
  GuestMemory memory(kSpace);
  for (auto _ : state) {
    memory.map(kBase, bytes, perm::kRead | perm::kWrite);
    memory.store<uint64_t>(kBase, 1);
    memory.unmap(kBase, bytes);
  }
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

std::vector<MicroBenchmark> memory_micro_benchmarks() {
  return {
      {"mem/load_u64_sequential", "8-byte guest loads over 1 MiB, checked, in address order",
       load_sequential},
      {"mem/store_u64_random", "8-byte guest stores at random addresses in 1 MiB", store_random},
      {"mem/write_4k", "a 4 KiB bulk copy into guest memory (as read() does)",
       [](benchmark::State& s) { bulk_write(s, 4096); }},
      {"mem/write_256k", "a 256 KiB bulk copy into guest memory",
       [](benchmark::State& s) { bulk_write(s, 256 << 10); }},
      {"mem/map_unmap_64k", "map 64 KiB, touch it, unmap it (mmap/munmap in the runtime)",
       [](benchmark::State& s) { map_unmap(s, 64 << 10); }},
  };
}

}  // namespace harness::measure
