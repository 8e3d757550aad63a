// NumaPolicy text form: what parses, what each error says, and the round trip through to_string.
#include "vm/mem/host/numa_policy.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace vm::mem::host {
namespace {

std::string parse_error(const std::string& text) {
  try {
    parse_numa_policy(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(NumaPolicy, ParsesTheThreeForms) {
  EXPECT_EQ(parse_numa_policy("local"), NumaPolicy::local());
  EXPECT_EQ(parse_numa_policy("interleave"), NumaPolicy::interleave());
  EXPECT_EQ(parse_numa_policy("bind:0"), NumaPolicy::bind(0));
  EXPECT_EQ(parse_numa_policy("bind:17"), NumaPolicy::bind(17));
}

TEST(NumaPolicy, ToStringRoundTrips) {
  for (const NumaPolicy& p : {NumaPolicy::local(), NumaPolicy::interleave(), NumaPolicy::bind(3)}) {
    EXPECT_EQ(parse_numa_policy(to_string(p)), p) << to_string(p);
  }
  EXPECT_EQ(to_string(NumaPolicy::bind(3)), "bind:3");
}

TEST(NumaPolicy, UnknownWordNamesValueAndChoices) {
  EXPECT_EQ(parse_error("remote"),
            "invalid NUMA policy 'remote': expected local, interleave or bind:N");
  EXPECT_EQ(parse_error(""), "invalid NUMA policy '': expected local, interleave or bind:N");
  EXPECT_EQ(parse_error("Local"),
            "invalid NUMA policy 'Local': expected local, interleave or bind:N");
  EXPECT_EQ(parse_error("bind"),
            "invalid NUMA policy 'bind': expected local, interleave or bind:N");
}

TEST(NumaPolicy, BadNodeNumbersSayWhy) {
  EXPECT_EQ(parse_error("bind:"),
            "invalid NUMA policy 'bind:': bind needs a node number, as in bind:0");
  for (const char* text : {"bind:-1", "bind:+1", "bind: 1", "bind:1x", "bind:x", "bind:1.0"}) {
    EXPECT_EQ(parse_error(text), std::string("invalid NUMA policy '") + text +
                                     "': node must be a non-negative decimal integer");
  }
  EXPECT_EQ(parse_error("bind:99999999999999999999"),
            "invalid NUMA policy 'bind:99999999999999999999': node number is too large");
}

}  // namespace
}  // namespace vm::mem::host
