// One subscribed handler, shared by the bus's handler lists and the Subscription that owns it.
// Besides the handler it keeps one atomic word: a retired flag and the number of calls running.
// Unsubscribing retires the node, so no call starts afterwards, then waits for the calls that
// are running on other threads; calls on the unsubscribing thread's own stack (a handler
// unsubscribing itself, directly or from a nested publish) are not waited for.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <utility>

#include "vm/events/domain_events.h"

namespace vm::events::detail {

class HandlerNode {
 public:
  explicit HandlerNode(std::size_t event_index) : event_index_(event_index) {}
  virtual ~HandlerNode() = default;
  HandlerNode(const HandlerNode&) = delete;
  HandlerNode& operator=(const HandlerNode&) = delete;

  std::size_t event_index() const { return event_index_; }

  // Calls the handler with *event unless the node is retired; true when it was called. An
  // exception from the handler propagates; the call counts as finished.
  bool invoke(const void* event);

  // After this returns no call starts, and none runs except on this thread's own stack.
  void retire();

 private:
  virtual void call(const void* event) const = 0;
  void leave();

  static constexpr std::uint32_t kRetired = std::uint32_t{1} << 31;
  // Flag and count share one word so that invoke's increment and retire's flag are ordered:
  // either retire sees the call running and waits, or the call sees the flag and does not start.
  std::atomic<std::uint32_t> state_{0};
  const std::size_t event_index_;
};

template <DomainEvent Event>
class TypedHandler final : public HandlerNode {
 public:
  explicit TypedHandler(std::function<void(const Event&)> handler)
      : HandlerNode(kEventIndex<Event>), handler_(std::move(handler)) {}

 private:
  void call(const void* event) const override { handler_(*static_cast<const Event*>(event)); }
  std::function<void(const Event&)> handler_;
};

}  // namespace vm::events::detail
