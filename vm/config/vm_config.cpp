// The table of VM knobs: name, meaning, parser and printer, in one place.
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <functional>

#include "vm/config.h"
#include "vm/config/paged_config.h"
#include "vm/mem/host/numa_policy.h"
#include "vm/mem/tlb/shared_tlb.h"

namespace vm {

namespace {

struct Knob {
  const char* key;
  std::string description;
  std::function<void(VmConfig&, std::string_view key, std::string_view value)> parse;
  // Null for an alias, a knob that sets others and has no value of its own.
  std::function<std::string(const VmConfig&)> print;
  bool paged_only = false;
};

[[noreturn]] void fail(std::string_view key, const std::string& reason) {
  throw ConfigError("config " + std::string(key) + ": " + reason);
}

// 'value', for messages. (Built by appending: "'" + std::string(...) trips GCC 12's
// -Wrestrict false positive.)
std::string quoted(std::string_view value) {
  std::string out(1, '\'');
  out.append(value);
  out += '\'';
  return out;
}

double parse_double(std::string_view key, std::string_view value, double min, double max) {
  double out = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(out)) {
    fail(key, quoted(value) + " is not a number");
  }
  if (out < min || out > max) {
    char range[64];
    std::snprintf(range, sizeof range, "%g..%g", min, max);
    fail(key, std::string(value) + " is outside " + range);
  }
  return out;
}

std::string print_double(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

uint64_t parse_uint(std::string_view key, std::string_view value, uint64_t min, uint64_t max) {
  uint64_t out = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc() || end != value.data() + value.size()) {
    fail(key, quoted(value) + " is not a whole number");
  }
  if (out < min || out > max) {
    fail(key,
         std::string(value) + " is outside " + std::to_string(min) + ".." + std::to_string(max));
  }
  return out;
}

// Sizes in bytes with an optional binary suffix: "4G" is 4 GiB, "65536K" 64 MiB.
constexpr std::string_view kSizeSuffixes = "KMGT";

uint64_t parse_bytes(std::string_view key, std::string_view value, uint64_t min, uint64_t max) {
  std::string_view digits = value;
  unsigned shift = 0;
  if (const size_t unit = kSizeSuffixes.find(value.empty() ? ' ' : value.back());
      unit != std::string_view::npos) {
    digits.remove_suffix(1);
    shift = 10 * static_cast<unsigned>(unit + 1);
  }
  uint64_t count = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() ||
      count > (max >> shift)) {
    fail(key, quoted(value) + " is not a size of at most " + std::to_string(max) +
                  " bytes (a number with an optional K, M, G or T suffix)");
  }
  const uint64_t bytes = count << shift;
  if (bytes < min) fail(key, std::string(value) + " is below " + std::to_string(min) + " bytes");
  if (bytes % 4096 != 0) fail(key, std::string(value) + " is not a multiple of 4K");
  return bytes;
}

std::string print_bytes(uint64_t bytes) {
  for (size_t unit = kSizeSuffixes.size(); unit > 0; --unit) {
    const unsigned shift = 10 * static_cast<unsigned>(unit);
    if (bytes != 0 && bytes % (uint64_t{1} << shift) == 0) {
      return std::to_string(bytes >> shift) + kSizeSuffixes[unit - 1];
    }
  }
  return std::to_string(bytes);
}

// A count of TLB entries or ways: min..max, and a power of two when asked.
uint32_t parse_count(std::string_view key, std::string_view value, uint32_t min, uint32_t max,
                     bool power_of_two) {
  const auto n = static_cast<uint32_t>(parse_uint(key, value, min, max));
  if (power_of_two && !std::has_single_bit(n))
    fail(key, std::string(value) + " is not a power of two");
  return n;
}

Knob count_knob(const char* key, std::string description, uint32_t PagedKnobs::*field, uint32_t min,
                uint32_t max, bool power_of_two) {
  return {key, std::move(description),
          [=](VmConfig& c, std::string_view k, std::string_view v) {
            c.paged.*field = parse_count(k, v, min, max, power_of_two);
          },
          [=](const VmConfig& c) { return std::to_string(c.paged.*field); }, true};
}

// A name from one of vm/mem's lists (policies, prefetchers, paging modes); `check` throws
// for a name that is not on it.
template <typename Check>
Knob choice_knob(const char* key, std::string description, std::string PagedKnobs::*field,
                 Check check) {
  return {key, std::move(description),
          [=](VmConfig& c, std::string_view k, std::string_view v) {
            (void)check(k, v);
            c.paged.*field = std::string(v);
          },
          [=](const VmConfig& c) { return c.paged.*field; }, true};
}

constexpr uint32_t kMaxL1Entries = 65536;
constexpr uint32_t kMaxL2Entries = 65536;
constexpr uint32_t kMaxL3Entries = 262144;
constexpr uint64_t kMinRam = uint64_t{1} << 20;
constexpr uint64_t kMaxRam = uint64_t{1} << 40;

// The descriptions below spell these out.
static_assert(mem::tlb::kMaxWays == 65536 && mem::tlb::SharedTlb::kShards == 8);

const std::string kPolicies =
    "lru, plru (tree pseudo-LRU; ways a power of two), fifo, random (seeded by tlb.seed) or "
    "adaptive (set dueling between LRU and BIP; needs 2 sets or more)";

const std::vector<Knob>& knobs() {
  static const std::vector<Knob> table = {
      {"debug.slowdown",
       "make the VM this many times slower by busy work in the dispatch loop (1 = off, 1.03 = "
       "3% slower); changes time only, never a counter",
       [](VmConfig& c, std::string_view k, std::string_view v) {
         c.debug_slowdown = parse_double(k, v, 1.0, 100.0);
       },
       [](const VmConfig& c) { return print_double(c.debug_slowdown); }},
      {"mem.numa",
       "NUMA placement of guest RAM: local (the node of the VM's thread), interleave, or bind:N",
       [](VmConfig& c, std::string_view k, std::string_view v) {
         try {
           (void)mem::host::parse_numa_policy(v);
         } catch (const std::invalid_argument& e) {
           fail(k, e.what());
         }
         c.mem_numa = std::string(v);
       },
       [](const VmConfig& c) { return c.mem_numa; }},
      {"mem.huge_pages",
       "on: guest RAM is 2 MiB-aligned and madvise(MADV_HUGEPAGE)d when THP is madvise or "
       "always; off: 4 KiB pages",
       [](VmConfig& c, std::string_view k, std::string_view v) {
         if (v != "on" && v != "off") fail(k, quoted(v) + " is not on or off");
         c.mem_huge_pages = v == "on";
       },
       [](const VmConfig& c) { return std::string(c.mem_huge_pages ? "on" : "off"); }},
      {"mem.paging", "page-table scheme: sv39 (3 levels) or sv48 (4 levels)",
       [](VmConfig& c, std::string_view k, std::string_view v) {
         (void)paging_of(k, v);
         c.paged.paging = std::string(v);
       },
       [](const VmConfig& c) { return c.paged.paging; }, true},
      {"mem.ram",
       "guest-physical RAM: bytes, or with a K, M, G or T suffix (powers of 1024); 1M..1T, a "
       "multiple of 4K. Frames are taken on first touch, so RAM never touched costs nothing",
       [](VmConfig& c, std::string_view k, std::string_view v) {
         c.paged.ram_bytes = parse_bytes(k, v, kMinRam, kMaxRam);
       },
       [](const VmConfig& c) { return print_bytes(c.paged.ram_bytes); }, true},
      {"tlb.l1.entries", "sets tlb.l1i.entries and tlb.l1d.entries to the same value",
       [](VmConfig& c, std::string_view k, std::string_view v) {
         c.paged.l1i_entries = c.paged.l1d_entries = parse_count(k, v, 1, kMaxL1Entries, true);
       },
       nullptr, true},
      count_knob("tlb.l1i.entries",
                 "entries of the L1 instruction TLB (direct-mapped): a power of two, 1..65536",
                 &PagedKnobs::l1i_entries, 1, kMaxL1Entries, true),
      count_knob("tlb.l1d.entries",
                 "entries of the L1 data TLB (direct-mapped): a power of two, 1..65536",
                 &PagedKnobs::l1d_entries, 1, kMaxL1Entries, true),
      count_knob("tlb.l2.entries",
                 "entries of the per-vCPU L2 TLB, 1..65536: tlb.l2.ways times a power of two",
                 &PagedKnobs::l2_entries, 1, kMaxL2Entries, false),
      count_knob("tlb.l2.ways", "associativity of the L2 TLB, 1..65536 (dividing tlb.l2.entries)",
                 &PagedKnobs::l2_ways, 1, mem::tlb::kMaxWays, false),
      choice_knob("tlb.l2.policy", "replacement policy of the L2 TLB: " + kPolicies,
                  &PagedKnobs::l2_policy, policy_of),
      count_knob("tlb.l3.entries",
                 "entries of the L3 TLB shared by the vCPUs, 8..262144: tlb.l3.ways times a power "
                 "of two that is at least 8 (the L3 is 8 shards of sets; adaptive needs 16)",
                 &PagedKnobs::l3_entries, 8, kMaxL3Entries, false),
      count_knob("tlb.l3.ways", "associativity of the L3 TLB, 1..65536 (dividing tlb.l3.entries)",
                 &PagedKnobs::l3_ways, 1, mem::tlb::kMaxWays, false),
      choice_knob("tlb.l3.policy", "replacement policy of the L3 TLB: " + kPolicies,
                  &PagedKnobs::l3_policy, policy_of),
      choice_knob("tlb.prefetch",
                  "TLB prefetch after a walk, into the L2: none, next (the following page), "
                  "stride (the last distance between misses, once it repeats) or markov (the "
                  "page that missed after this one last time)",
                  &PagedKnobs::prefetch, prefetch_of),
      {"tlb.seed", "seed of the random and adaptive replacement policies, 0..2^64-1",
       [](VmConfig& c, std::string_view k, std::string_view v) {
         c.paged.tlb_seed = parse_uint(k, v, 0, UINT64_MAX);
       },
       [](const VmConfig& c) { return std::to_string(c.paged.tlb_seed); }, true},
  };
  return table;
}

}  // namespace

VmConfig::VmConfig() : paged(paged_knobs(mem::PagedConfig{})) {}

void VmConfig::set(std::string_view key, std::string_view value) {
  for (const Knob& knob : knobs()) {
    if (key == knob.key) return knob.parse(*this, key, value);
  }
  std::string known;
  for (const Knob& knob : knobs()) known += (known.empty() ? "" : ", ") + std::string(knob.key);
  throw ConfigError("config: unknown key '" + std::string(key) + "' (known: " + known + ")");
}

void VmConfig::set(std::string_view assignment) {
  const size_t eq = assignment.find('=');
  if (eq == std::string_view::npos || eq == 0) {
    throw ConfigError("config: '" + std::string(assignment) + "' is not key=value");
  }
  set(assignment.substr(0, eq), assignment.substr(eq + 1));
}

void VmConfig::check() const { (void)paged_config(paged); }

std::map<std::string, std::string> VmConfig::values() const {
  std::map<std::string, std::string> out;
  for (const Knob& knob : knobs()) {
    if (knob.print) out[knob.key] = knob.print(*this);
  }
  return out;
}

std::vector<ConfigKnob> config_knobs() {
  std::vector<ConfigKnob> out;
  for (const Knob& knob : knobs()) {
    const char* note = knob.paged_only ? " [--memory=paged only; flat memory ignores it]" : "";
    out.push_back({knob.key, knob.description + note, knob.paged_only});
  }
  return out;
}

}  // namespace vm
