#include "harness/cli/this_machine.h"

#include "harness/cli/paths.h"
#include "harness/environment/environment.h"

namespace harness::cli {

MachineIdentity this_machine(const std::vector<std::string>& command_line,
                             std::optional<int> pinned_cpu) {
  environment::CaptureOptions options;
  options.build = build_info();
  options.command_line = command_line;
  options.pinned_cpu = pinned_cpu;
  MachineIdentity id;
  id.environment = environment::capture_environment(options);
  id.fingerprint = environment::fingerprint(id.environment);
  return id;
}

}  // namespace harness::cli
