#include "harness/measure/micro_memcpy.h"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "vm/mem/memcpy/memcpy.h"

namespace harness::measure {

namespace {

constexpr size_t kSizes[] = {16,       64,        256,     1 << 10, 4 << 10,  16 << 10,
                             64 << 10, 256 << 10, 1 << 20, 4 << 20, 16 << 20, 64 << 20};

// The reference a copy has to beat. This file is built with -fno-tree-loop-distribute-patterns
// and -fno-tree-vectorize (CMakeLists.txt), so the loop stays a loop of byte moves.
void copy_bytes(void* dst, const void* src, size_t n) {
  auto* d = static_cast<unsigned char*>(dst);
  const auto* s = static_cast<const unsigned char*>(src);
  for (size_t i = 0; i < n; ++i) d[i] = s[i];
}

void copy_glibc(void* dst, const void* src, size_t n) {
  // Through a volatile pointer: with n known here GCC would otherwise inline small copies.
  static void* (*volatile glibc_memcpy)(void*, const void*, size_t) = std::memcpy;
  glibc_memcpy(dst, src, n);
}

void copy_active(void* dst, const void* src, size_t n) { vm::mem::guest_memcpy(dst, src, n); }

struct Free {
  void operator()(void* p) const { std::free(p); }
};

// Copies n bytes between two 64-byte aligned buffers, as often as Google Benchmark asks; the
// buffers are written first so that no page fault is timed.
void copy_loop(benchmark::State& state, vm::mem::MemcpyFunction copy, size_t n) {
  const size_t bytes = (n + 63) / 64 * 64;
  std::unique_ptr<unsigned char, Free> src(
      static_cast<unsigned char*>(std::aligned_alloc(64, bytes)));
  std::unique_ptr<unsigned char, Free> dst(
      static_cast<unsigned char*>(std::aligned_alloc(64, bytes)));
  std::memset(src.get(), 0x5a, bytes);
  std::memset(dst.get(), 0, bytes);
  vm::mem::MemcpyFunction volatile opaque = copy;
  const vm::mem::MemcpyFunction f = opaque;
  for (auto _ : state) {
    f(dst.get(), src.get(), n);
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * n));
}

void add(std::vector<MicroBenchmark>& out, const std::string& what, const std::string& about,
         vm::mem::MemcpyFunction copy) {
  for (size_t n : kSizes) {
    out.push_back({"memcpy/" + what + "/" + std::to_string(n),
                   about + ", " + std::to_string(n) + " bytes between 64-byte aligned buffers",
                   [copy, n](benchmark::State& s) { copy_loop(s, copy, n); }});
  }
}

}  // namespace

std::vector<MicroBenchmark> memcpy_micro_benchmarks() {
  std::vector<MicroBenchmark> out;
  add(out, "active", "vm::mem::guest_memcpy (implementation chosen by CPUID or VM_MEMCPY_IMPL)",
      copy_active);
  add(out, "glibc", "glibc memcpy", copy_glibc);
  add(out, "bytes", "a byte-at-a-time loop", copy_bytes);
  for (vm::mem::MemcpyImpl impl : vm::mem::kMemcpyImpls) {
    if (!vm::mem::memcpy_supported(impl)) continue;
    const std::string name(vm::mem::memcpy_impl_name(impl));
    add(out, name, "the " + name + " memcpy implementation", vm::mem::memcpy_function(impl));
  }
  return out;
}

}  // namespace harness::measure
