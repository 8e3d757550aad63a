// Transparent huge pages: the sysfs mode parser, the smaps parser on sample text, 2 MiB
// alignment, and (reported, not asserted) how much of a madvised region the kernel backs with
// huge pages on this machine.
#include "vm/mem/host/transparent_huge_pages.h"

#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace vm::mem::host {
namespace {

TEST(ThpMode, ParsesTheBracketedWord) {
  EXPECT_EQ(parse_thp_mode("always [madvise] never\n"), ThpMode::Madvise);
  EXPECT_EQ(parse_thp_mode("[always] madvise never"), ThpMode::Always);
  EXPECT_EQ(parse_thp_mode("always madvise [never]"), ThpMode::Never);
  EXPECT_EQ(parse_thp_mode("always madvise never"), ThpMode::Unknown);
  EXPECT_EQ(parse_thp_mode("always [madvise never"), ThpMode::Unknown);
  EXPECT_EQ(parse_thp_mode("[defer] madvise"), ThpMode::Unknown);
  EXPECT_EQ(parse_thp_mode(""), ThpMode::Unknown);
  EXPECT_EQ(to_string(ThpMode::Madvise), "madvise");
  EXPECT_TRUE(thp_can_be_advised(ThpMode::Always));
  EXPECT_TRUE(thp_can_be_advised(ThpMode::Madvise));
  EXPECT_FALSE(thp_can_be_advised(ThpMode::Never));
  EXPECT_FALSE(thp_can_be_advised(ThpMode::Unknown));
}

TEST(ThpMode, ReadsAnInjectedFile) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("thp_enabled_" + std::to_string(getpid()));
  std::ofstream(path) << "[always] madvise never\n";
  EXPECT_EQ(read_thp_mode(path.string()), ThpMode::Always);
  std::filesystem::remove(path);
  EXPECT_EQ(read_thp_mode(path.string()), ThpMode::Unknown);  // missing file
}

constexpr const char* kSmaps =
    "55d4c8a00000-55d4c8a21000 rw-p 00000000 00:00 0                          [heap]\n"
    "Size:                132 kB\n"
    "Rss:                  12 kB\n"
    "AnonHugePages:         0 kB\n"
    "VmFlags: rd wr mr mw me ac sd\n"
    "7f0000000000-7f0000400000 rw-p 00000000 00:00 0 \n"
    "Size:               4096 kB\n"
    "KernelPageSize:        4 kB\n"
    "Rss:                4096 kB\n"
    "Anonymous:          4096 kB\n"
    "AnonHugePages:      4096 kB\n"
    "ShmemPmdMapped:        0 kB\n"
    "THPeligible:    1\n"
    "VmFlags: rd wr mr mw me ac sd hg\n"
    "7f0000400000-7f0000600000 rw-p 00000000 00:00 0\n"
    "Size:               2048 kB\n"
    "Rss:                 100 kB\n"
    "AnonHugePages:         0 kB\n"
    "7ffd1c000000-7ffd1c021000 rw-p 00000000 00:00 0                          [stack]\n"
    "Rss:                  40 kB\n"
    "AnonHugePages:      2048 kB\n";

TEST(Smaps, CountsTheVmasOverlappingTheRange) {
  // Exactly the 4 MiB VMA.
  SmapsUsage u = parse_smaps(kSmaps, 0x7f0000000000, 0x7f0000400000);
  EXPECT_EQ(u.vmas, 1u);
  EXPECT_EQ(u.size_bytes, 4u << 20);
  EXPECT_EQ(u.rss_bytes, 4u << 20);
  EXPECT_EQ(u.anon_huge_pages_bytes, 4u << 20);

  // A range straddling two VMAs counts both whole.
  u = parse_smaps(kSmaps, 0x7f00003ff000, 0x7f0000401000);
  EXPECT_EQ(u.vmas, 2u);
  EXPECT_EQ(u.size_bytes, 6u << 20);
  EXPECT_EQ(u.rss_bytes, (4096u + 100u) * 1024);
  EXPECT_EQ(u.anon_huge_pages_bytes, 4u << 20);

  // The end is exclusive; nothing there.
  u = parse_smaps(kSmaps, 0x7f0000600000, 0x7f0000700000);
  EXPECT_EQ(u.vmas, 0u);
  EXPECT_EQ(u.anon_huge_pages_bytes, 0u);

  // The last VMA, without a trailing newline after its fields.
  u = parse_smaps(std::string(kSmaps, std::strlen(kSmaps) - 1), 0x7ffd1c000000, 0x7ffd1c000001);
  EXPECT_EQ(u.anon_huge_pages_bytes, 2u << 20);
}

TEST(Smaps, SeveralRangesCountEachVmaOnce) {
  // Two chunks inside the 4 MiB VMA (a merged mapping) and one in the stack: two VMAs.
  const SmapsUsage u = parse_smaps(kSmaps, {{0x7f0000000000, 0x7f0000200000},
                                            {0x7f0000200000, 0x7f0000400000},
                                            {0x7ffd1c000000, 0x7ffd1c001000}});
  EXPECT_EQ(u.vmas, 2u);
  EXPECT_EQ(u.anon_huge_pages_bytes, (4u << 20) + (2u << 20));
  EXPECT_EQ(parse_smaps(kSmaps, std::vector<AddressRange>{}).vmas, 0u);
  EXPECT_EQ(measure_smaps(std::vector<AddressRange>{}).vmas, 0u);
}

TEST(Smaps, IgnoresMalformedLines) {
  const SmapsUsage u =
      parse_smaps("garbage\n1000-2000 rw-p 0 00:00 0\nRss: lots kB\nAnonHugePages: 8 kB\n-: x\n",
                  0x1000, 0x2000);
  EXPECT_EQ(u.vmas, 1u);
  EXPECT_EQ(u.rss_bytes, 0u);
  EXPECT_EQ(u.anon_huge_pages_bytes, 8u * 1024);
}

TEST(HugeAligned, RegionsAre2MiBAlignedAndRoundedUp) {
  EXPECT_EQ(round_up_to_huge_page(1), kHugePageSize);
  EXPECT_EQ(round_up_to_huge_page(kHugePageSize), kHugePageSize);
  EXPECT_EQ(round_up_to_huge_page(kHugePageSize + 1), 2 * kHugePageSize);
  for (std::size_t bytes : {std::size_t{4096}, std::size_t{3} << 20, std::size_t{8} << 20}) {
    void* p = map_huge_aligned(bytes, PROT_READ | PROT_WRITE);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % kHugePageSize, 0u);
    std::memset(p, 1, round_up_to_huge_page(bytes));  // the whole rounded size is usable
    const SmapsUsage u = measure_smaps(p, round_up_to_huge_page(bytes));
    EXPECT_GE(u.vmas, 1u);
    EXPECT_GE(u.size_bytes, round_up_to_huge_page(bytes));
    EXPECT_EQ(munmap(p, round_up_to_huge_page(bytes)), 0);
  }
  EXPECT_THROW(map_huge_aligned(0, PROT_READ), std::invalid_argument);
}

// Whether the kernel really backs a madvised region with huge pages depends on free contiguous
// memory and the defrag settings, so this reports what it saw and asserts only what must hold:
// never any huge pages when THP is off, and never more than the region.
TEST(HugeAligned, MadvisedRegionReportsAnonHugePages) {
  const ThpMode mode = read_thp_mode();
  constexpr std::size_t kBytes = std::size_t{4} << 20;
  void* p = map_huge_aligned(kBytes, PROT_READ | PROT_WRITE);
  const bool advised = advise_huge_pages(p, kBytes, mode);
  EXPECT_EQ(advised, thp_can_be_advised(mode));
  for (std::size_t off = 0; off < kBytes; off += 4096) static_cast<char*>(p)[off] = 1;
  const SmapsUsage u = measure_smaps(p, kBytes);
  std::printf("THP mode %s, advised %s: AnonHugePages %llu KiB of %zu KiB touched (rss %llu KiB)\n",
              std::string(to_string(mode)).c_str(), advised ? "yes" : "no",
              static_cast<unsigned long long>(u.anon_huge_pages_bytes >> 10), kBytes >> 10,
              static_cast<unsigned long long>(u.rss_bytes >> 10));
  RecordProperty("thp_mode", std::string(to_string(mode)));
  RecordProperty("anon_huge_pages_kib", std::to_string(u.anon_huge_pages_bytes >> 10));
  if (mode == ThpMode::Never) {
    EXPECT_EQ(u.anon_huge_pages_bytes, 0u);
  }
  EXPECT_LE(u.anon_huge_pages_bytes, u.size_bytes);
  EXPECT_EQ(u.anon_huge_pages_bytes % kHugePageSize, 0u);
  munmap(p, kBytes);
}

}  // namespace
}  // namespace vm::mem::host
