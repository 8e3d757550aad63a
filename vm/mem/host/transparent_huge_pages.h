// Transparent huge pages (THP) for host memory: which mode the kernel is in, 2 MiB-aligned
// anonymous mappings that the kernel can back with huge pages, the madvise that asks for them,
// and how much of a range really got them (AnonHugePages in /proc/self/smaps).
//
// Whether a madvised region gets huge pages is the kernel's decision: it depends on free
// contiguous memory and on the defrag settings (with defrag=madvise a fault in a madvised region
// compacts synchronously, but may still fall back to 4 KiB pages), and khugepaged may collapse
// pages later. So callers report the measured amount; they do not rely on it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vm::mem::host {

inline constexpr std::size_t kHugePageSize = std::size_t{2} << 20;
inline constexpr const char* kThpEnabledPath = "/sys/kernel/mm/transparent_hugepage/enabled";

enum class ThpMode { Always, Madvise, Never, Unknown };

// "always", "madvise", "never", "unknown".
std::string_view to_string(ThpMode mode);
// The bracketed word of the sysfs file's text, as in "always [madvise] never"; Unknown when
// there is none or it is none of the three.
ThpMode parse_thp_mode(std::string_view text);
// The mode from the sysfs file (path injectable for tests); Unknown when it cannot be read
// (a kernel without THP has no such file).
ThpMode read_thp_mode(const std::string& path = kThpEnabledPath);
// True when madvise(MADV_HUGEPAGE) can make the kernel use huge pages.
inline bool thp_can_be_advised(ThpMode mode) {
  return mode == ThpMode::Always || mode == ThpMode::Madvise;
}

// Maps `bytes` rounded up to 2 MiB of anonymous memory at a 2 MiB-aligned address: reserves
// 2 MiB more than needed and unmaps the unaligned head and tail. `prot` and `flags` are passed to
// mmap (MAP_PRIVATE | MAP_ANONYMOUS are always added). Throws std::runtime_error on failure.
// Release with munmap(addr, round_up_to_huge_page(bytes)).
void* map_huge_aligned(std::size_t bytes, int prot, int flags = 0);
inline constexpr std::size_t round_up_to_huge_page(std::size_t bytes) {
  return (bytes + kHugePageSize - 1) & ~(kHugePageSize - 1);
}

// madvise(MADV_HUGEPAGE) on the range when `mode` allows huge pages. True when advised.
bool advise_huge_pages(void* addr, std::size_t bytes, ThpMode mode);

// What /proc/self/smaps says about the mappings (VMAs) that overlap a host address range.
// smaps counts per VMA, so a VMA that only partly overlaps the range counts whole: for a region
// mapped on its own (map_huge_aligned + advise gives it its own VMA flags) this is exact, for a
// range inside a larger mapping it is an upper bound.
struct SmapsUsage {
  std::uint64_t vmas = 0;                   // overlapping mappings
  std::uint64_t size_bytes = 0;             // their total size
  std::uint64_t rss_bytes = 0;              // resident
  std::uint64_t anon_huge_pages_bytes = 0;  // resident in transparent huge pages
};

struct AddressRange {
  std::uintptr_t begin = 0, end = 0;  // [begin, end)
};

// Parses smaps text (the format of /proc/<pid>/smaps) for the VMAs overlapping [begin, end).
SmapsUsage parse_smaps(std::string_view smaps_text, std::uintptr_t begin, std::uintptr_t end);
// The same for the VMAs overlapping any of `ranges`, each VMA counted once (the kernel merges
// adjacent mappings, so several ranges, e.g. a pool's chunks, may share one VMA).
SmapsUsage parse_smaps(std::string_view smaps_text, const std::vector<AddressRange>& ranges);
// parse_smaps on /proc/self/smaps. All zero when the file cannot be read.
SmapsUsage measure_smaps(const void* addr, std::size_t bytes);
SmapsUsage measure_smaps(const std::vector<AddressRange>& ranges);

}  // namespace vm::mem::host
