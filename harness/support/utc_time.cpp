#include "harness/support/utc_time.h"

#include <ctime>

namespace harness::support {

namespace {

std::string utc_now_formatted(const char* format) {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

}  // namespace

std::string utc_now_iso8601() { return utc_now_formatted("%Y-%m-%dT%H:%M:%SZ"); }
std::string utc_now_for_file_name() { return utc_now_formatted("%Y%m%dT%H%M%SZ"); }

}  // namespace harness::support
