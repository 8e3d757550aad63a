// A benchmark suite as defined by a JSON file in suites/ (format: docs/adding-a-workload.md):
// which programs run, with which arguments, engine, memory mode and VM configuration, and what
// they must print.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace harness::suite {

inline constexpr int kSuiteSchemaVersion = 1;

class SuiteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Expectation {
  int exit_status = 0;
  uint32_t stdout_crc32 = 0;  // zlib's CRC-32 of everything the program writes to stdout
};

struct BenchmarkSpec {
  std::string name;
  std::string kind;  // "guest" or "micro"
  // guest: the program (a name looked up in the program directories, or a path) and its args,
  // after ${suite_dir} / ${build_dir} substitution.
  std::string program;
  std::vector<std::string> args;
  std::string engine;
  std::string memory;
  std::map<std::string, std::string> config;  // VM knobs, validated against vm::VmConfig
  Expectation expect;
  // micro: the name of an in-process benchmark function (harness/measure/micro_benchmarks.h).
  std::string function;
  int repetitions = 0;
  // A smallest change that matters for this benchmark, above compare's --threshold: for a
  // benchmark whose between-process spread a baseline cannot capture (0: none).
  double threshold = 0;
};

struct Suite {
  std::string name;
  std::string description;
  std::string file;
  int repetitions = 0;
  int warmup_runs = 1;
  std::vector<BenchmarkSpec> benchmarks;
};

struct SuitePaths {
  std::string suite_dir;  // substituted for ${suite_dir}
  std::string build_dir;  // substituted for ${build_dir}
};

// Reads and validates a suite file; every problem is a SuiteError naming the file, the field
// and the reason. `micro_functions` lists the micro benchmark names this build provides.
Suite load_suite(const std::string& path, const SuitePaths& paths,
                 const std::vector<std::string>& micro_functions);

// "quick" -> <suite_dir>/quick.json; anything with a '/' or ending in .json is a path.
std::string suite_file_for(const std::string& name_or_path, const std::string& suite_dir);

// The suites found in suite_dir (file stems), sorted.
std::vector<std::string> list_suites(const std::string& suite_dir);

}  // namespace harness::suite
