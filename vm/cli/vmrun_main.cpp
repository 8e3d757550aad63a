// vmrun: runs a static RISC-V Linux program on the VM.
//   vmrun [OPTIONS] PROG [ARGS...]
// Exit status: the guest's (or 128 + signal when the guest is killed), 2 for bad input.
#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

#include "vm/mem/memcpy/memcpy.h"
#include "vm/process.h"
#include "vm/support/atomic_file.h"

extern char** environ;

namespace {

constexpr int kUsageError = 2;

const char* kUsage =
    "usage: vmrun [OPTIONS] PROG [ARGS...]\n"
    "Runs a static RISC-V (RV64GC) Linux program.\n"
    "\n"
    "  --engine=NAME        execution engine (available: %s; default interp)\n"
    "  --memory=MODE        guest memory mode (available: %s; default flat); paged memory\n"
    "                       takes the mem.paging, mem.ram and tlb.* knobs\n"
    "  --stats=FILE         write run statistics as JSON to FILE\n"
    "  --max-insns=N        stop before retiring more than N guest instructions\n"
    "                       (exit status 124)\n"
    "  --deterministic      fixed AT_RANDOM, pid and environment; clocks follow retired\n"
    "                       instructions, so repeated runs give identical output and counters\n"
    "  --env=KEY=VALUE      add to the guest environment (the only entries when deterministic)\n"
    "  --strict-syscalls    stop on an unimplemented syscall (exit status 125) instead of\n"
    "                       returning -ENOSYS\n"
    "  --set KEY=VALUE      set a VM knob, e.g. tlb.l2.policy=random (repeatable;\n"
    "                       --list-config shows them all)\n"
    "  --list-config        print every VM knob with its default and meaning\n"
    "  --help, --version\n";

struct Cli {
  vm::ProcessOptions options;
  std::string program;
  std::optional<std::string> stats_path;
};

[[noreturn]] void usage_error(const std::string& message) {
  std::fprintf(stderr, "vmrun: %s (see vmrun --help)\n", message.c_str());
  std::exit(kUsageError);
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

uint64_t parse_count(std::string_view text, std::string_view option) {
  uint64_t value = 0;
  if (text.empty()) usage_error(std::string(option) + " needs a number");
  for (char c : text) {
    if (c < '0' || c > '9' || value > (UINT64_MAX - 9) / 10) {
      usage_error(std::string(option) + ": '" + std::string(text) + "' is not a valid count");
    }
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value;
}

Cli parse(int argc, char** argv) {
  Cli cli;
  std::vector<std::string> extra_env;
  int i = 1;
  for (; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--") {
      ++i;
      break;
    }
    if (arg.substr(0, 2) != "--") break;
    auto value_of = [&](std::string_view name) -> std::optional<std::string_view> {
      if (arg.substr(0, name.size()) == name && arg.size() > name.size() && arg[name.size()] == '=')
        return arg.substr(name.size() + 1);
      return std::nullopt;
    };
    if (arg == "--help") {
      std::printf(kUsage, join(vm::available_engines()).c_str(),
                  join(vm::available_memory_modes()).c_str());
      std::exit(0);
    } else if (arg == "--version") {
      std::printf("vmrun (vmbench) %s\n", VMBENCH_VERSION);
      std::exit(0);
    } else if (arg == "--deterministic") {
      cli.options.deterministic = true;
    } else if (arg == "--list-config") {
      const auto defaults = vm::VmConfig{}.values();
      for (const auto& knob : vm::config_knobs()) {
        const auto value = defaults.find(knob.key);  // aliases have no value of their own
        std::printf("%s%s%s\n    %s\n", knob.key.c_str(), value == defaults.end() ? "" : "=",
                    value == defaults.end() ? "" : value->second.c_str(), knob.description.c_str());
      }
      std::exit(0);
    } else if (arg == "--set" || arg.substr(0, 6) == "--set=") {
      std::string_view assignment = arg.substr(std::min<size_t>(arg.size(), 6));
      if (arg == "--set") {
        if (i + 1 >= argc) usage_error("--set needs KEY=VALUE");
        assignment = argv[++i];
      }
      try {
        cli.options.config.set(assignment);
      } catch (const vm::ConfigError& e) {
        usage_error(e.what());
      }
    } else if (arg == "--strict-syscalls") {
      cli.options.strict_syscalls = true;
    } else if (auto v = value_of("--engine")) {
      const auto engines = vm::available_engines();
      if (std::find(engines.begin(), engines.end(), *v) == engines.end()) {
        usage_error("unknown engine '" + std::string(*v) + "' (available: " + join(engines) + ")");
      }
      cli.options.engine = *v;
    } else if (auto v = value_of("--memory")) {
      const auto modes = vm::available_memory_modes();
      if (std::find(modes.begin(), modes.end(), *v) == modes.end()) {
        usage_error("unknown memory mode '" + std::string(*v) + "' (available: " + join(modes) +
                    ")");
      }
      cli.options.memory = *v;
    } else if (auto v = value_of("--stats")) {
      if (v->empty()) usage_error("--stats needs a file name");
      cli.stats_path = std::string(*v);
    } else if (auto v = value_of("--max-insns")) {
      cli.options.max_instructions = parse_count(*v, "--max-insns");
      if (cli.options.max_instructions == 0) usage_error("--max-insns must be at least 1");
    } else if (auto v = value_of("--env")) {
      if (v->find('=') == std::string_view::npos) usage_error("--env needs KEY=VALUE");
      extra_env.emplace_back(*v);
    } else {
      usage_error("unknown option '" + std::string(arg) + "'");
    }
  }
  try {
    cli.options.config.check();
  } catch (const vm::ConfigError& e) {
    usage_error(e.what());
  }
  if (i >= argc) usage_error("no program given");
  cli.program = argv[i];
  for (int j = i; j < argc; ++j) cli.options.argv.emplace_back(argv[j]);
  if (!cli.options.deterministic) {
    for (char** e = environ; *e; ++e) cli.options.env.emplace_back(*e);
  }
  cli.options.env.insert(cli.options.env.end(), extra_env.begin(), extra_env.end());
  return cli;
}

// Knobs of paged memory changed from their defaults in flat mode take no effect; say so, since
// an A/B comparison of two TLB designs without --memory=paged would show no difference.
void warn_of_ignored_knobs(const vm::ProcessOptions& options) {
  if (options.memory == "paged") return;
  const auto defaults = vm::VmConfig{}.values();
  const auto values = options.config.values();
  std::string ignored;
  for (const auto& knob : vm::config_knobs()) {
    const auto value = values.find(knob.key);
    if (knob.paged_only && value != values.end() && value->second != defaults.at(knob.key)) {
      ignored += (ignored.empty() ? "" : ", ") + knob.key;
    }
  }
  if (!ignored.empty()) {
    std::fprintf(stderr, "vmrun: warning: without --memory=paged these knobs change nothing: %s\n",
                 ignored.c_str());
  }
}

boost::json::object counts(const std::map<std::string, uint64_t>& by_name) {
  boost::json::object out;
  for (const auto& [name, count] : by_name) out[name] = count;
  return out;
}

std::string stats_json(const Cli& cli, const vm::ExitStatus& status, const vm::ProcessStats& s) {
  boost::json::object o;
  o["program"] = cli.program;
  o["engine"] = cli.options.engine;
  o["memory"] = cli.options.memory;
  o["deterministic"] = cli.options.deterministic;
  boost::json::object config;
  for (const auto& [key, value] : cli.options.config.values()) config[key] = value;
  o["config"] = std::move(config);
  o["exit_status"] = status.status;
  o["instructions_retired"] = s.instructions_retired;
  o["wall_seconds"] = s.wall_seconds;
  o["mips"] = s.wall_seconds > 0 ? s.instructions_retired / s.wall_seconds / 1e6 : 0.0;
  o["blocks_decoded"] = s.blocks_decoded;
  o["instructions_decoded"] = s.instructions_decoded;
  o["blocks_invalidated"] = s.blocks_invalidated;
  o["code_flushes"] = s.code_flushes;
  o["peak_mapped_bytes"] = s.peak_mapped_bytes;
  o["syscalls_total"] = s.syscalls_total;
  o["syscalls"] = counts(s.syscalls);
  o["unknown_syscalls"] = counts(s.unknown_syscalls);
  o["memory_counters"] = counts(s.memory);
  o["host"] = boost::json::object{{"numa_placement", s.host_numa_placement},
                                  {"huge_pages_advised", s.host_huge_pages_advised},
                                  {"huge_page_bytes", s.host_huge_page_bytes}};
  return boost::json::serialize(o) + "\n";
}

}  // namespace

int main(int argc, char** argv) {
  const Cli cli = parse(argc, argv);
  if (const auto error = vm::mem::memcpy_selection_error()) {
    std::fprintf(stderr, "vmrun: %s\n", error->c_str());
    return kUsageError;
  }
  std::unique_ptr<vm::GuestProcess> process;
  try {
    process = std::make_unique<vm::GuestProcess>(cli.program, cli.options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vmrun: %s: %s\n", cli.program.c_str(), e.what());
    return kUsageError;
  }
  warn_of_ignored_knobs(cli.options);
  const vm::ExitStatus status = process->run();
  std::fflush(stdout);
  if (!status.message.empty()) std::fprintf(stderr, "vmrun: %s\n", status.message.c_str());
  if (cli.stats_path) {
    try {
      vm::support::write_file_atomically(*cli.stats_path,
                                         stats_json(cli, status, process->stats()));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "vmrun: %s\n", e.what());
      return kUsageError;
    }
  }
  return status.status;
}
