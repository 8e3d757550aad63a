// The comparison as a table of text cells, shared by the plain-text and Markdown renderers:
// one header row, one row per benchmark (regressions first), and the summary lines.
#pragma once

#include <string>
#include <vector>

#include "harness/compare/comparison.h"

namespace harness::compare {

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> right_aligned;
};

Table benchmark_table(const Comparison& comparison);
Table counter_table(const Comparison& comparison);
// "2 regressions, 0 improvements, 9 unchanged, 1 noisy; 0 counter changes -> exit 1"
std::string summary_line(const Comparison& comparison);
std::vector<std::string> preamble(const Comparison& comparison);

}  // namespace harness::compare
