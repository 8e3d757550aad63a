// The kind of a guest memory access: what permission it needs and which fault it raises.
#pragma once

#include <cstdint>

namespace vm::mem {

enum class Access : uint8_t { Load, Store, Fetch };

}  // namespace vm::mem
