// The environment and fingerprint of the machine and build vmbench runs on now.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "harness/environment/fingerprint.h"

namespace harness::cli {

struct MachineIdentity {
  boost::json::object environment;
  environment::Fingerprint fingerprint;
};

MachineIdentity this_machine(const std::vector<std::string>& command_line,
                             std::optional<int> pinned_cpu);

}  // namespace harness::cli
