// Recency (or insertion) order of the ways of every set, as one age per way: 0 is the newest,
// ways - 1 the oldest, and the ages of a set are always a permutation of 0 .. ways - 1. LRU
// ages on every use, FIFO only on fills, and the adaptive policy's LRU/BIP differ only in
// where a fill lands. One byte per way up to 256 ways, two bytes beyond.
#pragma once

#include <cstdint>
#include <vector>

namespace vm::mem::tlb {

class AgeStack {
 public:
  AgeStack(uint32_t sets, uint32_t ways);

  void make_newest(uint32_t set, uint32_t way);  // every younger way ages by one
  void make_oldest(uint32_t set, uint32_t way);  // every older way gets younger by one
  uint32_t oldest(uint32_t set) const;
  uint32_t age(uint32_t set, uint32_t way) const;
  void reset();  // way i has age i in every set

 private:
  uint32_t ways_;
  std::vector<uint8_t> narrow_;  // ways <= 256
  std::vector<uint16_t> wide_;   // ways > 256
};

}  // namespace vm::mem::tlb
