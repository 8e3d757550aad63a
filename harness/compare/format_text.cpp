#include <algorithm>

#include "harness/compare/comparison_table.h"
#include "harness/compare/formatters.h"

namespace harness::compare {

namespace {

std::string render(const Table& t) {
  std::vector<size_t> width(t.header.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  };
  measure(t.header);
  for (const auto& row : t.rows) measure(row);
  auto line = [&](const std::vector<std::string>& row) {
    std::string out;
    for (size_t i = 0; i < row.size(); ++i) {
      const std::string pad(width[i] - row[i].size(), ' ');
      const bool last = i + 1 == row.size();
      out += t.right_aligned[i] ? pad + row[i] : row[i] + (last ? "" : pad);
      if (!last) out += "  ";
    }
    return out + "\n";
  };
  std::string out = line(t.header);
  for (const auto& row : t.rows) out += line(row);
  return out;
}

}  // namespace

std::string format_text(const Comparison& c) {
  std::string out;
  for (const auto& l : preamble(c)) out += l + "\n";
  out += std::string("\n") + render(benchmark_table(c));
  const Table counters = counter_table(c);
  if (!counters.rows.empty())
    out += std::string("\ndeterministic counters that changed:\n") + render(counters);
  out += std::string("\n") + summary_line(c) + "\n";
  return out;
}

}  // namespace harness::compare
