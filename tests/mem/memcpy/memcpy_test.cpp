// vm/mem/memcpy: every implementation against every size 0..4100 and selected large sizes, at
// source and destination alignments 0..63, with guard bytes around the destination (and, under
// AddressSanitizer, the bytes around both ranges poisoned, so a load past either end is caught).
//
// The full 64 x 64 alignment matrix is run for the sizes where the code paths change (0..130 and
// both sides of 256, 512, 1024, 4096); every other size 0..4100 gets five alignment pairs that
// rotate with the size, so all 4096 pairs occur there too. Both with the default non-temporal
// threshold and with threshold 0 (every copy that reaches the loop streams).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#include "vm/mem/memcpy/memcpy.h"
#include "vm/mem/memcpy/memcpy_nontemporal.h"

namespace {

using vm::mem::MemcpyImpl;

constexpr size_t kGuard = 64;  // guard bytes on each side of the destination range
constexpr size_t kAlignments = 64;

// 64-byte aligned buffers for copies of up to `max_n` bytes at any alignment 0..63: the
// source holds pseudo-random bytes, the destination a guard pattern wherever a copy must not
// write.
class CopyChecker {
 public:
  explicit CopyChecker(size_t max_n)
      : bytes_(kGuard + kAlignments + max_n + kGuard),
        src_(allocate(bytes_)),
        dst_(allocate(bytes_)),
        guard_(allocate(bytes_)) {
    uint64_t x = 0x9e3779b97f4a7c15ull;
    for (size_t i = 0; i < bytes_; ++i) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      src_[i] = static_cast<unsigned char>(x);
      guard_[i] = static_cast<unsigned char>(0xa5 ^ (i * 7));
    }
    std::memcpy(dst_.get(), guard_.get(), bytes_);
  }

  // Copies n bytes from source offset src_align to destination offset dst_align with `copy`;
  // returns "" or what went wrong.
  std::string check(vm::mem::MemcpyFunction copy, size_t n, size_t src_align, size_t dst_align) {
    unsigned char* const s = src_.get() + kGuard + src_align;
    unsigned char* const d = dst_.get() + kGuard + dst_align;
    poison_around(src_.get(), s, n);
    poison_around(dst_.get(), d, n);
    copy(d, s, n);
    UNPOISON(src_.get(), bytes_);
    UNPOISON(dst_.get(), bytes_);
    std::string problem;
    if (std::memcmp(d, s, n) != 0) {
      size_t i = 0;
      while (d[i] == s[i]) ++i;
      problem = "byte " + std::to_string(i) + " differs";
    }
    const size_t begin = static_cast<size_t>(d - dst_.get());
    const size_t end = begin + n;
    if (problem.empty() && (std::memcmp(dst_.get(), guard_.get(), begin) != 0 ||
                            std::memcmp(dst_.get() + end, guard_.get() + end, bytes_ - end) != 0)) {
      size_t i = 0;
      while (i < bytes_ && ((i >= begin && i < end) || dst_[i] == guard_[i])) ++i;
      problem = "guard byte at offset " + std::to_string(static_cast<long>(i - begin)) +
                " from the destination overwritten";
    }
    if (!problem.empty()) {
      problem += " (n=" + std::to_string(n) + ", src align " + std::to_string(src_align) +
                 ", dst align " + std::to_string(dst_align) + ")";
      std::memcpy(dst_.get(), guard_.get(), bytes_);
    } else {
      std::memcpy(d, guard_.get() + begin, n);
    }
    return problem;
  }

 private:
  struct Free {
    void operator()(unsigned char* p) const { std::free(p); }
  };
  using Buffer = std::unique_ptr<unsigned char[], Free>;

  static Buffer allocate(size_t bytes) {
    const size_t rounded = (bytes + 63) / 64 * 64;
    return Buffer(static_cast<unsigned char*>(std::aligned_alloc(64, rounded)));
  }

  // Makes everything in [base, base + bytes_) but [p, p + n) unaddressable (at 8-byte
  // granularity before p, exactly after p + n).
  void poison_around(unsigned char* base, unsigned char* p, size_t n) {
    POISON(base, static_cast<size_t>(p - base));
    POISON(p + n, static_cast<size_t>(base + bytes_ - (p + n)));
  }

  size_t bytes_;
  Buffer src_;
  Buffer dst_;
  Buffer guard_;  // what the destination holds outside the copied range
};

// Sets the non-temporal threshold for one scope.
class ThresholdScope {
 public:
  explicit ThresholdScope(size_t bytes) : saved_(vm::mem::memcpy_nontemporal_threshold()) {
    vm::mem::set_memcpy_nontemporal_threshold(bytes);
  }
  ~ThresholdScope() { vm::mem::set_memcpy_nontemporal_threshold(saved_); }
  ThresholdScope(const ThresholdScope&) = delete;
  ThresholdScope& operator=(const ThresholdScope&) = delete;

 private:
  size_t saved_;
};

// Sizes whose every alignment pair is tried: all the small-copy branches of every
// implementation end at or below 8 vectors (512 bytes for AVX-512).
std::vector<size_t> full_matrix_sizes() {
  std::vector<size_t> sizes;
  for (size_t n = 0; n <= 130; ++n) sizes.push_back(n);
  for (size_t n : {255, 256, 257, 511, 512, 513, 1023, 1024, 1025, 4095, 4096, 4097, 4100}) {
    sizes.push_back(n);
  }
  return sizes;
}

class MemcpyImplTest : public testing::TestWithParam<MemcpyImpl> {
 protected:
  void SetUp() override {
    if (!vm::mem::memcpy_supported(GetParam())) {
      GTEST_SKIP() << "this CPU lacks " << vm::mem::memcpy_impl_requirement(GetParam())
                   << ", which the " << vm::mem::memcpy_impl_name(GetParam())
                   << " implementation needs";
    }
    copy_ = vm::mem::memcpy_function(GetParam());
  }
  vm::mem::MemcpyFunction copy_ = nullptr;
};

void run_full_matrix(vm::mem::MemcpyFunction copy) {
  int failures = 0;
  for (size_t n : full_matrix_sizes()) {
    CopyChecker checker(n);
    for (size_t sa = 0; sa < kAlignments; ++sa) {
      for (size_t da = 0; da < kAlignments; ++da) {
        const std::string problem = checker.check(copy, n, sa, da);
        if (!problem.empty() && ++failures <= 10) ADD_FAILURE() << problem;
      }
    }
  }
  EXPECT_EQ(failures, 0);
}

void run_every_size(vm::mem::MemcpyFunction copy) {
  CopyChecker checker(4100);
  int failures = 0;
  for (size_t n = 0; n <= 4100; ++n) {
    const size_t pairs[][2] = {{0, 0},
                               {n % 64, (n * 7 + 3) % 64},
                               {(n * 5 + 11) % 64, n % 64},
                               {(n * 3 + 40) % 64, (n * 11 + 21) % 64},
                               {63 - n % 64, (n / 64 * 13 + n) % 64}};
    for (const auto& [sa, da] : pairs) {
      const std::string problem = checker.check(copy, n, sa, da);
      if (!problem.empty() && ++failures <= 10) ADD_FAILURE() << problem;
    }
  }
  EXPECT_EQ(failures, 0);
}

// The checker itself: it must see a wrong byte and a write past either end.
TEST(MemcpyChecker, CatchesWrongBytesAndOverruns) {
  CopyChecker checker(100);
  const auto wrong_byte = [](void* d, const void* s, size_t n) {
    std::memcpy(d, s, n);
    static_cast<unsigned char*>(d)[n / 2] ^= 1;
  };
  EXPECT_NE(checker.check(wrong_byte, 50, 3, 5), "");
  EXPECT_EQ(checker.check([](void* d, const void* s, size_t n) { std::memcpy(d, s, n); }, 50, 3, 5),
            "");
#if !defined(__SANITIZE_ADDRESS__)  // there the poisoned bytes make these stop the test
  const auto one_past = [](void* d, const void* s, size_t n) {
    std::memcpy(d, s, n);
    static_cast<unsigned char*>(d)[n] =
        static_cast<unsigned char>(~static_cast<unsigned char*>(d)[n]);
  };
  const auto one_before = [](void* d, const void* s, size_t n) {
    std::memcpy(d, s, n);
    static_cast<unsigned char*>(d)[-1] =
        static_cast<unsigned char>(~static_cast<unsigned char*>(d)[-1]);
  };
  EXPECT_NE(checker.check(one_past, 50, 3, 5), "");
  EXPECT_NE(checker.check(one_before, 50, 3, 0), "");
#endif
}

#if defined(__SANITIZE_ADDRESS__)
// Under AddressSanitizer a load one byte past the source range stops the program.
void read_one_past(void* d, const void* s, size_t n) {
  std::memcpy(d, s, n);
  static_cast<unsigned char*>(d)[0] = static_cast<const volatile unsigned char*>(s)[n];
}

TEST(MemcpyCheckerDeathTest, AddressSanitizerCatchesALoadPastTheSource) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  CopyChecker checker(100);
  EXPECT_DEATH(checker.check(read_one_past, 50, 3, 5), "AddressSanitizer");
}
#endif

TEST_P(MemcpyImplTest, EveryAlignmentPairAtBoundarySizes) { run_full_matrix(copy_); }

TEST_P(MemcpyImplTest, EveryAlignmentPairAtBoundarySizesStreaming) {
  ThresholdScope streaming(0);
  run_full_matrix(copy_);
}

TEST_P(MemcpyImplTest, EverySizeUpTo4100) { run_every_size(copy_); }

TEST_P(MemcpyImplTest, EverySizeUpTo4100Streaming) {
  ThresholdScope streaming(0);
  run_every_size(copy_);
}

TEST_P(MemcpyImplTest, LargeSizesWithAndWithoutStreaming) {
  const size_t threshold = vm::mem::memcpy_nontemporal_threshold();
  const std::vector<size_t> sizes = {65536 + 5, (size_t{1} << 20) + 17, (size_t{3} << 20) + 1};
  CopyChecker checker(std::max(threshold + 1, sizes.back()));
  const size_t pairs[][2] = {{0, 0}, {1, 0}, {0, 1}, {63, 17}, {32, 32}, {7, 56}};
  for (size_t t : {size_t{0}, SIZE_MAX}) {
    ThresholdScope scope(t);
    for (size_t n : sizes) {
      for (const auto& [sa, da] : pairs) EXPECT_EQ(checker.check(copy_, n, sa, da), "");
    }
  }
  // Both sides of the real threshold.
  for (size_t n : {threshold - 1, threshold, threshold + 1}) {
    EXPECT_EQ(checker.check(copy_, n, 0, 0), "");
    EXPECT_EQ(checker.check(copy_, n, 13, 50), "");
  }
}

INSTANTIATE_TEST_SUITE_P(AllImpls, MemcpyImplTest, testing::ValuesIn(vm::mem::kMemcpyImpls),
                         [](const testing::TestParamInfo<MemcpyImpl>& info) {
                           return std::string(vm::mem::memcpy_impl_name(info.param));
                         });

TEST(MemcpyNames, RoundTrip) {
  for (MemcpyImpl impl : vm::mem::kMemcpyImpls) {
    EXPECT_EQ(vm::mem::parse_memcpy_impl(vm::mem::memcpy_impl_name(impl)), impl);
  }
  EXPECT_EQ(vm::mem::parse_memcpy_impl("AVX2"), std::nullopt);
  EXPECT_EQ(vm::mem::parse_memcpy_impl(""), std::nullopt);
}

TEST(MemcpySelection, ScalarAndSse2RunOnEveryX86_64) {
  EXPECT_TRUE(vm::mem::memcpy_supported(MemcpyImpl::Scalar));
  EXPECT_TRUE(vm::mem::memcpy_supported(MemcpyImpl::Sse2));
}

bool all_supported(MemcpyImpl) { return true; }
bool only_sse2_and_scalar(MemcpyImpl impl) {
  return impl == MemcpyImpl::Scalar || impl == MemcpyImpl::Sse2;
}

bool all_but_avx512(MemcpyImpl impl) { return impl != MemcpyImpl::Avx512; }

TEST(MemcpySelection, UnsetOrEmptyTakesTheWidestSupported) {
  // AVX-512 or, on AMD family 19h, AVX2 first (memcpy_dispatch.cpp).
  const MemcpyImpl widest = vm::mem::choose_memcpy_impl(nullptr, all_supported).impl;
  EXPECT_TRUE(widest == MemcpyImpl::Avx512 || widest == MemcpyImpl::Avx2);
  EXPECT_EQ(vm::mem::choose_memcpy_impl("", all_but_avx512).impl, MemcpyImpl::Avx2);
  EXPECT_EQ(vm::mem::choose_memcpy_impl("", only_sse2_and_scalar).impl, MemcpyImpl::Sse2);
  EXPECT_EQ(vm::mem::choose_memcpy_impl(nullptr).impl, vm::mem::best_memcpy_impl());
  EXPECT_EQ(vm::mem::choose_memcpy_impl(nullptr).error, "");
}

TEST(MemcpySelection, NamedImplementationIsTaken) {
  for (MemcpyImpl impl : vm::mem::kMemcpyImpls) {
    const std::string name(vm::mem::memcpy_impl_name(impl));
    const auto c = vm::mem::choose_memcpy_impl(name.c_str(), all_supported);
    EXPECT_EQ(c.impl, impl);
    EXPECT_EQ(c.error, "");
  }
}

TEST(MemcpySelection, UnknownNameIsOneLineError) {
  EXPECT_EQ(vm::mem::choose_memcpy_impl("avx9", all_supported).error,
            "VM_MEMCPY_IMPL=avx9: unknown memcpy implementation (expected avx512, avx2, sse2 or "
            "scalar)");
}

TEST(MemcpySelection, UnsupportedNameIsOneLineErrorNamingTheFeature) {
  EXPECT_EQ(vm::mem::choose_memcpy_impl("avx512", only_sse2_and_scalar).error,
            "VM_MEMCPY_IMPL=avx512: this CPU lacks avx512f (usable here: sse2, scalar)");
  EXPECT_EQ(vm::mem::choose_memcpy_impl("avx2", only_sse2_and_scalar).error,
            "VM_MEMCPY_IMPL=avx2: this CPU lacks avx2 (usable here: sse2, scalar)");
}

TEST(MemcpySelection, GuestMemcpyCopies) {
  std::vector<unsigned char> src(10000), dst(10000);
  for (size_t i = 0; i < src.size(); ++i) src[i] = static_cast<unsigned char>(i * 31 + 1);
  for (size_t n : {0, 1, 7, 100, 9999}) {
    std::fill(dst.begin(), dst.end(), 0);
    vm::mem::guest_memcpy(dst.data(), src.data() + 1, n);
    EXPECT_EQ(std::memcmp(dst.data(), src.data() + 1, n), 0) << n;
    if (n < dst.size()) {
      EXPECT_EQ(dst[n], 0) << n;
    }
  }
}

// The environment variable is read once per process: each case runs in a fresh process
// (death-test style "threadsafe" re-executes the test binary).
[[noreturn]] void copy_with_environment_scalar() {
  ::setenv("VM_MEMCPY_IMPL", "scalar", 1);
  unsigned char a[40] = {1, 2, 3}, b[40] = {};
  vm::mem::guest_memcpy(b, a, sizeof a);
  const bool ok = vm::mem::active_memcpy_impl() == MemcpyImpl::Scalar && b[2] == 3 &&
                  !vm::mem::memcpy_selection_error();
  std::exit(ok ? 0 : 1);
}

[[noreturn]] void copy_with_environment_invalid() {
  ::setenv("VM_MEMCPY_IMPL", "fastest", 1);
  const auto error = vm::mem::memcpy_selection_error();
  std::fprintf(stderr, "%s\n", error ? error->c_str() : "no error");
  unsigned char a[8] = {}, b[8];
  try {
    vm::mem::guest_memcpy(b, a, sizeof a);
  } catch (const std::runtime_error& e) {
    std::exit(error && *error == e.what() ? 2 : 1);
  }
  std::exit(0);
}

TEST(MemcpySelectionDeathTest, EnvironmentChoosesTheImplementation) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(copy_with_environment_scalar(), testing::ExitedWithCode(0), "");
}

TEST(MemcpySelectionDeathTest, InvalidEnvironmentIsReportedAndThrown) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(copy_with_environment_invalid(), testing::ExitedWithCode(2),
              "^VM_MEMCPY_IMPL=fastest: unknown memcpy implementation \\(expected avx512, avx2, "
              "sse2 or scalar\\)\n$");
}

}  // namespace
