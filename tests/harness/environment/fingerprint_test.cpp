// The fingerprint ignores per-run facts, changes with performance-relevant ones, and names what
// changed.
#include "harness/environment/fingerprint.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <regex>

#include "harness/environment/canonical_json.h"
#include "harness/environment/environment.h"

namespace harness::environment {
namespace {

CaptureOptions sample_options() {
  CaptureOptions options;
  options.build = {"GNU 12.2.0", "-O3 -DNDEBUG", "Release", ""};
  options.command_line = {"vmbench", "run"};
  return options;
}

boost::json::object& member(boost::json::object& environment, std::string_view group) {
  return environment.at(group).as_object();
}

// The first cache entry of the environment's topology with the given name.
boost::json::object& cache(boost::json::object& environment, std::string_view name) {
  for (auto& entry : member(environment, "topology").at("caches").as_array()) {
    if (entry.as_object().at("name").as_string() == name) return entry.as_object();
  }
  throw std::runtime_error("no cache " + std::string(name));
}

// A fixed environment, so the tests do not depend on this machine.
boost::json::object sample_environment() {
  return boost::json::parse(R"({
    "hostname": "vm", "date": "2024-05-01T12:00:00Z", "command_line": ["vmbench", "run"],
    "cpu": {"vendor": "AuthenticAMD", "model": "AMD EPYC", "family": 25, "model_id": 17,
            "stepping": 1, "microcode": "0x1000065", "flags": ["sse2", "avx2", "fpu"],
            "logical_cpus": 2, "mhz": 2596.15, "governor": null},
    "kernel": {"sysname": "Linux", "release": "6.18.44", "version": "#1 SMP", "machine": "x86_64"},
    "thp": {"enabled": "madvise", "defrag": "madvise"},
    "memory": {"total_bytes": 25276502016},
    "topology": {"packages": 1, "numa_nodes": 1, "cores": 2, "pus": 2,
                 "caches": [
                   {"name": "L1d", "level": 1, "kind": "data", "size_bytes": 32768,
                    "line_size": 64, "count": 2},
                   {"name": "L1i", "level": 1, "kind": "instruction", "size_bytes": 32768,
                    "line_size": 64, "count": 2},
                   {"name": "L2", "level": 2, "kind": "unified", "size_bytes": 1048576,
                    "line_size": 64, "count": 2},
                   {"name": "L3", "level": 3, "kind": "unified", "size_bytes": 33554432,
                    "line_size": 64, "count": 1}],
                 "numa_memory_bytes": [7073902592]},
    "compiler": {"name": "GNU 12.2.0", "flags": "-O3 -DNDEBUG", "build_type": "Release"},
    "git": {"source_dir": "/work/main", "commit": "0123456789abcdef0123456789abcdef01234567",
            "branch": "main", "dirty": false},
    "libraries": {"boost": "1.81.0", "hwloc_api_compiled": "2.8.0", "hwloc_api_runtime": "2.8.0",
                  "zydis": "4.0.0.0", "asmjit": "1.9.0", "benchmark": "1.7.1",
                  "glibc": "2.36"},
    "process": {"affinity": [0, 1], "pinned_cpu": 1}
  })")
      .as_object();
}

TEST(Fingerprint, Fnv1a64KnownValues) {
  EXPECT_EQ(fnv1a_64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a_64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(fnv1a_64("foobar"), 0x85944171f73967e8ULL);
}

TEST(Fingerprint, CanonicalJsonSortsKeysAtEveryLevel) {
  const auto a = boost::json::parse(R"({"b": 1, "a": {"y": [2, "x"], "x": null}})");
  const auto b = boost::json::parse(R"({"a": {"x": null, "y": [2, "x"]}, "b": 1})");
  EXPECT_EQ(canonical_json(a), R"({"a":{"x":null,"y":[2,"x"]},"b":1})");
  EXPECT_EQ(canonical_json(a), canonical_json(b));
}

TEST(Fingerprint, IdIsSixteenHexDigits) {
  EXPECT_TRUE(std::regex_match(fingerprint(sample_environment()).id, std::regex("[0-9a-f]{16}")));
}

TEST(Fingerprint, LiveCaptureTwiceGivesSameId) {
  const Fingerprint first = fingerprint(capture_environment(sample_options()));
  const Fingerprint second = fingerprint(capture_environment(sample_options()));
  EXPECT_EQ(first.id, second.id);
  EXPECT_TRUE(differing_fields(first.inputs, second.inputs).empty());
}

TEST(Fingerprint, InputsAreExactlyThePerformanceRelevantSubset) {
  const Fingerprint print = fingerprint(sample_environment());
  EXPECT_EQ(canonical_json(print.inputs),
            R"({"compiler":{"build_type":"Release","flags":"-O3 -DNDEBUG","name":"GNU 12.2.0"},)"
            R"("cpu":{"family":25,"flags":["avx2","fpu","sse2"],"governor":null,)"
            R"("logical_cpus":2,"model":"AMD EPYC","model_id":17,"stepping":1,)"
            R"("vendor":"AuthenticAMD"},"kernel":{"release":"6.18.44"},)"
            R"("libraries":{"asmjit":"1.9.0","benchmark":"1.7.1","boost":"1.81.0",)"
            R"("glibc":"2.36","hwloc_api_compiled":"2.8.0","hwloc_api_runtime":"2.8.0",)"
            R"("zydis":"4.0.0.0"},"memory":{"total_gib":24},)"
            R"("thp":{"defrag":"madvise","enabled":"madvise"},)"
            R"("topology":{"caches":{"L1d":{"count":2,"kind":"data","size_bytes":32768},)"
            R"("L1i":{"count":2,"kind":"instruction","size_bytes":32768},)"
            R"("L2":{"count":2,"kind":"unified","size_bytes":1048576},)"
            R"("L3":{"count":1,"kind":"unified","size_bytes":33554432}},)"
            R"("cores":2,"numa_nodes":1,"packages":1,"pus":2}})");
}

TEST(Fingerprint, PerRunFactsDoNotChangeId) {
  const boost::json::object base = sample_environment();
  boost::json::object changed = base;
  changed["hostname"] = "another-host";
  changed["date"] = "2030-01-01T00:00:00Z";
  changed["command_line"] = boost::json::array{"vmbench", "compare", "--allow-cross"};
  member(changed, "git")["commit"] = "fedcba9876543210fedcba9876543210fedcba98";
  member(changed, "git")["branch"] = "feature";
  member(changed, "git")["dirty"] = true;
  member(changed, "process")["pinned_cpu"] = 0;
  member(changed, "process")["affinity"] = boost::json::array{0};
  member(changed, "cpu")["mhz"] = 3100.0;
  member(changed, "cpu")["microcode"] = "0x1000066";
  member(changed, "cpu")["flags"] = boost::json::array{"fpu", "avx2", "sse2"};  // reordered
  member(changed, "memory")["total_bytes"] = 25276502016 - (8 << 20);           // a few MiB fewer
  EXPECT_EQ(fingerprint(changed).id, fingerprint(base).id);
}

struct Change {
  const char* expected_field;
  void (*apply)(boost::json::object&);
  // Keeps gtest from printing the function pointer (an address) into test output.
  friend void PrintTo(const Change& change, std::ostream* out) { *out << change.expected_field; }
};

class FingerprintChange : public ::testing::TestWithParam<Change> {};

TEST_P(FingerprintChange, ChangesIdAndNamesExactlyThatField) {
  const boost::json::object base = sample_environment();
  boost::json::object changed = base;
  GetParam().apply(changed);
  const Fingerprint a = fingerprint(base);
  const Fingerprint b = fingerprint(changed);
  EXPECT_NE(a.id, b.id);
  EXPECT_EQ(differing_fields(a.inputs, b.inputs),
            std::vector<std::string>{GetParam().expected_field});
}

INSTANTIATE_TEST_SUITE_P(
    Fingerprint, FingerprintChange,
    ::testing::Values(
        Change{"cpu.model",
               [](boost::json::object& e) { member(e, "cpu")["model"] = "AMD EPYC 9R14"; }},
        Change{"compiler.flags",
               [](boost::json::object& e) { member(e, "compiler")["flags"] = "-O2"; }},
        Change{"topology.caches.L3.size_bytes",
               [](boost::json::object& e) { cache(e, "L3")["size_bytes"] = 16777216; }},
        Change{"cpu.flags",
               [](boost::json::object& e) {
                 member(e, "cpu")["flags"].as_array().push_back("avx512f");
               }},
        Change{"memory.total_gib",
               [](boost::json::object& e) {
                 member(e, "memory")["total_bytes"] = std::int64_t{16} << 30;
               }},
        Change{"thp.enabled",
               [](boost::json::object& e) { member(e, "thp")["enabled"] = "always"; }},
        Change{"libraries.glibc",
               [](boost::json::object& e) { member(e, "libraries")["glibc"] = "2.39"; }}),
    // Stable test names: the field with '.' as '_', e.g. ..._That_Field/cpu_model.
    [](const ::testing::TestParamInfo<Change>& info) {
      std::string name = info.param.expected_field;
      for (char& c : name) {
        if (c == '.') c = '_';
      }
      return name;
    });

TEST(Fingerprint, DifferingFieldsListsSeveralInOrder) {
  boost::json::object base = sample_environment();
  boost::json::object changed = base;
  member(changed, "cpu")["model"] = "Other";
  member(changed, "compiler")["flags"] = "-O0";
  member(changed, "kernel")["release"] = "5.10";
  EXPECT_EQ(differing_fields(fingerprint(base).inputs, fingerprint(changed).inputs),
            (std::vector<std::string>{"cpu.model", "kernel.release", "compiler.flags"}));
}

TEST(Fingerprint, DifferingFieldsSeesOneSidedFields) {
  const auto a = boost::json::parse(R"({"x": {"p": 1}, "y": 2})").as_object();
  const auto b = boost::json::parse(R"({"x": {"p": 1, "q": 3}})").as_object();
  EXPECT_EQ(differing_fields(a, b), (std::vector<std::string>{"x.q", "y"}));
}

TEST(Fingerprint, MissingFieldsBecomeNullInputs) {
  const Fingerprint empty = fingerprint(boost::json::object{});
  EXPECT_TRUE(empty.inputs.at("cpu").as_object().at("model").is_null());
  EXPECT_TRUE(empty.inputs.at("topology").as_object().at("caches").is_null());
  EXPECT_TRUE(empty.inputs.at("memory").as_object().at("total_gib").is_null());
  EXPECT_NE(empty.id, fingerprint(sample_environment()).id);
}

}  // namespace
}  // namespace harness::environment
