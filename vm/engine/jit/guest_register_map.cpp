#include "vm/engine/jit/guest_register_map.h"

namespace vm::engine::jit {

namespace x86 = asmjit::x86;

GuestRegisterMap::GuestRegisterMap() : pinned_guests_{2, 1, 10, 11} {
  // sp, ra, a0, a1. r14 is kept free: it will hold the guest memory base (flat mode).
  const std::array<x86::Gp, 4> hosts = {x86::rbx, x86::rbp, x86::r12, x86::r13};
  for (size_t i = 0; i < pinned_guests_.size(); ++i) host_of_[pinned_guests_[i]] = hosts[i];
}

std::optional<x86::Gp> GuestRegisterMap::pinned(unsigned guest) const {
  return guest < host_of_.size() ? host_of_[guest] : std::nullopt;
}

}  // namespace vm::engine::jit
