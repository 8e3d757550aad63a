// DomainEventBus: typed, synchronous publish/subscribe for the domain events (domain_events.h).
// The JIT publishes; monitors and tests subscribe.
//
//   auto sub = bus.subscribe<CodeBlockCompiled>([&](const CodeBlockCompiled& e) { ... });
//   if (bus.has_subscribers<CodeBlockCompiled>()) bus.publish(CodeBlockCompiled{...});
//
// Delivery: publish() calls the event type's handlers on the publishing thread, in subscription
// order, before it returns. Concurrent publishes from several threads each deliver in that order;
// nothing orders them against each other. An exception from a handler propagates out of
// publish(); the later handlers do not see that event.
//
// Cost: publish() of a type nobody subscribes to is one relaxed atomic load and a branch (no
// counters move). Otherwise it copies the type's handler list snapshot under a mutex, then calls
// each handler without holding any lock. has_subscribers() lets a publisher skip building an
// expensive event.
//
// Threads: every member may be called from any thread concurrently, including from handlers. A
// subscription made concurrently with a publish on another thread may or may not see that event.
//
// Changes during a delivery:
// - A handler subscribed during a delivery (by a handler or another thread) receives events
//   from the next publish on: each publish delivers to the list as it was when it started.
// - Once Subscription::reset() (or the destructor) returns, that handler is not called again,
//   and no call of it is running on another thread: unsubscribing from outside waits for the
//   running calls to end. From inside the handler itself (or from a handler it reached through a
//   nested publish) it does not wait for the call on its own stack, which finishes normally.
//   So: unsubscribing self, or another handler of the same delivery, is safe and immediate.
//   Beware of waiting in a cycle: two handlers on two threads unsubscribing each other while both
//   run, or unsubscribing while holding a lock that a running handler needs, deadlocks.
// - The handler object (the std::function and its captures) may be destroyed after reset()
//   returns, on a thread that was publishing.
//
// Lifetime: Subscriptions may outlive the bus; they become inert and reset() does nothing. The
// bus must not be destroyed while a publish on it runs (as for any object in use).
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <utility>

#include "vm/events/domain_events.h"
#include "vm/events/handler_node.h"
#include "vm/events/subscription.h"

namespace vm::events {

// Per event type; only publishes that found a subscriber are counted.
struct EventCounts {
  std::uint64_t published = 0;  // publish() calls that reached the handler list
  std::uint64_t delivered = 0;  // handler calls
};

class DomainEventBus {
 public:
  DomainEventBus();
  ~DomainEventBus();
  DomainEventBus(const DomainEventBus&) = delete;
  DomainEventBus& operator=(const DomainEventBus&) = delete;

  // Throws std::invalid_argument for an empty handler.
  template <DomainEvent Event>
  [[nodiscard]] Subscription subscribe(std::function<void(const Event&)> handler) {
    if (!handler) throw std::invalid_argument("DomainEventBus::subscribe: empty handler");
    return attach(std::make_shared<detail::TypedHandler<Event>>(std::move(handler)));
  }

  template <DomainEvent Event>
  void publish(const Event& event) {
    if (subscriber_counts_[kEventIndex<Event>].load(std::memory_order_relaxed) == 0) [[likely]] {
      return;
    }
    deliver(kEventIndex<Event>, &event);
  }

  template <DomainEvent Event>
  bool has_subscribers() const {
    return subscriber_count<Event>() != 0;
  }

  template <DomainEvent Event>
  std::uint32_t subscriber_count() const {
    return subscriber_counts_[kEventIndex<Event>].load(std::memory_order_relaxed);
  }

  template <DomainEvent Event>
  EventCounts counts() const {
    return counts(kEventIndex<Event>);
  }
  EventCounts counts(std::size_t event_index) const;  // index as in DomainEvents

 private:
  Subscription attach(std::shared_ptr<detail::HandlerNode> node);
  void deliver(std::size_t event_index, const void* event);

  std::array<std::atomic<std::uint32_t>, kDomainEventCount> subscriber_counts_{};
  std::shared_ptr<detail::BusCore> core_;
};

}  // namespace vm::events
