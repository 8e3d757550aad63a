#include "harness/results/results.h"

#include <algorithm>
#include <map>

#include "harness/stats/noise_floor.h"
#include "harness/stats/summary.h"

namespace harness::results {

std::string to_string(Status status) {
  switch (status) {
    case Status::Ok: return "ok";
    case Status::Failed: return "failed";
    case Status::Interrupted: return "interrupted";
  }
  return "failed";
}

std::optional<Status> status_from_string(std::string_view text) {
  for (Status s : {Status::Ok, Status::Failed, Status::Interrupted}) {
    if (text == to_string(s)) return s;
  }
  return std::nullopt;
}

const Benchmark* Results::find(const std::string& name) const {
  for (const Benchmark& b : benchmarks) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

void summarize(Benchmark& benchmark) {
  Summary s;
  s.samples = benchmark.wall_ns.size();
  if (s.samples > 0) {
    s.median_ns = stats::median(benchmark.wall_ns);
    s.mad_ns = stats::mad(benchmark.wall_ns);
    s.min_ns = *std::min_element(benchmark.wall_ns.begin(), benchmark.wall_ns.end());
    std::map<int, std::vector<double>> by_run;
    for (size_t i = 0; i < benchmark.wall_ns.size(); ++i) {
      by_run[benchmark.run[i]].push_back(benchmark.wall_ns[i]);
    }
    for (const auto& [run, samples] : by_run) s.run_medians_ns.push_back(stats::median(samples));
    s.noise_floor = stats::noise_floor(s.run_medians_ns);
  }
  benchmark.summary = std::move(s);
}

}  // namespace harness::results
