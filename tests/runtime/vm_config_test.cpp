// The VM's knobs (vm/include/vm/config.h): parsing, errors that name the key, and
// debug.slowdown changing time only — the guest's output and every counter stay the same.
#include "vm/config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "vm/process.h"

namespace {

using ::testing::HasSubstr;

std::string error_of(const std::string& assignment) {
  try {
    vm::VmConfig config;
    config.set(assignment);
  } catch (const vm::ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(VmConfig, DefaultsAreListedWithTheirValues) {
  const auto values = vm::VmConfig{}.values();
  ASSERT_EQ(values.count("debug.slowdown"), 1u);
  EXPECT_EQ(values.at("debug.slowdown"), "1");
  EXPECT_EQ(vm::config_knobs().size(), values.size());
}

TEST(VmConfig, SetParsesAndPrintsBack) {
  vm::VmConfig config;
  config.set("debug.slowdown=1.03");
  EXPECT_DOUBLE_EQ(config.debug_slowdown, 1.03);
  vm::VmConfig again;
  again.set("debug.slowdown", config.values().at("debug.slowdown"));
  EXPECT_EQ(again.debug_slowdown, config.debug_slowdown);
}

TEST(VmConfig, ErrorsNameTheKeyAndTheReason) {
  EXPECT_THAT(error_of("debug.slowdon=1.1"), HasSubstr("unknown key 'debug.slowdon'"));
  EXPECT_THAT(error_of("debug.slowdon=1.1"), HasSubstr("known: debug.slowdown"));
  EXPECT_THAT(error_of("debug.slowdown=fast"), HasSubstr("'fast' is not a number"));
  EXPECT_THAT(error_of("debug.slowdown=0.5"), HasSubstr("outside 1..100"));
  EXPECT_THAT(error_of("debug.slowdown=1.1x"), HasSubstr("not a number"));
  EXPECT_THAT(error_of("debug.slowdown"), HasSubstr("is not key=value"));
  EXPECT_THAT(error_of("=2"), HasSubstr("is not key=value"));
}

struct Outcome {
  vm::ExitStatus exit;
  vm::ProcessStats stats;
};

Outcome run_recursion(double slowdown) {
  vm::ProcessOptions options;
  options.argv = {"recursion", "1"};
  options.deterministic = true;
  options.config.debug_slowdown = slowdown;
  vm::GuestProcess process(std::string(GUEST_DIR) + "/recursion", options);
  Outcome out{process.run(), {}};
  out.stats = process.stats();
  return out;
}

// Time is not asserted (no timing thresholds in tests); what must hold exactly is that the
// injected work is invisible to the guest and to every counter.
TEST(VmConfig, SlowdownChangesNoCounter) {
  const Outcome plain = run_recursion(1.0);
  const Outcome slowed = run_recursion(1.5);
  EXPECT_EQ(plain.exit.status, 0);
  EXPECT_EQ(slowed.exit.status, plain.exit.status);
  EXPECT_EQ(slowed.stats.instructions_retired, plain.stats.instructions_retired);
  EXPECT_EQ(slowed.stats.blocks_decoded, plain.stats.blocks_decoded);
  EXPECT_EQ(slowed.stats.instructions_decoded, plain.stats.instructions_decoded);
  EXPECT_EQ(slowed.stats.syscalls, plain.stats.syscalls);
  EXPECT_EQ(slowed.stats.peak_mapped_bytes, plain.stats.peak_mapped_bytes);
}

}  // namespace
