// The non-temporal store threshold of the memcpy implementations.
//
// RULE (placeholder, to be measured).
#include "vm/mem/memcpy/memcpy_nontemporal.h"

#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <string>

#include "vm/mem/memcpy/memcpy_impls.h"

namespace vm::mem {

namespace {

// "32768K" -> 33554432; 0 if unreadable.
size_t parse_cache_size(const std::string& text) {
  size_t value = 0;
  size_t i = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    value = value * 10 + static_cast<size_t>(text[i] - '0');
  }
  if (i == 0) return 0;
  if (i < text.size() && text[i] == 'K') return value << 10;
  if (i < text.size() && text[i] == 'M') return value << 20;
  return value;
}

size_t sysfs_last_level_cache_bytes() {
  size_t best_level = 0;
  size_t bytes = 0;
  for (int index = 0; index < 8; ++index) {
    const std::string dir = "/sys/devices/system/cpu/cpu0/cache/index" + std::to_string(index);
    std::ifstream level_file(dir + "/level");
    std::ifstream size_file(dir + "/size");
    size_t level = 0;
    std::string size;
    if (!(level_file >> level) || !(size_file >> size)) continue;
    if (level >= best_level && parse_cache_size(size) > 0) {
      best_level = level;
      bytes = parse_cache_size(size);
    }
  }
  return bytes;
}

size_t default_threshold() {
  const size_t llc = last_level_cache_bytes();
  return llc > 0 ? llc / 2 : size_t{4} << 20;
}

}  // namespace

// SIZE_MAX until the dynamic initialiser below runs: a copy made during static initialisation
// of another file is then simply not streamed.
size_t detail::g_nontemporal_threshold = SIZE_MAX;

namespace {
[[maybe_unused]] const bool threshold_initialised = [] {
  detail::g_nontemporal_threshold = default_threshold();
  return true;
}();
}  // namespace

size_t last_level_cache_bytes() {
  // sysfs first: glibc and sysconf trust CPUID leaf 4, which some hypervisors fill in wrongly
  // (on the reference KVM guest it reports a 320 MiB L3, sysfs the real 32 MiB).
  if (const size_t bytes = sysfs_last_level_cache_bytes(); bytes > 0) return bytes;
  const long l3 = ::sysconf(_SC_LEVEL3_CACHE_SIZE);
  return l3 > 0 ? static_cast<size_t>(l3) : 0;
}

size_t memcpy_nontemporal_threshold() { return detail::g_nontemporal_threshold; }

void set_memcpy_nontemporal_threshold(size_t bytes) { detail::g_nontemporal_threshold = bytes; }

}  // namespace vm::mem
