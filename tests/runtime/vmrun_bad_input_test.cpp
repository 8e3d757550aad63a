// The vmrun CLI on inputs it must refuse: every bad program of elf_cases.h, and bad command
// lines. Each must exit with status 2, print nothing on stdout, and print exactly one line on
// stderr: "vmrun: FILE: <reason>" for a program that cannot be loaded, "vmrun: <message>"
// for a usage error.
// Environment (set by ctest): VMBENCH_VMRUN, VMBENCH_GUEST_DIR, VMBENCH_DYNAMIC_ELF.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "elf_cases.h"

extern char** environ;

namespace vmbench::test {
namespace {

struct RunResult {
  int exit_status = -1;  // -1: did not exit normally
  std::string out, err;
};

std::string slurp(const std::string& path) {
  const std::vector<uint8_t> bytes = read_file(path);
  return {bytes.begin(), bytes.end()};
}

// Runs vmrun with `args`, stdin from /dev/null, stdout and stderr captured in files.
RunResult run_vmrun(const std::vector<std::string>& args, const TempDir& dir) {
  const std::string vmrun = required_env("VMBENCH_VMRUN");
  const std::string out_path = dir.path() + "/.stdout", err_path = dir.path() + "/.stderr";
  std::vector<std::string> storage{vmrun};
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : storage) argv.push_back(s.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, vmrun.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  RunResult result;
  if (rc != 0) {
    ADD_FAILURE() << "posix_spawn " << vmrun << ": " << std::strerror(rc);
    return result;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) {
    result.exit_status = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    ADD_FAILURE() << "vmrun killed by signal " << WTERMSIG(status);
  }
  result.out = slurp(out_path);
  result.err = slurp(err_path);
  return result;
}

// Exit status 2, empty stdout, one line on stderr; returns the line without its newline.
std::string expect_one_line_usage_status(const RunResult& r) {
  EXPECT_EQ(r.exit_status, 2);
  EXPECT_EQ(r.out, "") << "nothing may be printed on stdout";
  EXPECT_FALSE(r.err.empty());
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "stderr: " << r.err;
  EXPECT_TRUE(r.err.empty() || r.err.back() == '\n') << "stderr: " << r.err;
  std::string line = r.err;
  if (!line.empty() && line.back() == '\n') line.pop_back();
  return line;
}

TEST(VmrunBadInput, EveryBadProgramIsRefusedWithOneLine) {
  TempDir dir;
  const auto cases =
      bad_inputs(required_env("VMBENCH_GUEST_DIR"), required_env("VMBENCH_DYNAMIC_ELF"));
  ASSERT_GE(cases.size(), 30u);
  for (const BadInput& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string path = materialize(c, dir);
    const RunResult r = run_vmrun({path}, dir);
    const std::string line = expect_one_line_usage_status(r);
    const std::string prefix = "vmrun: " + path + ": ";
    ASSERT_EQ(line.substr(0, prefix.size()), prefix) << "stderr: " << r.err;
    const std::string reason = line.substr(prefix.size());
    if (c.exact) {
      EXPECT_EQ(reason, c.reason);
    } else {
      EXPECT_NE(reason.find(c.reason), std::string::npos) << "reason: " << reason;
    }
  }
}

TEST(VmrunBadInput, OptionsBeforeTheProgramDoNotChangeTheRefusal) {
  TempDir dir;
  BadInput text;
  text.name = "notes.txt";
  const std::string content = "just some text\n";
  text.bytes.assign(content.begin(), content.end());
  const std::string path = materialize(text, dir);
  const RunResult r = run_vmrun(
      {"--deterministic", "--max-insns=100", "--stats=" + dir.path() + "/stats.json", path, "arg"},
      dir);
  EXPECT_EQ(expect_one_line_usage_status(r), "vmrun: " + path + ": not an ELF file (bad magic)");
  EXPECT_NE(access((dir.path() + "/stats.json").c_str(), F_OK), 0)
      << "no statistics file for a program that never loaded";
}

struct UsageCase {
  std::vector<std::string> args;
  std::string expected;  // the whole stderr line
};

TEST(VmrunBadInput, BadCommandLinesAreRefusedWithOneLine) {
  TempDir dir;
  const std::string program = required_env("VMBENCH_GUEST_DIR") + "/asm_rv64i";
  const std::vector<UsageCase> cases = {
      {{}, "vmrun: no program given (see vmrun --help)"},
      {{"--deterministic"}, "vmrun: no program given (see vmrun --help)"},
      {{"--"}, "vmrun: no program given (see vmrun --help)"},
      {{"--bogus", program}, "vmrun: unknown option '--bogus' (see vmrun --help)"},
      {{"--max-insns=abc", program},
       "vmrun: --max-insns: 'abc' is not a valid count (see vmrun --help)"},
      {{"--max-insns=", program}, "vmrun: --max-insns needs a number (see vmrun --help)"},
      {{"--max-insns=0", program}, "vmrun: --max-insns must be at least 1 (see vmrun --help)"},
      {{"--max-insns=99999999999999999999999", program},
       "vmrun: --max-insns: '99999999999999999999999' is not a valid count (see vmrun --help)"},
      {{"--stats=", program}, "vmrun: --stats needs a file name (see vmrun --help)"},
      {{"--env=NOEQUALS", program}, "vmrun: --env needs KEY=VALUE (see vmrun --help)"},
      {{"--set", "tlb.l2.policy=mru", program},
       "vmrun: config tlb.l2.policy: 'mru' is not one of lru, plru, fifo, random, adaptive (see "
       "vmrun --help)"},
      {{"--set=tlb.l1.entries=48", program},
       "vmrun: config tlb.l1.entries: 48 is not a power of two (see vmrun --help)"},
      // Knobs that only fail together are refused once every --set is read, in either mode.
      {{"--memory=paged", "--set", "tlb.l2.entries=16", "--set", "tlb.l2.ways=32", program},
       "vmrun: config tlb.l2.entries=16, tlb.l2.ways=32, tlb.l2.policy=lru: TLB of 16 entries "
       "cannot have 32 ways (see vmrun --help)"},
      {{"--set", "tlb.l2.ways=3", program},
       "vmrun: config tlb.l2.entries=1024, tlb.l2.ways=3, tlb.l2.policy=lru: TLB of 1024 entries "
       "cannot have 3 ways (see vmrun --help)"},
  };
  for (const UsageCase& c : cases) {
    std::string label;
    for (const auto& a : c.args) label += "[" + a + "]";
    SCOPED_TRACE("args " + label);
    EXPECT_EQ(expect_one_line_usage_status(run_vmrun(c.args, dir)), c.expected);
  }
  // An unknown engine: the message lists the available ones.
  const std::string line = expect_one_line_usage_status(run_vmrun({"--engine=nope", program}, dir));
  EXPECT_EQ(line.rfind("vmrun: unknown engine 'nope' (available: ", 0), 0u) << line;
}

// VM_MEMCPY_IMPL picks the runtime's bulk-copy implementation; a value that cannot be used is
// refused before the program starts, and a usable one changes nothing the guest sees.
TEST(VmrunBadInput, AnUnusableMemcpyChoiceIsRefusedWithOneLine) {
  TempDir dir;
  const std::string program = required_env("VMBENCH_GUEST_DIR") + "/asm_rv64i";
  setenv("VM_MEMCPY_IMPL", "bogus", 1);
  const RunResult bad = run_vmrun({program}, dir);
  setenv("VM_MEMCPY_IMPL", "scalar", 1);
  const RunResult scalar = run_vmrun({program}, dir);
  unsetenv("VM_MEMCPY_IMPL");
  const std::string line = expect_one_line_usage_status(bad);
  EXPECT_EQ(line.rfind("vmrun: VM_MEMCPY_IMPL=bogus: unknown memcpy implementation", 0), 0u)
      << line;
  EXPECT_EQ(scalar.exit_status, 0);
  EXPECT_EQ(scalar.err, "");
}

// Guest-physical RAM (mem.ram) that runs out stops the guest as Linux's out-of-memory killer
// would: SIGKILL, one line.
TEST(VmrunBadInput, ExhaustedGuestRamIsOneLine) {
  TempDir dir;
  const RunResult r = run_vmrun({"--memory=paged", "--set", "mem.ram=1M",
                                 required_env("VMBENCH_GUEST_DIR") + "/pointer_chase", "65536"},
                                dir);
  EXPECT_EQ(r.exit_status, 128 + 9);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "vmrun: guest SIGKILL: guest-physical memory exhausted (raise mem.ram)\n");
}

// Knobs of paged memory set in flat mode change nothing; vmrun says so (one warning line) and
// runs the program.
TEST(VmrunBadInput, PagedKnobsInFlatModeAreAWarning) {
  TempDir dir;
  const std::string program = required_env("VMBENCH_GUEST_DIR") + "/asm_rv64i";
  const RunResult r = run_vmrun({"--set", "tlb.l2.policy=random", "--set", "mem.paging=sv48",
                                 "--set", "debug.slowdown=1.01", program},
                                dir);
  EXPECT_EQ(r.exit_status, 0);
  EXPECT_EQ(r.err,
            "vmrun: warning: without --memory=paged these knobs change nothing: mem.paging, "
            "tlb.l2.policy\n");
  const RunResult paged = run_vmrun(
      {"--memory=paged", "--set", "tlb.l2.policy=random", "--set", "mem.paging=sv48", program},
      dir);
  EXPECT_EQ(paged.exit_status, 0);
  EXPECT_EQ(paged.err, "");
}

TEST(VmrunBadInput, ValidProgramStillRuns) {
  // Control: the same binary and spawning code accept a good program.
  TempDir dir;
  const RunResult r = run_vmrun({required_env("VMBENCH_GUEST_DIR") + "/asm_rv64i"}, dir);
  EXPECT_EQ(r.exit_status, 0);
  EXPECT_EQ(r.err, "");
}

}  // namespace
}  // namespace vmbench::test
