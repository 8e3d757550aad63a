// The scalar memcpy: 8-byte general-purpose register moves, the fallback every x86-64 runs.
// Built with -fno-tree-vectorize (CMakeLists.txt) so that it stays scalar; its non-temporal
// store is movnti, a general-purpose register store.
#include <emmintrin.h>

#include "vm/mem/memcpy/memcpy_impls.h"

namespace vm::mem::detail {

namespace {

constexpr size_t kV = 8;

[[gnu::always_inline]] inline uint64_t load(const unsigned char* p) {
  return load_unaligned<uint64_t>(p);
}
[[gnu::always_inline]] inline void store(unsigned char* p, uint64_t v) { store_unaligned(p, v); }

// n in (8V, inf): head word, aligned 4-word loop, last four words.
[[gnu::noinline]] void copy_large(unsigned char* d, const unsigned char* s, size_t n) {
  const uint64_t head = load(s);
  const uint64_t t0 = load(s + n - 4 * kV), t1 = load(s + n - 3 * kV);
  const uint64_t t2 = load(s + n - 2 * kV), t3 = load(s + n - kV);
  unsigned char* const end = d + n;
  const size_t skew = bytes_to_alignment(d, kV);
  unsigned char* out = d + skew;
  const unsigned char* in = s + skew;
  size_t left = n - skew;
  if (n >= g_nontemporal_threshold) {
    for (; left > 4 * kV; left -= 4 * kV, in += 4 * kV, out += 4 * kV) {
      const uint64_t a = load(in), b = load(in + kV), c = load(in + 2 * kV), e = load(in + 3 * kV);
      _mm_stream_si64(reinterpret_cast<long long*>(out), static_cast<long long>(a));
      _mm_stream_si64(reinterpret_cast<long long*>(out + kV), static_cast<long long>(b));
      _mm_stream_si64(reinterpret_cast<long long*>(out + 2 * kV), static_cast<long long>(c));
      _mm_stream_si64(reinterpret_cast<long long*>(out + 3 * kV), static_cast<long long>(e));
    }
    _mm_sfence();
  } else {
    for (; left > 4 * kV; left -= 4 * kV, in += 4 * kV, out += 4 * kV) {
      const uint64_t a = load(in), b = load(in + kV), c = load(in + 2 * kV), e = load(in + 3 * kV);
      store(out, a), store(out + kV, b), store(out + 2 * kV, c), store(out + 3 * kV, e);
    }
  }
  store(d, head);
  store(end - 4 * kV, t0), store(end - 3 * kV, t1), store(end - 2 * kV, t2), store(end - kV, t3);
}

}  // namespace

void memcpy_scalar(void* dst, const void* src, size_t n) {
  auto* d = static_cast<unsigned char*>(dst);
  const auto* s = static_cast<const unsigned char*>(src);
  if (n <= 16) return copy_up_to_16(d, s, n);
  if (n <= 4 * kV) {
    const uint64_t a = load(s), b = load(s + kV), c = load(s + n - 2 * kV), e = load(s + n - kV);
    store(d, a), store(d + kV, b), store(d + n - 2 * kV, c), store(d + n - kV, e);
    return;
  }
  if (n <= 8 * kV) {
    const uint64_t a = load(s), b = load(s + kV), c = load(s + 2 * kV), e = load(s + 3 * kV);
    const uint64_t f = load(s + n - 4 * kV), g = load(s + n - 3 * kV);
    const uint64_t h = load(s + n - 2 * kV), i = load(s + n - kV);
    store(d, a), store(d + kV, b), store(d + 2 * kV, c), store(d + 3 * kV, e);
    store(d + n - 4 * kV, f), store(d + n - 3 * kV, g), store(d + n - 2 * kV, h);
    store(d + n - kV, i);
    return;
  }
  copy_large(d, s, n);
}

}  // namespace vm::mem::detail
