// Internal to vm/mem/memcpy: the implementations' entry points and what they share.
//
// Every implementation has the same shape, with V the vector width (8 bytes for scalar):
//  - small copies: two possibly overlapping loads, one from each end, then two stores (or four,
//    or eight), so no loop and no byte-by-byte tail;
//  - large copies: the first vector and the last four vectors are copied unaligned; in between,
//    a loop of four vectors per iteration with destination-aligned stores; non-temporal
//    stores (then sfence) when n >= the non-temporal threshold.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace vm::mem::detail {

void memcpy_scalar(void* dst, const void* src, size_t n);
void memcpy_sse2(void* dst, const void* src, size_t n);
void memcpy_avx2(void* dst, const void* src, size_t n);
void memcpy_avx512(void* dst, const void* src, size_t n);

// Read by the large-copy paths; set at start from the cache size (memcpy_nontemporal.cpp).
extern size_t g_nontemporal_threshold;

template <typename T>
[[gnu::always_inline]] inline T load_unaligned(const unsigned char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

template <typename T>
[[gnu::always_inline]] inline void store_unaligned(unsigned char* p, T v) {
  std::memcpy(p, &v, sizeof v);
}

// Copies 0..16 bytes with general-purpose registers: both ends, possibly overlapping.
[[gnu::always_inline]] inline void copy_up_to_16(unsigned char* d, const unsigned char* s,
                                                 size_t n) {
  if (n >= 8) {
    const auto head = load_unaligned<uint64_t>(s);
    const auto tail = load_unaligned<uint64_t>(s + n - 8);
    store_unaligned(d, head);
    store_unaligned(d + n - 8, tail);
  } else if (n >= 4) {
    const auto head = load_unaligned<uint32_t>(s);
    const auto tail = load_unaligned<uint32_t>(s + n - 4);
    store_unaligned(d, head);
    store_unaligned(d + n - 4, tail);
  } else if (n >= 2) {
    const auto head = load_unaligned<uint16_t>(s);
    const auto tail = load_unaligned<uint16_t>(s + n - 2);
    store_unaligned(d, head);
    store_unaligned(d + n - 2, tail);
  } else if (n == 1) {
    *d = *s;
  }
}

// Bytes from p to the next multiple of `align` (a power of two), 1..align: a head of that many
// bytes, copied separately, leaves the rest of the destination aligned.
inline size_t bytes_to_alignment(const void* p, size_t align) {
  return align - (reinterpret_cast<uintptr_t>(p) & (align - 1));
}

}  // namespace vm::mem::detail
