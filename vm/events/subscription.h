// The handle DomainEventBus::subscribe returns: the handler stays subscribed while the handle
// lives. Move-only; reset() or destruction unsubscribes (see domain_event_bus.h for what that
// guarantees about calls in flight). A default-constructed or moved-from handle is empty.
#pragma once

#include <memory>
#include <utility>

namespace vm::events {

namespace detail {
class BusCore;
class HandlerNode;
}  // namespace detail

class Subscription {
 public:
  Subscription() = default;
  Subscription(Subscription&& other) noexcept = default;
  Subscription& operator=(Subscription&& other) noexcept;
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;
  ~Subscription() { reset(); }

  // Unsubscribes now; a no-op on an empty handle or once the bus is gone.
  void reset();
  // True until reset, move or destruction (also after the bus is gone: the handle still holds
  // the handler, which will never be called again).
  bool active() const { return node_ != nullptr; }
  explicit operator bool() const { return active(); }

 private:
  friend class DomainEventBus;
  Subscription(std::weak_ptr<detail::BusCore> core, std::shared_ptr<detail::HandlerNode> node)
      : core_(std::move(core)), node_(std::move(node)) {}

  std::weak_ptr<detail::BusCore> core_;
  std::shared_ptr<detail::HandlerNode> node_;
};

}  // namespace vm::events
