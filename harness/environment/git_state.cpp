// read_git_state: three git invocations through run_command.
#include "harness/environment/git_state.h"

#include <optional>

#include "harness/environment/process.h"

namespace harness::environment {

namespace {

std::optional<std::string> git(const std::string& source_dir, std::vector<std::string> args) {
  std::vector<std::string> argv = {"git", "-C", source_dir};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv);
}

boost::json::value trimmed_or_null(const std::optional<std::string>& output) {
  if (!output) return nullptr;
  const auto end = output->find_last_not_of(" \t\r\n");
  if (end == std::string::npos) return nullptr;
  return boost::json::value(output->substr(0, end + 1));
}

}  // namespace

boost::json::object read_git_state(const std::string& source_dir) {
  boost::json::object state;
  state["source_dir"] = source_dir;
  if (source_dir.empty()) {
    state["commit"] = nullptr;
    state["branch"] = nullptr;
    state["dirty"] = nullptr;
    return state;
  }
  state["commit"] = trimmed_or_null(git(source_dir, {"rev-parse", "--verify", "-q", "HEAD"}));
  // symbolic-ref fails on a detached HEAD, which leaves the branch null.
  state["branch"] = trimmed_or_null(git(source_dir, {"symbolic-ref", "--short", "-q", "HEAD"}));
  const auto status = git(source_dir, {"status", "--porcelain", "--untracked-files=no"});
  if (status) {
    state["dirty"] = status->find_first_not_of(" \t\r\n") != std::string::npos;
  } else {
    state["dirty"] = nullptr;
  }
  return state;
}

}  // namespace harness::environment
