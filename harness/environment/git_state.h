// The state of the source tree a build came from, asked of git. Never fails: without git, or
// outside a repository, every field is null.
#pragma once

#include <string>

#include <boost/json/object.hpp>

namespace harness::environment {

// {"source_dir", "commit" (40 hex), "branch" (null when detached), "dirty" (tracked files
// modified; untracked files ignored)}.
boost::json::object read_git_state(const std::string& source_dir);

}  // namespace harness::environment
