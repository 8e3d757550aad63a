#include "vm/events/domain_event_bus.h"

#include <stdexcept>
#include <utility>

#include "vm/events/bus_core.h"

namespace vm::events {

DomainEventBus::DomainEventBus() : core_(std::make_shared<detail::BusCore>(subscriber_counts_)) {}

DomainEventBus::~DomainEventBus() { core_->detach(); }

Subscription DomainEventBus::attach(std::shared_ptr<detail::HandlerNode> node) {
  core_->add(node);
  return Subscription(core_, std::move(node));
}

void DomainEventBus::deliver(std::size_t event_index, const void* event) {
  core_->deliver(event_index, event);
}

EventCounts DomainEventBus::counts(std::size_t event_index) const {
  if (event_index >= kDomainEventCount) throw std::out_of_range("DomainEventBus::counts: index");
  return {core_->published(event_index), core_->delivered(event_index)};
}

}  // namespace vm::events
