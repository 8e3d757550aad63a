// Tunable knobs of the VM, named like "debug.slowdown", settable from `vmrun --set key=value`
// and from harness suites, so an A/B comparison of two VM designs is one flag. Every knob is
// listed in one table (vm/config/vm_config.cpp) with its meaning and valid values.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace vm {

// Thrown for an unknown key or a value the knob does not accept; what() is one line that
// names the key and the reason.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct VmConfig {
  // > 1 makes the engine's dispatch loop burn (factor - 1) times the time it spent running
  // guest code: a known, proportional slowdown of the VM itself for validating the harness.
  // It changes wall time only, never a guest-visible value or a counter.
  double debug_slowdown = 1.0;
  // NUMA placement of guest RAM: "local" (the node of the thread that creates the VM),
  // "interleave" or "bind:N" (vm/mem/host/numa_policy.h).
  std::string mem_numa = "local";
  // Ask for transparent huge pages (madvise) on guest RAM when the kernel allows it.
  bool mem_huge_pages = false;

  void set(std::string_view key, std::string_view value);
  // Parses "key=value".
  void set(std::string_view assignment);
  // Every knob with its current value, as text that set() accepts.
  std::map<std::string, std::string> values() const;
};

struct ConfigKnob {
  std::string key;
  std::string description;
};
std::vector<ConfigKnob> config_knobs();

}  // namespace vm
