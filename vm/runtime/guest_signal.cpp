#include "vm/runtime/guest_signal.h"

#include <string.h>

namespace vm::runtime {

std::string signal_name(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  return abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

}  // namespace vm::runtime
