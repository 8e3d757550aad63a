#include "harness/measure/suite_runner.h"
#include "harness/support/utc_time.h"

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <memory>
#include <regex>
#include <thread>

#include "harness/measure/calibration.h"
#include "harness/measure/guest_workload.h"
#include "harness/measure/interrupt.h"
#include "harness/measure/micro_benchmarks.h"
#include "harness/measure/progress.h"

namespace harness::measure {

namespace {

using results::Status;

std::string milliseconds(double ns) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f ms", ns / 1e6);
  return buf;
}

// A repetition that must not count (after Ctrl-C, or after the benchmark failed) still runs
// one trivial iteration and carries this counter: Google Benchmark 1.7.1 aborts when skipped
// (SkipWithError) and measured repetitions of one benchmark mix (google/benchmark#1406).
constexpr const char* kDiscarded = "vmbench.discarded";

// Micro benchmarks measure for this long per repetition; Google Benchmark's default is 0.5 s.
constexpr double kMicroMinSeconds = 0.2;

void discard(benchmark::State& state) {
  // One iteration that already lasts the minimum time ends the repetition at once, whatever
  // the benchmark's timing mode.
  for (auto _ : state) {
    if (state.max_iterations != 1) {
      std::this_thread::sleep_for(std::chrono::duration<double>(kMicroMinSeconds));
    }
    state.SetIterationTime(1e-9);
  }
  state.counters[kDiscarded] = 1;
}

// Collects every repetition Google Benchmark reports (aggregates are recomputed by us), and
// the message of a micro benchmark that failed (SkipWithError), which fails the benchmark.
class SampleCollector : public benchmark::BenchmarkReporter {
 public:
  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.run_type != Run::RT_Iteration) continue;
      if (run.error_occurred) {
        errors.emplace(run.run_name.function_name, run.error_message);
        continue;
      }
      if (run.counters.count(kDiscarded)) continue;
      const double iterations = run.iterations > 0 ? static_cast<double>(run.iterations) : 1.0;
      samples[run.run_name.function_name].push_back(run.real_accumulated_time / iterations * 1e9);
    }
  }
  std::map<std::string, std::vector<double>> samples;
  std::map<std::string, std::string> errors;
};

// What one registered benchmark needs while Google Benchmark drives it.
struct Entry {
  results::Benchmark result;
  std::unique_ptr<GuestWorkload> guest;
  const MicroBenchmark* micro = nullptr;
  std::map<std::string, uint64_t> reference_counters;
};

void record_failure(Entry& entry, const std::string& message, Progress& progress) {
  if (entry.result.status == Status::Failed) return;
  entry.result.status = Status::Failed;
  entry.result.message = message;
  progress.message("FAILED " + entry.result.name + ": " + message);
}

// The reference runs: the first checks the output and fixes the counters every later run must
// reproduce exactly; all of them warm the caches and the page cache.
void reference_runs(Entry& entry, int warmup_runs, Progress& progress) {
  for (int i = 0; i < warmup_runs && !interrupt_requested(); ++i) {
    const GuestRun run = entry.guest->run();
    progress.step(entry.result.name, std::string("warm-up ") + milliseconds(run.wall_ns));
    if (const std::string problem = entry.guest->check(run); !problem.empty()) {
      return record_failure(entry, problem, progress);
    }
    if (i == 0) {
      entry.reference_counters = run.counters;
    } else if (run.counters != entry.reference_counters) {
      return record_failure(entry, "counters differ between warm-up runs (not deterministic)",
                            progress);
    }
  }
}

void guest_body(benchmark::State& state, Entry& entry, Progress& progress) {
  if (interrupt_requested() || entry.result.status == Status::Failed) return discard(state);
  GuestRun run;
  for (auto _ : state) {
    run = entry.guest->run();
    state.SetIterationTime(run.wall_ns * 1e-9);
  }
  progress.step(entry.result.name, milliseconds(run.wall_ns));
  if (const std::string problem = entry.guest->check(run); !problem.empty()) {
    record_failure(entry, problem, progress);
    state.counters[kDiscarded] = 1;
    return;
  }
  if (run.counters != entry.reference_counters) {
    record_failure(entry, "counters differ from the reference run (not deterministic)", progress);
    state.counters[kDiscarded] = 1;
    return;
  }
  for (const auto& [name, value] : run.counters) {
    state.counters[name] = benchmark::Counter(static_cast<double>(value));
  }
}

void micro_body(benchmark::State& state, Entry& entry, Progress& progress) {
  if (interrupt_requested()) return discard(state);
  entry.micro->function(state);
  // Google Benchmark calls a micro function several times per repetition while it picks the
  // iteration count, so micro benchmarks do not count as progress steps; the control does.
  if (entry.result.kind == "control") progress.step(entry.result.name, "");
}

std::vector<std::string> benchmark_flags(const RunOptions& options) {
  std::vector<std::string> flags = {"vmbench"};
  flags.push_back(std::string("--benchmark_enable_random_interleaving=") +
                  (options.interleave ? "true" : "false"));
  if (!options.gbench_out.empty()) {
    flags.push_back("--benchmark_out=" + options.gbench_out);
    flags.push_back("--benchmark_out_format=json");
  }
  return flags;
}

void initialize_google_benchmark(const RunOptions& options) {
  // Google Benchmark keeps pointers into argv (the program name, for its reports), so the
  // strings must outlive the run.
  static std::vector<std::string> flags;
  flags = benchmark_flags(options);
  static std::vector<char*> argv;
  argv.clear();
  for (auto& f : flags) argv.push_back(f.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(flags.size());
  benchmark::Initialize(&argc, argv.data());
}

}  // namespace

results::Results run_suite(const suite::Suite& suite, const RunOptions& options) {
  const std::regex filter(options.filter.empty() ? ".*" : options.filter);
  std::vector<std::unique_ptr<Entry>> entries;

  // The control benchmark runs as often as the most repeated benchmark, interleaved with them.
  int max_repetitions = 1;
  int steps = 2;
  for (suite::BenchmarkSpec spec : suite.benchmarks) {
    if (!std::regex_search(spec.name, filter)) continue;
    if (spec.kind == "guest") {
      if (options.engine) spec.engine = *options.engine;
      if (options.memory) spec.memory = *options.memory;
    }
    auto entry = std::make_unique<Entry>();
    results::Benchmark& b = entry->result;
    b.name = spec.name;
    b.kind = spec.kind;
    b.planned_repetitions = options.repetitions > 0 ? options.repetitions : spec.repetitions;
    b.threshold = spec.threshold;
    max_repetitions = std::max(max_repetitions, b.planned_repetitions);
    if (spec.kind == "guest") {
      steps += b.planned_repetitions;
      b.args = spec.args;
      b.engine = spec.engine;
      b.memory = spec.memory;
      try {
        b.program = resolve_program(spec.program, options.program_dirs);
        entry->guest = std::make_unique<GuestWorkload>(spec, b.program, options.vm_config);
        b.config = entry->guest->options().config.values();
      } catch (const std::exception& e) {
        b.program = spec.program;
        b.status = Status::Failed;
        b.message = e.what();
      }
      steps += suite.warmup_runs;
    } else {
      entry->micro = find_micro_benchmark(spec.function);
    }
    entries.push_back(std::move(entry));
  }
  {
    auto control = std::make_unique<Entry>();
    control->result.name = kControlName;
    control->result.kind = "control";
    control->result.planned_repetitions = max_repetitions;
    control->micro = find_micro_benchmark("calibration");
    steps += max_repetitions;
    entries.push_back(std::move(control));
  }

  Progress progress(steps, options.quiet);
  results::RunInfo info;
  info.index = options.run_index;
  info.started_utc = support::utc_now_iso8601();
  info.calibration.start_ns = time_calibration(kCalibrationPasses);
  progress.step("calibration", "start");

  for (auto& entry : entries) {
    if (entry->guest && entry->result.status == Status::Ok) {
      reference_runs(*entry, suite.warmup_runs, progress);
    } else if (entry->result.status == Status::Failed) {
      progress.message("FAILED " + entry->result.name + ": " + entry->result.message);
    }
  }

  for (auto& entry : entries) {
    Entry* e = entry.get();
    if (e->result.status == Status::Failed) continue;
    benchmark::internal::Benchmark* registered;
    if (e->guest) {
      registered = benchmark::RegisterBenchmark(
          e->result.name.c_str(),
          [e, &progress](benchmark::State& state) { guest_body(state, *e, progress); });
      registered->Iterations(1)->UseManualTime();
    } else {
      registered = benchmark::RegisterBenchmark(
          e->result.name.c_str(),
          [e, &progress](benchmark::State& state) { micro_body(state, *e, progress); });
      if (e->result.kind == "control") {
        registered->Iterations(1)->UseManualTime();
      } else {
        registered->MinTime(kMicroMinSeconds);
      }
    }
    registered->Repetitions(e->result.planned_repetitions)->Unit(benchmark::kMillisecond);
  }

  initialize_google_benchmark(options);
  SampleCollector collector;
  benchmark::RunSpecifiedBenchmarks(&collector);
  benchmark::ClearRegisteredBenchmarks();

  info.calibration.end_ns = time_calibration(kCalibrationPasses);
  progress.step("calibration", "end");
  info.interrupted = interrupt_requested();
  info.finished_utc = support::utc_now_iso8601();
  progress.finish();

  results::Results out;
  out.suite = suite.name;
  out.suite_file = suite.file;
  out.complete = !info.interrupted;
  boost::json::array overrides;
  for (const auto& c : options.vm_config) overrides.emplace_back(c);
  boost::json::array dirs;
  for (const auto& d : options.program_dirs) dirs.emplace_back(d);
  out.config = {{"repetitions", options.repetitions},
                {"warmup_runs", suite.warmup_runs},
                {"cpu", options.cpu ? boost::json::value(*options.cpu) : nullptr},
                {"vm_config_overrides", std::move(overrides)},
                {"engine_override", options.engine ? boost::json::value(*options.engine) : nullptr},
                {"memory_override", options.memory ? boost::json::value(*options.memory) : nullptr},
                {"filter", options.filter},
                {"random_interleaving", options.interleave},
                {"program_dirs", std::move(dirs)}};
  out.runs.push_back(info);
  for (auto& entry : entries) {
    results::Benchmark& b = entry->result;
    if (b.status == Status::Ok && collector.errors.count(b.name)) {
      b.status = Status::Failed;
      b.message = collector.errors[b.name];
    }
    // A failed benchmark keeps no samples: its times are not times of a correct run.
    if (b.status != Status::Failed) {
      for (double ns : collector.samples[b.name]) {
        b.wall_ns.push_back(ns);
        b.run.push_back(options.run_index);
      }
    }
    if (b.status == Status::Ok) b.counters = entry->reference_counters;
    if (b.status == Status::Ok && static_cast<int>(b.wall_ns.size()) < b.planned_repetitions) {
      b.status = Status::Interrupted;
      b.message = std::to_string(b.wall_ns.size()) + " of " +
                  std::to_string(b.planned_repetitions) + " repetitions ran";
      out.complete = false;
    }
    results::summarize(b);
    out.benchmarks.push_back(std::move(b));
  }
  return out;
}

}  // namespace harness::measure
