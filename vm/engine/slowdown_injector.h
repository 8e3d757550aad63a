// Injects a known slowdown into the engine's dispatch loop (config key debug.slowdown), so the
// harness can be validated against a change of known size: after each slice of guest execution
// it burns (factor - 1) times the slice's wall time with real instructions. Guest-visible state
// and every counter stay exactly as without it.
#pragma once

#include <chrono>
#include <cstdint>

namespace vm::engine {

class SlowdownInjector {
 public:
  explicit SlowdownInjector(double factor) : extra_(factor - 1.0) {}

  bool active() const { return extra_ > 0; }
  // Guest instructions per slice: long enough that reading the clock twice costs nothing
  // measurable, short enough that the burn follows the workload's phases.
  static constexpr uint64_t kSliceInstructions = 1 << 16;

  void begin_slice() { slice_start_ = std::chrono::steady_clock::now(); }
  void end_slice();

 private:
  double extra_;
  std::chrono::steady_clock::time_point slice_start_;
};

}  // namespace vm::engine
