// The fingerprint of an environment: the performance-relevant subset of capture_environment()'s
// output and a 64-bit hash of it. Results are comparable only when their fingerprints match;
// fingerprint.cpp is the one place that decides which fields count.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

namespace harness::environment {

struct Fingerprint {
  std::string id;              // 16 lowercase hex digits: FNV-1a 64 of canonical_json(inputs)
  boost::json::object inputs;  // exactly the fields hashed, in a fixed order
};

// Missing fields of `environment` become null inputs; never throws.
Fingerprint fingerprint(const boost::json::object& environment);

// Dotted names of the leaf fields whose values differ ("cpu.model", "compiler.flags",
// "topology.caches.L2.size_bytes"), including fields present on one side only. Order: at each
// level a's members in a's order, then members only b has. Arrays are compared whole
// ("cpu.flags").
std::vector<std::string> differing_fields(const boost::json::object& inputs_a,
                                          const boost::json::object& inputs_b);

// FNV-1a, 64-bit.
std::uint64_t fnv1a_64(std::string_view bytes);

}  // namespace harness::environment
