// The renderers of a comparison: plain text (preamble, one row per benchmark with regressions
// before unchanged ones, the summary with the exit status), Markdown (a well-formed table:
// header, alignment row, equal cell counts, '|' escaped) and JSON (parses, carries verdicts,
// exit code and summary).
#include "harness/compare/formatters.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "harness/compare/comparison_table.h"
#include "synthetic_results.h"

namespace harness::compare {
namespace {

using synthetic::make_results;
using synthetic::Shape;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

// One of everything: a regression, an unchanged benchmark, the control, a failure whose
// message contains '|', and a changed counter.
Comparison mixed() {
  Shape base_shape;
  base_shape.benchmarks.push_back({"sha256/1"});
  Shape new_shape = base_shape;
  new_shape.seed = 2;
  new_shape.benchmarks[1].factor = 1.30;  // recursion/1 regresses
  results::Results base = make_results(base_shape);
  results::Results next = make_results(new_shape);
  auto& failed = synthetic::benchmark(next, "sha256/1");
  failed.status = results::Status::Failed;
  failed.message = "stdout differs | expected 01234567";
  synthetic::benchmark(next, "coremark_like/20").counters["guest.instructions_retired"] = 12345679;
  return compare(base, "base.json", next, "new.json", CompareOptions{});
}

// An A/A comparison: nothing changed.
Comparison quiet() {
  Shape next;
  next.seed = 2;
  return compare(make_results(Shape{}), "base.json", make_results(next), "new.json",
                 CompareOptions{});
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Cells of a Markdown table row: split on '|' that is not escaped, without the outer pipes.
std::vector<std::string> cells(const std::string& row) {
  std::vector<std::string> out;
  std::string cell;
  for (size_t i = 0; i < row.size(); ++i) {
    if (row[i] == '|' && (i == 0 || row[i - 1] != '\\')) {
      out.push_back(cell);
      cell.clear();
    } else {
      cell += row[i];
    }
  }
  out.push_back(cell);
  if (out.size() < 2 || !out.front().empty() || !out.back().empty()) return {};  // not a row
  return {out.begin() + 1, out.end() - 1};
}

// The Markdown tables in `text`: runs of consecutive lines starting with '|'.
std::vector<std::vector<std::string>> tables(const std::string& text) {
  std::vector<std::vector<std::string>> out;
  bool in_table = false;
  for (const auto& line : lines_of(text)) {
    const bool row = !line.empty() && line[0] == '|';
    if (row && !in_table) out.emplace_back();
    if (row) out.back().push_back(line);
    in_table = row;
  }
  return out;
}

size_t position(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << "'" << needle << "' not in:\n" << text;
  return at;
}

TEST(SummaryLine, CountsVerdictsAndEndsWithTheExitStatus) {
  EXPECT_EQ(summary_line(mixed()),
            "1 regression, 0 improvements, 2 unchanged, 0 noisy, 1 failed; "
            "1 benchmark with changed counters -> exit 1");
  EXPECT_EQ(summary_line(quiet()),
            "0 regressions, 0 improvements, 3 unchanged, 0 noisy; "
            "0 benchmarks with changed counters -> exit 0");
}

TEST(FormatText, HasThePreambleEveryBenchmarkAndTheSummary) {
  const Comparison c = mixed();
  const std::string text = format_text(c);
  EXPECT_THAT(text, HasSubstr("base: base.json\n"));
  EXPECT_THAT(text, HasSubstr("new:  new.json\n"));
  EXPECT_THAT(text, HasSubstr("fingerprint: fp-aaaa\n"));
  EXPECT_THAT(text, HasSubstr("rule: regression if p < 0.01"));
  EXPECT_THAT(text, HasSubstr("environment: calibration"));
  for (const char* header : {"benchmark", "base", "new", "ratio", "normalised", "95% CI",
                             "noise floor", "verdict"}) {
    EXPECT_THAT(text, HasSubstr(header));
  }
  for (const auto& b : c.benchmarks) EXPECT_THAT(text, HasSubstr(b.name));
  EXPECT_THAT(text, HasSubstr("deterministic counters that changed:"));
  EXPECT_THAT(text, HasSubstr("12345678"));
  EXPECT_THAT(text, HasSubstr("12345679"));
  const auto lines = lines_of(text);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.back(), summary_line(c));
  EXPECT_THAT(lines.back(), HasSubstr("-> exit 1"));
}

TEST(FormatText, ListsFailuresAndRegressionsBeforeUnchanged) {
  const std::string text = format_text(mixed());
  const size_t failed = position(text, "sha256/1 ");
  const size_t regression = position(text, "recursion/1 ");
  const size_t unchanged = position(text, "coremark_like/20 ");
  const size_t control = position(text, "control/calibration ");
  EXPECT_LT(failed, regression);
  EXPECT_LT(regression, unchanged);
  EXPECT_LT(regression, control);
  EXPECT_THAT(text, HasSubstr("regression (slower beyond"));
}

TEST(FormatText, QuietComparisonHasNoCounterSectionAndExitsZero) {
  const std::string text = format_text(quiet());
  EXPECT_THAT(text, Not(HasSubstr("counters that changed")));
  EXPECT_THAT(text, HasSubstr("-> exit 0\n"));
}

TEST(FormatText, ShowsCrossMachineAndWarnings) {
  Shape other;
  other.seed = 2;
  other.fingerprint = "fp-bbbb";
  CompareOptions options;
  options.allow_cross_machine = true;
  const std::string text = format_text(
      compare(make_results(Shape{}), "base.json", make_results(other), "new.json", options));
  EXPECT_THAT(text, HasSubstr("fingerprint: fp-bbbb (CROSS-MACHINE)"));
  EXPECT_THAT(text, HasSubstr("WARNING: CROSS-MACHINE comparison"));
}

TEST(FormatMarkdown, IsAWellFormedTable) {
  const Comparison c = mixed();
  const std::string md = format_markdown(c);
  EXPECT_EQ(md.rfind("### vmbench compare: " + summary_line(c) + "\n", 0), 0u) << md;
  const auto found = tables(md);
  ASSERT_EQ(found.size(), 2u) << md;  // benchmarks, then changed counters

  const auto& rows = found[0];
  ASSERT_EQ(rows.size(), 2 + c.benchmarks.size()) << md;
  const auto header = cells(rows[0]);
  ASSERT_EQ(header.size(), 9u) << rows[0];
  EXPECT_EQ(header[0], " benchmark ");
  EXPECT_EQ(header[8], " verdict ");
  const auto separator = cells(rows[1]);
  ASSERT_EQ(separator.size(), header.size()) << rows[1];
  EXPECT_EQ(separator[0], "---");
  for (size_t i = 1; i <= 7; ++i) EXPECT_EQ(separator[i], "---:") << "column " << header[i];
  EXPECT_EQ(separator[8], "---");
  for (const auto& row : rows) EXPECT_EQ(cells(row).size(), header.size()) << row;

  const auto& counters = found[1];
  ASSERT_EQ(counters.size(), 3u) << md;
  const size_t width = cells(counters[0]).size();
  EXPECT_EQ(width, 5u);
  for (const auto& row : counters) EXPECT_EQ(cells(row).size(), width) << row;
}

TEST(FormatMarkdown, EscapesPipesInCells) {
  const std::string md = format_markdown(mixed());
  EXPECT_THAT(md, HasSubstr("stdout differs \\| expected 01234567"));
  EXPECT_THAT(md, Not(HasSubstr("differs | expected")));
}

TEST(FormatMarkdown, ListsRegressionsBeforeUnchanged) {
  const std::string md = format_markdown(mixed());
  EXPECT_LT(position(md, "| recursion/1 |"), position(md, "| coremark_like/20 |"));
}

TEST(FormatMarkdown, QuietComparisonHasOneTable) {
  const std::string md = format_markdown(quiet());
  EXPECT_EQ(tables(md).size(), 1u);
  EXPECT_THAT(md, HasSubstr("-> exit 0"));
}

TEST(FormatJson, ParsesAndCarriesVerdictsExitCodeAndSummary) {
  const Comparison c = mixed();
  const boost::json::value v = boost::json::parse(boost::json::serialize(format_json(c)));
  ASSERT_TRUE(v.is_object());
  const auto& o = v.as_object();
  EXPECT_EQ(o.at("exit_code").to_number<int>(), 1);
  EXPECT_EQ(o.at("summary").as_string(), summary_line(c));
  EXPECT_EQ(o.at("base").as_string(), "base.json");
  EXPECT_EQ(o.at("fingerprint").as_string(), "fp-aaaa");
  EXPECT_FALSE(o.at("cross_machine").as_bool());
  EXPECT_TRUE(o.at("environment").as_object().at("available").as_bool());
  EXPECT_DOUBLE_EQ(o.at("rule").as_object().at("threshold").to_number<double>(), 0.05);

  const auto& benchmarks = o.at("benchmarks").as_array();
  ASSERT_EQ(benchmarks.size(), c.benchmarks.size());
  for (size_t i = 0; i < benchmarks.size(); ++i) {
    const auto& b = benchmarks[i].as_object();
    EXPECT_EQ(b.at("name").as_string(), c.benchmarks[i].name);
    EXPECT_EQ(b.at("verdict").as_string(), to_string(c.benchmarks[i].verdict));
    EXPECT_EQ(b.at("ci").as_array().size(), 2u);
    EXPECT_EQ(b.at("samples").as_array().size(), 2u);
  }
  auto by_name = [&](const std::string& name) -> const boost::json::object& {
    for (const auto& b : benchmarks) {
      if (b.as_object().at("name").as_string() == name) return b.as_object();
    }
    throw std::out_of_range(name);
  };
  EXPECT_EQ(by_name("recursion/1").at("verdict").as_string(), "regression");
  EXPECT_EQ(by_name("sha256/1").at("verdict").as_string(), "failed");
  EXPECT_TRUE(by_name(synthetic::kControl).at("normalized_ratio").is_null());
  const auto& changes = by_name("coremark_like/20").at("counter_changes").as_array();
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].as_object().at("name").as_string(), "guest.instructions_retired");
  EXPECT_EQ(changes[0].as_object().at("base").to_number<uint64_t>(), 12345678u);
  EXPECT_EQ(changes[0].as_object().at("new").to_number<uint64_t>(), 12345679u);
}

TEST(FormatJson, QuietComparisonExitsZero) {
  const boost::json::value v = boost::json::parse(boost::json::serialize(format_json(quiet())));
  EXPECT_EQ(v.at("exit_code").to_number<int>(), 0);
  for (const auto& b : v.at("benchmarks").as_array()) {
    EXPECT_EQ(b.at("verdict").as_string(), "unchanged");
  }
}

}  // namespace
}  // namespace harness::compare
