#include "harness/support/duration_text.h"

#include <cstdio>

namespace harness::support {

std::string duration_text(double ns) {
  struct Unit {
    double scale;
    const char* name;
  };
  static constexpr Unit kUnits[] = {{1e9, "s"}, {1e6, "ms"}, {1e3, "us"}, {1, "ns"}};
  for (const Unit& unit : kUnits) {
    if (ns >= unit.scale || unit.scale == 1) {
      char buf[32];
      const double v = ns / unit.scale;
      std::snprintf(buf, sizeof buf, v >= 100 ? "%.1f %s" : "%.2f %s", v, unit.name);
      return buf;
    }
  }
  return "-";
}

}  // namespace harness::support
