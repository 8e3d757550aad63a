// Captures what a guest program writes to stdout and stderr while it runs in this process:
// fds 1 and 2 are pointed at anonymous memory files (and fd 0 at /dev/null) for the lifetime
// of the object, then restored. The guest's write syscalls go to the host fds unchanged, so
// the cost measured is the real one.
#pragma once

#include <cstdint>
#include <string>

namespace harness::measure {

struct CapturedOutput {
  uint32_t stdout_crc32 = 0;
  uint64_t stdout_bytes = 0;
  std::string stderr_text;  // at most the first few KiB, for failure messages
};

class StdioCapture {
 public:
  StdioCapture();
  ~StdioCapture();
  StdioCapture(const StdioCapture&) = delete;
  StdioCapture& operator=(const StdioCapture&) = delete;

  // Restores the original fds and returns what was written meanwhile.
  CapturedOutput finish();

 private:
  int saved_[3] = {-1, -1, -1};
  int out_ = -1;
  int err_ = -1;
  bool finished_ = false;
};

}  // namespace harness::measure
