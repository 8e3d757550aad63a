#include <cstdio>

#include "harness/cli/arguments.h"
#include "harness/cli/commands.h"
#include "harness/cli/paths.h"
#include "harness/measure/micro_benchmarks.h"
#include "harness/suite/suite.h"

namespace harness::cli {

int suites_command(const std::vector<std::string>& args) {
  const Arguments a(args, {"suites-dir"}, {});
  const std::string dir = a.value("suites-dir").value_or(suites_dir());
  for (const auto& name : suite::list_suites(dir)) {
    const std::string file = suite::suite_file_for(name, dir);
    try {
      const suite::Suite s =
          suite::load_suite(file, {dir, build_dir()}, measure::micro_benchmark_names());
      std::printf("%-16s %3zu benchmarks, %2d repetitions  %s\n", name.c_str(), s.benchmarks.size(),
                  s.repetitions, s.description.c_str());
    } catch (const suite::SuiteError& e) {
      std::printf("%-16s INVALID: %s\n", name.c_str(), e.what());
    }
  }
  return kExitOk;
}

}  // namespace harness::cli
