// Argument checks shared by the statistics functions (internal to harness/stats). Every public
// function rejects input it cannot give a meaningful answer for with std::invalid_argument,
// naming the function, rather than returning NaN.
#pragma once

#include <cmath>
#include <span>
#include <stdexcept>
#include <string>

namespace harness::stats::detail {

[[noreturn]] inline void fail(const char* function, const std::string& reason) {
  throw std::invalid_argument(std::string("harness::stats::") + function + ": " + reason);
}

inline void require_non_empty(std::span<const double> values, const char* function) {
  if (values.empty()) fail(function, "empty input");
}

// NaN has no place in an ordering, and std::sort / std::nth_element need one.
inline void require_no_nan(std::span<const double> values, const char* function) {
  for (double v : values) {
    if (std::isnan(v)) fail(function, "input contains NaN");
  }
}

inline void require_values(std::span<const double> values, const char* function) {
  require_non_empty(values, function);
  require_no_nan(values, function);
}

}  // namespace harness::stats::detail
