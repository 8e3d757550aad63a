// RISC-V's results for integer division (M extension), shared by every engine: no traps, a
// quotient of all ones and the dividend as remainder for x / 0, and for the signed overflow
// (most negative value / -1) the dividend as quotient and 0 as remainder.
#pragma once

#include <limits>

namespace vm::engine {

template <typename T>
constexpr T riscv_quotient(T a, T b) {
  if (b == 0) return T(-1);
  if constexpr (std::numeric_limits<T>::is_signed) {
    if (a == std::numeric_limits<T>::min() && b == T(-1)) return a;
  }
  return a / b;
}

template <typename T>
constexpr T riscv_remainder(T a, T b) {
  if (b == 0) return a;
  if constexpr (std::numeric_limits<T>::is_signed) {
    if (a == std::numeric_limits<T>::min() && b == T(-1)) return 0;
  }
  return a % b;
}

}  // namespace vm::engine
