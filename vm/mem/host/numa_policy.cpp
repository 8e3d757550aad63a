#include "vm/mem/host/numa_policy.h"

#include <charconv>
#include <stdexcept>

namespace vm::mem::host {

namespace {

constexpr std::string_view kBindPrefix = "bind:";

[[noreturn]] void reject(std::string_view text, std::string_view reason) {
  throw std::invalid_argument("invalid NUMA policy '" + std::string(text) +
                              "': " + std::string(reason));
}

}  // namespace

NumaPolicy parse_numa_policy(std::string_view text) {
  if (text == "local") return NumaPolicy::local();
  if (text == "interleave") return NumaPolicy::interleave();
  if (!text.starts_with(kBindPrefix)) {
    reject(text, "expected local, interleave or bind:N");
  }
  const std::string_view number = text.substr(kBindPrefix.size());
  if (number.empty()) reject(text, "bind needs a node number, as in bind:0");
  unsigned node = 0;
  // from_chars takes no sign or spaces, so "-1", "+1" and " 1" are rejected here.
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), node);
  if (error == std::errc::result_out_of_range) reject(text, "node number is too large");
  if (error != std::errc{} || end != number.data() + number.size()) {
    reject(text, "node must be a non-negative decimal integer");
  }
  return NumaPolicy::bind(node);
}

std::string to_string(const NumaPolicy& policy) {
  switch (policy.kind) {
    case NumaPolicy::Kind::Local: return "local";
    case NumaPolicy::Kind::Interleave: return "interleave";
    case NumaPolicy::Kind::Bind: return std::string(kBindPrefix) + std::to_string(policy.node);
  }
  return "local";
}

}  // namespace vm::mem::host
