// Seeding of SeededRandom (see seeded_random.h); the generator itself is inline in the header.
#include "harness/stats/seeded_random.h"

#include <stdexcept>

namespace harness::stats {

uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

SeededRandom::SeededRandom(uint64_t seed) {
  // Four distinct splitmix64 states through its bijective mixer give four distinct words, so
  // the state is never all zero.
  for (uint64_t& word : s_) word = splitmix64(seed);
}

SeededRandom SeededRandom::from_state(const std::array<uint64_t, 4>& state) {
  if (state == std::array<uint64_t, 4>{}) {
    throw std::invalid_argument("harness::stats::SeededRandom::from_state: all-zero state");
  }
  SeededRandom random;
  random.s_ = state;
  return random;
}

}  // namespace harness::stats
