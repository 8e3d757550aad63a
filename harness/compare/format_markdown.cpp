#include "harness/compare/comparison_table.h"
#include "harness/compare/formatters.h"

namespace harness::compare {

namespace {

std::string escape(std::string cell) {
  for (size_t at = cell.find('|'); at != std::string::npos; at = cell.find('|', at + 2)) {
    cell.replace(at, 1, "\\|");
  }
  return cell;
}

std::string render(const Table& t) {
  std::string out = "|";
  for (const auto& h : t.header) {
    out += ' ';
    out += escape(h);
    out += " |";
  }
  out += "\n|";
  for (bool right : t.right_aligned) out += right ? "---:|" : "---|";
  out += "\n";
  for (const auto& row : t.rows) {
    out += "|";
    for (const auto& cell : row) {
      out += ' ';
      out += escape(cell);
      out += " |";
    }
    out += "\n";
  }
  return out;
}

}  // namespace

std::string format_markdown(const Comparison& c) {
  std::string out = std::string("### vmbench compare: ") + summary_line(c) + "\n\n";
  for (const auto& l : preamble(c)) out += std::string("- ") + escape(l) + "\n";
  out += std::string("\n") + render(benchmark_table(c));
  const Table counters = counter_table(c);
  if (!counters.rows.empty()) {
    out += std::string("\n**Deterministic counters that changed**\n\n") + render(counters);
  }
  return out;
}

}  // namespace harness::compare
