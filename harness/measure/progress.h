// Progress of a run on stderr: on a terminal one line rewritten in place (benchmark i/n,
// elapsed, ETA); in CI (CI set, or stderr not a terminal) one plain line per step.
#pragma once

#include <chrono>
#include <string>

namespace harness::measure {

class Progress {
 public:
  Progress(int total_steps, bool quiet);
  void step(const std::string& what, const std::string& detail);
  void message(const std::string& line);  // a line that stays (warnings, failures)
  void finish();

 private:
  std::string clock(double seconds) const;
  int total_;
  int done_ = 0;
  bool quiet_;
  bool interactive_;
  bool line_open_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace harness::measure
