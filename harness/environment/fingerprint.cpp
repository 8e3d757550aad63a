// The performance-relevant subset of an environment, and its hash.
//
// IN (a change here can change the numbers):
//   cpu.vendor, cpu.model        Different microarchitectures run the same code differently.
//   cpu.family, cpu.model_id,    The model name alone is often generic in VMs ("AMD EPYC"
//   cpu.stepping                 spans four generations); cpuid family/model/stepping is not.
//   cpu.flags (sorted)           ISA extensions the host compiler/JIT may use; also exposes a
//                                hypervisor hiding features. Sorted so the order cannot matter.
//   cpu.logical_cpus             Contention and scheduling on a 2-vCPU machine vs a larger one.
//   cpu.governor                 powersave vs performance shifts clock speed (null in VMs).
//   topology.packages,           Machine shape: where threads and memory can land.
//   numa_nodes, cores, pus
//   topology.caches.<name>.      Working sets fit or do not fit; the main reason two "same
//   {kind,size_bytes,count}      model" hosts differ (cloud instances with partial L3).
//   memory.total_gib             MemTotal rounded to GiB: page cache and THP headroom. Rounded
//                                because MemTotal moves by a few MiB between boots/kernels.
//   kernel.release               Syscall, scheduler and mitigation costs change with it.
//   thp.enabled, thp.defrag      Huge pages change TLB misses and allocation latency.
//   compiler.name, .flags,       The measured binary itself.
//   .build_type
//   libraries.*                  Boost, hwloc (compiled/runtime API), Zydis, AsmJit, Google
//                                Benchmark, glibc: code the measurement runs through.
//
// OUT (recorded, but does not make results incomparable):
//   hostname                     Identical machines in a pool must compare; identity is not
//                                performance.
//   date, command_line           Differ on every run by construction.
//   git.*                        The commit is the thing being compared.
//   process.pinned_cpu,          Choices of one run, recorded per result; the two vCPUs differ
//   process.affinity             but that is noise the statistics handle, not a machine change.
//   cpu.mhz                      An instantaneous reading that varies from second to second.
//   cpu.microcode                Routine host updates would orphan every baseline.
//   memory.total_bytes (exact),  See memory.total_gib; per-node memory sizes likewise.
//   topology.numa_memory_bytes
//   kernel.version, sysname,     version is a build timestamp; sysname/machine follow from
//   machine                      the release and the cpu fields.
//   topology cache line sizes    Fixed by the cpu model.
#include "harness/environment/fingerprint.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <map>

#include <boost/json/serialize.hpp>

#include "harness/environment/canonical_json.h"

namespace harness::environment {

namespace {

const boost::json::value kNull = nullptr;

// environment.at(path...) or null when any step is missing.
const boost::json::value& at_path(const boost::json::object& object,
                                  std::initializer_list<std::string_view> path) {
  const boost::json::value* current = nullptr;
  const boost::json::object* scope = &object;
  for (std::string_view key : path) {
    if (scope == nullptr) return kNull;
    const auto it = scope->find(key);
    if (it == scope->end()) return kNull;
    current = &it->value();
    scope = current->if_object();
  }
  return current ? *current : kNull;
}

// Copies the named members of environment.<group> in the given order.
boost::json::object pick(const boost::json::object& environment, std::string_view group,
                         std::initializer_list<std::string_view> keys) {
  boost::json::object picked;
  for (std::string_view key : keys) picked[key] = at_path(environment, {group, key});
  return picked;
}

boost::json::value sorted_flags(const boost::json::value& flags) {
  const auto* array = flags.if_array();
  if (array == nullptr) return nullptr;
  std::vector<std::string> names;
  for (const auto& flag : *array) {
    if (const auto* name = flag.if_string()) names.emplace_back(name->c_str(), name->size());
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  boost::json::array sorted;
  for (const std::string& name : names) sorted.push_back(boost::json::value(name));
  return sorted;
}

// The name of a topology cache entry ("L2"), from its "name" or its level and kind.
std::string cache_key(const boost::json::object& cache) {
  if (const auto* name = at_path(cache, {"name"}).if_string()) {
    return std::string(name->c_str(), name->size());
  }
  std::string key = "L";
  key += boost::json::serialize(at_path(cache, {"level"}));
  const auto* kind = at_path(cache, {"kind"}).if_string();
  if (kind && *kind == "data") key += 'd';
  if (kind && *kind == "instruction") key += 'i';
  return key;
}

// {"L1d": {kind, size_bytes, count}, ...}; a second group with the same name (hybrid CPUs with
// two L2 sizes) becomes "L2#2", and so on, in the topology's order.
boost::json::value cache_summary(const boost::json::value& caches) {
  const auto* array = caches.if_array();
  if (array == nullptr) return nullptr;
  boost::json::object summary;
  std::map<std::string, int> seen;
  for (const auto& entry : *array) {
    const auto* cache = entry.if_object();
    if (cache == nullptr) continue;
    std::string key = cache_key(*cache);
    if (const int n = ++seen[key]; n > 1) {
      key += '#';
      key += std::to_string(n);
    }
    summary[key] = boost::json::object{
        {"kind", at_path(*cache, {"kind"})},
        {"size_bytes", at_path(*cache, {"size_bytes"})},
        {"count", at_path(*cache, {"count"})},
    };
  }
  return summary;
}

boost::json::value rounded_gib(const boost::json::value& bytes) {
  if (!bytes.is_number()) return nullptr;
  const double gib = bytes.to_number<double>() / (1024.0 * 1024.0 * 1024.0);
  return static_cast<std::int64_t>(std::llround(gib));
}

void collect_differences(const boost::json::value& a, const boost::json::value& b,
                         const std::string& name, std::vector<std::string>& out) {
  const auto* object_a = a.if_object();
  const auto* object_b = b.if_object();
  if (object_a == nullptr || object_b == nullptr) {
    if (canonical_json(a) != canonical_json(b)) out.push_back(name);
    return;
  }
  const auto child = [&](std::string_view key) {
    std::string dotted = name;
    if (!dotted.empty()) dotted += '.';
    dotted += key;
    return dotted;
  };
  for (const auto& member : *object_a) {
    const auto it = object_b->find(member.key());
    collect_differences(member.value(), it != object_b->end() ? it->value() : kNull,
                        child(member.key()), out);
  }
  for (const auto& member : *object_b) {
    if (!object_a->contains(member.key())) {
      collect_differences(kNull, member.value(), child(member.key()), out);
    }
  }
}

}  // namespace

Fingerprint fingerprint(const boost::json::object& environment) {
  boost::json::object cpu = pick(
      environment, "cpu",
      {"vendor", "model", "family", "model_id", "stepping", "flags", "logical_cpus", "governor"});
  cpu["flags"] = sorted_flags(cpu["flags"]);

  boost::json::object topology =
      pick(environment, "topology", {"packages", "numa_nodes", "cores", "pus"});
  topology["caches"] = cache_summary(at_path(environment, {"topology", "caches"}));

  Fingerprint result;
  result.inputs = boost::json::object{
      {"cpu", std::move(cpu)},
      {"topology", std::move(topology)},
      {"memory", boost::json::object{{"total_gib", rounded_gib(at_path(
                                                       environment, {"memory", "total_bytes"}))}}},
      {"kernel", pick(environment, "kernel", {"release"})},
      {"thp", pick(environment, "thp", {"enabled", "defrag"})},
      {"compiler", pick(environment, "compiler", {"name", "flags", "build_type"})},
      {"libraries", pick(environment, "libraries",
                         {"boost", "hwloc_api_compiled", "hwloc_api_runtime", "zydis", "asmjit",
                          "benchmark", "glibc"})},
  };

  char id[17];
  std::snprintf(id, sizeof id, "%016llx",
                static_cast<unsigned long long>(fnv1a_64(canonical_json(result.inputs))));
  result.id = id;
  return result;
}

std::vector<std::string> differing_fields(const boost::json::object& inputs_a,
                                          const boost::json::object& inputs_b) {
  std::vector<std::string> names;
  collect_differences(inputs_a, inputs_b, "", names);
  return names;
}

std::uint64_t fnv1a_64(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const unsigned char byte : bytes) {
    hash ^= byte;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace harness::environment
