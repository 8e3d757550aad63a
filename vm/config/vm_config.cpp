// The table of VM knobs: name, meaning, parser and printer, in one place.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <functional>

#include "vm/config.h"
#include "vm/mem/host/numa_policy.h"

namespace vm {

namespace {

struct Knob {
  const char* key;
  const char* description;
  std::function<void(VmConfig&, std::string_view key, std::string_view value)> parse;
  std::function<std::string(const VmConfig&)> print;
};

double parse_double(std::string_view key, std::string_view value, double min, double max) {
  double out = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(out)) {
    throw ConfigError("config " + std::string(key) + ": '" + std::string(value) +
                      "' is not a number");
  }
  if (out < min || out > max) {
    char range[64];
    std::snprintf(range, sizeof range, "%g..%g", min, max);
    throw ConfigError("config " + std::string(key) + ": " + std::string(value) + " is outside " +
                      range);
  }
  return out;
}

std::string print_double(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

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
           throw ConfigError("config " + std::string(k) + ": " + e.what());
         }
         c.mem_numa = std::string(v);
       },
       [](const VmConfig& c) { return c.mem_numa; }},
      {"mem.huge_pages",
       "on: guest RAM is 2 MiB-aligned and madvise(MADV_HUGEPAGE)d when THP is madvise or "
       "always; off: 4 KiB pages",
       [](VmConfig& c, std::string_view k, std::string_view v) {
         if (v != "on" && v != "off") {
           throw ConfigError("config " + std::string(k) + ": '" + std::string(v) +
                             "' is not on or off");
         }
         c.mem_huge_pages = v == "on";
       },
       [](const VmConfig& c) { return std::string(c.mem_huge_pages ? "on" : "off"); }},
  };
  return table;
}

}  // namespace

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

std::map<std::string, std::string> VmConfig::values() const {
  std::map<std::string, std::string> out;
  for (const Knob& knob : knobs()) out[knob.key] = knob.print(*this);
  return out;
}

std::vector<ConfigKnob> config_knobs() {
  std::vector<ConfigKnob> out;
  for (const Knob& knob : knobs()) out.push_back({knob.key, knob.description});
  return out;
}

}  // namespace vm
