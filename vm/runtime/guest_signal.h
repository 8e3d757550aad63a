// Names of Linux signals as a shell or qemu would print them ("SIGSEGV").
#pragma once

#include <string>

namespace vm::runtime {

std::string signal_name(int sig);

}  // namespace vm::runtime
