// Readers for the small text files under /proc and /sys that describe the machine. Every reader
// returns std::nullopt when a file is missing or unreadable: an absent file (no cpufreq in a VM,
// no THP in a container) is a fact to record as null, never an error.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace harness::environment {

// The whole file.
std::optional<std::string> read_text_file(const std::filesystem::path& path);

// The first line, without its newline.
std::optional<std::string> read_first_line(const std::filesystem::path& path);

// The selected choice of a sysfs multiple-choice file: "always [madvise] never" -> "madvise".
std::optional<std::string> bracketed_choice(std::string_view text);

// "key: value" lines (as in /proc/cpuinfo, /proc/meminfo) up to the first blank line, keys and
// values trimmed. For /proc/cpuinfo that is the first processor's block.
std::map<std::string, std::string> parse_first_block(std::string_view text);

// "24684084 kB" -> 24684084 * 1024; a bare number is taken as is.
std::optional<std::uint64_t> parse_size_with_unit(std::string_view text);

// The cpufreq scaling governor of all CPUs under cpu_root (normally /sys/devices/system/cpu):
// one name when they agree, the sorted distinct names joined with ',' when they differ, nullopt
// when no CPU exposes one (VMs usually have no cpufreq).
std::optional<std::string> read_cpu_governor(const std::filesystem::path& cpu_root);

}  // namespace harness::environment
