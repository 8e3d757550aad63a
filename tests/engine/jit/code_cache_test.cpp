// The JIT code cache: bump allocation inside a bounded region with 16-byte alignment, a full
// cache answers nullptr and reset() makes it empty again, the region comes from the NUMA
// allocator and goes back to it, and code written into it runs and can be patched in place
// (the property block chaining needs). The last test places AsmJit output the way the JIT
// will: relocateToBase() to the cache address, then copyFlattenedData().
#include "vm/engine/jit/code_cache.h"

#include <asmjit/x86.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>

#include "vm/mem/host/host_topology.h"

namespace vm::engine::jit {
namespace {

class CodeCacheTest : public ::testing::Test {
 protected:
  mem::host::NumaAllocator allocator_{mem::host::HostTopology::this_system(),
                                      mem::host::NumaPolicy::local()};
};

TEST_F(CodeCacheTest, AllocatesAlignedBlocksUntilFull) {
  CodeCache cache(allocator_, 100);  // rounded up to one 4 KiB page
  ASSERT_EQ(cache.capacity(), 4096u);
  uint8_t* first = cache.allocate(1);
  uint8_t* second = cache.allocate(20);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(first) % CodeCache::kBlockAlignment, 0u);
  EXPECT_EQ(second, first + 16);
  EXPECT_EQ(cache.used(), 36u);
  EXPECT_EQ(cache.allocate(4096 - 48 + 1), nullptr);  // one byte too many after alignment to 48
  uint8_t* last = cache.allocate(4096 - 48);
  EXPECT_EQ(last, first + 48);
  EXPECT_EQ(cache.allocate(1), nullptr);
  EXPECT_EQ(cache.allocate(0), nullptr);
  EXPECT_TRUE(cache.contains(last + 4096 - 49));
  EXPECT_FALSE(cache.contains(first + 4096));
  const CodeCacheStats& s = cache.stats();
  EXPECT_EQ(s.allocations, 3u);
  EXPECT_EQ(s.failed_allocations, 3u);
  EXPECT_EQ(s.bytes_allocated, 1u + 20u + (4096u - 48u));
  EXPECT_EQ(s.peak_used_bytes, 4096u);
}

TEST_F(CodeCacheTest, ResetEmptiesTheCacheAndKeepsThePeak) {
  CodeCache cache(allocator_, 4096);
  uint8_t* first = cache.allocate(3000);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(cache.allocate(2000), nullptr);
  cache.reset();
  EXPECT_EQ(cache.used(), 0u);
  EXPECT_EQ(cache.allocate(2000), first);
  EXPECT_EQ(cache.stats().resets, 1u);
  EXPECT_EQ(cache.stats().peak_used_bytes, 3000u);
}

TEST_F(CodeCacheTest, TheRegionComesFromTheNumaAllocatorAndGoesBack) {
  const uint64_t before = allocator_.stats().regions_allocated;
  {
    CodeCache cache(allocator_, 1 << 20);
    EXPECT_EQ(allocator_.stats().regions_allocated, before + 1);
    EXPECT_EQ(allocator_.stats().bytes_mapped, uint64_t{1} << 20);
    EXPECT_FALSE(cache.region().decision.nodes.empty()) << "the policy decided a node";
  }
  EXPECT_EQ(allocator_.stats().bytes_mapped, 0u);
  EXPECT_THROW(CodeCache(allocator_, 0), std::invalid_argument);
}

TEST_F(CodeCacheTest, CodeRunsAndCanBePatchedInPlace) {
  CodeCache cache(allocator_, 4096);
  const uint8_t return_42[] = {0xb8, 42, 0, 0, 0, 0xc3};  // mov eax, 42; ret
  uint8_t* code = cache.allocate(sizeof return_42);
  ASSERT_NE(code, nullptr);
  std::memcpy(code, return_42, sizeof return_42);
  const auto fn = reinterpret_cast<int (*)()>(code);
  EXPECT_EQ(fn(), 42);
  code[1] = 7;  // a plain store, as chaining patches a jump
  EXPECT_EQ(fn(), 7);
}

TEST_F(CodeCacheTest, AsmJitOutputRelocatedIntoTheCacheRuns) {
  using namespace asmjit;
  CodeHolder holder;
  holder.init(Environment::host());
  x86::Assembler a(&holder);
  // int64_t f(int64_t x) { return x * 3 + 1; } with a forward label, so relocation matters.
  Label done = a.newLabel();
  a.lea(x86::rax, x86::ptr(x86::rdi, x86::rdi, 1));  // shift 1: rdi + rdi * 2
  a.inc(x86::rax);
  a.jmp(done);
  a.int3();
  a.bind(done);
  a.ret();
  ASSERT_EQ(holder.flatten(), kErrorOk);
  const size_t size = holder.codeSize();
  CodeCache cache(allocator_, 4096);
  cache.allocate(5);  // not at the start of the region
  uint8_t* code = cache.allocate(size);
  ASSERT_NE(code, nullptr);
  ASSERT_EQ(holder.relocateToBase(reinterpret_cast<uint64_t>(code)), kErrorOk);
  ASSERT_EQ(holder.copyFlattenedData(code, size, CopySectionFlags::kPadSectionBuffer), kErrorOk);
  const auto fn = reinterpret_cast<int64_t (*)(int64_t)>(code);
  EXPECT_EQ(fn(5), 16);
  EXPECT_EQ(fn(-2), -5);
}

}  // namespace
}  // namespace vm::engine::jit
