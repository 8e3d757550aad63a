// The control workload: a fixed piece of native work (no VM) whose time tracks the machine,
// not the code under test. Timed at the start and end of each run and interleaved with the
// benchmarks, it lets compare separate "the machine drifted" from "the VM changed".
#pragma once

#include <vector>

namespace harness::measure {

// One pass of the control workload (about 20 ms on a 2020s x86 core); returns nanoseconds.
double time_calibration_once();
// `count` passes, for the start/end record of a run.
std::vector<double> time_calibration(int count);

}  // namespace harness::measure
