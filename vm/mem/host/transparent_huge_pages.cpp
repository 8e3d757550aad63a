#include "vm/mem/host/transparent_huge_pages.h"

#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace vm::mem::host {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool parse_hex(std::string_view text, std::uintptr_t& value) {
  if (text.empty()) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
  return error == std::errc{} && end == text.data() + text.size();
}

// "7f0000000000-7f0000400000 rw-p 00000000 00:00 0   [heap]": a VMA header. Field lines
// ("Rss:   12 kB") have a first word ending in ':', which no header has.
bool parse_vma_header(std::string_view line, std::uintptr_t& start, std::uintptr_t& end) {
  const std::size_t space = line.find(' ');
  const std::string_view range = line.substr(0, space);
  const std::size_t dash = range.find('-');
  if (dash == std::string_view::npos) return false;
  return parse_hex(range.substr(0, dash), start) && parse_hex(range.substr(dash + 1), end) &&
         start < end;
}

// "AnonHugePages:      2048 kB" → bytes, when the line is field `name`.
bool parse_kb_field(std::string_view line, std::string_view name, std::uint64_t& bytes) {
  if (!line.starts_with(name) || line.size() <= name.size() || line[name.size()] != ':') {
    return false;
  }
  std::string_view value = trim(line.substr(name.size() + 1));
  if (value.ends_with("kB")) value = trim(value.substr(0, value.size() - 2));
  std::uint64_t kb = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), kb);
  if (error != std::errc{} || end != value.data() + value.size()) return false;
  bytes = kb * 1024;
  return true;
}

}  // namespace

std::string_view to_string(ThpMode mode) {
  switch (mode) {
    case ThpMode::Always: return "always";
    case ThpMode::Madvise: return "madvise";
    case ThpMode::Never: return "never";
    case ThpMode::Unknown: break;
  }
  return "unknown";
}

ThpMode parse_thp_mode(std::string_view text) {
  const std::size_t open = text.find('[');
  if (open == std::string_view::npos) return ThpMode::Unknown;
  const std::size_t close = text.find(']', open);
  if (close == std::string_view::npos) return ThpMode::Unknown;
  const std::string_view word = text.substr(open + 1, close - open - 1);
  if (word == "always") return ThpMode::Always;
  if (word == "madvise") return ThpMode::Madvise;
  if (word == "never") return ThpMode::Never;
  return ThpMode::Unknown;
}

ThpMode read_thp_mode(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) return ThpMode::Unknown;
  return parse_thp_mode(line);
}

void* map_huge_aligned(std::size_t bytes, int prot, int flags) {
  if (bytes == 0) throw std::invalid_argument("map_huge_aligned: size must not be zero");
  const std::size_t size = round_up_to_huge_page(bytes);
  const std::size_t reserve = size + kHugePageSize;
  void* p = mmap(nullptr, reserve, prot, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
  if (p == MAP_FAILED) {
    throw std::runtime_error("cannot map " + std::to_string(reserve) +
                             " bytes for a huge-page region: " + std::strerror(errno));
  }
  const auto raw = reinterpret_cast<std::uintptr_t>(p);
  const std::uintptr_t aligned = (raw + kHugePageSize - 1) & ~std::uintptr_t{kHugePageSize - 1};
  const std::size_t head = aligned - raw;
  const std::size_t tail = reserve - head - size;
  if (head != 0) munmap(p, head);
  if (tail != 0) munmap(reinterpret_cast<void*>(aligned + size), tail);
  return reinterpret_cast<void*>(aligned);
}

bool advise_huge_pages(void* addr, std::size_t bytes, ThpMode mode) {
  if (!thp_can_be_advised(mode)) return false;
  return madvise(addr, bytes, MADV_HUGEPAGE) == 0;
}

SmapsUsage parse_smaps(std::string_view smaps_text, std::uintptr_t begin, std::uintptr_t end) {
  return parse_smaps(smaps_text, std::vector<AddressRange>{{begin, end}});
}

SmapsUsage parse_smaps(std::string_view smaps_text, const std::vector<AddressRange>& ranges) {
  SmapsUsage usage;
  bool inside = false;  // the current VMA overlaps one of the ranges
  while (!smaps_text.empty()) {
    const std::size_t newline = smaps_text.find('\n');
    const std::string_view line = smaps_text.substr(0, newline);
    smaps_text.remove_prefix(newline == std::string_view::npos ? smaps_text.size() : newline + 1);

    std::uintptr_t vma_start = 0;
    std::uintptr_t vma_end = 0;
    if (parse_vma_header(line, vma_start, vma_end)) {
      inside = std::any_of(ranges.begin(), ranges.end(), [&](const AddressRange& r) {
        return vma_start < r.end && r.begin < vma_end;
      });
      if (inside) {
        ++usage.vmas;
        usage.size_bytes += vma_end - vma_start;
      }
      continue;
    }
    if (!inside) continue;
    std::uint64_t bytes = 0;
    if (parse_kb_field(line, "Rss", bytes)) {
      usage.rss_bytes += bytes;
    } else if (parse_kb_field(line, "AnonHugePages", bytes)) {
      usage.anon_huge_pages_bytes += bytes;
    }
  }
  return usage;
}

SmapsUsage measure_smaps(const void* addr, std::size_t bytes) {
  const auto begin = reinterpret_cast<std::uintptr_t>(addr);
  return measure_smaps(std::vector<AddressRange>{{begin, begin + bytes}});
}

SmapsUsage measure_smaps(const std::vector<AddressRange>& ranges) {
  std::ifstream in("/proc/self/smaps");
  if (!in || ranges.empty()) return {};
  std::ostringstream text;
  text << in.rdbuf();
  return parse_smaps(text.str(), ranges);
}

}  // namespace vm::mem::host
