// Where vmbench finds its suites, programs and baselines, and writes results: relative to the
// source tree and build tree it was built from, each overridable on the command line.
#pragma once

#include <string>
#include <vector>

#include "harness/environment/environment.h"

namespace harness::cli {

std::string source_dir();
std::string build_dir();  // the folder holding bin/vmbench
std::string suites_dir();
std::string baselines_dir();
std::string results_dir();
std::vector<std::string> program_dirs();
environment::BuildInfo build_info();

}  // namespace harness::cli
