#include "harness/measure/progress.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace harness::measure {

Progress::Progress(int total_steps, bool quiet)
    : total_(total_steps),
      quiet_(quiet),
      interactive_(::isatty(STDERR_FILENO) && std::getenv("CI") == nullptr),
      start_(std::chrono::steady_clock::now()) {}

std::string Progress::clock(double seconds) const {
  const int s = static_cast<int>(seconds + 0.5);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d:%02d", s / 60, s % 60);
  return buf;
}

void Progress::step(const std::string& what, const std::string& detail) {
  ++done_;
  if (quiet_) return;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double eta = done_ > 0 ? elapsed / done_ * (total_ - done_) : 0;
  char counts[48];
  std::snprintf(counts, sizeof counts, "[%d/%d]", done_, total_);
  if (interactive_) {
    std::fprintf(stderr, "\r\033[K%s %s %s  elapsed %s  ETA %s", counts, what.c_str(),
                 detail.c_str(), clock(elapsed).c_str(), clock(eta).c_str());
    line_open_ = true;
  } else {
    std::fprintf(stderr, "%s %s %s (elapsed %s)\n", counts, what.c_str(), detail.c_str(),
                 clock(elapsed).c_str());
  }
  std::fflush(stderr);
}

void Progress::message(const std::string& line) {
  if (line_open_) std::fputs("\r\033[K", stderr);
  line_open_ = false;
  std::fprintf(stderr, "%s\n", line.c_str());
}

void Progress::finish() {
  if (line_open_) std::fputs("\r\033[K", stderr);
  line_open_ = false;
}

}  // namespace harness::measure
