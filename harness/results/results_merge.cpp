#include "harness/results/results_merge.h"

#include <algorithm>

#include "harness/results/results_json.h"

namespace harness::results {

namespace {

int severity(Status s) {
  switch (s) {
    case Status::Ok: return 0;
    case Status::Interrupted: return 1;
    case Status::Failed: return 2;
  }
  return 2;
}

void merge_benchmark(Benchmark& into, const Benchmark& from, int run_offset,
                     const std::string& origin) {
  auto conflict = [&](const std::string& what) {
    throw ResultsError(origin + ": benchmark '" + from.name + "' " + what +
                       " differs from the earlier runs");
  };
  if (from.kind != into.kind) conflict("kind");
  if (from.args != into.args || from.engine != into.engine || from.memory != into.memory ||
      from.config != into.config) {
    conflict("definition (args, engine, memory or config)");
  }
  if (from.status == Status::Ok && into.status == Status::Ok && !into.counters.empty() &&
      from.counters != into.counters) {
    conflict("deterministic counter set or value");
  }
  if (into.counters.empty()) into.counters = from.counters;
  if (severity(from.status) > severity(into.status)) {
    into.status = from.status;
    into.message = from.message;
  }
  into.planned_repetitions += from.planned_repetitions;
  for (size_t i = 0; i < from.wall_ns.size(); ++i) {
    into.wall_ns.push_back(from.wall_ns[i]);
    into.run.push_back(from.run[i] + run_offset);
  }
}

}  // namespace

Results merge_runs(const std::vector<Results>& parts, const std::vector<std::string>& origins) {
  if (parts.empty()) throw ResultsError("merge: no results given");
  Results out = parts.front();
  out.runs.clear();
  out.benchmarks.clear();
  int run_offset = 0;
  for (size_t p = 0; p < parts.size(); ++p) {
    const Results& part = parts[p];
    const std::string& origin = p < origins.size() ? origins[p] : "results";
    if (part.suite != out.suite) {
      throw ResultsError(origin + ": suite '" + part.suite + "' cannot be merged with suite '" +
                         out.suite + "'");
    }
    if (part.fingerprint != out.fingerprint) {
      throw ResultsError(origin + ": fingerprint " + part.fingerprint + " differs from " +
                         out.fingerprint + " (results of different machines or builds)");
    }
    // Runs are numbered by their position in the part, so a part that is itself a merge of
    // several runs keeps them apart.
    int part_runs = 0;
    for (const RunInfo& run : part.runs) {
      RunInfo renumbered = run;
      renumbered.index = run_offset + run.index;
      part_runs = std::max(part_runs, run.index + 1);
      out.runs.push_back(renumbered);
    }
    out.complete = out.complete && part.complete;
    for (const Benchmark& b : part.benchmarks) {
      auto it = std::find_if(out.benchmarks.begin(), out.benchmarks.end(),
                             [&](const Benchmark& x) { return x.name == b.name; });
      if (it == out.benchmarks.end()) {
        Benchmark copy = b;
        for (int& r : copy.run) r += run_offset;
        out.benchmarks.push_back(std::move(copy));
      } else {
        merge_benchmark(*it, b, run_offset, origin);
      }
    }
    run_offset += part_runs;
  }
  for (Benchmark& b : out.benchmarks) summarize(b);
  out.config["runs"] = run_offset;
  return out;
}

}  // namespace harness::results
