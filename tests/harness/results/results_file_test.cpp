// Results files: write/read round trip, read errors naming the file, and atomic replacement (a
// writer killed mid-write leaves the previous file intact).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "harness/results/results_json.h"
#include "harness/support/json_reader.h"
#include "sample_results.h"
#include "tests/harness/scratch_directory.h"
#include "vm/support/atomic_file.h"

namespace harness::results {
namespace {

namespace json = boost::json;
using harness::testing::read_bytes;
using harness::testing::ScratchDirectory;
using harness::testing::write_bytes;
using testing::expect_same_results;
using ::testing::HasSubstr;
using testing::single_run;

std::string read_error(const std::string& path) {
  try {
    read_results(path);
  } catch (const ResultsError& e) {
    return e.what();
  }
  ADD_FAILURE() << path << " was read without an error";
  return "";
}

TEST(ResultsFile, WriteThenReadGivesTheSameResults) {
  ScratchDirectory dir;
  const std::string path = dir.path() + "/quick.json";
  const Results original = single_run();
  write_results(original, path);
  expect_same_results(read_results(path), original);
  // Pretty-printed for people: one key per line, ending in a newline.
  const std::string text = read_bytes(path);
  EXPECT_THAT(text, HasSubstr("\n  \"schema_version\": 1,\n"));
  EXPECT_EQ(text.back(), '\n');
}

TEST(ResultsFile, RewriteReplacesTheWholeFileAndLeavesNoTemporary) {
  ScratchDirectory dir;
  const std::string path = dir.path() + "/quick.json";
  write_bytes(path, std::string(1 << 20, ' ') + "garbage that is longer than the results");
  Results r = single_run();
  r.benchmarks.resize(1);
  write_results(r, path);
  expect_same_results(read_results(path), r);
  int files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    ++files;
  }
  EXPECT_EQ(files, 1);
}

TEST(ResultsFile, WriteIntoAMissingDirectoryFails) {
  ScratchDirectory dir;
  const std::string path = dir.path() + "/no/such/dir/quick.json";
  try {
    write_results(single_run(), path);
    ADD_FAILURE() << "wrote into a missing directory";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr(path));
  }
}

TEST(ResultsFile, MissingFile) {
  ScratchDirectory dir;
  const std::string path = dir.path() + "/absent.json";
  EXPECT_THAT(read_error(path), HasSubstr(path + ": cannot open"));
}

TEST(ResultsFile, MalformedJson) {
  ScratchDirectory dir;
  const std::string path = dir.path() + "/broken.json";
  write_bytes(path, "{\n  \"schema_version\": 1,\n  \"complete\": tru\n}\n");
  const std::string message = read_error(path);
  EXPECT_THAT(message, HasSubstr(path + ":3:"));
  EXPECT_THAT(message, HasSubstr("malformed JSON"));
}

TEST(ResultsFile, EmptyFile) {
  ScratchDirectory dir;
  const std::string path = dir.path() + "/empty.json";
  write_bytes(path, "");
  EXPECT_THAT(read_error(path), HasSubstr(path + ":1:1: malformed JSON"));
}

TEST(ResultsFile, UnsupportedSchemaVersion) {
  ScratchDirectory dir;
  const std::string path = dir.path() + "/future.json";
  json::object doc = to_json(single_run());
  doc["schema_version"] = 2;
  write_bytes(path, support::pretty(doc));
  const std::string message = read_error(path);
  EXPECT_THAT(message, HasSubstr(path + ": schema_version: "));
  EXPECT_THAT(message, HasSubstr("not the supported version"));
}

TEST(ResultsFile, FieldOfTheWrongTypeIsNamed) {
  ScratchDirectory dir;
  const std::string path = dir.path() + "/typed.json";
  json::object doc = to_json(single_run());
  doc.at("benchmarks").as_array().at(1).at("samples").at("wall_ns").as_array().push_back(true);
  write_bytes(path, support::pretty(doc));
  EXPECT_THAT(read_error(path),
              HasSubstr(path + ": benchmarks[1].samples.wall_ns[2]: expected a number, found a "
                               "boolean"));
}

TEST(ResultsFile, RunAndWallLengthMismatch) {
  ScratchDirectory dir;
  const std::string path = dir.path() + "/lengths.json";
  json::object doc = to_json(single_run());
  doc.at("benchmarks").as_array().at(4).at("samples").at("run").as_array().push_back(0);
  write_bytes(path, support::pretty(doc));
  EXPECT_THAT(read_error(path), HasSubstr(path + ": benchmarks[4].samples.run: has 4 entries but "
                                                 "wall_ns has 3"));
}

TEST(ResultsFile, DuplicateBenchmarkNames) {
  ScratchDirectory dir;
  const std::string path = dir.path() + "/twice.json";
  json::object doc = to_json(single_run());
  json::array& benchmarks = doc.at("benchmarks").as_array();
  benchmarks.push_back(benchmarks.at(1));
  write_bytes(path, support::pretty(doc));
  EXPECT_THAT(read_error(path),
              HasSubstr(path + ": benchmarks[5].name: benchmark 'mem/write_4k' appears twice"));
}

// Waits for `child` to have created `temp` with some content, then SIGKILLs it. Returns true when
// the child died of the signal before completing the file (it was caught mid-write).
bool kill_mid_write(pid_t child, const std::string& temp, size_t full_size) {
  struct stat st {};
  bool started = false;
  int status = 0;
  while (!started) {
    started = ::stat(temp.c_str(), &st) == 0 && st.st_size > 0;
    if (!started && ::waitpid(child, &status, WNOHANG) == child) return false;  // finished first
    if (!started) std::this_thread::sleep_for(std::chrono::microseconds(20));
  }
  ::kill(child, SIGKILL);
  ::waitpid(child, &status, 0);
  const bool partial =
      ::stat(temp.c_str(), &st) == 0 && static_cast<size_t>(st.st_size) < full_size;
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL && partial;
}

TEST(ResultsFile, WriterKilledMidWriteLeavesThePreviousFile) {
  ScratchDirectory dir;
  const std::string path = dir.path() + "/quick.json";
  const Results a = single_run();
  write_results(a, path);
  const std::string a_bytes = read_bytes(path);

  // B is large enough that writing it takes far longer than noticing the write has begun.
  const std::string b(200u << 20, 'b');
  bool caught = false;
  for (int attempt = 0; attempt < 20 && !caught; ++attempt) {
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      try {
        vm::support::write_file_atomically(path, b);
      } catch (...) {
        ::_exit(2);
      }
      ::_exit(0);
    }
    const std::string temp = path + ".tmp." + std::to_string(child);
    caught = kill_mid_write(child, temp, b.size());
    std::filesystem::remove(temp);
    if (!caught) write_results(a, path);  // the child won the race: start again from A
  }
  ASSERT_TRUE(caught) << "never caught the writer mid-write";
  EXPECT_EQ(read_bytes(path), a_bytes);
  expect_same_results(read_results(path), a);
}

}  // namespace
}  // namespace harness::results
