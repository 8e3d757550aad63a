// A small random generator whose output is fixed by its seed on every platform and standard
// library: xoshiro256** (Blackman & Vigna) with its state filled by splitmix64, and bounded
// integers by Lemire's multiply-and-reject method. The standard <random> engines are portable
// but its distributions (std::uniform_int_distribution, ...) are implementation-defined, and a
// bootstrap interval must not change when the harness is built with another compiler.
#pragma once

#include <array>
#include <cstdint>

namespace harness::stats {

// One step of splitmix64 (Vigna's splitmix64.c): advances `state` and returns the next output.
uint64_t splitmix64(uint64_t& state);

class SeededRandom {
 public:
  // The four state words are the first four splitmix64 outputs from `seed` (the seeding the
  // xoshiro authors recommend; the same as rand_xoshiro's seed_from_u64).
  explicit SeededRandom(uint64_t seed);

  // Starts from the given xoshiro256** state, which must not be all zero (throws
  // std::invalid_argument). For reproducing published reference sequences.
  static SeededRandom from_state(const std::array<uint64_t, 4>& state);

  // The next 64 uniformly distributed bits. Inline with below(): the bootstrap draws one
  // number per resampled value.
  uint64_t next() {
    uint64_t result = rotl(s_[1] * 5, 7) * 9;
    uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // A uniformly distributed integer in [0, bound), without modulo bias: the high half of
  // next() * bound, redrawing in the rare case the low half falls below 2^64 mod bound
  // (Lemire, "Fast random integer generation in an interval", 2019). bound must be > 0;
  // below(0) returns 0.
  uint64_t below(uint64_t bound) {
    Product p = multiply(next(), bound);
    if (p.low < bound) {
      uint64_t threshold = (0 - bound) % bound;  // 2^64 mod bound
      while (p.low < threshold) p = multiply(next(), bound);
    }
    return p.high;
  }

 private:
  SeededRandom() = default;

  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  struct Product {
    uint64_t high, low;
  };
  static Product multiply(uint64_t a, uint64_t b);

  std::array<uint64_t, 4> s_{};
};

namespace detail {
// The 128-bit product a * b as {high, low} words from 32-bit pieces, for compilers without
// unsigned __int128. Gives the same bits as the native product (tested against it).
constexpr std::array<uint64_t, 2> multiply_portable(uint64_t a, uint64_t b) {
  uint64_t a_lo = a & 0xffffffff, a_hi = a >> 32, b_lo = b & 0xffffffff, b_hi = b >> 32;
  uint64_t lo_lo = a_lo * b_lo, hi_lo = a_hi * b_lo, lo_hi = a_lo * b_hi, hi_hi = a_hi * b_hi;
  // Cannot overflow: at most (2^32 - 1) + (2^32 - 1) + (2^32 - 1)^2 = 2^64 - 1.
  uint64_t middle = (lo_lo >> 32) + (hi_lo & 0xffffffff) + lo_hi;
  return {hi_hi + (hi_lo >> 32) + (middle >> 32), (middle << 32) | (lo_lo & 0xffffffff)};
}
}  // namespace detail

inline SeededRandom::Product SeededRandom::multiply(uint64_t a, uint64_t b) {
#if defined(__SIZEOF_INT128__)
  unsigned __int128 product = static_cast<unsigned __int128>(a) * b;
  return {static_cast<uint64_t>(product >> 64), static_cast<uint64_t>(product)};
#else
  auto [high, low] = detail::multiply_portable(a, b);
  return {high, low};
#endif
}

}  // namespace harness::stats
