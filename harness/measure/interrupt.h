// Ctrl-C during a run: the first SIGINT (or SIGTERM) asks the run to stop after the guest
// program in flight and write what finished; a second one kills the process at once.
#pragma once

namespace harness::measure {

void install_interrupt_handler();
bool interrupt_requested();

}  // namespace harness::measure
