#include "harness/suite/suite.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <regex>
#include <set>

#include "harness/support/json_reader.h"
#include "harness/support/percentage.h"
#include "vm/config.h"
#include "vm/process.h"

namespace harness::suite {

namespace {

using support::JsonNode;

const std::regex kNamePattern("[A-Za-z0-9_][A-Za-z0-9_./+-]*");

std::string substitute(std::string text, const SuitePaths& paths, const JsonNode& where) {
  const std::pair<const char*, const std::string*> vars[] = {{"${suite_dir}", &paths.suite_dir},
                                                             {"${build_dir}", &paths.build_dir}};
  for (const auto& [var, value] : vars) {
    for (size_t at = text.find(var); at != std::string::npos; at = text.find(var, at)) {
      text.replace(at, std::strlen(var), *value);
      at += value->size();
    }
  }
  if (text.find("${") != std::string::npos) {
    where.fail("unknown variable in '" + text + "' (known: ${suite_dir}, ${build_dir})");
  }
  return text;
}

std::string scalar_text(const JsonNode& node) {
  const auto& v = node.value();
  if (v.is_string()) return std::string(v.get_string());
  if (v.is_int64() || v.is_uint64()) return boost::json::serialize(v);
  if (v.is_double()) return support::shortest_text(v.get_double());
  if (v.is_bool()) return v.get_bool() ? "true" : "false";
  node.fail("expected a string or a number");
}

int positive(const JsonNode& node, int max) {
  const int64_t v = node.integer();
  if (v < 1 || v > max) node.fail(std::string("must be between 1 and ") + std::to_string(max));
  return static_cast<int>(v);
}

// "15%" or 0.15; between 0 and 100%.
double fraction(const JsonNode& node) {
  double value = 0;
  if (node.value().is_string()) {
    const auto parsed = support::parse_percentage(node.string());
    if (!parsed) {
      node.fail("'" + node.string() + "' is not a percentage like \"15%\" or a fraction like 0.15");
    }
    value = *parsed;
  } else {
    value = node.number();
  }
  if (!(value >= 0 && value <= 1)) node.fail("must be between 0 and 100%");
  return value;
}

uint32_t parse_crc(const JsonNode& node) {
  const std::string text = node.string();
  if (text.size() != 8 || !std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      })) {
    node.fail("expected 8 lowercase hex digits, found '" + text + "'");
  }
  return static_cast<uint32_t>(std::stoul(text, nullptr, 16));
}

struct Defaults {
  std::string engine = "interp";
  std::string memory = "flat";
  std::map<std::string, std::string> config;
};

void check_choice(const JsonNode& node, const std::string& value,
                  const std::vector<std::string>& choices, const char* what) {
  if (std::find(choices.begin(), choices.end(), value) != choices.end()) return;
  std::string list;
  for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
  node.fail("unknown " + std::string(what) + " '" + value + "' (available: " + list + ")");
}

std::map<std::string, std::string> read_config(const JsonNode& node) {
  std::map<std::string, std::string> out;
  vm::VmConfig probe;
  for (const auto& [key, value] : node.object()) {
    const JsonNode field = node[std::string(key)];
    const std::string text = scalar_text(field);
    try {
      probe.set(key, text);
    } catch (const vm::ConfigError& e) {
      field.fail(e.what());
    }
    out[key] = text;
  }
  return out;
}

// Knobs that only work together (tlb.l2.entries and tlb.l2.ways, ...), once the defaults'
// config and the benchmark's own are merged.
void check_config(const JsonNode& node, const std::map<std::string, std::string>& config) {
  vm::VmConfig probe;
  try {
    for (const auto& [key, value] : config) probe.set(key, value);
    probe.check();
  } catch (const vm::ConfigError& e) {
    node.fail(e.what());
  }
}

BenchmarkSpec read_benchmark(const JsonNode& node, const Defaults& defaults,
                             const SuitePaths& paths,
                             const std::vector<std::string>& micro_functions) {
  BenchmarkSpec b;
  b.name = node["name"].string();
  if (!std::regex_match(b.name, kNamePattern)) {
    node["name"].fail("'" + b.name + "' is not a valid name (letters, digits, _ . / + -)");
  }
  b.kind = node["kind"].string();
  if (auto r = node.optional("repetitions")) b.repetitions = positive(*r, 10000);
  if (auto t = node.optional("threshold")) b.threshold = fraction(*t);
  if (b.kind == "guest") {
    node.only_keys({"name", "kind", "program", "args", "engine", "memory", "config", "expect",
                    "repetitions", "threshold", "note"});
    b.program = substitute(node["program"].string(), paths, node["program"]);
    if (b.program.empty()) node["program"].fail("must not be empty");
    if (auto args = node.optional("args")) {
      for (const JsonNode& a : args->elements())
        b.args.push_back(substitute(scalar_text(a), paths, a));
    }
    b.engine = defaults.engine;
    if (auto e = node.optional("engine")) b.engine = e->string();
    check_choice(node.has("engine") ? node["engine"] : node, b.engine, vm::available_engines(),
                 "engine");
    b.memory = defaults.memory;
    if (auto m = node.optional("memory")) b.memory = m->string();
    check_choice(node.has("memory") ? node["memory"] : node, b.memory, vm::available_memory_modes(),
                 "memory mode");
    b.config = defaults.config;
    if (auto c = node.optional("config")) {
      for (auto& [k, v] : read_config(*c)) b.config[k] = v;
    }
    check_config(node.has("config") ? node["config"] : node, b.config);
    const JsonNode expect = node["expect"];
    expect.only_keys({"exit_status", "stdout_crc32"});
    if (auto status = expect.optional("exit_status")) {
      const int64_t s = status->integer();
      if (s < 0 || s > 255) status->fail("must be between 0 and 255");
      b.expect.exit_status = static_cast<int>(s);
    }
    b.expect.stdout_crc32 = parse_crc(expect["stdout_crc32"]);
  } else if (b.kind == "micro") {
    node.only_keys({"name", "kind", "function", "repetitions", "threshold", "note"});
    b.function = node["function"].string();
    check_choice(node["function"], b.function, micro_functions, "micro benchmark function");
  } else {
    node["kind"].fail("expected \"guest\" or \"micro\", found '" + b.kind + "'");
  }
  return b;
}

}  // namespace

Suite load_suite(const std::string& path, const SuitePaths& paths,
                 const std::vector<std::string>& micro_functions) {
  try {
    const boost::json::value doc = support::read_json_file(path);
    const JsonNode root(doc, path);
    root.only_keys({"schema_version", "suite", "description", "defaults", "benchmarks"});
    const int64_t version = root["schema_version"].integer();
    if (version != kSuiteSchemaVersion) {
      root["schema_version"].fail(std::string("suite schema version ") + std::to_string(version) +
                                  " is not the supported version " +
                                  std::to_string(kSuiteSchemaVersion));
    }
    Suite suite;
    suite.file = path;
    suite.name = root["suite"].string();
    const std::string stem = std::filesystem::path(path).stem().string();
    if (suite.name != stem) {
      root["suite"].fail("suite '" + suite.name + "' must be named like its file ('" + stem + "')");
    }
    if (auto d = root.optional("description")) suite.description = d->string();
    Defaults defaults;
    suite.repetitions = 10;
    if (auto d = root.optional("defaults")) {
      d->only_keys({"repetitions", "warmup_runs", "engine", "memory", "config"});
      if (auto r = d->optional("repetitions")) suite.repetitions = positive(*r, 10000);
      if (auto w = d->optional("warmup_runs")) {
        const int64_t v = w->integer();
        if (v < 1 || v > 100) w->fail("must be between 1 and 100 (the first is the reference run)");
        suite.warmup_runs = static_cast<int>(v);
      }
      if (auto e = d->optional("engine")) {
        defaults.engine = e->string();
        check_choice(*e, defaults.engine, vm::available_engines(), "engine");
      }
      if (auto m = d->optional("memory")) {
        defaults.memory = m->string();
        check_choice(*m, defaults.memory, vm::available_memory_modes(), "memory mode");
      }
      if (auto c = d->optional("config")) defaults.config = read_config(*c);
    }
    std::set<std::string> names;
    for (const JsonNode& node : root["benchmarks"].elements()) {
      BenchmarkSpec b = read_benchmark(node, defaults, paths, micro_functions);
      if (!names.insert(b.name).second) {
        node["name"].fail("benchmark '" + b.name + "' appears twice");
      }
      if (b.repetitions == 0) b.repetitions = suite.repetitions;
      suite.benchmarks.push_back(std::move(b));
    }
    if (suite.benchmarks.empty()) root["benchmarks"].fail("a suite needs at least one benchmark");
    return suite;
  } catch (const support::JsonError& e) {
    throw SuiteError(e.what());
  }
}

std::string suite_file_for(const std::string& name_or_path, const std::string& suite_dir) {
  if (name_or_path.find('/') != std::string::npos ||
      (name_or_path.size() > 5 && name_or_path.ends_with(".json"))) {
    return name_or_path;
  }
  return suite_dir + "/" + name_or_path + ".json";
}

std::vector<std::string> list_suites(const std::string& suite_dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(suite_dir, ec)) {
    if (entry.path().extension() == ".json") out.push_back(entry.path().stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace harness::suite
