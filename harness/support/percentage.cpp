#include "harness/support/percentage.h"

#include <charconv>
#include <cmath>

namespace harness::support {

std::optional<double> parse_percentage(std::string_view text) {
  const bool percent = !text.empty() && text.back() == '%';
  if (percent) text.remove_suffix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return percent ? value / 100 : value;
}

}  // namespace harness::support
