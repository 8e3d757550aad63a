#include "harness/measure/guest_workload.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "harness/measure/stdout_capture.h"

namespace harness::measure {

namespace {

std::string hex8(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%08x", v);
  return buf;
}

std::string first_line(const std::string& text) {
  const size_t end = text.find('\n');
  return text.substr(0, end == std::string::npos ? text.size() : end);
}

}  // namespace

std::string resolve_program(const std::string& program,
                            const std::vector<std::string>& directories) {
  if (program.find('/') != std::string::npos) {
    if (!std::filesystem::is_regular_file(program)) {
      throw std::runtime_error("program " + program + ": no such file");
    }
    return program;
  }
  std::string looked;
  for (const auto& dir : directories) {
    const std::string candidate = dir + "/" + program;
    if (std::filesystem::is_regular_file(candidate)) return candidate;
    looked += (looked.empty() ? "" : ", ") + dir;
  }
  throw std::runtime_error("program " + program + ": not found in " + looked +
                           " (built? real programs need scripts/fetch-real-programs)");
}

GuestWorkload::GuestWorkload(const suite::BenchmarkSpec& spec, const std::string& program_path,
                             const std::vector<std::string>& extra_config)
    : path_(program_path), expect_(spec.expect) {
  std::ifstream in(path_, std::ios::binary);
  if (!in) throw std::runtime_error("program " + path_ + ": cannot open");
  elf_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  options_.engine = spec.engine;
  options_.memory = spec.memory;
  options_.deterministic = true;  // counters identical run to run; clocks follow instret
  options_.argv.push_back(std::filesystem::path(path_).filename().string());
  options_.argv.insert(options_.argv.end(), spec.args.begin(), spec.args.end());
  try {
    for (const auto& [key, value] : spec.config) options_.config.set(key, value);
    for (const auto& assignment : extra_config) options_.config.set(assignment);
    options_.config.check();
  } catch (const vm::ConfigError& e) {
    throw std::runtime_error(spec.name + ": " + e.what());
  }
}

GuestRun GuestWorkload::run() const {
  GuestRun out;
  StdioCapture capture;
  try {
    const auto start = std::chrono::steady_clock::now();
    vm::GuestProcess process(elf_, path_, options_);
    out.exit = process.run();
    out.wall_ns =
        std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
    out.counters = counters_of(process.stats());
  } catch (const std::exception& e) {
    out.exit = {vm::ExitKind::Signaled, -1, std::string("cannot load: ") + e.what()};
  }
  const CapturedOutput captured = capture.finish();
  out.stdout_crc32 = captured.stdout_crc32;
  out.stdout_bytes = captured.stdout_bytes;
  out.stderr_text = captured.stderr_text;
  return out;
}

std::string GuestWorkload::check(const GuestRun& run) const {
  if (run.exit.status != expect_.exit_status || run.exit.kind != vm::ExitKind::Exited) {
    std::string why = std::string("exit status ") + std::to_string(run.exit.status) +
                      ", expected " + std::to_string(expect_.exit_status);
    if (!run.exit.message.empty()) why += " (" + run.exit.message + ")";
    if (!run.stderr_text.empty()) why += std::string("; stderr: ") + first_line(run.stderr_text);
    return why;
  }
  if (run.stdout_crc32 != expect_.stdout_crc32) {
    return std::string("stdout crc32 ") + hex8(run.stdout_crc32) + std::string(" (") +
           std::to_string(run.stdout_bytes) + std::string(" bytes), expected ") +
           hex8(expect_.stdout_crc32);
  }
  return {};
}

std::map<std::string, uint64_t> counters_of(const vm::ProcessStats& s) {
  std::map<std::string, uint64_t> c = {
      {"guest.instructions_retired", s.instructions_retired},
      {"guest.syscalls", s.syscalls_total},
      {"guest.peak_mapped_bytes", s.peak_mapped_bytes},
      {"vm.blocks_decoded", s.blocks_decoded},
      {"vm.instructions_decoded", s.instructions_decoded},
      {"vm.blocks_invalidated", s.blocks_invalidated},
      {"vm.code_flushes", s.code_flushes},
  };
  for (const auto& [name, count] : s.syscalls) c["guest.syscall." + name] = count;
  for (const auto& [name, count] : s.memory) c["vm." + name] = count;
  return c;
}

}  // namespace harness::measure
