#include "harness/cli/this_machine.h"

#include "harness/cli/paths.h"
#include "harness/environment/environment.h"
#include "vm/mem/memcpy/memcpy.h"
#include "vm/mem/memcpy/memcpy_nontemporal.h"

namespace harness::cli {

MachineIdentity this_machine(const std::vector<std::string>& command_line,
                             std::optional<int> pinned_cpu) {
  environment::CaptureOptions options;
  options.build = build_info();
  options.command_line = command_line;
  options.pinned_cpu = pinned_cpu;
  if (!vm::mem::memcpy_selection_error()) {
    options.vm_host_choices["memcpy_impl"] =
        std::string(vm::mem::memcpy_impl_name(vm::mem::active_memcpy_impl()));
    options.vm_host_choices["memcpy_nontemporal_threshold"] =
        std::to_string(vm::mem::memcpy_nontemporal_threshold());
  }
  MachineIdentity id;
  id.environment = environment::capture_environment(options);
  id.fingerprint = environment::fingerprint(id.environment);
  return id;
}

}  // namespace harness::cli
