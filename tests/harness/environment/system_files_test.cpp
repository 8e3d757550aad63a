// The /proc and /sys readers: parsing, and null (not failure) for missing files.
#include "harness/environment/system_files.h"

#include <gtest/gtest.h>

#include "tests/harness/scratch_directory.h"

namespace harness::environment {
namespace {

using harness::testing::ScratchDirectory;

TEST(SystemFiles, MissingFileReadsAsNullopt) {
  const std::filesystem::path missing = "/nonexistent/vmbench/scaling_governor";
  EXPECT_EQ(read_first_line(missing), std::nullopt);
  EXPECT_EQ(read_text_file(missing), std::nullopt);
}

TEST(SystemFiles, FirstLineWithoutNewline) {
  ScratchDirectory dir;
  dir.write("governor", "performance\nsecond line\n");
  EXPECT_EQ(read_first_line(dir / "governor"), "performance");
  EXPECT_EQ(read_text_file(dir / "governor"), "performance\nsecond line\n");
}

TEST(SystemFiles, BracketedChoice) {
  EXPECT_EQ(bracketed_choice("always [madvise] never"), "madvise");
  EXPECT_EQ(bracketed_choice("[always] defer defer+madvise madvise never"), "always");
  EXPECT_EQ(bracketed_choice("always madvise never"), std::nullopt);
  EXPECT_EQ(bracketed_choice("always [madvise"), std::nullopt);
}

TEST(SystemFiles, FirstBlockOfCpuinfo) {
  const auto fields = parse_first_block(
      "\nprocessor\t: 0\nmodel name\t: AMD EPYC 7B13\nflags\t\t: fpu sse2 avx2\n\n"
      "processor\t: 1\nmodel name\t: other\n");
  EXPECT_EQ(fields.at("processor"), "0");
  EXPECT_EQ(fields.at("model name"), "AMD EPYC 7B13");
  EXPECT_EQ(fields.at("flags"), "fpu sse2 avx2");
  EXPECT_EQ(fields.size(), 3u);
}

TEST(SystemFiles, SizeWithUnit) {
  EXPECT_EQ(parse_size_with_unit("24684084 kB"), 24684084ull * 1024);
  EXPECT_EQ(parse_size_with_unit(" 42 "), 42u);
  EXPECT_EQ(parse_size_with_unit("kB"), std::nullopt);
  EXPECT_EQ(parse_size_with_unit("12 parsecs"), std::nullopt);
}

TEST(SystemFiles, GovernorMissingIsNullopt) {
  EXPECT_EQ(read_cpu_governor("/nonexistent/vmbench/cpu"), std::nullopt);
  ScratchDirectory dir;  // CPUs present, but no cpufreq: a typical VM
  dir.write("cpu0/topology/core_id", "0\n");
  dir.write("cpu1/topology/core_id", "1\n");
  EXPECT_EQ(read_cpu_governor(dir.path()), std::nullopt);
}

TEST(SystemFiles, GovernorAgreeingAndMixed) {
  ScratchDirectory dir;
  dir.write("cpu0/cpufreq/scaling_governor", "performance\n");
  dir.write("cpu1/cpufreq/scaling_governor", "performance\n");
  dir.write("cpufreq/scaling_governor", "ignored: not a cpu directory\n");
  EXPECT_EQ(read_cpu_governor(dir.path()), "performance");
  dir.write("cpu12/cpufreq/scaling_governor", "powersave\n");
  EXPECT_EQ(read_cpu_governor(dir.path()), "performance,powersave");
}

}  // namespace
}  // namespace harness::environment
