// BaselineStore on a scratch root: bless, replace with history, refusals that leave the
// existing baseline alone, list() and history().
#include "harness/baselines/baseline_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "harness/results/results_json.h"
#include "tests/harness/scratch_directory.h"

namespace harness::baselines {
namespace {

namespace fs = std::filesystem;
using harness::testing::read_bytes;
using results::Results;
using results::Status;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class BaselineStoreTest : public ::testing::Test {
 protected:
  BaselineStoreTest() : root_(scratch_.path()) {}

  // A merged result of `runs` runs of `suite`, with `base` in its samples to tell versions apart.
  static Results merged(const std::string& suite, int runs, double base,
                        const std::string& commit = "c0ffee") {
    Results r;
    r.suite = suite;
    r.suite_file = "suites/" + suite + ".json";
    r.fingerprint = "fp-1234";
    r.environment = {{"git", {{"commit", commit}}}};
    r.command = "vmbench baseline bless";
    for (int i = 0; i < runs; ++i) {
      results::RunInfo run;
      run.index = i;
      run.started_utc = "2025-02-0" + std::to_string(i + 1) + "T00:00:00Z";
      run.finished_utc = "2025-02-0" + std::to_string(i + 1) + "T00:10:00Z";
      r.runs.push_back(run);
    }
    for (const char* name : {"a/1", "b/2", "c/3"}) {
      results::Benchmark b;
      b.name = name;
      b.kind = "micro";
      b.planned_repetitions = runs;
      for (int i = 0; i < runs; ++i) {
        b.wall_ns.push_back(base + i);
        b.run.push_back(i);
      }
      results::summarize(b);
      r.benchmarks.push_back(b);
    }
    return r;
  }

  harness::testing::ScratchDirectory scratch_;
  std::string root_;
};

TEST_F(BaselineStoreTest, Paths) {
  const BaselineStore store(root_);
  EXPECT_EQ(store.root(), root_);
  EXPECT_EQ(store.directory("fp-1234"), root_ + "/fp-1234");
  EXPECT_EQ(store.path("fp-1234", "quick"), root_ + "/fp-1234/quick.json");
  EXPECT_FALSE(store.exists("fp-1234", "quick"));
}

TEST_F(BaselineStoreTest, BlessWritesAReadableBaseline) {
  BaselineStore store(root_);
  const Results r = merged("quick", 3, 100);
  const std::string path = store.bless(r);
  EXPECT_EQ(path, root_ + "/fp-1234/quick.json");
  EXPECT_TRUE(store.exists("fp-1234", "quick"));
  EXPECT_FALSE(store.exists("fp-1234", "nightly"));
  EXPECT_FALSE(store.exists("fp-other", "quick"));
  const Results back = results::read_results(path);
  EXPECT_EQ(back.suite, "quick");
  EXPECT_EQ(back.fingerprint, "fp-1234");
  EXPECT_EQ(back.runs.size(), 3u);
  ASSERT_EQ(back.benchmarks.size(), 3u);
  EXPECT_EQ(back.benchmarks[2].wall_ns, (std::vector<double>{100, 101, 102}));
  EXPECT_TRUE(store.history("fp-1234", "quick").empty());
  EXPECT_FALSE(fs::exists(root_ + "/fp-1234/history"));
}

TEST_F(BaselineStoreTest, BlessingAgainKeepsTheOldOneInHistory) {
  BaselineStore store(root_);
  const std::string path = store.bless(merged("quick", 3, 100));
  const std::string old_bytes = read_bytes(path);
  EXPECT_EQ(store.bless(merged("quick", 5, 900)), path);

  const Results now = results::read_results(path);
  EXPECT_EQ(now.runs.size(), 5u);
  EXPECT_EQ(now.benchmarks[0].wall_ns.front(), 900);

  const std::vector<std::string> history = store.history("fp-1234", "quick");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(fs::path(history[0]).parent_path(), fs::path(root_ + "/fp-1234/history/quick"));
  EXPECT_THAT(fs::path(history[0]).filename().string(),
              ::testing::MatchesRegex("[0-9]{8}T[0-9]{6}Z-[0-9]{4}\\.json"));
  EXPECT_EQ(read_bytes(history[0]), old_bytes);
  // The history directory is not itself a baseline.
  EXPECT_EQ(store.list("fp-1234").size(), 1u);
}

TEST_F(BaselineStoreTest, HistoryKeepsEveryReplacedBaselineSorted) {
  BaselineStore store(root_);
  std::vector<std::string> replaced;
  for (int version = 0; version < 4; ++version) {
    if (store.exists("fp-1234", "quick"))
      replaced.push_back(read_bytes(store.path("fp-1234", "quick")));
    store.bless(merged("quick", 2, 100 * (version + 1)));
  }
  const std::vector<std::string> history = store.history("fp-1234", "quick");
  ASSERT_EQ(history.size(), 3u);
  EXPECT_TRUE(std::is_sorted(history.begin(), history.end()));
  // Every replaced version is there, whatever the order.
  std::vector<std::string> kept;
  for (const std::string& h : history) kept.push_back(read_bytes(h));
  EXPECT_THAT(kept, ::testing::UnorderedElementsAreArray(replaced));
  // Other suites' history is not mixed in.
  store.bless(merged("nightly", 2, 1));
  store.bless(merged("nightly", 2, 2));
  EXPECT_EQ(store.history("fp-1234", "quick").size(), 3u);
  EXPECT_EQ(store.history("fp-1234", "nightly").size(), 1u);
}

// Several blessings within one second: history() must still list them in blessing order.
TEST_F(BaselineStoreTest, HistoryIsInBlessingOrderWithinOneSecond) {
  BaselineStore store(root_);
  for (int version = 1; version <= 4; ++version) store.bless(merged("quick", 2, 100 * version));
  // The first sample of each kept baseline says which version it was.
  std::vector<double> kept;
  for (const std::string& h : store.history("fp-1234", "quick")) {
    kept.push_back(results::read_results(h).benchmarks[0].wall_ns[0]);
  }
  EXPECT_THAT(kept, ElementsAre(100, 200, 300));
}

// Suite names may prefix each other ("micro", "micro-mem"); their histories stay apart.
TEST_F(BaselineStoreTest, HistoryOfASuiteExcludesSuitesSharingItsPrefix) {
  BaselineStore store(root_);
  store.bless(merged("micro-mem", 2, 1));
  store.bless(merged("micro-mem", 2, 2));
  store.bless(merged("micro", 2, 3));
  EXPECT_EQ(store.history("fp-1234", "micro-mem").size(), 1u);
  EXPECT_TRUE(store.history("fp-1234", "micro").empty());
}

TEST_F(BaselineStoreTest, RefusesIncompleteResultsAndKeepsTheBaseline) {
  BaselineStore store(root_);
  const std::string path = store.bless(merged("quick", 3, 100));
  const std::string before = read_bytes(path);
  Results incomplete = merged("quick", 3, 500);
  incomplete.complete = false;
  try {
    store.bless(incomplete);
    ADD_FAILURE() << "blessed incomplete results";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("incomplete"));
  }
  EXPECT_EQ(read_bytes(path), before);
  EXPECT_TRUE(store.history("fp-1234", "quick").empty());
}

TEST_F(BaselineStoreTest, RefusesFailedOrInterruptedBenchmarks) {
  BaselineStore store(root_);
  const std::string path = store.bless(merged("quick", 3, 100));
  const std::string before = read_bytes(path);

  Results failed = merged("quick", 3, 500);
  failed.benchmarks[1].status = Status::Failed;
  failed.benchmarks[1].message = "stdout crc32 mismatch";
  try {
    store.bless(failed);
    ADD_FAILURE() << "blessed a failed benchmark";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("'b/2' is failed (stdout crc32 mismatch)"));
  }

  Results interrupted = merged("quick", 3, 500);
  interrupted.benchmarks[2].status = Status::Interrupted;
  EXPECT_THROW(store.bless(interrupted), std::runtime_error);

  EXPECT_EQ(read_bytes(path), before);
  EXPECT_TRUE(store.history("fp-1234", "quick").empty());
}

TEST_F(BaselineStoreTest, RefusedFirstBlessingWritesNothing) {
  BaselineStore store(root_);
  Results failed = merged("quick", 3, 500);
  failed.benchmarks[0].status = Status::Failed;
  EXPECT_THROW(store.bless(failed), std::runtime_error);
  EXPECT_FALSE(store.exists("fp-1234", "quick"));
  Results unfingerprinted = merged("quick", 3, 500);
  unfingerprinted.fingerprint.clear();
  EXPECT_THROW(store.bless(unfingerprinted), std::runtime_error);
  EXPECT_TRUE(fs::is_empty(root_));
}

TEST_F(BaselineStoreTest, ListDescribesEachBaseline) {
  BaselineStore store(root_);
  store.bless(merged("quick", 3, 100, "aaa111"));
  Results micro = merged("micro-mem", 5, 10, "bbb222");
  micro.benchmarks.pop_back();
  store.bless(micro);
  store.bless(merged("quick", 4, 200, "ccc333"));  // replaces the first; history is not listed
  Results elsewhere = merged("nightly", 2, 1);
  elsewhere.fingerprint = "fp-other";
  store.bless(elsewhere);

  const std::vector<BaselineInfo> list = store.list("fp-1234");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].suite, "micro-mem");
  EXPECT_EQ(list[0].path, store.path("fp-1234", "micro-mem"));
  EXPECT_EQ(list[0].runs, 5);
  EXPECT_EQ(list[0].benchmarks, 2u);
  EXPECT_EQ(list[0].commit, "bbb222");
  EXPECT_EQ(list[0].blessed_utc, "2025-02-05T00:10:00Z");
  EXPECT_EQ(list[1].suite, "quick");
  EXPECT_EQ(list[1].runs, 4);
  EXPECT_EQ(list[1].benchmarks, 3u);
  EXPECT_EQ(list[1].commit, "ccc333");

  ASSERT_EQ(store.list("fp-other").size(), 1u);
  EXPECT_EQ(store.list("fp-other")[0].suite, "nightly");
  EXPECT_TRUE(store.list("fp-none").empty());
}

TEST_F(BaselineStoreTest, ListWithoutAGitCommit) {
  BaselineStore store(root_);
  Results r = merged("quick", 2, 100);
  r.environment = {{"git", nullptr}};
  store.bless(r);
  const std::vector<BaselineInfo> list = store.list("fp-1234");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].commit, "");
  EXPECT_EQ(list[0].runs, 2);
}

}  // namespace
}  // namespace harness::baselines
