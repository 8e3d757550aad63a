// capture_environment: gathers the fields tabled in environment.h. Each group of fields has
// one function; every source may be missing, which yields null.
#include "harness/environment/environment.h"

#include <sched.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <charconv>
#include <chrono>
#include <ctime>
#include <exception>
#include <map>
#include <sstream>

#include "harness/environment/git_state.h"
#include "harness/environment/library_versions.h"
#include "harness/environment/system_files.h"
#include "harness/environment/topology.h"

namespace harness::environment {

namespace {

using Fields = std::map<std::string, std::string>;

// The value of the first of `keys` present in `fields`.
const std::string* find_field(const Fields& fields, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    if (auto it = fields.find(key); it != fields.end()) return &it->second;
  }
  return nullptr;
}

boost::json::value string_field(const Fields& fields, std::initializer_list<const char*> keys) {
  const std::string* value = find_field(fields, keys);
  return value ? boost::json::value(*value) : boost::json::value(nullptr);
}

boost::json::value integer_field(const Fields& fields, const char* key) {
  const std::string* text = find_field(fields, {key});
  std::int64_t value = 0;
  if (text == nullptr) return nullptr;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc{} || end != text->data() + text->size()) return nullptr;
  return value;
}

boost::json::value number_field(const Fields& fields, const char* key) {
  const std::string* text = find_field(fields, {key});
  if (text == nullptr) return nullptr;
  std::istringstream stream(*text);
  double value = 0;
  if (!(stream >> value)) return nullptr;
  return value;
}

boost::json::value optional_string(const std::optional<std::string>& text) {
  return text ? boost::json::value(*text) : boost::json::value(nullptr);
}

std::filesystem::path under(const std::filesystem::path& root, const char* absolute_path) {
  return root / std::filesystem::path(absolute_path).relative_path();
}

std::string utc_now_iso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

boost::json::object cpu_fields(const std::filesystem::path& root) {
  const auto cpuinfo = read_text_file(under(root, "/proc/cpuinfo"));
  const Fields fields = cpuinfo ? parse_first_block(*cpuinfo) : Fields{};

  boost::json::value flags = nullptr;
  if (const std::string* text = find_field(fields, {"flags", "Features"})) {
    boost::json::array list;
    std::istringstream words(*text);
    for (std::string word; words >> word;) list.push_back(boost::json::value(word));
    flags = std::move(list);
  }
  const long online = sysconf(_SC_NPROCESSORS_ONLN);

  return boost::json::object{
      {"vendor", string_field(fields, {"vendor_id", "CPU implementer"})},
      {"model", string_field(fields, {"model name", "Processor"})},
      {"family", integer_field(fields, "cpu family")},
      {"model_id", integer_field(fields, "model")},
      {"stepping", integer_field(fields, "stepping")},
      {"microcode", string_field(fields, {"microcode"})},
      {"flags", std::move(flags)},
      {"logical_cpus", online > 0 ? boost::json::value(online) : boost::json::value(nullptr)},
      {"mhz", number_field(fields, "cpu MHz")},
      {"governor", optional_string(read_cpu_governor(under(root, "/sys/devices/system/cpu")))},
  };
}

boost::json::object thp_fields(const std::filesystem::path& root) {
  const auto mode = [&](const char* path) -> boost::json::value {
    const auto line = read_first_line(under(root, path));
    return optional_string(line ? bracketed_choice(*line) : std::nullopt);
  };
  return boost::json::object{
      {"enabled", mode("/sys/kernel/mm/transparent_hugepage/enabled")},
      {"defrag", mode("/sys/kernel/mm/transparent_hugepage/defrag")},
  };
}

boost::json::object memory_fields(const std::filesystem::path& root) {
  const auto meminfo = read_text_file(under(root, "/proc/meminfo"));
  const Fields fields = meminfo ? parse_first_block(*meminfo) : Fields{};
  const std::string* total = find_field(fields, {"MemTotal"});
  const auto bytes = total ? parse_size_with_unit(*total) : std::nullopt;
  return boost::json::object{
      {"total_bytes", bytes ? boost::json::value(*bytes) : boost::json::value(nullptr)}};
}

// uname() fills both the hostname and the kernel fields.
struct Uname {
  boost::json::value hostname = nullptr;
  boost::json::object kernel{
      {"sysname", nullptr}, {"release", nullptr}, {"version", nullptr}, {"machine", nullptr}};
};

Uname uname_fields() {
  Uname result;
  utsname names{};
  if (::uname(&names) != 0) return result;
  result.hostname = names.nodename;
  result.kernel = boost::json::object{
      {"sysname", names.sysname},
      {"release", names.release},
      {"version", names.version},
      {"machine", names.machine},
  };
  return result;
}

boost::json::value topology_field() {
  try {
    return to_json(read_topology());
  } catch (const std::exception&) {
    return nullptr;  // an environment without hwloc support is still worth recording
  }
}

boost::json::value affinity_field() {
  const long configured = sysconf(_SC_NPROCESSORS_CONF);
  const int cpu_count = static_cast<int>(configured > 1024 ? configured : 1024);
  cpu_set_t* set = CPU_ALLOC(cpu_count);
  if (set == nullptr) return nullptr;
  const std::size_t size = CPU_ALLOC_SIZE(cpu_count);
  boost::json::value result = nullptr;
  if (sched_getaffinity(0, size, set) == 0) {
    boost::json::array cpus;
    for (int cpu = 0; cpu < cpu_count; ++cpu) {
      if (CPU_ISSET_S(cpu, size, set)) cpus.push_back(cpu);
    }
    result = std::move(cpus);
  }
  CPU_FREE(set);
  return result;
}

}  // namespace

static boost::json::object vm_choices(const std::map<std::string, std::string>& choices) {
  boost::json::object out;
  for (const auto& [key, value] : choices) out[key] = value;
  return out;
}

boost::json::object capture_environment(const CaptureOptions& options) {
  const std::filesystem::path& root = options.system_root;
  Uname names = uname_fields();

  boost::json::array command_line;
  for (const std::string& arg : options.command_line)
    command_line.push_back(boost::json::value(arg));

  return boost::json::object{
      {"hostname", std::move(names.hostname)},
      {"date", utc_now_iso8601()},
      {"command_line", std::move(command_line)},
      {"cpu", cpu_fields(root)},
      {"kernel", std::move(names.kernel)},
      {"thp", thp_fields(root)},
      {"memory", memory_fields(root)},
      {"topology", topology_field()},
      {"compiler",
       boost::json::object{
           {"name", options.build.compiler},
           {"flags", options.build.compiler_flags},
           {"build_type", options.build.build_type},
       }},
      {"git", read_git_state(options.build.source_dir)},
      {"libraries", library_versions()},
      {"vm", vm_choices(options.vm_host_choices)},
      {"process",
       boost::json::object{
           {"affinity", affinity_field()},
           {"pinned_cpu", options.pinned_cpu ? boost::json::value(*options.pinned_cpu)
                                             : boost::json::value(nullptr)},
       }},
  };
}

}  // namespace harness::environment
