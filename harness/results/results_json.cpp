#include "harness/results/results_json.h"

#include <cmath>
#include <cstdint>
#include <set>

#include "harness/support/json_reader.h"
#include "vm/support/atomic_file.h"

namespace harness::results {

namespace json = boost::json;
using support::JsonNode;

namespace {

json::array numbers(const std::vector<double>& values) {
  json::array out;
  for (double v : values) out.emplace_back(v);
  return out;
}

std::vector<double> read_numbers(const JsonNode& node) {
  std::vector<double> out;
  for (const JsonNode& e : node.elements()) out.push_back(e.number());
  return out;
}

std::vector<std::string> read_strings(const JsonNode& node) {
  std::vector<std::string> out;
  for (const JsonNode& e : node.elements()) out.push_back(e.string());
  return out;
}

json::object benchmark_to_json(const Benchmark& b) {
  json::object o;
  o["name"] = b.name;
  o["kind"] = b.kind;
  o["status"] = to_string(b.status);
  if (!b.message.empty()) o["message"] = b.message;
  if (b.kind == "guest") {
    o["program"] = b.program;
    json::array args;
    for (const auto& a : b.args) args.emplace_back(a);
    o["args"] = std::move(args);
    o["engine"] = b.engine;
    o["memory"] = b.memory;
    json::object config;
    for (const auto& [k, v] : b.config) config[k] = v;
    o["config"] = std::move(config);
  }
  o["planned_repetitions"] = b.planned_repetitions;
  if (b.threshold > 0) o["threshold"] = b.threshold;
  json::array runs;
  for (int r : b.run) runs.emplace_back(r);
  o["samples"] = {{"wall_ns", numbers(b.wall_ns)}, {"run", std::move(runs)}};
  o["summary"] = {{"median_ns", b.summary.median_ns},
                  {"mad_ns", b.summary.mad_ns},
                  {"min_ns", b.summary.min_ns},
                  {"samples", b.summary.samples},
                  {"run_medians_ns", numbers(b.summary.run_medians_ns)},
                  {"noise_floor", b.summary.noise_floor}};
  json::object counters;
  for (const auto& [k, v] : b.counters) counters[k] = v;
  o["counters"] = std::move(counters);
  o["jit_report"] = b.jit_report;
  return o;
}

Benchmark benchmark_from_json(const JsonNode& node, const std::set<int>& run_indices) {
  Benchmark b;
  b.name = node["name"].string();
  b.kind = node["kind"].string();
  if (b.kind != "guest" && b.kind != "micro" && b.kind != "control") {
    node["kind"].fail("expected guest, micro or control, found '" + b.kind + "'");
  }
  const std::string status = node["status"].string();
  const auto parsed = status_from_string(status);
  if (!parsed) node["status"].fail("unknown status '" + status + "'");
  b.status = *parsed;
  if (auto m = node.optional("message")) b.message = m->string();
  if (b.kind == "guest") {
    b.program = node["program"].string();
    b.args = read_strings(node["args"]);
    b.engine = node["engine"].string();
    b.memory = node["memory"].string();
    const JsonNode config = node["config"];
    for (const auto& [k, v] : config.object()) b.config[k] = config[std::string(k)].string();
  }
  b.planned_repetitions = static_cast<int>(node["planned_repetitions"].integer());
  if (auto t = node.optional("threshold")) {
    b.threshold = t->number();
    if (!(b.threshold >= 0 && b.threshold <= 1)) t->fail("must be between 0 and 1");
  }
  const JsonNode samples = node["samples"];
  for (const JsonNode& e : samples["wall_ns"].elements()) {
    const double ns = e.number();
    if (!(ns > 0) || !std::isfinite(ns)) e.fail("a sample must be a positive time in ns");
    b.wall_ns.push_back(ns);
  }
  for (const JsonNode& e : samples["run"].elements()) {
    const int64_t r = e.integer();
    if (r < 0 || r > INT32_MAX || !run_indices.count(static_cast<int>(r))) {
      e.fail("run " + std::to_string(r) + " is not one of context.runs[].index");
    }
    b.run.push_back(static_cast<int>(r));
  }
  if (b.run.size() != b.wall_ns.size()) {
    samples["run"].fail(std::string("has ") + std::to_string(b.run.size()) +
                        " entries but wall_ns has " + std::to_string(b.wall_ns.size()));
  }
  const JsonNode counters = node["counters"];
  for (const auto& [k, v] : counters.object()) {
    b.counters[k] = counters[std::string(k)].unsigned_integer();
  }
  if (const auto* report = node.object().if_contains("jit_report")) b.jit_report = *report;
  // The summary is derived data: recomputed, so a hand-edited file cannot disagree with itself.
  summarize(b);
  return b;
}

}  // namespace

json::object to_json(const Results& r) {
  json::object context;
  context["suite"] = r.suite;
  context["suite_file"] = r.suite_file;
  context["fingerprint"] = r.fingerprint;
  context["fingerprint_inputs"] = r.fingerprint_inputs;
  context["environment"] = r.environment;
  context["config"] = r.config;
  context["command"] = r.command;
  context["repro"] = r.repro;
  json::array runs;
  for (const RunInfo& run : r.runs) {
    runs.push_back(json::object{{"index", run.index},
                                {"started_utc", run.started_utc},
                                {"finished_utc", run.finished_utc},
                                {"interrupted", run.interrupted},
                                {"calibration",
                                 {{"start_ns", numbers(run.calibration.start_ns)},
                                  {"end_ns", numbers(run.calibration.end_ns)}}}});
  }
  context["runs"] = std::move(runs);
  json::array benchmarks;
  for (const Benchmark& b : r.benchmarks) benchmarks.push_back(benchmark_to_json(b));
  return {{"schema_version", r.schema_version},
          {"complete", r.complete},
          {"context", std::move(context)},
          {"benchmarks", std::move(benchmarks)}};
}

Results from_json(const json::value& value, const std::string& origin) {
  try {
    const JsonNode root(value, origin);
    Results r;
    r.schema_version = static_cast<int>(root["schema_version"].integer());
    if (r.schema_version != kSchemaVersion) {
      root["schema_version"].fail(
          std::string("schema version ") + std::to_string(r.schema_version) +
          " is not the supported version " + std::to_string(kSchemaVersion));
    }
    r.complete = root["complete"].boolean();
    const JsonNode context = root["context"];
    r.suite = context["suite"].string();
    r.suite_file = context["suite_file"].string();
    r.fingerprint = context["fingerprint"].string();
    r.fingerprint_inputs = context["fingerprint_inputs"].object();
    r.environment = context["environment"].object();
    r.config = context["config"].object();
    r.command = context["command"].string();
    r.repro = context["repro"].string();
    std::set<int> run_indices;
    for (const JsonNode& run : context["runs"].elements()) {
      RunInfo info;
      const int64_t index = run["index"].integer();
      if (index < 0 || index > INT32_MAX) run["index"].fail("must be a non-negative run number");
      info.index = static_cast<int>(index);
      if (!run_indices.insert(info.index).second) run["index"].fail("appears twice");
      info.started_utc = run["started_utc"].string();
      info.finished_utc = run["finished_utc"].string();
      info.interrupted = run["interrupted"].boolean();
      info.calibration.start_ns = read_numbers(run["calibration"]["start_ns"]);
      info.calibration.end_ns = read_numbers(run["calibration"]["end_ns"]);
      r.runs.push_back(std::move(info));
    }
    for (const JsonNode& b : root["benchmarks"].elements()) {
      r.benchmarks.push_back(benchmark_from_json(b, run_indices));
      for (size_t i = 0; i + 1 < r.benchmarks.size(); ++i) {
        if (r.benchmarks[i].name == r.benchmarks.back().name) {
          b["name"].fail("benchmark '" + r.benchmarks.back().name + "' appears twice");
        }
      }
    }
    return r;
  } catch (const support::JsonError& e) {
    throw ResultsError(e.what());
  }
}

void write_results(const Results& results, const std::string& path) {
  vm::support::write_file_atomically(path, support::pretty(to_json(results)));
}

Results read_results(const std::string& path) {
  try {
    return from_json(support::read_json_file(path), path);
  } catch (const support::JsonError& e) {
    throw ResultsError(e.what());
  }
}

}  // namespace harness::results
