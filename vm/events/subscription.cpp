#include "vm/events/subscription.h"

#include <utility>

#include "vm/events/bus_core.h"

namespace vm::events {

Subscription& Subscription::operator=(Subscription&& other) noexcept {
  if (this != &other) {
    reset();
    core_ = std::move(other.core_);
    node_ = std::move(other.node_);
  }
  return *this;
}

void Subscription::reset() {
  if (!node_) return;
  const std::shared_ptr<detail::HandlerNode> node = std::exchange(node_, nullptr);
  if (const std::shared_ptr<detail::BusCore> core = std::exchange(core_, {}).lock()) {
    core->remove(*node);
  }
  // Retire even when the bus is gone: a delivery that was running as it went still holds the
  // node, and must not call it after this returns.
  node->retire();
}

}  // namespace vm::events
