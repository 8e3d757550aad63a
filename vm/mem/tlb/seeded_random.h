// Seeded, per-stream pseudo-random numbers for the random policy and BIP's coin: splitmix64
// (Steele, Lea, Flood, "Fast splittable pseudorandom number generators", 2014). One 64-bit
// word of state per set keeps sets independent and the sequence a function of (seed, set).
#pragma once

#include <cstdint>

namespace vm::mem::tlb {

inline constexpr uint64_t kGoldenGamma = 0x9e3779b97f4a7c15;

inline constexpr uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

// Initial state of the stream of `set`.
inline constexpr uint64_t stream_state(uint64_t seed, uint32_t set) {
  return mix64(seed + kGoldenGamma * (uint64_t{set} + 1));
}

inline uint64_t next_random(uint64_t& state) {
  state += kGoldenGamma;
  return mix64(state);
}

// A value in [0, n) from the top 32 bits (multiply-shift; bias below n / 2^32).
inline uint32_t next_below(uint64_t& state, uint32_t n) {
  return static_cast<uint32_t>(((next_random(state) >> 32) * n) >> 32);
}

}  // namespace vm::mem::tlb
