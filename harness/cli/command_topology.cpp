#include <cstdio>

#include "harness/cli/arguments.h"
#include "harness/cli/commands.h"
#include "harness/cli/this_machine.h"
#include "harness/environment/topology.h"
#include "harness/support/json_reader.h"

namespace harness::cli {

int topology_command(const std::vector<std::string>& args) {
  const Arguments a(args, {}, {"json"});
  if (!a.positional().empty()) throw UsageError("topology takes no arguments");
  const MachineIdentity id = this_machine({"vmbench", "topology"}, std::nullopt);
  if (a.flag("json")) {
    std::fputs(support::pretty(boost::json::object{{"fingerprint", id.fingerprint.id},
                                                   {"fingerprint_inputs", id.fingerprint.inputs},
                                                   {"environment", id.environment}})
                   .c_str(),
               stdout);
    return kExitOk;
  }
  std::printf("%s\n", environment::describe(environment::read_topology()).c_str());
  std::printf("fingerprint: %s\n", id.fingerprint.id.c_str());
  std::printf(
      "fingerprint inputs (the performance-relevant subset; see docs/results-schema.md):\n");
  std::fputs(support::pretty(id.fingerprint.inputs).c_str(), stdout);
  return kExitOk;
}

}  // namespace harness::cli
