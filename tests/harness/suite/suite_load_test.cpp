// Suites that load: the committed suites/*.json, defaults reaching every benchmark, ${suite_dir}
// and ${build_dir} substitution, and the suite-file helpers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "harness/suite/suite.h"
#include "harness/support/json_reader.h"
#include "suite_test_data.h"

namespace harness::suite {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsSupersetOf;
using testing::read_data;
using testing::replaced;
using testing::ScratchSuiteDir;

const SuitePaths kPaths{.suite_dir = "/suites/here", .build_dir = "/build/there"};
const std::vector<std::string> kMicro = {"mem/one", "mem/two"};
// The micro functions the committed suites name; the memcpy ones exist on every x86-64 CPU
// (harness/measure/micro_memcpy.h), for the 12 sizes 16 B..64 MiB; then the 12 TLB ones
// (harness/measure/micro_tlb.h), one per L2 replacement policy among them; then the event bus's
// (harness/measure/micro_events.h), the host-code analysis ones (harness/measure/micro_monitor.h)
// and the JIT's (harness/measure/micro_jit.h).
const std::vector<std::string> kCommittedMicro = [] {
  std::vector<std::string> names = {
      "mem/load_u64_sequential", "mem/store_u64_random", "mem/write_4k",
      "mem/write_256k",          "mem/map_unmap_64k",    "pool/page_alloc_free",
      "malloc/page_alloc_free",  "mmap/page_alloc_free", "pool/page_batch_256",
      "malloc/page_batch_256",   "mmap/page_batch_256"};
  for (const char* what : {"active", "glibc", "bytes"}) {
    for (int shift = 4; shift <= 26; shift += 2) {
      names.push_back(std::string("memcpy/") + what + "/" + std::to_string(1 << shift));
    }
  }
  for (const char* what : {"l1_hit", "l2_hit", "l3_hit", "miss_all_levels", "walk_sv39_4k",
                           "walk_sv48_4k", "walk_sv39_2m"}) {
    names.push_back(std::string("tlb/") + what);
  }
  for (const char* policy : {"lru", "plru", "fifo", "random", "adaptive"}) {
    names.push_back(std::string("tlb/l2_policy/") + policy);
  }
  for (const char* what : {"publish_no_subscribers", "publish_one_subscriber",
                           "publish_four_subscribers", "direct_call"}) {
    names.push_back(std::string("events/") + what);
  }
  names.push_back("monitor/summarize_block_64");
  names.push_back("monitor/disassemble_block_64");
  names.push_back("jit/compile_block_32");
  names.push_back("jit/run_block_32");
  return names;
}();

std::string data_file(const std::string& name) { return std::string(TEST_DATA_DIR "/") + name; }

TEST(SuiteLoad, EveryCommittedSuiteLoads) {
  const SuitePaths paths{.suite_dir = REPO_SUITE_DIR, .build_dir = "/tmp/x"};
  const std::vector<std::string> names = list_suites(REPO_SUITE_DIR);
  EXPECT_THAT(names,
              IsSupersetOf({"memory-modes", "micro-events", "micro-jit", "micro-mem",
                            "micro-monitor", "nightly", "quick", "real-programs", "tlb-policies"}));
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    const std::string file = suite_file_for(name, REPO_SUITE_DIR);
    Suite suite;
    ASSERT_NO_THROW(suite = load_suite(file, paths, kCommittedMicro));
    EXPECT_EQ(suite.name, name);
    EXPECT_EQ(suite.file, file);
    EXPECT_FALSE(suite.description.empty());
    ASSERT_FALSE(suite.benchmarks.empty());
    for (const BenchmarkSpec& b : suite.benchmarks) {
      SCOPED_TRACE(b.name);
      EXPECT_GE(b.repetitions, 1);
      if (b.kind == "guest") {
        EXPECT_EQ(b.engine, "interp");
        const bool paged =
            name == "tlb-policies" || (name == "memory-modes" && b.name.ends_with("/paged"));
        EXPECT_EQ(b.memory, paged ? "paged" : "flat");
        EXPECT_FALSE(b.program.empty());
        for (const std::string& arg : b.args) EXPECT_EQ(arg.find("${"), std::string::npos) << arg;
      } else {
        EXPECT_EQ(b.kind, "micro");
        EXPECT_FALSE(b.function.empty());
      }
    }
  }
}

// Each committed suite's benchmarks, read independently from the raw JSON: the loaded suite
// carries the file's names, programs, arguments, checksums and the defaults' repetitions. (The
// values themselves are tuned over time; the test compares rather than pins them.)
TEST(SuiteLoad, CommittedSuitesMatchTheirFiles) {
  const SuitePaths paths{.suite_dir = REPO_SUITE_DIR, .build_dir = "/tmp/x"};
  for (const std::string& name : list_suites(REPO_SUITE_DIR)) {
    SCOPED_TRACE(name);
    const std::string file = suite_file_for(name, REPO_SUITE_DIR);
    const boost::json::value raw = support::read_json_file(file);
    const Suite suite = load_suite(file, paths, kCommittedMicro);
    const boost::json::array& benchmarks = raw.at("benchmarks").as_array();
    ASSERT_EQ(suite.benchmarks.size(), benchmarks.size());
    const int64_t repetitions = raw.at("defaults").at("repetitions").as_int64();
    EXPECT_EQ(suite.repetitions, repetitions);
    for (size_t i = 0; i < benchmarks.size(); ++i) {
      const boost::json::object& json = benchmarks[i].as_object();
      const BenchmarkSpec& b = suite.benchmarks[i];
      SCOPED_TRACE(b.name);
      EXPECT_EQ(b.name, json.at("name").as_string());
      EXPECT_EQ(b.kind, json.at("kind").as_string());
      const auto* own = json.if_contains("repetitions");
      EXPECT_EQ(b.repetitions, own ? own->as_int64() : repetitions);
      if (b.kind != "guest") continue;
      EXPECT_EQ(b.program, json.at("program").as_string());
      if (const auto* args = json.if_contains("args")) {
        EXPECT_EQ(b.args.size(), args->as_array().size());
      }
      const std::string crc(json.at("expect").at("stdout_crc32").as_string());
      EXPECT_EQ(b.expect.stdout_crc32, std::stoul(crc, nullptr, 16));
      EXPECT_NE(b.expect.stdout_crc32, 0u);
    }
  }
}

TEST(SuiteLoad, QuickSuiteShape) {
  const SuitePaths paths{.suite_dir = REPO_SUITE_DIR, .build_dir = "/tmp/x"};
  const Suite suite = load_suite(REPO_SUITE_DIR "/quick.json", paths, {});
  EXPECT_EQ(suite.name, "quick");
  EXPECT_EQ(suite.warmup_runs, 1);
  ASSERT_GE(suite.benchmarks.size(), 10u);
  const BenchmarkSpec& first = suite.benchmarks.front();
  EXPECT_EQ(first.name, "coremark_like/500");
  EXPECT_EQ(first.kind, "guest");
  EXPECT_EQ(first.program, "coremark_like");
  EXPECT_THAT(first.args, ElementsAre("500"));
  EXPECT_EQ(first.expect.exit_status, 0);
  EXPECT_EQ(first.expect.stdout_crc32, 0x0cf98fcdu);
  EXPECT_TRUE(first.config.empty());
}

// The L2 TLB A/B suite: one pointer chase under paged memory, each L2 replacement policy once,
// then designs that differ in one other knob.
TEST(SuiteLoad, TlbPoliciesSuiteShape) {
  const SuitePaths paths{.suite_dir = REPO_SUITE_DIR, .build_dir = "/tmp/x"};
  const Suite suite = load_suite(REPO_SUITE_DIR "/tlb-policies.json", paths, {});
  ASSERT_EQ(suite.benchmarks.size(), 13u);
  std::vector<std::string> random_policies, sweep_policies;
  for (const BenchmarkSpec& b : suite.benchmarks) {
    SCOPED_TRACE(b.name);
    EXPECT_EQ(b.memory, "paged");
    EXPECT_EQ(b.program, "pointer_chase");
    EXPECT_EQ(b.config.size(), 1u);
    const bool sweep = b.args.size() == 2;
    if (sweep) {
      EXPECT_THAT(b.args, ElementsAre("81920", "sweep"));
      EXPECT_EQ(b.expect.stdout_crc32, 0xb1e0b538u);
    } else {
      EXPECT_THAT(b.args, ElementsAre("131072"));
      EXPECT_EQ(b.expect.stdout_crc32, 0x834f62c7u);
    }
    if (b.config.count("tlb.l2.policy"))
      (sweep ? sweep_policies : random_policies).push_back(b.config.at("tlb.l2.policy"));
  }
  EXPECT_THAT(random_policies, ElementsAre("lru", "plru", "fifo", "random", "adaptive"));
  EXPECT_THAT(sweep_policies, ElementsAre("lru", "plru", "fifo", "random", "adaptive"));
}

TEST(SuiteLoad, CommittedSuiteDirectoriesAreSubstituted) {
  const SuitePaths paths{.suite_dir = REPO_SUITE_DIR, .build_dir = "/tmp/x"};
  const Suite suite = load_suite(REPO_SUITE_DIR "/real-programs.json", paths, {});
  int from_suite_dir = 0, from_build_dir = 0;
  for (const BenchmarkSpec& b : suite.benchmarks) {
    for (const std::string& arg : b.args) {
      if (arg.starts_with(REPO_SUITE_DIR "/real-programs/")) ++from_suite_dir;
      if (arg.starts_with("/tmp/x/real-programs/data/")) ++from_build_dir;
    }
  }
  EXPECT_GT(from_suite_dir, 0);
  EXPECT_GT(from_build_dir, 0);
}

TEST(SuiteLoad, MicroSuiteNeedsItsFunctions) {
  const SuitePaths paths{.suite_dir = REPO_SUITE_DIR, .build_dir = "/tmp/x"};
  const Suite suite = load_suite(REPO_SUITE_DIR "/micro-mem.json", paths, kCommittedMicro);
  ASSERT_EQ(suite.benchmarks.size(), 5u + 6 + 3 * 12 + 7 + 5);
  EXPECT_EQ(suite.benchmarks[0].kind, "micro");
  EXPECT_EQ(suite.benchmarks[0].function, "mem/load_u64_sequential");
  EXPECT_THROW(load_suite(REPO_SUITE_DIR "/micro-mem.json", paths, {"mem/write_4k"}), SuiteError);
}

TEST(SuiteLoad, DefaultsReachEveryBenchmark) {
  const Suite suite = load_suite(data_file("demo.json"), kPaths, kMicro);
  EXPECT_EQ(suite.name, "demo");
  EXPECT_EQ(suite.repetitions, 7);
  EXPECT_EQ(suite.warmup_runs, 2);
  ASSERT_EQ(suite.benchmarks.size(), 3u);

  const BenchmarkSpec& first = suite.benchmarks[0];
  EXPECT_EQ(first.kind, "guest");
  EXPECT_EQ(first.engine, "interp");
  EXPECT_EQ(first.memory, "flat");
  EXPECT_EQ(first.repetitions, 7);
  EXPECT_EQ(first.config, (std::map<std::string, std::string>{{"debug.slowdown", "1.5"}}));
  EXPECT_EQ(first.expect.exit_status, 0);
  EXPECT_EQ(first.expect.stdout_crc32, 0x0123abcdu);

  // The benchmark's own repetitions and config win over the defaults.
  const BenchmarkSpec& second = suite.benchmarks[1];
  EXPECT_EQ(second.name, "second_2.x+y-z");
  EXPECT_EQ(second.repetitions, 3);
  EXPECT_EQ(second.config, (std::map<std::string, std::string>{{"debug.slowdown", "2"}}));
  EXPECT_EQ(second.expect.exit_status, 3);
  EXPECT_EQ(second.expect.stdout_crc32, 0xffffffffu);

  const BenchmarkSpec& micro = suite.benchmarks[2];
  EXPECT_EQ(micro.kind, "micro");
  EXPECT_EQ(micro.function, "mem/one");
  EXPECT_EQ(micro.repetitions, 7);
  EXPECT_TRUE(micro.program.empty());
}

TEST(SuiteLoad, BuiltInDefaultsWithoutADefaultsBlock) {
  const Suite suite = load_suite(data_file("minimal.json"), kPaths, {});
  EXPECT_EQ(suite.repetitions, 10);
  EXPECT_EQ(suite.warmup_runs, 1);
  EXPECT_TRUE(suite.description.empty());
  ASSERT_EQ(suite.benchmarks.size(), 1u);
  const BenchmarkSpec& only = suite.benchmarks[0];
  EXPECT_EQ(only.repetitions, 10);
  EXPECT_EQ(only.engine, "interp");
  EXPECT_EQ(only.memory, "flat");
  EXPECT_TRUE(only.args.empty());
  EXPECT_TRUE(only.config.empty());
  EXPECT_EQ(only.expect.exit_status, 0);
  EXPECT_EQ(only.expect.stdout_crc32, 0u);
}

TEST(SuiteLoad, VariablesAreSubstitutedInProgramAndArgs) {
  const Suite suite = load_suite(data_file("demo.json"), kPaths, kMicro);
  const BenchmarkSpec& first = suite.benchmarks[0];
  EXPECT_EQ(first.program, "/build/there/bin/first");
  // Numbers are accepted as arguments and passed as their JSON text.
  EXPECT_THAT(first.args, ElementsAre("/suites/here/input.txt", "3",
                                      "a/suites/hereb/build/therec/suites/here"));
}

// A fractional number reaches the guest and the config as its shortest text ("2.5"), not in
// boost::json's exponent form ("2.5E0").
TEST(SuiteLoad, FractionalNumbersKeepTheirJsonText) {
  ScratchSuiteDir dir;
  std::string text = replaced(read_data("demo.json"), "\"args\": [\"2\"]", "\"args\": [2.5, 3]");
  text = replaced(text, "\"debug.slowdown\": 2", "\"debug.slowdown\": 1.5");
  const Suite suite = load_suite(dir.write("demo.json", text), kPaths, kMicro);
  EXPECT_THAT(suite.benchmarks[1].args, ElementsAre("2.5", "3"));
  EXPECT_EQ(suite.benchmarks[1].config.at("debug.slowdown"), "1.5");
}

TEST(SuiteLoad, PerBenchmarkThresholdAsPercentOrFraction) {
  ScratchSuiteDir dir;
  const std::string base = read_data("minimal.json");
  const std::string with_percent =
      replaced(base, "\"kind\": \"guest\",", "\"kind\": \"guest\", \"threshold\": \"15%\",");
  EXPECT_DOUBLE_EQ(
      load_suite(dir.write("minimal.json", with_percent), kPaths, {}).benchmarks[0].threshold,
      0.15);
  const std::string with_fraction =
      replaced(base, "\"kind\": \"guest\",", "\"kind\": \"guest\", \"threshold\": 0.2,");
  EXPECT_DOUBLE_EQ(
      load_suite(dir.write("minimal.json", with_fraction), kPaths, {}).benchmarks[0].threshold,
      0.2);
  EXPECT_EQ(load_suite(dir.write("minimal.json", base), kPaths, {}).benchmarks[0].threshold, 0);
  for (const char* bad : {"\"a lot\"", "1.5", "\"-5%\""}) {
    const std::string text =
        replaced(base, "\"kind\": \"guest\",",
                 std::string("\"kind\": \"guest\", \"threshold\": ") + bad + ",");
    try {
      load_suite(dir.write("minimal.json", text), kPaths, {});
      ADD_FAILURE() << "threshold " << bad << " was accepted";
    } catch (const SuiteError& e) {
      EXPECT_THAT(e.what(), HasSubstr("benchmarks[0].threshold"));
    }
  }
}

TEST(SuiteFiles, SuiteFileForNamesAndPaths) {
  EXPECT_EQ(suite_file_for("quick", "/s"), "/s/quick.json");
  EXPECT_EQ(suite_file_for("micro-mem", "/s"), "/s/micro-mem.json");
  EXPECT_EQ(suite_file_for("other/quick.json", "/s"), "other/quick.json");
  EXPECT_EQ(suite_file_for("./mine", "/s"), "./mine");
  EXPECT_EQ(suite_file_for("mine.json", "/s"), "mine.json");
}

TEST(SuiteFiles, ListSuitesIsSortedAndOnlyJson) {
  ScratchSuiteDir dir;
  dir.write("zeta.json", "{}");
  dir.write("alpha.json", "{}");
  dir.write("notes.txt", "");
  dir.write("mid.json", "{}");
  EXPECT_THAT(list_suites(dir.path()), ElementsAre("alpha", "mid", "zeta"));
  EXPECT_TRUE(list_suites(dir.path() + "/missing").empty());
}

}  // namespace
}  // namespace harness::suite
