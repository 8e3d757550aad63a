// The non-temporal store threshold of the memcpy implementations: 5/16 of the last-level cache
// (so streaming starts when source and destination together exceed 5/8 of it).
//
// Measured on the reference machine (AMD EPYC family 25 KVM guest, 2 vCPUs, L2 1 MiB, L3 32 MiB
// per sysfs), pinned to CPU 1, Google Benchmark, 64-byte aligned buffers copied over and over,
// median of 5 interleaved repetitions, GB/s, two separate runs (a/b), 2026-11-25:
//
//   size      avx512 temporal  avx512 streaming  avx2 temporal  avx2 streaming  glibc
//   4 MiB          44.3             26.7              46.5            26.7        44.8
//   8 MiB       32.5/31.2        25.6/26.2         33.8/31.6       26.6/24.8   32.7/29.4
//   9 MiB       31.5/23.3        26.9/25.8         28.5/28.2       26.4/25.8   25.4/27.0
//   10 MiB      24.7/22.4        26.1/26.4         28.5/23.2       26.9/26.1   22.5/22.9
//   11 MiB      24.5/18.5        26.4/25.7         23.2/21.5       26.2/25.7   22.6/20.9
//   12 MiB      21.4/15.8        26.5/24.4         24.2/20.2       26.4/24.4   21.2/20.0
//   16 MiB      18.4/16.9        26.3/23.2         21.0/16.4       26.0/25.6   16.9/16.0
//   64 MiB         10.4             17.3              12.2            18.3         9.3
//
// Streaming stores run at a steady ~26 GB/s at every size; temporal stores are faster while the
// copy stays in the caches and fall below that between 9 and 10 MiB, i.e. at 0.28..0.31 of the
// LLC. 5/16 of 32 MiB is 10 MiB. glibc 2.36 trusts CPUID leaf 4, which on this guest reports a
// 320 MiB L3, so it would stream only from 240 MiB on, hence its 9 GB/s at 64 MiB.
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
  // Without a cache size: 4 MiB, safe for the caches of any current x86-64 server.
  return llc > 0 ? llc / 16 * 5 : size_t{4} << 20;
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
