// Tunable knobs of the VM, named like "debug.slowdown", settable from `vmrun --set key=value`
// and from harness suites, so an A/B comparison of two VM designs is one flag. Every knob is
// listed in one table (vm/config/vm_config.cpp) with its meaning and valid values.
#pragma once

#include <cstdint>
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

// The knobs of --memory=paged: guest-physical RAM, the page-table scheme and the TLB hierarchy
// (vm/mem/paged_backing.h, vm/mem/tlb). Flat memory ignores them. Plain values, so this header
// needs nothing from vm/mem; their defaults are vm/mem's own (mem::PagedConfig{}), which the
// VmConfig constructor copies in.
struct PagedKnobs {
  uint64_t ram_bytes = 0;
  std::string paging;  // "sv39" or "sv48"
  uint32_t l1i_entries = 0;
  uint32_t l1d_entries = 0;
  uint32_t l2_entries = 0;
  uint32_t l2_ways = 0;
  std::string l2_policy;  // "lru", "plru", "fifo", "random" or "adaptive"
  uint32_t l3_entries = 0;
  uint32_t l3_ways = 0;
  std::string l3_policy;
  std::string prefetch;  // "none", "next", "stride" or "markov"
  uint64_t tlb_seed = 0;
};

struct VmConfig {
  VmConfig();

  // > 1 makes the engine's dispatch loop burn (factor - 1) times the time it spent running
  // guest code: a known, proportional slowdown of the VM itself for validating the harness.
  // It changes wall time only, never a guest-visible value or a counter.
  double debug_slowdown = 1.0;
  // NUMA placement of guest RAM: "local" (the node of the thread that creates the VM),
  // "interleave" or "bind:N" (vm/mem/host/numa_policy.h).
  std::string mem_numa = "local";
  // Ask for transparent huge pages (madvise) on guest RAM when the kernel allows it.
  bool mem_huge_pages = false;
  PagedKnobs paged;

  // set() checks one value; knobs that only work together (tlb.l2.entries a multiple of
  // tlb.l2.ways, ...) are checked by check(), and again when a paged process is created.
  void set(std::string_view key, std::string_view value);
  // Parses "key=value".
  void set(std::string_view assignment);
  // Throws ConfigError when the knobs together make no working TLB hierarchy.
  void check() const;
  // Every knob with its current value, as text that set() accepts (aliases such as
  // tlb.l1.entries, which set other knobs, have no value of their own and are left out).
  std::map<std::string, std::string> values() const;
};

struct ConfigKnob {
  std::string key;
  std::string description;
  bool paged_only = false;  // takes effect with --memory=paged only
};
std::vector<ConfigKnob> config_knobs();

}  // namespace vm
