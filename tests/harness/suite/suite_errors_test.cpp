// Suites that must not load: each test edits one field of data/demo.json (a suite that loads) and
// checks that the SuiteError is one line naming the file, the field path and the reason.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "harness/suite/suite.h"
#include "suite_test_data.h"

namespace harness::suite {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::read_data;
using testing::replaced;
using testing::ScratchSuiteDir;

const SuitePaths kPaths{.suite_dir = "/suites/here", .build_dir = "/build/there"};
const std::vector<std::string> kMicro = {"mem/one", "mem/two"};

class SuiteErrors : public ::testing::Test {
 protected:
  // Writes `text` as <scratch>/<file_name>, loads it and returns the SuiteError's message.
  std::string error_of(const std::string& text, const std::string& file_name = "demo.json") {
    file_ = dir_.write(file_name, text);
    try {
      load_suite(file_, kPaths, kMicro);
    } catch (const SuiteError& e) {
      const std::string message = e.what();
      EXPECT_EQ(message.find('\n'), std::string::npos) << "not one line: " << message;
      return message;
    }
    ADD_FAILURE() << file_name << " loaded without an error";
    return "";
  }
  // The demo suite with one edit, and its error.
  std::string error_after(const std::string& from, const std::string& to) {
    return error_of(replaced(read_data("demo.json"), from, to));
  }
  // "<file>: <field path>: ", how every error about a field begins.
  std::string at(const std::string& field) const { return file_ + ": " + field + ": "; }

  ScratchSuiteDir dir_;
  std::string file_;
};

TEST_F(SuiteErrors, TheBaseSuiteLoads) {
  const std::string file = dir_.write("demo.json", read_data("demo.json"));
  EXPECT_NO_THROW(load_suite(file, kPaths, kMicro));
}

TEST_F(SuiteErrors, MalformedJsonNamesLineAndColumn) {
  // The comma after "suite": "demo" (line 3) is missing: the parser stops at the next key.
  const std::string message = error_after("\"suite\": \"demo\",", "\"suite\": \"demo\"");
  EXPECT_THAT(message, HasSubstr(file_ + ":4:3: malformed JSON"));
}

TEST_F(SuiteErrors, TruncatedJson) {
  const std::string text = read_data("demo.json");
  EXPECT_THAT(error_of(text.substr(0, text.size() / 2)), HasSubstr(": malformed JSON"));
}

TEST_F(SuiteErrors, MissingFile) {
  const std::string missing = dir_.path() + "/absent.json";
  try {
    load_suite(missing, kPaths, kMicro);
    ADD_FAILURE() << "a missing file loaded";
  } catch (const SuiteError& e) {
    EXPECT_THAT(e.what(), HasSubstr(missing + ": cannot open"));
  }
}

TEST_F(SuiteErrors, WrongSchemaVersion) {
  const std::string message = error_after("\"schema_version\": 1", "\"schema_version\": 2");
  EXPECT_THAT(message, HasSubstr(at("schema_version")));
  EXPECT_THAT(message, HasSubstr("suite schema version 2 is not the supported version 1"));
}

TEST_F(SuiteErrors, SchemaVersionOfTheWrongType) {
  const std::string message = error_after("\"schema_version\": 1", "\"schema_version\": \"1\"");
  EXPECT_THAT(message, HasSubstr(at("schema_version") + "expected an integer, found a string"));
}

TEST_F(SuiteErrors, SuiteNameMustMatchFileStem) {
  const std::string message = error_of(read_data("demo.json"), "other.json");
  EXPECT_THAT(message, HasSubstr(at("suite")));
  EXPECT_THAT(message, HasSubstr("suite 'demo' must be named like its file ('other')"));
}

TEST_F(SuiteErrors, UnknownTopLevelField) {
  const std::string message = error_after("\"description\":", "\"descripton\":");
  EXPECT_THAT(message, HasSubstr(at("top level") + "unknown field 'descripton'"));
}

TEST_F(SuiteErrors, UnknownDefaultsField) {
  const std::string message = error_after("\"warmup_runs\": 2", "\"warmups\": 2");
  EXPECT_THAT(message, HasSubstr(at("defaults") + "unknown field 'warmups'"));
}

TEST_F(SuiteErrors, MisspeltBenchmarkField) {
  const std::string message = error_after("\"args\": [\"2\"]", "\"agrs\": [\"2\"]");
  EXPECT_THAT(message, HasSubstr(at("benchmarks[1]") + "unknown field 'agrs'"));
  EXPECT_THAT(message, HasSubstr("allowed: name, kind, program, args"));
}

TEST_F(SuiteErrors, GuestFieldInMicroBenchmark) {
  const std::string message =
      error_after("\"function\": \"mem/one\"", "\"function\": \"mem/one\", \"args\": []");
  EXPECT_THAT(message, HasSubstr(at("benchmarks[2]") + "unknown field 'args'"));
}

TEST_F(SuiteErrors, MissingStdoutCrc) {
  const std::string message = error_after(
      "\"exit_status\": 3,\n        \"stdout_crc32\": \"ffffffff\"", "\"exit_status\": 3");
  EXPECT_THAT(message, HasSubstr(at("benchmarks[1].expect") + "missing field 'stdout_crc32'"));
}

TEST_F(SuiteErrors, MissingExpect) {
  const std::string message = error_after(
      "\"expect\": {\n        \"exit_status\": 3,\n        \"stdout_crc32\": \"ffffffff\"\n      }",
      "\"program\": \"x\"");
  // The replacement duplicates "program", which Boost.JSON keeps as the last value; what matters
  // is the missing expect.
  EXPECT_THAT(message, HasSubstr("missing field 'expect'"));
  EXPECT_THAT(message, HasSubstr(at("benchmarks[1]")));
}

TEST_F(SuiteErrors, CrcMustBeEightLowercaseHexDigits) {
  for (const std::string bad : {"0123ABCD", "123abcd", "0123abcd0", "0123abcg", "0x123abc", ""}) {
    SCOPED_TRACE(bad);
    const std::string message =
        error_after("\"stdout_crc32\": \"0123abcd\"", "\"stdout_crc32\": \"" + bad + "\"");
    EXPECT_THAT(message, HasSubstr(at("benchmarks[0].expect.stdout_crc32")));
    EXPECT_THAT(message, HasSubstr("expected 8 lowercase hex digits, found '" + bad + "'"));
  }
}

TEST_F(SuiteErrors, CrcMustBeAString) {
  const std::string message =
      error_after("\"stdout_crc32\": \"0123abcd\"", "\"stdout_crc32\": 12345678");
  EXPECT_THAT(message,
              HasSubstr(at("benchmarks[0].expect.stdout_crc32") + "expected a string, found"));
}

TEST_F(SuiteErrors, ExitStatusOutOfRange) {
  const std::string message = error_after("\"exit_status\": 3", "\"exit_status\": 256");
  EXPECT_THAT(message,
              HasSubstr(at("benchmarks[1].expect.exit_status") + "must be between 0 and 255"));
}

TEST_F(SuiteErrors, UnknownKind) {
  const std::string message = error_after("\"kind\": \"micro\"", "\"kind\": \"native\"");
  EXPECT_THAT(message, HasSubstr(at("benchmarks[2].kind")));
  EXPECT_THAT(message, HasSubstr("expected \"guest\" or \"micro\", found 'native'"));
}

TEST_F(SuiteErrors, UnknownEngineInBenchmark) {
  const std::string message = error_after("\"engine\": \"interp\",\n      \"memory\"",
                                          "\"engine\": \"jit\",\n      \"memory\"");
  EXPECT_THAT(message, HasSubstr(at("benchmarks[1].engine")));
  EXPECT_THAT(message, HasSubstr("unknown engine 'jit' (available: interp)"));
}

TEST_F(SuiteErrors, UnknownEngineInDefaults) {
  const std::string message = error_after("\"engine\": \"interp\",\n    \"memory\"",
                                          "\"engine\": \"jit\",\n    \"memory\"");
  EXPECT_THAT(message, HasSubstr(file_ + ": "));
  EXPECT_THAT(message, HasSubstr("unknown engine 'jit' (available: interp)"));
}

TEST_F(SuiteErrors, UnknownMemoryMode) {
  const std::string message = error_after("\"memory\": \"flat\",\n      \"repetitions\"",
                                          "\"memory\": \"banked\",\n      \"repetitions\"");
  EXPECT_THAT(message, HasSubstr(at("benchmarks[1].memory")));
  EXPECT_THAT(message, HasSubstr("unknown memory mode 'banked' (available: flat, paged)"));
}

TEST_F(SuiteErrors, UnknownMicroFunction) {
  const std::string message =
      error_after("\"function\": \"mem/one\"", "\"function\": \"mem/three\"");
  EXPECT_THAT(message, HasSubstr(at("benchmarks[2].function")));
  EXPECT_THAT(
      message,
      HasSubstr("unknown micro benchmark function 'mem/three' (available: mem/one, mem/two)"));
}

TEST_F(SuiteErrors, DuplicateBenchmarkName) {
  const std::string message = error_after("\"name\": \"second_2.x+y-z\"", "\"name\": \"first/1\"");
  EXPECT_THAT(message, HasSubstr(at("benchmarks[1].name") + "benchmark 'first/1' appears twice"));
}

TEST_F(SuiteErrors, InvalidNameCharacters) {
  for (const std::string bad :
       {"has space", "/leading-slash", "-leading-dash", "semi;colon", "quote'", "caf\\u00e9", ""}) {
    SCOPED_TRACE(bad);
    const std::string message = error_after("\"name\": \"first/1\"", "\"name\": \"" + bad + "\"");
    EXPECT_THAT(message, HasSubstr(at("benchmarks[0].name")));
    EXPECT_THAT(message, HasSubstr("is not a valid name"));
  }
}

TEST_F(SuiteErrors, RepetitionsZero) {
  EXPECT_THAT(error_after("\"repetitions\": 7", "\"repetitions\": 0"),
              HasSubstr(at("defaults.repetitions") + "must be between 1 and 10000"));
  EXPECT_THAT(error_after("\"repetitions\": 3", "\"repetitions\": 0"),
              HasSubstr(at("benchmarks[1].repetitions") + "must be between 1 and 10000"));
  EXPECT_THAT(error_after("\"repetitions\": 3", "\"repetitions\": 10001"),
              HasSubstr(at("benchmarks[1].repetitions") + "must be between 1 and 10000"));
}

TEST_F(SuiteErrors, WarmupRunsZero) {
  EXPECT_THAT(error_after("\"warmup_runs\": 2", "\"warmup_runs\": 0"),
              HasSubstr(at("defaults.warmup_runs") + "must be between 1 and 100"));
  EXPECT_THAT(error_after("\"warmup_runs\": 2", "\"warmup_runs\": 101"),
              HasSubstr(at("defaults.warmup_runs") + "must be between 1 and 100"));
}

TEST_F(SuiteErrors, InvalidConfigKey) {
  const std::string message = error_after("\"debug.slowdown\": 2", "\"debug.slowdon\": \"2\"");
  EXPECT_THAT(message, HasSubstr(at("benchmarks[1].config.debug.slowdon")));
  EXPECT_THAT(message, HasSubstr("unknown key 'debug.slowdon'"));
}

TEST_F(SuiteErrors, InvalidConfigValue) {
  const std::string not_a_number =
      error_after("\"debug.slowdown\": 2", "\"debug.slowdown\": \"fast\"");
  EXPECT_THAT(not_a_number, HasSubstr(at("benchmarks[1].config.debug.slowdown")));
  EXPECT_THAT(not_a_number, HasSubstr("'fast' is not a number"));

  const std::string below_one =
      error_after("\"debug.slowdown\": \"1.5\"", "\"debug.slowdown\": \"0.5\"");
  EXPECT_THAT(below_one, HasSubstr(at("defaults.config.debug.slowdown")));
  EXPECT_THAT(below_one, HasSubstr("0.5 is outside 1..100"));

  // As a JSON number the value is rejected too (its text in the message: see
  // SuiteLoad.FractionalNumbersKeepTheirJsonText).
  const std::string number_below_one =
      error_after("\"debug.slowdown\": \"1.5\"", "\"debug.slowdown\": 0.5");
  EXPECT_THAT(number_below_one, HasSubstr(at("defaults.config.debug.slowdown")));
  EXPECT_THAT(number_below_one, HasSubstr("is outside 1..100"));

  const std::string structured = error_after("\"debug.slowdown\": 2", "\"debug.slowdown\": [2]");
  EXPECT_THAT(structured, HasSubstr(at("benchmarks[1].config.debug.slowdown") +
                                    "expected a string or a number"));
}

// Knobs that only fail together, within a benchmark's config or across the defaults' config
// and the benchmark's: the benchmark's config is named, with every key of the combination.
TEST_F(SuiteErrors, ConfigKnobsThatDoNotWorkTogether) {
  const std::string within =
      error_after("\"debug.slowdown\": 2", "\"debug.slowdown\": 2, \"tlb.l2.ways\": 3");
  EXPECT_THAT(within, HasSubstr(at("benchmarks[1].config") +
                                "config tlb.l2.entries=1024, tlb.l2.ways=3, tlb.l2.policy=lru: "
                                "TLB of 1024 entries cannot have 3 ways"));

  // Each half is valid alone (an L2 of one set of 8 ways; an adaptive L2 of the default size).
  std::string text = read_data("demo.json");
  text = replaced(text, "\"debug.slowdown\": \"1.5\"", "\"tlb.l2.policy\": \"adaptive\"");
  text = replaced(text, "\"debug.slowdown\": 2", "\"tlb.l2.entries\": 8");
  EXPECT_THAT(error_of(text),
              HasSubstr(at("benchmarks[1].config") +
                        "config tlb.l2.entries=8, tlb.l2.ways=8, tlb.l2.policy=adaptive: "
                        "replacement policy 'adaptive': needs at least 2 sets"));
}

TEST_F(SuiteErrors, UnknownVariable) {
  const std::string in_arg = error_after("\"${suite_dir}/input.txt\"", "\"${home}/input.txt\"");
  EXPECT_THAT(in_arg, HasSubstr(at("benchmarks[0].args[0]")));
  EXPECT_THAT(in_arg, HasSubstr("unknown variable in '${home}/input.txt'"));

  const std::string in_program =
      error_after("\"${build_dir}/bin/first\"", "\"${build}/bin/first\"");
  EXPECT_THAT(in_program, HasSubstr(at("benchmarks[0].program") + "unknown variable"));
}

TEST_F(SuiteErrors, ArgumentOfTheWrongType) {
  const std::string message = error_after("\"args\": [\"2\"]", "\"args\": [\"2\", {\"n\": 2}]");
  EXPECT_THAT(message, HasSubstr(at("benchmarks[1].args[1]") + "expected a string or a number"));
}

TEST_F(SuiteErrors, EmptyBenchmarks) {
  const std::string message = error_of(
      R"({"schema_version": 1, "suite": "demo", "description": "nothing", "benchmarks": []})");
  EXPECT_THAT(message, HasSubstr(at("benchmarks") + "a suite needs at least one benchmark"));
}

TEST_F(SuiteErrors, MissingBenchmarks) {
  const std::string message = error_of(R"({"schema_version": 1, "suite": "demo"})");
  EXPECT_THAT(message, HasSubstr(at("top level") + "missing field 'benchmarks'"));
  EXPECT_THAT(message, Not(HasSubstr("\n")));
}

}  // namespace
}  // namespace harness::suite
