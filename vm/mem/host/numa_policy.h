// Where host memory for the VM should live on a NUMA machine: on the node of the calling thread
// (`local`), spread page by page over every node (`interleave`), or on one given node
// (`bind:N`). The policy is a value; numa_allocator turns it into an hwloc binding.
#pragma once

#include <string>
#include <string_view>

namespace vm::mem::host {

struct NumaPolicy {
  enum class Kind { Local, Interleave, Bind };

  Kind kind = Kind::Local;
  // Bind only: the NUMA node's OS index, as the kernel and `numactl --membind` number nodes.
  unsigned node = 0;

  static NumaPolicy local() { return {Kind::Local, 0}; }
  static NumaPolicy interleave() { return {Kind::Interleave, 0}; }
  static NumaPolicy bind(unsigned node) { return {Kind::Bind, node}; }

  friend bool operator==(const NumaPolicy&, const NumaPolicy&) = default;
};

// "local", "interleave" or "bind:N" (N a decimal node number). Throws std::invalid_argument
// whose message quotes the text and says what is wrong with it. Whether node N exists is
// decided against a topology, by the allocator.
NumaPolicy parse_numa_policy(std::string_view text);

// The text parse_numa_policy accepts: "local", "interleave", "bind:3".
std::string to_string(const NumaPolicy& policy);

}  // namespace vm::mem::host
