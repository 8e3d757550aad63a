// The AVX2 memcpy: 32-byte vectors. Compiled for AVX2 by function attribute, so the file builds
// for any x86-64 target; it runs only when the dispatcher has seen AVX2 in CPUID.
#include <immintrin.h>

#include "vm/mem/memcpy/memcpy_impls.h"

namespace vm::mem::detail {

namespace {

constexpr size_t kV = 32;

__attribute__((target("avx2"), always_inline)) inline __m256i load(const unsigned char* p) {
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
}
__attribute__((target("avx2"), always_inline)) inline void store(unsigned char* p, __m256i v) {
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v);
}

// n in (8V, inf): head vector, aligned 4-vector loop, last four vectors.
__attribute__((target("avx2"), noinline)) void copy_large(unsigned char* d, const unsigned char* s,
                                                          size_t n) {
  const __m256i head = load(s);
  const __m256i t0 = load(s + n - 4 * kV), t1 = load(s + n - 3 * kV);
  const __m256i t2 = load(s + n - 2 * kV), t3 = load(s + n - kV);
  unsigned char* const end = d + n;
  const size_t skew = bytes_to_alignment(d, kV);
  unsigned char* out = d + skew;
  const unsigned char* in = s + skew;
  size_t left = n - skew;
  if (n >= g_nontemporal_threshold) {
    for (; left > 4 * kV; left -= 4 * kV, in += 4 * kV, out += 4 * kV) {
      const __m256i a = load(in), b = load(in + kV), c = load(in + 2 * kV), e = load(in + 3 * kV);
      _mm256_stream_si256(reinterpret_cast<__m256i*>(out), a);
      _mm256_stream_si256(reinterpret_cast<__m256i*>(out + kV), b);
      _mm256_stream_si256(reinterpret_cast<__m256i*>(out + 2 * kV), c);
      _mm256_stream_si256(reinterpret_cast<__m256i*>(out + 3 * kV), e);
    }
    _mm_sfence();
  } else {
    for (; left > 4 * kV; left -= 4 * kV, in += 4 * kV, out += 4 * kV) {
      const __m256i a = load(in), b = load(in + kV), c = load(in + 2 * kV), e = load(in + 3 * kV);
      _mm256_store_si256(reinterpret_cast<__m256i*>(out), a);
      _mm256_store_si256(reinterpret_cast<__m256i*>(out + kV), b);
      _mm256_store_si256(reinterpret_cast<__m256i*>(out + 2 * kV), c);
      _mm256_store_si256(reinterpret_cast<__m256i*>(out + 3 * kV), e);
    }
  }
  store(d, head);
  store(end - 4 * kV, t0), store(end - 3 * kV, t1), store(end - 2 * kV, t2), store(end - kV, t3);
}

}  // namespace

__attribute__((target("avx2"))) void memcpy_avx2(void* dst, const void* src, size_t n) {
  auto* d = static_cast<unsigned char*>(dst);
  const auto* s = static_cast<const unsigned char*>(src);
  if (n <= 16) return copy_up_to_16(d, s, n);
  if (n <= 32) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + n - 16));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(d), a);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(d + n - 16), b);
    return;
  }
  if (n <= 2 * kV) {
    const __m256i a = load(s), b = load(s + n - kV);
    store(d, a), store(d + n - kV, b);
    return;
  }
  if (n <= 4 * kV) {
    const __m256i a = load(s), b = load(s + kV), c = load(s + n - 2 * kV), e = load(s + n - kV);
    store(d, a), store(d + kV, b), store(d + n - 2 * kV, c), store(d + n - kV, e);
    return;
  }
  if (n <= 8 * kV) {
    const __m256i a = load(s), b = load(s + kV), c = load(s + 2 * kV), e = load(s + 3 * kV);
    const __m256i f = load(s + n - 4 * kV), g = load(s + n - 3 * kV);
    const __m256i h = load(s + n - 2 * kV), i = load(s + n - kV);
    store(d, a), store(d + kV, b), store(d + 2 * kV, c), store(d + 3 * kV, e);
    store(d + n - 4 * kV, f), store(d + n - 3 * kV, g), store(d + n - 2 * kV, h);
    store(d + n - kV, i);
    return;
  }
  copy_large(d, s, n);
}

}  // namespace vm::mem::detail
