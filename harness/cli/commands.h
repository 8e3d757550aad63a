// The vmbench subcommands. Each takes its arguments (after the subcommand name) and returns
// the process exit status; bad input throws UsageError or prints one line and returns 2.
#pragma once

#include <string>
#include <vector>

namespace harness::cli {

int run_command(const std::vector<std::string>& args, const std::string& command_line);
int compare_command(const std::vector<std::string>& args);
int baseline_command(const std::vector<std::string>& args);
int topology_command(const std::vector<std::string>& args);
int suites_command(const std::vector<std::string>& args);

}  // namespace harness::cli
