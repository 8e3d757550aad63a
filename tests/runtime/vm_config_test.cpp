// The VM's knobs (vm/include/vm/config.h): parsing, errors that name the key, knobs of paged
// memory that only work together, and debug.slowdown changing time only — the guest's output
// and every counter stay the same. (What the paged-memory knobs change: tlb_knobs_test.cpp.)
#include "vm/config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "vm/config/paged_config.h"
#include "vm/process.h"

namespace {

using ::testing::HasSubstr;

// The message of the ConfigError that set() (one assignment) or then check() throws; "" when
// neither throws.
std::string error_of_all(const std::vector<std::string>& assignments) {
  try {
    vm::VmConfig config;
    for (const auto& a : assignments) config.set(a);
    config.check();
  } catch (const vm::ConfigError& e) {
    return e.what();
  }
  return "";
}
std::string error_of(const std::string& assignment) { return error_of_all({assignment}); }

TEST(VmConfig, DefaultsAreListedWithTheirValues) {
  const auto values = vm::VmConfig{}.values();
  ASSERT_EQ(values.count("debug.slowdown"), 1u);
  EXPECT_EQ(values.at("debug.slowdown"), "1");
  size_t aliases = 0;
  for (const auto& knob : vm::config_knobs()) {
    SCOPED_TRACE(knob.key);
    EXPECT_FALSE(knob.description.empty());
    if (values.count(knob.key) == 0) ++aliases;
    EXPECT_EQ(knob.paged_only,
              knob.key.starts_with("tlb.") || knob.key == "mem.paging" || knob.key == "mem.ram");
  }
  EXPECT_EQ(aliases, 1u) << "tlb.l1.entries";
  EXPECT_EQ(vm::config_knobs().size(), values.size() + aliases);
}

// The knobs' defaults are vm/mem's: a default VmConfig describes mem::PagedConfig{} exactly.
TEST(VmConfig, PagedDefaultsAreVmMemDefaults) {
  const vm::mem::PagedConfig from_knobs = vm::paged_config(vm::VmConfig{}.paged);
  const vm::mem::PagedConfig defaults;
  EXPECT_EQ(from_knobs.ram_bytes, defaults.ram_bytes);
  EXPECT_EQ(from_knobs.mode, defaults.mode);
  const vm::mem::tlb::TlbConfig &t = from_knobs.tlb, &d = defaults.tlb;
  EXPECT_EQ(t.l1i_entries, d.l1i_entries);
  EXPECT_EQ(t.l1d_entries, d.l1d_entries);
  EXPECT_EQ(t.l2_entries, d.l2_entries);
  EXPECT_EQ(t.l2_ways, d.l2_ways);
  EXPECT_EQ(t.l2_policy, d.l2_policy);
  EXPECT_EQ(t.l3_entries, d.l3_entries);
  EXPECT_EQ(t.l3_ways, d.l3_ways);
  EXPECT_EQ(t.l3_policy, d.l3_policy);
  EXPECT_EQ(t.prefetch, d.prefetch);
  EXPECT_EQ(t.seed, d.seed);
  const auto values = vm::VmConfig{}.values();
  EXPECT_EQ(values.at("mem.ram"), "4G");
  EXPECT_EQ(values.at("mem.paging"), "sv39");
  EXPECT_EQ(values.at("tlb.l2.policy"), "lru");
  EXPECT_EQ(values.at("tlb.prefetch"), "none");
}

struct Accepted {
  std::string assignment;
  std::string key, printed;  // what values() then shows for key
};

TEST(VmConfig, EveryKnobParsesItsValuesAndPrintsThemBack) {
  const std::vector<Accepted> cases = {
      {"mem.paging=sv48", "mem.paging", "sv48"},
      {"mem.paging=sv39", "mem.paging", "sv39"},
      {"mem.ram=1M", "mem.ram", "1M"},
      {"mem.ram=65536K", "mem.ram", "64M"},
      {"mem.ram=1073741824", "mem.ram", "1G"},
      {"mem.ram=1052672", "mem.ram", "1028K"},
      {"mem.ram=1T", "mem.ram", "1T"},
      {"mem.ram=3G", "mem.ram", "3G"},
      {"tlb.l1.entries=16", "tlb.l1i.entries", "16"},
      {"tlb.l1.entries=16", "tlb.l1d.entries", "16"},
      {"tlb.l1i.entries=1", "tlb.l1i.entries", "1"},
      {"tlb.l1d.entries=65536", "tlb.l1d.entries", "65536"},
      {"tlb.l2.entries=2048", "tlb.l2.entries", "2048"},
      {"tlb.l2.ways=4", "tlb.l2.ways", "4"},
      {"tlb.l3.entries=16384", "tlb.l3.entries", "16384"},
      {"tlb.l3.ways=8", "tlb.l3.ways", "8"},
      {"tlb.prefetch=next", "tlb.prefetch", "next"},
      {"tlb.prefetch=stride", "tlb.prefetch", "stride"},
      {"tlb.prefetch=markov", "tlb.prefetch", "markov"},
      {"tlb.prefetch=none", "tlb.prefetch", "none"},
      {"tlb.seed=0", "tlb.seed", "0"},
      {"tlb.seed=18446744073709551615", "tlb.seed", "18446744073709551615"},
  };
  std::vector<Accepted> all = cases;
  for (const char* policy : {"lru", "plru", "fifo", "random", "adaptive"}) {
    for (const char* level : {"l2", "l3"}) {
      const std::string key = std::string("tlb.") + level + ".policy";
      all.push_back({key + "=" + policy, key, policy});
    }
  }
  for (const Accepted& c : all) {
    SCOPED_TRACE(c.assignment);
    vm::VmConfig config;
    ASSERT_NO_THROW(config.set(c.assignment));
    EXPECT_NO_THROW(config.check());
    EXPECT_EQ(config.values().at(c.key), c.printed);
    vm::VmConfig again;  // what values() prints, set() reads back
    for (const auto& [key, value] : config.values()) again.set(key, value);
    EXPECT_EQ(again.values(), config.values());
  }
}

TEST(VmConfig, KnobsReachThePagedConfiguration) {
  vm::VmConfig config;
  for (const char* a :
       {"mem.paging=sv48", "mem.ram=256M", "tlb.l1.entries=32", "tlb.l2.entries=512",
        "tlb.l2.ways=4", "tlb.l2.policy=plru", "tlb.l3.entries=4096", "tlb.l3.ways=32",
        "tlb.l3.policy=adaptive", "tlb.prefetch=markov", "tlb.seed=7"}) {
    config.set(a);
  }
  const vm::mem::PagedConfig p = vm::paged_config(config.paged);
  EXPECT_EQ(p.mode, vm::mem::PagingMode::Sv48);
  EXPECT_EQ(p.ram_bytes, uint64_t{256} << 20);
  EXPECT_EQ(p.tlb.l1i_entries, 32u);
  EXPECT_EQ(p.tlb.l1d_entries, 32u);
  EXPECT_EQ(p.tlb.l2_entries, 512u);
  EXPECT_EQ(p.tlb.l2_ways, 4u);
  EXPECT_EQ(p.tlb.l2_policy, vm::mem::tlb::PolicyKind::TreePlru);
  EXPECT_EQ(p.tlb.l3_entries, 4096u);
  EXPECT_EQ(p.tlb.l3_ways, 32u);
  EXPECT_EQ(p.tlb.l3_policy, vm::mem::tlb::PolicyKind::Adaptive);
  EXPECT_EQ(p.tlb.prefetch, vm::mem::tlb::PrefetchKind::Markov);
  EXPECT_EQ(p.tlb.seed, 7u);
}

struct Refused {
  std::vector<std::string> assignments;
  std::string message;  // the whole what()
};

// One value at a time (set) and values that only fail together (check): one line that names
// the key, or every key of the combination, and the reason.
TEST(VmConfig, BadPagedValuesAreRefusedWithTheKeyAndTheReason) {
  const std::string policies = "is not one of lru, plru, fifo, random, adaptive";
  const std::vector<Refused> cases = {
      {{"mem.paging=sv57"}, "config mem.paging: 'sv57' is not one of sv39, sv48"},
      {{"mem.paging=SV39"}, "config mem.paging: 'SV39' is not one of sv39, sv48"},
      {{"mem.ram=4Q"},
       "config mem.ram: '4Q' is not a size of at most 1099511627776 bytes (a "
       "number with an optional K, M, G or T suffix)"},
      {{"mem.ram=G"},
       "config mem.ram: 'G' is not a size of at most 1099511627776 bytes (a "
       "number with an optional K, M, G or T suffix)"},
      {{"mem.ram="},
       "config mem.ram: '' is not a size of at most 1099511627776 bytes (a "
       "number with an optional K, M, G or T suffix)"},
      {{"mem.ram=2T"},
       "config mem.ram: '2T' is not a size of at most 1099511627776 bytes (a "
       "number with an optional K, M, G or T suffix)"},
      {{"mem.ram=99999999999999999999G"},
       "config mem.ram: '99999999999999999999G' is not a size of at most 1099511627776 bytes "
       "(a number with an optional K, M, G or T suffix)"},
      {{"mem.ram=512K"}, "config mem.ram: 512K is below 1048576 bytes"},
      {{"mem.ram=1048577"}, "config mem.ram: 1048577 is not a multiple of 4K"},
      {{"mem.ram=-1G"},
       "config mem.ram: '-1G' is not a size of at most 1099511627776 bytes (a "
       "number with an optional K, M, G or T suffix)"},
      {{"tlb.l1.entries=48"}, "config tlb.l1.entries: 48 is not a power of two"},
      {{"tlb.l1i.entries=0"}, "config tlb.l1i.entries: 0 is outside 1..65536"},
      {{"tlb.l1d.entries=131072"}, "config tlb.l1d.entries: 131072 is outside 1..65536"},
      {{"tlb.l1d.entries=many"}, "config tlb.l1d.entries: 'many' is not a whole number"},
      {{"tlb.l2.entries=-8"}, "config tlb.l2.entries: '-8' is not a whole number"},
      {{"tlb.l2.entries=8.0"}, "config tlb.l2.entries: '8.0' is not a whole number"},
      {{"tlb.l2.entries=70000"}, "config tlb.l2.entries: 70000 is outside 1..65536"},
      {{"tlb.l2.ways=0"}, "config tlb.l2.ways: 0 is outside 1..65536"},
      {{"tlb.l2.policy=mru"}, "config tlb.l2.policy: 'mru' " + policies},
      {{"tlb.l2.policy=LRU"}, "config tlb.l2.policy: 'LRU' " + policies},
      {{"tlb.l3.entries=4"}, "config tlb.l3.entries: 4 is outside 8..262144"},
      {{"tlb.l3.ways=65537"}, "config tlb.l3.ways: 65537 is outside 1..65536"},
      {{"tlb.l3.policy=lfu"}, "config tlb.l3.policy: 'lfu' " + policies},
      {{"tlb.prefetch=always"},
       "config tlb.prefetch: 'always' is not one of none, next, stride, markov"},
      {{"tlb.seed=-1"}, "config tlb.seed: '-1' is not a whole number"},
      {{"tlb.seed=18446744073709551616"},
       "config tlb.seed: '18446744073709551616' is not a whole number"},
      // Combinations the TLB levels would not build, in the levels' own words.
      {{"tlb.l2.ways=3"},
       "config tlb.l2.entries=1024, tlb.l2.ways=3, tlb.l2.policy=lru: TLB of "
       "1024 entries cannot have 3 ways"},
      {{"tlb.l2.entries=768"},
       "config tlb.l2.entries=768, tlb.l2.ways=8, tlb.l2.policy=lru: TLB "
       "sets (entries / ways = 96) must be a power of two"},
      {{"tlb.l2.entries=4", "tlb.l2.ways=8"},
       "config tlb.l2.entries=4, tlb.l2.ways=8, tlb.l2.policy=lru: TLB of 4 entries cannot have "
       "8 ways"},
      {{"tlb.l2.entries=12", "tlb.l2.ways=3", "tlb.l2.policy=plru"},
       "config tlb.l2.entries=12, tlb.l2.ways=3, tlb.l2.policy=plru: replacement policy 'plru': "
       "ways must be a power of two, got 3"},
      {{"tlb.l2.entries=8", "tlb.l2.policy=adaptive"},
       "config tlb.l2.entries=8, tlb.l2.ways=8, tlb.l2.policy=adaptive: replacement policy "
       "'adaptive': needs at least 2 sets (a leader set for each of LRU and BIP), got 1"},
      {{"tlb.l3.entries=64"},
       "config tlb.l3.entries=64, tlb.l3.ways=16, tlb.l3.policy=lru (in 8 "
       "shards): shared TLB of 64 entries and 16 ways needs at least 8 sets"},
      {{"tlb.l3.entries=128", "tlb.l3.policy=adaptive"},
       "config tlb.l3.entries=128, tlb.l3.ways=16, tlb.l3.policy=adaptive (in 8 shards): "
       "replacement policy 'adaptive': needs at least 2 sets (a leader set for each of LRU and "
       "BIP), got 1"},
  };
  for (const Refused& c : cases) {
    SCOPED_TRACE(c.assignments.back());
    const std::string message = error_of_all(c.assignments);
    EXPECT_EQ(message, c.message);
    EXPECT_EQ(message.find('\n'), std::string::npos);
  }
  // What the levels accept together.
  EXPECT_EQ(error_of_all({"tlb.l2.entries=12", "tlb.l2.ways=3"}), "");
  EXPECT_EQ(error_of_all({"tlb.l2.entries=16", "tlb.l2.policy=adaptive"}), "");
  EXPECT_EQ(error_of_all({"tlb.l3.entries=256", "tlb.l3.policy=adaptive"}), "");
  EXPECT_EQ(error_of_all({"tlb.l2.ways=64", "tlb.l2.entries=64"}), "");
}

// A paged process is not created from knobs that do not work together; a flat one ignores
// them (vmrun and the harness refuse them in both modes through check()).
TEST(VmConfig, APagedProcessRefusesKnobsThatDoNotWorkTogether) {
  vm::ProcessOptions options;
  options.argv = {"recursion", "1"};
  options.config.set("tlb.l2.ways=3");
  EXPECT_THROW(options.config.check(), vm::ConfigError);
  options.memory = "paged";
  EXPECT_THROW(vm::GuestProcess(std::string(GUEST_DIR) + "/recursion", options), vm::ConfigError);
  options.memory = "flat";
  EXPECT_NO_THROW(vm::GuestProcess(std::string(GUEST_DIR) + "/recursion", options));
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
