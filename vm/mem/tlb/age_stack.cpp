// AgeStack: the per-set age permutation shared by LRU, FIFO and the adaptive policy.
#include "vm/mem/tlb/age_stack.h"

#include <cstddef>

namespace vm::mem::tlb {
namespace {

template <typename Age>
void make_newest_in(Age* row, uint32_t ways, uint32_t way) {
  const Age old = row[way];
  for (uint32_t i = 0; i < ways; ++i) row[i] = static_cast<Age>(row[i] + (row[i] < old));
  row[way] = 0;
}

template <typename Age>
void make_oldest_in(Age* row, uint32_t ways, uint32_t way) {
  const Age old = row[way];
  for (uint32_t i = 0; i < ways; ++i) row[i] = static_cast<Age>(row[i] - (row[i] > old));
  row[way] = static_cast<Age>(ways - 1);
}

template <typename Age>
uint32_t oldest_in(const Age* row, uint32_t ways) {
  for (uint32_t i = 0; i < ways; ++i) {
    if (row[i] == ways - 1) return i;
  }
  return 0;  // unreachable while the row is a permutation
}

template <typename Age>
void reset_rows(std::vector<Age>& ages, uint32_t ways) {
  for (size_t i = 0; i < ages.size(); ++i) ages[i] = static_cast<Age>(i % ways);
}

}  // namespace

AgeStack::AgeStack(uint32_t sets, uint32_t ways) : ways_(ways) {
  const size_t n = size_t{sets} * ways;
  if (ways <= 256) {
    narrow_.resize(n);
  } else {
    wide_.resize(n);
  }
  reset();
}

void AgeStack::make_newest(uint32_t set, uint32_t way) {
  const size_t base = size_t{set} * ways_;
  if (wide_.empty()) {
    make_newest_in(narrow_.data() + base, ways_, way);
  } else {
    make_newest_in(wide_.data() + base, ways_, way);
  }
}

void AgeStack::make_oldest(uint32_t set, uint32_t way) {
  const size_t base = size_t{set} * ways_;
  if (wide_.empty()) {
    make_oldest_in(narrow_.data() + base, ways_, way);
  } else {
    make_oldest_in(wide_.data() + base, ways_, way);
  }
}

uint32_t AgeStack::oldest(uint32_t set) const {
  const size_t base = size_t{set} * ways_;
  return wide_.empty() ? oldest_in(narrow_.data() + base, ways_)
                       : oldest_in(wide_.data() + base, ways_);
}

uint32_t AgeStack::age(uint32_t set, uint32_t way) const {
  const size_t i = size_t{set} * ways_ + way;
  return wide_.empty() ? narrow_[i] : wide_[i];
}

void AgeStack::reset() {
  reset_rows(narrow_, ways_);
  reset_rows(wide_, ways_);
}

}  // namespace vm::mem::tlb
