// The state behind a DomainEventBus (internal; include domain_event_bus.h instead). Per event
// type: the handler list, an immutable snapshot replaced on every subscribe and unsubscribe, so
// a delivery iterates without a lock and handlers may subscribe and unsubscribe freely; and the
// counters. The bus owns the core through a shared_ptr and Subscriptions hold it weakly, so a
// Subscription may outlive its bus.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "vm/events/domain_events.h"
#include "vm/events/handler_node.h"

namespace vm::events::detail {

using HandlerList = std::vector<std::shared_ptr<HandlerNode>>;

class BusCore {
 public:
  // subscriber_counts: the bus's per-type counts (its publish fast path), kept equal to the
  // lists' sizes until detach().
  explicit BusCore(std::array<std::atomic<std::uint32_t>, kDomainEventCount>& subscriber_counts);

  void add(std::shared_ptr<HandlerNode> node);
  void remove(const HandlerNode& node);
  void deliver(std::size_t event_index, const void* event);

  std::uint64_t published(std::size_t event_index) const;
  std::uint64_t delivered(std::size_t event_index) const;

  // The bus is going away: forget its counts and drop the lists (and the handlers they hold).
  void detach();

 private:
  struct alignas(64) Channel {
    mutable std::mutex mutex;  // guards the pointers below (a list itself never changes)
    std::shared_ptr<const HandlerList> handlers;
    std::atomic<std::uint32_t>* subscriber_count = nullptr;
    std::atomic<std::uint64_t> published{0};
    std::atomic<std::uint64_t> delivered{0};
  };
  std::array<Channel, kDomainEventCount> channels_;
};

}  // namespace vm::events::detail
