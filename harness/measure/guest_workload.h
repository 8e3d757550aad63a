// One guest benchmark, prepared once (ELF read into memory, options built) and run as often as
// the measurement needs: every run is timed, its output and exit status checked against the
// suite's expectation, and its deterministic counters collected.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness/suite/suite.h"
#include "vm/process.h"

namespace harness::measure {

struct GuestRun {
  double wall_ns = 0;  // process construction (ELF load, stack) and run to exit
  vm::ExitStatus exit;
  uint32_t stdout_crc32 = 0;
  uint64_t stdout_bytes = 0;
  std::string stderr_text;
  std::map<std::string, uint64_t> counters;
};

class GuestWorkload {
 public:
  // Throws std::runtime_error (one line, naming the program) when the program cannot be read
  // or a config override is invalid. `extra_config` (key=value) applies after the suite's.
  GuestWorkload(const suite::BenchmarkSpec& spec, const std::string& program_path,
                const std::vector<std::string>& extra_config);

  GuestRun run() const;
  // Empty when the run did what the suite expects; otherwise one line saying what differed.
  std::string check(const GuestRun& run) const;

  const vm::ProcessOptions& options() const { return options_; }
  const std::string& program_path() const { return path_; }

 private:
  std::string path_;
  std::vector<uint8_t> elf_;
  vm::ProcessOptions options_;
  suite::Expectation expect_;
};

// The counters recorded for a run, named as they appear in results and compare output.
std::map<std::string, uint64_t> counters_of(const vm::ProcessStats& stats);

// Looks a suite's program up: a path (containing '/') is taken as it is, a name is searched in
// `directories` in order. Throws std::runtime_error naming the program and where it looked.
std::string resolve_program(const std::string& program,
                            const std::vector<std::string>& directories);

}  // namespace harness::measure
