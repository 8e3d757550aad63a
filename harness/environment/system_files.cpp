// Tolerant readers for /proc and /sys text files; see system_files.h.
#include "harness/environment/system_files.h"

#include <charconv>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

namespace harness::environment {

namespace {

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

bool is_cpu_directory_name(const std::string& name) {
  if (name.size() <= 3 || name.compare(0, 3, "cpu") != 0) return false;
  return name.find_first_not_of("0123456789", 3) == std::string::npos;
}

}  // namespace

std::optional<std::string> read_text_file(const std::filesystem::path& path) {
  std::ifstream file(path);
  if (!file) return std::nullopt;
  std::ostringstream content;
  content << file.rdbuf();
  if (file.bad()) return std::nullopt;
  return content.str();
}

std::optional<std::string> read_first_line(const std::filesystem::path& path) {
  std::ifstream file(path);
  if (!file) return std::nullopt;
  std::string line;
  if (!std::getline(file, line)) return std::nullopt;
  return line;
}

std::optional<std::string> bracketed_choice(std::string_view text) {
  const auto open = text.find('[');
  if (open == std::string_view::npos) return std::nullopt;
  const auto close = text.find(']', open);
  if (close == std::string_view::npos) return std::nullopt;
  return std::string(text.substr(open + 1, close - open - 1));
}

std::map<std::string, std::string> parse_first_block(std::string_view text) {
  std::map<std::string, std::string> fields;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (trim(line).empty()) {
      if (!fields.empty()) break;
      continue;
    }
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    fields.emplace(std::string(trim(line.substr(0, colon))),
                   std::string(trim(line.substr(colon + 1))));
  }
  return fields;
}

std::optional<std::uint64_t> parse_size_with_unit(std::string_view text) {
  text = trim(text);
  std::uint64_t value = 0;
  const auto [rest, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || rest == text.data()) return std::nullopt;
  const std::string_view unit = trim(std::string_view(rest, text.data() + text.size() - rest));
  if (unit.empty()) return value;
  if (unit == "kB" || unit == "KB" || unit == "KiB") return value * 1024;
  return std::nullopt;
}

std::optional<std::string> read_cpu_governor(const std::filesystem::path& cpu_root) {
  std::set<std::string> governors;
  std::error_code error;
  for (std::filesystem::directory_iterator it(cpu_root, error), end; !error && it != end;
       it.increment(error)) {
    if (!is_cpu_directory_name(it->path().filename().string())) continue;
    if (auto governor = read_first_line(it->path() / "cpufreq" / "scaling_governor")) {
      governors.insert(std::string(trim(*governor)));
    }
  }
  if (governors.empty()) return std::nullopt;
  std::string joined;
  for (const std::string& governor : governors) {
    if (!joined.empty()) joined += ',';
    joined += governor;
  }
  return joined;
}

}  // namespace harness::environment
