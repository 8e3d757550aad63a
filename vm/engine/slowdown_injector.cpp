#include "vm/engine/slowdown_injector.h"

namespace vm::engine {

namespace {

// Busy work until `deadline`, kept out of line and named so a profile attributes it.
[[gnu::noinline]] void burn_until(std::chrono::steady_clock::time_point deadline) {
  uint64_t state = 0x9e3779b97f4a7c15ull;
  while (std::chrono::steady_clock::now() < deadline) {
    for (int i = 0; i < 64; ++i) state = state * 6364136223846793005ull + 1442695040888963407ull;
    asm volatile("" : "+r"(state));
  }
}

}  // namespace

void SlowdownInjector::end_slice() {
  const auto now = std::chrono::steady_clock::now();
  const auto spent = std::chrono::duration<double>(now - slice_start_);
  burn_until(now + std::chrono::duration_cast<std::chrono::steady_clock::duration>(spent * extra_));
}

}  // namespace vm::engine
