// A duration in nanoseconds as people read it: "252.2 ms", "71.4 us", "3.9 ns", "1.25 s".
#pragma once

#include <string>

namespace harness::support {

std::string duration_text(double ns);

}  // namespace harness::support
