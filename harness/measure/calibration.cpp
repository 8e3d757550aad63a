#include "harness/measure/calibration.h"

#include <array>
#include <chrono>
#include <cstdint>

namespace harness::measure {

namespace {

// A small bytecode loop over an L2-sized table: loads, stores, data-dependent branches and an
// indirect-ish switch, the same mix of work an interpreter does, so the control drifts the way
// the benchmarks do when the machine changes.
[[gnu::noinline]] uint64_t control_kernel(uint32_t steps) {
  static std::array<uint32_t, 1 << 15> table = [] {
    std::array<uint32_t, 1 << 15> t{};
    uint32_t x = 12345;
    for (auto& v : t) v = (x = x * 1103515245u + 12345u);
    return t;
  }();
  uint64_t acc = 0x243f6a8885a308d3ull;
  uint32_t index = 0;
  for (uint32_t i = 0; i < steps; ++i) {
    const uint32_t word = table[index];
    switch (word & 7) {
      case 0: acc += word; break;
      case 1: acc ^= acc << 13; break;
      case 2: acc ^= acc >> 7; break;
      case 3: acc *= 0x9e3779b97f4a7c15ull; break;
      case 4: table[index] = word + static_cast<uint32_t>(acc); break;
      case 5: acc -= word >> 3; break;
      case 6: acc = (acc << 5) | (acc >> 59); break;
      default: acc += i; break;
    }
    index = (index + (word >> 20) + 1) & (table.size() - 1);
  }
  return acc;
}

constexpr uint32_t kSteps = 6'000'000;

}  // namespace

double time_calibration_once() {
  const auto start = std::chrono::steady_clock::now();
  const uint64_t result = control_kernel(kSteps);
  asm volatile("" : : "r"(result));
  return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
}

std::vector<double> time_calibration(int count) {
  std::vector<double> out;
  for (int i = 0; i < count; ++i) out.push_back(time_calibration_once());
  return out;
}

}  // namespace harness::measure
