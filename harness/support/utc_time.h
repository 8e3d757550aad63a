// The current time in UTC, as the harness writes it: ISO 8601 in files people read
// ("2026-11-25T17:30:00Z"), compact in file names ("20261125T173000Z").
#pragma once

#include <string>

namespace harness::support {

std::string utc_now_iso8601();
std::string utc_now_for_file_name();

}  // namespace harness::support
