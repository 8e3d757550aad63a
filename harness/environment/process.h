// Runs a helper program (git) and captures its standard output, for facts that only a program
// can tell. Never throws: a missing program or a failing one is reported as std::nullopt.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace harness::environment {

// Runs argv[0] (searched in PATH) with the given arguments, stdin and stderr on /dev/null, no
// shell involved. Returns its standard output if it exits with status 0, else std::nullopt.
std::optional<std::string> run_command(const std::vector<std::string>& argv);

}  // namespace harness::environment
