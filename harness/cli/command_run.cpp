// vmbench run: measure a suite, write the results file. With --runs=N the suite runs N times,
// each in a fresh process (between-process variation is the noise that matters), and the runs
// are merged into one file.
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "harness/cli/arguments.h"
#include "harness/cli/commands.h"
#include "harness/cli/paths.h"
#include "harness/cli/this_machine.h"
#include "harness/measure/interrupt.h"
#include "harness/measure/micro_benchmarks.h"
#include "harness/measure/suite_runner.h"
#include "harness/results/results_json.h"
#include "harness/results/results_merge.h"
#include "harness/suite/suite.h"
#include "harness/support/duration_text.h"
#include "harness/support/json_reader.h"
#include "harness/support/utc_time.h"
#include "vm/mem/memcpy/memcpy.h"
#include "vm/process.h"
#include "vm/support/atomic_file.h"

namespace harness::cli {

namespace fs = std::filesystem;

namespace {

const std::set<std::string> kValueOptions = {"suite",       "repetitions", "runs",   "cpu",
                                             "filter",      "out",         "format", "suites-dir",
                                             "program-dir", "engine",      "memory"};
// --child marks a process started by --runs: it leaves the summary to its parent.
const std::set<std::string> kFlags = {"no-interleave", "quiet", "child"};
const std::set<std::string> kRepeatable = {"set"};

void check_choice(const Arguments& a, const std::string& option,
                  const std::vector<std::string>& available) {
  const auto value = a.value(option);
  if (!value || std::find(available.begin(), available.end(), *value) != available.end()) return;
  std::string list;
  for (const auto& name : available) list += (list.empty() ? "" : ", ") + name;
  throw UsageError("--" + option + "=" + *value + ": unknown (available: " + list + ")");
}

std::optional<int> chosen_cpu(const Arguments& a) {
  const std::string text = a.value("cpu").value_or("last");
  if (text == "none") return std::nullopt;
  const int cpus = static_cast<int>(::sysconf(_SC_NPROCESSORS_ONLN));
  if (text == "last") return cpus - 1;
  return a.integer("cpu", 0, 0, cpus - 1);
}

void pin_to(int cpu) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  if (::sched_setaffinity(0, sizeof set, &set) != 0) {
    throw UsageError(std::string("--cpu=") + std::to_string(cpu) + ": cannot pin to that CPU");
  }
}

std::string shell_quote(const std::string& s) {
  if (!s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                        "0123456789_-=./,:%+@") == std::string::npos) {
    return s;
  }
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// `args` without the named options, in either form: "--name=value", or "--name value" for the
// options that take a value (a bare flag such as --child has none to drop).
std::vector<std::string> without_options(const std::vector<std::string>& args,
                                         const std::set<std::string>& names) {
  std::vector<std::string> out;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const size_t eq = arg.find('=');
    const std::string name =
        arg.rfind("--", 0) == 0 ? arg.substr(2, eq == std::string::npos ? eq : eq - 2) : "";
    if (!names.count(name)) {
      out.push_back(arg);
    } else if (eq == std::string::npos && kValueOptions.count(name)) {
      ++i;  // its value is the next argument
    }
  }
  return out;
}

std::string repro_command(const boost::json::object& environment,
                          const std::vector<std::string>& args) {
  std::string commit;
  if (const auto* git = environment.if_contains("git"); git && git->is_object()) {
    if (const auto* c = git->get_object().if_contains("commit"); c && c->is_string()) {
      commit = std::string(c->get_string());
    }
  }
  std::string cmd;
  if (!commit.empty()) cmd = "git checkout " + commit + " && ";
  cmd += "cmake --preset release && cmake --build --preset release && build/bin/vmbench run";
  for (const auto& arg : without_options(args, {"out", "child"})) {
    cmd += std::string(" ") + shell_quote(arg);
  }
  return cmd;
}

void print_summary(const results::Results& r, const std::string& path) {
  std::printf("%-28s %12s %8s %8s  %s\n", "benchmark", "median", "MAD %", "samples", "status");
  for (const auto& b : r.benchmarks) {
    const double mad_percent =
        b.summary.median_ns > 0 ? b.summary.mad_ns / b.summary.median_ns * 100 : 0;
    const std::string median =
        b.summary.samples ? support::duration_text(b.summary.median_ns) : "-";
    const std::string note = b.message.empty() ? "" : " (" + b.message + ")";
    std::printf("%-28s %12s %8.2f %8zu  %s%s\n", b.name.c_str(), median.c_str(), mad_percent,
                b.summary.samples, results::to_string(b.status).c_str(), note.c_str());
  }
  std::printf("results: %s%s\n", path.c_str(), r.complete ? "" : " (incomplete: interrupted)");
}

int exit_status(const results::Results& r) {
  if (!r.complete) return kExitInterrupted;
  for (const auto& b : r.benchmarks) {
    if (b.status == results::Status::Failed) return kExitRegression;
  }
  return kExitOk;
}

// One pass in this process.
results::Results run_once(const Arguments& a, const std::vector<std::string>& args,
                          const suite::Suite& s, const std::string& gbench_out) {
  measure::RunOptions options;
  options.program_dirs = program_dirs();
  if (auto dir = a.value("program-dir"))
    options.program_dirs.insert(options.program_dirs.begin(), *dir);
  options.repetitions = a.integer("repetitions", 0, 1, 10000);
  options.cpu = chosen_cpu(a);
  if (options.cpu) pin_to(*options.cpu);
  options.vm_config = a.values("set");
  options.engine = a.value("engine");
  options.memory = a.value("memory");
  options.filter = a.value("filter").value_or("");
  options.interleave = !a.flag("no-interleave");
  options.quiet = a.flag("quiet");
  options.gbench_out = gbench_out;

  std::vector<std::string> command_line = {"vmbench", "run"};
  command_line.insert(command_line.end(), args.begin(), args.end());
  const MachineIdentity id = this_machine(command_line, options.cpu);

  results::Results r = measure::run_suite(s, options);
  r.environment = id.environment;
  r.fingerprint = id.fingerprint.id;
  r.fingerprint_inputs = id.fingerprint.inputs;
  std::string command;
  for (const auto& part : command_line) {
    if (!command.empty()) command += ' ';
    command += shell_quote(part);
  }
  r.command = command;
  r.repro = repro_command(id.environment, args);
  r.config["runs"] = 1;
  return r;
}

std::string gbench_path(const std::string& out) {
  return fs::path(out).replace_extension(".gbench.json").string();
}

// Joins the Google Benchmark files of several runs into one: the context of the first and the
// repetitions of all (their per-run aggregates would mislead, so they are left out).
void merge_gbench_files(const std::vector<std::string>& parts, const std::string& target) {
  boost::json::object merged;
  boost::json::array benchmarks;
  for (const auto& part : parts) {
    // Google Benchmark writes NaN for the coefficient of variation of an all-zero counter, which
    // is not JSON; those only occur in the aggregates this merge drops anyway.
    std::ifstream in(part, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    static const std::regex non_finite(R"(: -?(NaN|Infinity)\b)");
    const boost::json::value doc =
        support::parse_json(std::regex_replace(text.str(), non_finite, ": null"), part);
    const support::JsonNode root(doc, part);
    if (merged.empty()) merged["context"] = root["context"].object();
    for (const auto& b : root["benchmarks"].elements()) {
      if (b.has("run_type") && b["run_type"].string() == "iteration")
        benchmarks.push_back(b.value());
    }
    std::error_code ec;
    fs::remove(part, ec);
  }
  merged["benchmarks"] = std::move(benchmarks);
  vm::support::write_file_atomically(target, support::pretty(merged));
}

// --runs=N: N child processes, one after another, each a full pass; merged.
results::Results run_children(const std::vector<std::string>& args, int runs,
                              const std::string& out_path, bool gbench) {
  std::vector<results::Results> parts;
  std::vector<std::string> gbench_parts;
  std::vector<std::string> origins;
  for (int i = 0; i < runs && !measure::interrupt_requested(); ++i) {
    const std::string part = out_path + std::string(".run") + std::to_string(i) + ".tmp.json";
    std::vector<std::string> cleaned = {"/proc/self/exe", "run"};
    for (const auto& arg : without_options(args, {"runs", "out"})) cleaned.push_back(arg);
    cleaned.push_back("--out=" + part);
    cleaned.push_back("--child");
    std::fprintf(stderr, "vmbench: run %d of %d\n", i + 1, runs);
    const pid_t pid = ::fork();
    if (pid == 0) {
      std::vector<char*> argv;
      for (auto& c : cleaned) argv.push_back(c.data());
      argv.push_back(nullptr);
      ::execv("/proc/self/exe", argv.data());
      std::perror("vmbench: exec");
      ::_exit(kExitError);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    std::error_code ec;
    if (!fs::exists(part, ec)) {
      throw std::runtime_error(std::string("run ") + std::to_string(i + 1) + std::string(" of ") +
                               std::to_string(runs) + " wrote no results (exit status " +
                               std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : 128) + ")");
    }
    parts.push_back(results::read_results(part));
    origins.push_back(part);
    fs::remove(part, ec);
    if (gbench && fs::exists(gbench_path(part), ec)) gbench_parts.push_back(gbench_path(part));
  }
  if (!gbench_parts.empty()) {
    merge_gbench_files(gbench_parts, gbench_path(out_path));
    std::printf("Google Benchmark JSON: %s\n", gbench_path(out_path).c_str());
  }
  results::Results merged = results::merge_runs(parts, origins);
  if (static_cast<int>(parts.size()) < runs) merged.complete = false;
  return merged;
}

}  // namespace

int run_command(const std::vector<std::string>& args, const std::string&) {
  const Arguments a(args, kValueOptions, kFlags, kRepeatable);
  if (!a.positional().empty())
    throw UsageError("run: unexpected argument '" + a.positional()[0] + "'");
  const std::string format = a.value("format").value_or("vmbench");
  if (format != "vmbench" && format != "gbench") {
    throw UsageError(
        "--format must be vmbench or gbench (gbench also writes Google Benchmark JSON)");
  }
  check_choice(a, "engine", vm::available_engines());
  check_choice(a, "memory", vm::available_memory_modes());
  if (const auto error = vm::mem::memcpy_selection_error()) {
    std::fprintf(stderr, "vmbench run: %s\n", error->c_str());
    return kExitError;
  }
  const std::string dir = a.value("suites-dir").value_or(suites_dir());
  const std::string suite_file = suite::suite_file_for(a.value("suite").value_or("quick"), dir);
  suite::Suite s;
  try {
    s = suite::load_suite(suite_file, {dir, build_dir()}, measure::micro_benchmark_names());
  } catch (const suite::SuiteError& e) {
    std::fprintf(stderr, "vmbench run: %s\n", e.what());
    return kExitError;
  }
  const int runs = a.integer("runs", 1, 1, 100);
  std::string out = a.value("out").value_or("");
  if (out.empty()) {
    fs::create_directories(results_dir());
    out = results_dir() + "/" + s.name + std::string("-") + support::utc_now_for_file_name() +
          ".json";
  }
  measure::install_interrupt_handler();

  results::Results r;
  if (runs > 1) {
    r = run_children(args, runs, out, format == "gbench");
    r.repro = repro_command(r.environment, args);  // the children's lacks --runs
  } else {
    const std::string gbench = format == "gbench" ? gbench_path(out) : "";
    const std::string gbench_temp = gbench.empty() ? "" : gbench + ".tmp";
    r = run_once(a, args, s, gbench_temp);
    if (!gbench.empty()) {
      fs::rename(gbench_temp, gbench);
      if (!a.flag("child")) std::printf("Google Benchmark JSON: %s\n", gbench.c_str());
    }
  }
  results::write_results(r, out);
  if (!a.flag("child")) print_summary(r, out);
  return exit_status(r);
}

}  // namespace harness::cli
