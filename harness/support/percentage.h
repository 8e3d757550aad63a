// "15%" or "0.15" as the fraction 0.15, for thresholds given on the command line and in suites.
#pragma once

#include <optional>
#include <string_view>

namespace harness::support {

// The fraction, or nothing when `text` is not a finite number with an optional '%' suffix.
// Range checks are the caller's.
std::optional<double> parse_percentage(std::string_view text);

}  // namespace harness::support
