#include "harness/measure/stdout_capture.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <boost/crc.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace harness::measure {

namespace {

[[noreturn]] void fail(const char* what) {
  throw std::runtime_error(std::string("capturing guest output: ") + what + ": " +
                           std::strerror(errno));
}

int checked(int result, const char* what) {
  if (result < 0) fail(what);
  return result;
}

}  // namespace

StdioCapture::StdioCapture() {
  std::fflush(stdout);
  std::fflush(stderr);
  out_ = checked(::memfd_create("guest-stdout", MFD_CLOEXEC), "memfd_create");
  err_ = checked(::memfd_create("guest-stderr", MFD_CLOEXEC), "memfd_create");
  const int null_fd = checked(::open("/dev/null", O_RDONLY | O_CLOEXEC), "open /dev/null");
  for (int fd = 0; fd < 3; ++fd) saved_[fd] = checked(::fcntl(fd, F_DUPFD_CLOEXEC, 10), "dup");
  checked(::dup2(null_fd, 0), "dup2");
  checked(::dup2(out_, 1), "dup2");
  checked(::dup2(err_, 2), "dup2");
  ::close(null_fd);
}

StdioCapture::~StdioCapture() {
  if (!finished_) {
    try {
      finish();
    } catch (...) {
    }
  }
}

CapturedOutput StdioCapture::finish() {
  finished_ = true;
  std::fflush(stdout);
  std::fflush(stderr);
  for (int fd = 0; fd < 3; ++fd) {
    if (saved_[fd] >= 0) {
      ::dup2(saved_[fd], fd);
      ::close(saved_[fd]);
      saved_[fd] = -1;
    }
  }
  CapturedOutput out;
  boost::crc_32_type crc;
  char buf[1 << 16];
  for (off_t at = 0;;) {
    const ssize_t n = ::pread(out_, buf, sizeof buf, at);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("read back stdout");
    if (n == 0) break;
    crc.process_bytes(buf, static_cast<size_t>(n));
    at += n;
    out.stdout_bytes += static_cast<uint64_t>(n);
  }
  out.stdout_crc32 = crc.checksum();
  const ssize_t n = ::pread(err_, buf, 4096, 0);
  if (n > 0) out.stderr_text.assign(buf, static_cast<size_t>(n));
  ::close(out_);
  ::close(err_);
  return out;
}

}  // namespace harness::measure
