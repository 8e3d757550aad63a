// Results <-> JSON in memory: the round trip keeps every field, summaries are recomputed from
// the samples, and a malformed document is a ResultsError naming the origin, field and reason.
#include "harness/results/results_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>

#include "harness/support/json_reader.h"
#include "sample_results.h"

namespace harness::results {
namespace {

namespace json = boost::json;
using testing::expect_same_results;
using ::testing::HasSubstr;
using testing::single_run;

// to_json, to text and back, from_json: what a file write and read do, without the file.
Results through_text(const Results& r) {
  const std::string text = json::serialize(to_json(r));
  return from_json(support::parse_json(text, "memory.json"), "memory.json");
}

// The error from_json reports for single_run() with one edit made to its JSON.
std::string error_after(const std::function<void(json::object&)>& edit) {
  json::object doc = to_json(single_run());
  edit(doc);
  try {
    from_json(doc, "edited.json");
  } catch (const ResultsError& e) {
    return e.what();
  }
  ADD_FAILURE() << "the edited results were accepted";
  return "";
}

json::object& benchmark(json::object& doc, size_t i) {
  return doc.at("benchmarks").as_array().at(i).as_object();
}

TEST(ResultsJson, RoundTripKeepsEveryField) {
  const Results original = single_run();
  const Results copy = through_text(original);
  expect_same_results(copy, original);
  // The sample data really is varied: a round trip that dropped it would not pass unseen.
  ASSERT_EQ(copy.benchmarks.size(), 5u);
  EXPECT_EQ(copy.benchmarks[2].status, Status::Failed);
  EXPECT_EQ(copy.benchmarks[3].status, Status::Interrupted);
  EXPECT_TRUE(copy.benchmarks[0].jit_report.is_null());
  EXPECT_EQ(copy.benchmarks[1].jit_report.at("hot").at(1), "b");
  EXPECT_EQ(copy.benchmarks[0].counters.at("guest_instructions"), 123456789012345ull);
  EXPECT_EQ(copy.benchmarks[1].wall_ns[1], 0.1 + 0.2);  // doubles survive bit for bit
  EXPECT_EQ(copy.environment.at("git").at("commit"), "0123456789abcdef");
}

TEST(ResultsJson, RoundTripOfMultiRunIncompleteResults) {
  Results original = single_run();
  original.complete = false;
  original.runs.push_back(testing::run_info(1));
  original.runs.back().interrupted = true;
  Benchmark& sha = original.benchmarks[0];
  sha.wall_ns.insert(sha.wall_ns.end(), {2e6, 2.5e6});
  sha.run.insert(sha.run.end(), {1, 1});
  summarize(sha);
  const Results copy = through_text(original);
  expect_same_results(copy, original);
  EXPECT_FALSE(copy.complete);
  EXPECT_TRUE(copy.runs[1].interrupted);
  EXPECT_EQ(copy.benchmarks[0].summary.run_medians_ns.size(), 2u);
}

TEST(ResultsJson, DocumentLayout) {
  const json::object doc = to_json(single_run());
  EXPECT_EQ(doc.at("schema_version"), kSchemaVersion);
  EXPECT_EQ(doc.at("complete"), true);
  const json::object& context = doc.at("context").as_object();
  EXPECT_EQ(context.at("suite"), "quick");
  EXPECT_EQ(context.at("fingerprint"), "fp-1234abcd");
  EXPECT_EQ(context.at("runs").as_array().size(), 1u);
  const json::object& sha = doc.at("benchmarks").as_array().at(0).as_object();
  EXPECT_EQ(sha.at("status"), "ok");
  EXPECT_EQ(sha.at("samples").at("run").as_array().size(), 3u);
  EXPECT_EQ(sha.at("summary").at("samples"), 3);
  EXPECT_FALSE(sha.contains("message"));
  // Only guest benchmarks say what program ran.
  const json::object& micro = doc.at("benchmarks").as_array().at(1).as_object();
  EXPECT_FALSE(micro.contains("program"));
  EXPECT_FALSE(micro.contains("args"));
  const json::object& failed = doc.at("benchmarks").as_array().at(2).as_object();
  EXPECT_EQ(failed.at("status"), "failed");
  EXPECT_EQ(failed.at("message"), "stdout crc32 12345678, expected 7b93600f");
}

TEST(ResultsJson, SummaryIsRecomputedNotRead) {
  json::object doc = to_json(single_run());
  json::object& summary = benchmark(doc, 0).at("summary").as_object();
  summary["median_ns"] = 1.0;
  summary["min_ns"] = -5.0;
  summary["run_medians_ns"] = json::array{1, 2, 3};
  const Results r = from_json(doc, "edited.json");
  EXPECT_DOUBLE_EQ(r.benchmarks[0].summary.median_ns, 1.0e6);
  EXPECT_DOUBLE_EQ(r.benchmarks[0].summary.min_ns, 0.999e6);
  EXPECT_EQ(r.benchmarks[0].summary.run_medians_ns, std::vector<double>{1.0e6});
}

TEST(ResultsJson, JitReportMayBeAbsent) {
  json::object doc = to_json(single_run());
  benchmark(doc, 1).erase("jit_report");
  EXPECT_TRUE(from_json(doc, "edited.json").benchmarks[1].jit_report.is_null());
}

TEST(ResultsJson, UnsupportedSchemaVersion) {
  const std::string message = error_after([](json::object& d) { d["schema_version"] = 2; });
  EXPECT_THAT(message, HasSubstr("edited.json: schema_version: "));
  EXPECT_THAT(message, HasSubstr("schema version 2 is not the supported version 1"));
}

TEST(ResultsJson, SampleOfTheWrongType) {
  const std::string message = error_after([](json::object& d) {
    benchmark(d, 4).at("samples").at("wall_ns").as_array().at(2) = "fast";
  });
  EXPECT_THAT(message,
              HasSubstr("edited.json: benchmarks[4].samples.wall_ns[2]: expected a number, found a "
                        "string"));
}

TEST(ResultsJson, FieldsOfTheWrongType) {
  EXPECT_THAT(error_after([](json::object& d) { d["complete"] = "yes"; }),
              HasSubstr("edited.json: complete: expected true or false, found a string"));
  EXPECT_THAT(error_after([](json::object& d) { benchmark(d, 0).at("args").as_array().at(1) = 3; }),
              HasSubstr("edited.json: benchmarks[0].args[1]: expected a string, found an integer"));
  EXPECT_THAT(error_after([](json::object& d) {
                benchmark(d, 0).at("counters").as_object()["syscalls"] = -1;
              }),
              HasSubstr("edited.json: benchmarks[0].counters.syscalls: expected a non-negative "
                        "integer"));
  EXPECT_THAT(error_after([](json::object& d) {
                d.at("context").at("runs").as_array().at(0).as_object()["index"] = 0.5;
              }),
              HasSubstr("edited.json: context.runs[0].index: expected an integer, found a number"));
}

TEST(ResultsJson, MissingField) {
  EXPECT_THAT(
      error_after([](json::object& d) { d.at("context").as_object().erase("fingerprint"); }),
      HasSubstr("edited.json: context: missing field 'fingerprint'"));
  EXPECT_THAT(error_after([](json::object& d) { benchmark(d, 0).erase("engine"); }),
              HasSubstr("edited.json: benchmarks[0]: missing field 'engine'"));
}

TEST(ResultsJson, UnknownStatusAndKind) {
  EXPECT_THAT(error_after([](json::object& d) { benchmark(d, 1)["status"] = "great"; }),
              HasSubstr("edited.json: benchmarks[1].status: unknown status 'great'"));
  EXPECT_THAT(error_after([](json::object& d) { benchmark(d, 1)["kind"] = "native"; }),
              HasSubstr("edited.json: benchmarks[1].kind: expected guest, micro or control"));
}

TEST(ResultsJson, RunAndWallLengthsMustAgree) {
  const std::string message = error_after(
      [](json::object& d) { benchmark(d, 0).at("samples").at("run").as_array().pop_back(); });
  EXPECT_THAT(message, HasSubstr("edited.json: benchmarks[0].samples.run: has 2 entries but "
                                 "wall_ns has 3"));
}

// Samples of runs the file does not list, and times that are not positive, are ResultsErrors
// naming the file and the field (not std::invalid_argument from harness/stats).
TEST(ResultsJson, ImpossibleSamplesAreAResultsError) {
  EXPECT_THAT(error_after([](json::object& d) {
                benchmark(d, 4).at("samples").as_object()["run"] = json::array{-1, -1, -1};
              }),
              HasSubstr("edited.json: benchmarks[4].samples.run"));
  EXPECT_THAT(error_after([](json::object& d) {
                json::object& samples = benchmark(d, 4).at("samples").as_object();
                samples["wall_ns"] = json::array{0, 0, 0};
                samples["run"] = json::array{0, 1, 1};
              }),
              HasSubstr("edited.json: benchmarks[4].samples"));
}

TEST(ResultsJson, DuplicateBenchmarkNames) {
  const std::string message =
      error_after([](json::object& d) { benchmark(d, 3)["name"] = "sha256/2"; });
  EXPECT_THAT(message, HasSubstr("edited.json: benchmarks[3].name: benchmark 'sha256/2' appears "
                                 "twice"));
}

}  // namespace
}  // namespace harness::results
