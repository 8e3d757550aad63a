#include "vm/events/bus_core.h"

#include <algorithm>
#include <utility>

namespace vm::events::detail {

BusCore::BusCore(std::array<std::atomic<std::uint32_t>, kDomainEventCount>& subscriber_counts) {
  for (std::size_t i = 0; i < kDomainEventCount; ++i) {
    channels_[i].handlers = std::make_shared<const HandlerList>();
    channels_[i].subscriber_count = &subscriber_counts[i];
  }
}

void BusCore::add(std::shared_ptr<HandlerNode> node) {
  Channel& c = channels_[node->event_index()];
  std::lock_guard lock(c.mutex);
  auto next = std::make_shared<HandlerList>(*c.handlers);
  next->push_back(std::move(node));
  if (c.subscriber_count) c.subscriber_count->store(next->size(), std::memory_order_relaxed);
  c.handlers = std::move(next);
}

void BusCore::remove(const HandlerNode& node) {
  Channel& c = channels_[node.event_index()];
  std::lock_guard lock(c.mutex);
  auto next = std::make_shared<HandlerList>(*c.handlers);
  std::erase_if(*next, [&](const auto& n) { return n.get() == &node; });
  if (c.subscriber_count) c.subscriber_count->store(next->size(), std::memory_order_relaxed);
  c.handlers = std::move(next);
}

void BusCore::deliver(std::size_t event_index, const void* event) {
  Channel& c = channels_[event_index];
  std::shared_ptr<const HandlerList> handlers;
  {
    std::lock_guard lock(c.mutex);
    handlers = c.handlers;
  }
  c.published.fetch_add(1, std::memory_order_relaxed);
  // The snapshot keeps every node alive until the loop ends, even one unsubscribed meanwhile.
  struct Count {  // one atomic add per publish, also when a handler throws
    std::atomic<std::uint64_t>& total;
    std::uint64_t calls = 0;
    ~Count() { total.fetch_add(calls, std::memory_order_relaxed); }
  } count{c.delivered};
  for (const auto& node : *handlers) {
    try {
      count.calls += node->invoke(event);
    } catch (...) {
      ++count.calls;  // invoke throws only what the handler threw: it was called
      throw;
    }
  }
}

std::uint64_t BusCore::published(std::size_t event_index) const {
  return channels_[event_index].published.load(std::memory_order_relaxed);
}

std::uint64_t BusCore::delivered(std::size_t event_index) const {
  return channels_[event_index].delivered.load(std::memory_order_relaxed);
}

void BusCore::detach() {
  for (Channel& c : channels_) {
    std::shared_ptr<const HandlerList> dropped;  // released outside the lock
    std::lock_guard lock(c.mutex);
    c.subscriber_count = nullptr;
    dropped = std::exchange(c.handlers, std::make_shared<const HandlerList>());
  }
}

}  // namespace vm::events::detail
