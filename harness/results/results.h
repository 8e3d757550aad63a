// The results of one `vmbench run` (or of several runs merged, as a baseline is): what ran, on
// which machine, every timed sample and every deterministic counter. The JSON form is
// documented in docs/results-schema.md; kSchemaVersion changes whenever it does.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace harness::results {

inline constexpr int kSchemaVersion = 1;

enum class Status {
  Ok,           // every planned repetition ran and every run's output was right
  Failed,       // wrong exit status or output, a load error or unstable counters
  Interrupted,  // Ctrl-C before all repetitions ran; the samples taken are kept
};
std::string to_string(Status status);
std::optional<Status> status_from_string(std::string_view text);

// The fixed native workload timed at the start and end of each run (no VM involved): a machine
// that got slower or faster between baseline and now shows here first.
struct Calibration {
  std::vector<double> start_ns;
  std::vector<double> end_ns;
};

struct RunInfo {
  int index = 0;
  std::string started_utc;
  std::string finished_utc;
  bool interrupted = false;
  Calibration calibration;
};

struct Summary {
  double median_ns = 0;
  double mad_ns = 0;  // median absolute deviation, unscaled
  double min_ns = 0;
  size_t samples = 0;
  std::vector<double> run_medians_ns;  // one per run that has samples, in run order
  // Relative half-range of the run medians; 0 with one run. Only meaningful in a baseline.
  double noise_floor = 0;
};

struct Benchmark {
  std::string name;
  std::string kind;  // "guest", "micro" or "control"
  Status status = Status::Ok;
  std::string message;  // why it failed, one line
  // What ran (guest benchmarks): resolved program path, args, engine, memory and VM config.
  std::string program;
  std::vector<std::string> args;
  std::string engine;
  std::string memory;
  std::map<std::string, std::string> config;
  int planned_repetitions = 0;
  double threshold = 0;  // the suite's per-benchmark threshold; 0: none
  // Samples in the order they were taken; run[i] is the run that took wall_ns[i].
  std::vector<double> wall_ns;
  std::vector<int> run;
  Summary summary;
  // Exact, deterministic counters (guest instructions, syscalls, blocks, later TLB and JIT).
  std::map<std::string, uint64_t> counters;
  // Room for a JIT monitor report (issue: JIT); null when there is none.
  boost::json::value jit_report;
};

struct Results {
  int schema_version = kSchemaVersion;
  bool complete = true;
  // context
  std::string suite;
  std::string suite_file;
  boost::json::object environment;
  std::string fingerprint;
  boost::json::object fingerprint_inputs;
  boost::json::object config;  // repetitions, runs, cpu, vm config overrides, ...
  std::string command;         // the command line that produced this file
  std::string repro;           // the command that reproduces it from a checkout
  std::vector<RunInfo> runs;
  std::vector<Benchmark> benchmarks;

  const Benchmark* find(const std::string& name) const;
};

// Fills summary (median, MAD, min, run medians, noise floor) from the samples.
void summarize(Benchmark& benchmark);

}  // namespace harness::results
