// vmbench: the performance-regression harness. Subcommands: run, compare, baseline, topology,
// suites. Exit status: 0 fine, 1 regression or failed benchmark, 2 bad input, 130 interrupted.
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "harness/cli/arguments.h"
#include "harness/cli/commands.h"

namespace {

const char* kUsage =
    "usage: vmbench COMMAND [OPTIONS]\n"
    "\n"
    "  run       [--suite=quick] [--repetitions=N] [--runs=N] [--cpu=N|last|none]\n"
    "            [--set KEY=VALUE]... [--engine=NAME] [--memory=flat|paged]\n"
    "            [--filter=REGEX] [--out=FILE] [--format=gbench]\n"
    "            [--no-interleave] [--quiet]\n"
    "            measure a suite; results go to reports/results/ (or --out)\n"
    "  compare   BASE.json NEW.json [--threshold=5%] [--alpha=0.01] [--noise-k=1.5] [--raw]\n"
    "            [--format=text|markdown|json] [--out=FILE] [--allow-cross-machine]\n"
    "            [--allow-incomplete] [--fail-on-counters]\n"
    "            BASE may be 'baseline' (the stored one for NEW's machine and suite);\n"
    "            exit 0 no regression, 1 regression, 2 error\n"
    "  baseline  bless RESULTS.json... | show [--suite=S] | path [--suite=S]\n"
    "  topology  [--json]   this machine's hwloc topology and fingerprint\n"
    "  suites    list the suites\n"
    "\n"
    "See docs/ for the results schema and the statistics behind a verdict.\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace harness::cli;
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? kExitError : kExitOk;
  }
  if (std::string(argv[1]) == "--version") {
    std::printf("vmbench %s\n", VMBENCH_VERSION);
    return kExitOk;
  }
  const std::string command = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (command == "run") return run_command(args, command);
    if (command == "compare") return compare_command(args);
    if (command == "baseline") return baseline_command(args);
    if (command == "topology") return topology_command(args);
    if (command == "suites") return suites_command(args);
    throw UsageError("unknown command '" + command + "'");
  } catch (const UsageError& e) {
    std::fprintf(stderr, "vmbench %s: %s (see vmbench --help)\n", command.c_str(), e.what());
    return kExitError;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vmbench %s: %s\n", command.c_str(), e.what());
    return kExitError;
  }
}
