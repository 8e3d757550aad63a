// capture_environment: every documented field is present (possibly null), a fake /proc+/sys
// tree is parsed, a tree with nothing in it yields nulls, and git state is read or nulled.
#include "harness/environment/environment.h"

#include <gtest/gtest.h>

#include <regex>

#include "harness/environment/fingerprint.h"
#include "harness/environment/process.h"
#include "tests/harness/scratch_directory.h"

namespace harness::environment {
namespace {

using harness::testing::ScratchDirectory;

// The table in environment.h, as dotted paths.
const char* const kDocumentedFields[] = {
    "hostname",
    "date",
    "command_line",
    "cpu.vendor",
    "cpu.model",
    "cpu.family",
    "cpu.model_id",
    "cpu.stepping",
    "cpu.microcode",
    "cpu.flags",
    "cpu.logical_cpus",
    "cpu.mhz",
    "cpu.governor",
    "kernel.sysname",
    "kernel.release",
    "kernel.version",
    "kernel.machine",
    "thp.enabled",
    "thp.defrag",
    "memory.total_bytes",
    "topology",
    "compiler.name",
    "compiler.flags",
    "compiler.build_type",
    "git.source_dir",
    "git.commit",
    "git.branch",
    "git.dirty",
    "libraries.boost",
    "libraries.hwloc_api_compiled",
    "libraries.hwloc_api_runtime",
    "libraries.zydis",
    "libraries.asmjit",
    "libraries.benchmark",
    "libraries.glibc",
    "process.affinity",
    "process.pinned_cpu",
};

// The value at a dotted path, or nullptr if a step is missing.
const boost::json::value* find(const boost::json::object& root, const std::string& dotted) {
  const boost::json::object* scope = &root;
  const boost::json::value* value = nullptr;
  std::size_t start = 0;
  while (true) {
    if (scope == nullptr) return nullptr;
    const auto dot = dotted.find('.', start);
    const auto key = dotted.substr(start, dot - start);
    const auto it = scope->find(key);
    if (it == scope->end()) return nullptr;
    value = &it->value();
    if (dot == std::string::npos) return value;
    scope = value->if_object();
    start = dot + 1;
  }
}

CaptureOptions sample_options() {
  CaptureOptions options;
  options.build = {"GNU 12.2.0", "-O3 -DNDEBUG", "Release", ""};
  options.command_line = {"vmbench", "run", "--suite", "smoke"};
  options.pinned_cpu = 1;
  return options;
}

TEST(Environment, ContainsEveryDocumentedField) {
  const boost::json::object environment = capture_environment(sample_options());
  for (const char* field : kDocumentedFields) {
    EXPECT_NE(find(environment, field), nullptr) << "missing field " << field;
  }
}

// The VM's start-up choices are recorded as the caller gives them, and stay out of the
// fingerprint: a memcpy override is a setting to compare, not another machine.
TEST(Environment, RecordsTheVmHostChoicesOutsideTheFingerprint) {
  CaptureOptions options = sample_options();
  const boost::json::object plain = capture_environment(options);
  options.vm_host_choices = {{"memcpy_impl", "sse2"}, {"memcpy_nontemporal_threshold", "123"}};
  const boost::json::object chosen = capture_environment(options);
  EXPECT_TRUE(find(plain, "vm")->as_object().empty());
  EXPECT_EQ(find(chosen, "vm.memcpy_impl")->as_string(), "sse2");
  EXPECT_EQ(find(chosen, "vm.memcpy_nontemporal_threshold")->as_string(), "123");
  EXPECT_EQ(fingerprint(plain).id, fingerprint(chosen).id);
}

TEST(Environment, LiveValuesOnThisMachine) {
  const boost::json::object environment = capture_environment(sample_options());
  EXPECT_TRUE(std::regex_match(std::string(find(environment, "date")->as_string()),
                               std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
  EXPECT_EQ(find(environment, "command_line")->as_array().size(), 4u);
  EXPECT_EQ(find(environment, "compiler.flags")->as_string(), "-O3 -DNDEBUG");
  EXPECT_EQ(find(environment, "process.pinned_cpu")->to_number<int>(), 1);
  EXPECT_GE(find(environment, "process.affinity")->as_array().size(), 1u);
  EXPECT_GE(find(environment, "cpu.logical_cpus")->to_number<int>(), 1);
  EXPECT_TRUE(find(environment, "kernel.release")->is_string());
  EXPECT_TRUE(find(environment, "topology")->is_object());
  EXPECT_TRUE(find(environment, "libraries.hwloc_api_runtime")->is_string());
  EXPECT_TRUE(find(environment, "libraries.glibc")->is_string());
  EXPECT_TRUE(find(environment, "libraries.benchmark")->is_string());
  // Linux always has /proc/meminfo.
  EXPECT_GT(find(environment, "memory.total_bytes")->to_number<std::uint64_t>(), 0u);
}

TEST(Environment, ParsesFakeSystemTree) {
  ScratchDirectory root;
  root.write("proc/cpuinfo",
             "processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 143\n"
             "model name\t: Intel(R) Xeon(R) Platinum 8480C\nstepping\t: 8\n"
             "microcode\t: 0x2b000461\ncpu MHz\t\t: 2000.000\nflags\t\t: fpu avx2 avx512f\n\n"
             "processor\t: 1\nmodel name\t: ignored\n");
  root.write("proc/meminfo", "MemTotal:        8000000 kB\nMemFree:         10 kB\n");
  root.write("sys/kernel/mm/transparent_hugepage/enabled", "[always] madvise never\n");
  root.write("sys/kernel/mm/transparent_hugepage/defrag", "always defer [madvise] never\n");
  root.write("sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "performance\n");
  CaptureOptions options = sample_options();
  options.system_root = root.path();

  const boost::json::object environment = capture_environment(options);
  EXPECT_EQ(find(environment, "cpu.vendor")->as_string(), "GenuineIntel");
  EXPECT_EQ(find(environment, "cpu.model")->as_string(), "Intel(R) Xeon(R) Platinum 8480C");
  EXPECT_EQ(find(environment, "cpu.family")->to_number<int>(), 6);
  EXPECT_EQ(find(environment, "cpu.model_id")->to_number<int>(), 143);
  EXPECT_EQ(find(environment, "cpu.stepping")->to_number<int>(), 8);
  EXPECT_EQ(find(environment, "cpu.microcode")->as_string(), "0x2b000461");
  EXPECT_DOUBLE_EQ(find(environment, "cpu.mhz")->to_number<double>(), 2000.0);
  EXPECT_EQ(find(environment, "cpu.flags")->as_array(),
            (boost::json::array{"fpu", "avx2", "avx512f"}));
  EXPECT_EQ(find(environment, "cpu.governor")->as_string(), "performance");
  EXPECT_EQ(find(environment, "memory.total_bytes")->to_number<std::uint64_t>(), 8000000ull * 1024);
  EXPECT_EQ(find(environment, "thp.enabled")->as_string(), "always");
  EXPECT_EQ(find(environment, "thp.defrag")->as_string(), "madvise");
}

TEST(Environment, EmptySystemTreeGivesNullsNotErrors) {
  ScratchDirectory root;
  CaptureOptions options = sample_options();
  options.system_root = root.path();
  const boost::json::object environment = capture_environment(options);
  for (const char* field : {"cpu.vendor", "cpu.model", "cpu.family", "cpu.flags", "cpu.mhz",
                            "cpu.governor", "memory.total_bytes", "thp.enabled", "thp.defrag"}) {
    ASSERT_NE(find(environment, field), nullptr) << field;
    EXPECT_TRUE(find(environment, field)->is_null()) << field;
  }
}

TEST(Environment, GitOutsideRepositoryIsNull) {
  ScratchDirectory not_a_repo;
  CaptureOptions options = sample_options();
  options.build.source_dir = not_a_repo.path();
  const boost::json::object environment = capture_environment(options);
  EXPECT_EQ(find(environment, "git.source_dir")->as_string(), not_a_repo.path());
  EXPECT_TRUE(find(environment, "git.commit")->is_null());
  EXPECT_TRUE(find(environment, "git.branch")->is_null());
  EXPECT_TRUE(find(environment, "git.dirty")->is_null());

  options.build.source_dir = "/nonexistent/vmbench/source";
  const boost::json::object missing = capture_environment(options);
  EXPECT_TRUE(find(missing, "git.commit")->is_null());
}

TEST(Environment, GitCommitBranchAndDirtyFlag) {
  if (!run_command({"git", "--version"})) GTEST_SKIP() << "git is not installed";
  ScratchDirectory repo;
  const std::string dir = repo.path();
  const auto git = [&](std::vector<std::string> args) {
    std::vector<std::string> argv = {"git",
                                     "-C",
                                     dir,
                                     "-c",
                                     "user.name=t",
                                     "-c",
                                     "user.email=t@example.com",
                                     "-c",
                                     "commit.gpgsign=false"};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv).has_value();
  };
  ASSERT_TRUE(git({"init", "-q", "-b", "trunk"}));
  repo.write("file.txt", "one\n");
  ASSERT_TRUE(git({"add", "file.txt"}));
  ASSERT_TRUE(git({"commit", "-q", "-m", "first"}));

  CaptureOptions options = sample_options();
  options.build.source_dir = dir;
  const boost::json::object clean = capture_environment(options);
  EXPECT_TRUE(std::regex_match(std::string(find(clean, "git.commit")->as_string()),
                               std::regex("[0-9a-f]{40}")));
  EXPECT_EQ(find(clean, "git.branch")->as_string(), "trunk");
  EXPECT_EQ(find(clean, "git.dirty")->as_bool(), false);

  repo.write("untracked.txt", "ignored\n");
  EXPECT_EQ(find(capture_environment(options), "git.dirty")->as_bool(), false);
  repo.write("file.txt", "two\n");
  EXPECT_EQ(find(capture_environment(options), "git.dirty")->as_bool(), true);
}

TEST(Process, MissingProgramOrFailureIsNullopt) {
  EXPECT_EQ(run_command({"vmbench-no-such-program"}), std::nullopt);
  EXPECT_EQ(run_command({}), std::nullopt);
  EXPECT_EQ(run_command({"false"}), std::nullopt);
  EXPECT_EQ(run_command({"echo", "a b", "c"}), "a b c\n");
}

}  // namespace
}  // namespace harness::environment
