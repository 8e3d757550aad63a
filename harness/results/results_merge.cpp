#include "harness/results/results_merge.h"

#include <algorithm>
#include <map>

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

void merge_benchmark(Benchmark& into, const Benchmark& from, const std::string& origin) {
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
  into.threshold = std::max(into.threshold, from.threshold);
  if (severity(from.status) > severity(into.status)) {
    into.status = from.status;
    into.message = from.message;
  }
  into.planned_repetitions += from.planned_repetitions;
  for (size_t i = 0; i < from.wall_ns.size(); ++i) {
    into.wall_ns.push_back(from.wall_ns[i]);
    into.run.push_back(from.run[i]);
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
    // Runs are renumbered by their position: the part's i-th run becomes run_offset + i, so a
    // part that is itself a merge of several runs keeps them apart, whatever it called them.
    std::map<int, int> renumber;
    for (const RunInfo& run : part.runs) {
      RunInfo renumbered = run;
      renumbered.index = run_offset + static_cast<int>(renumber.size());
      renumber[run.index] = renumbered.index;
      out.runs.push_back(renumbered);
    }
    const int part_runs = static_cast<int>(renumber.size());
    out.complete = out.complete && part.complete;
    for (const Benchmark& b : part.benchmarks) {
      auto it = std::find_if(out.benchmarks.begin(), out.benchmarks.end(),
                             [&](const Benchmark& x) { return x.name == b.name; });
      Benchmark renumbered = b;
      for (int& r : renumbered.run) {
        auto known = renumber.find(r);
        if (known == renumber.end()) {
          throw ResultsError(origin + ": benchmark '" + b.name + "' has samples of run " +
                             std::to_string(r) + ", which context.runs does not list");
        }
        r = known->second;
      }
      if (it == out.benchmarks.end()) {
        out.benchmarks.push_back(std::move(renumbered));
      } else {
        merge_benchmark(*it, renumbered, origin);
      }
    }
    run_offset += part_runs;
  }
  for (Benchmark& b : out.benchmarks) summarize(b);
  out.config["runs"] = run_offset;
  return out;
}

}  // namespace harness::results
