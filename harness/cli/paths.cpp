#include "harness/cli/paths.h"

#include <filesystem>

namespace harness::cli {

namespace fs = std::filesystem;

std::string source_dir() { return VMBENCH_SOURCE_DIR; }

std::string build_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return VMBENCH_BINARY_DIR;
  return exe.parent_path().parent_path().string();
}

std::string suites_dir() { return source_dir() + "/suites"; }
std::string baselines_dir() { return source_dir() + "/baselines"; }
std::string results_dir() { return source_dir() + "/reports/results"; }

std::vector<std::string> program_dirs() {
  return {build_dir() + "/bin/guest", build_dir() + "/real-programs/bin"};
}

environment::BuildInfo build_info() {
  return {VMBENCH_COMPILER, VMBENCH_COMPILER_FLAGS, VMBENCH_BUILD_TYPE, source_dir()};
}

}  // namespace harness::cli
