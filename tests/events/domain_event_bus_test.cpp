// DomainEventBus on one thread: delivery order, routing by type, the Subscription handle,
// subscribing and unsubscribing from inside handlers, nested publishes, exceptions, counters and
// a bus that dies before its subscriptions.
#include "vm/events/domain_event_bus.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace vm::events {
namespace {

CodeBlockCompiled compiled(std::uint64_t pc) {
  return {.guest_pc = pc,
          .guest_instructions = 7,
          .guest_bytes = 24,
          .host_bytes = 96,
          .compile_ns = 1234,
          .tier = Tier::Optimized};
}

TEST(DomainEvents, IndicesAndNamesFollowTheList) {
  EXPECT_EQ(kDomainEventCount, 5u);
  EXPECT_EQ(kEventIndex<CodeBlockCompiled>, 0u);
  EXPECT_EQ(kEventIndex<BlockChained>, 4u);
  EXPECT_EQ(DomainEvents::names[kEventIndex<HotspotDetected>], "hotspot_detected");
  EXPECT_EQ(DomainEvents::names[kEventIndex<CodeCacheFlushed>], "code_cache_flushed");
  static_assert(!DomainEvent<int>);
  EXPECT_EQ(tier_name(Tier::Baseline), "baseline");
  EXPECT_EQ(invalidation_reason_name(InvalidationReason::FenceI), "fence_i");
  EXPECT_EQ(invalidation_reason_name(InvalidationReason::SelfModifyingWrite),
            "self_modifying_write");
}

TEST(DomainEventBus, DeliversInSubscriptionOrder) {
  DomainEventBus bus;
  std::vector<int> calls;
  std::vector<Subscription> subs;
  for (int i = 0; i < 5; ++i) {
    subs.push_back(
        bus.subscribe<HotspotDetected>([&, i](const HotspotDetected&) { calls.push_back(i); }));
  }
  bus.publish(HotspotDetected{.pc = 1, .execution_count = 2});
  bus.publish(HotspotDetected{.pc = 1, .execution_count = 3});
  EXPECT_EQ(calls, (std::vector<int>{0, 1, 2, 3, 4, 0, 1, 2, 3, 4}));
}

TEST(DomainEventBus, EventArrivesIntact) {
  DomainEventBus bus;
  std::optional<CodeBlockCompiled> seen;
  auto sub = bus.subscribe<CodeBlockCompiled>([&](const CodeBlockCompiled& e) { seen = e; });
  bus.publish(compiled(0x1000));
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->guest_pc, 0x1000u);
  EXPECT_EQ(seen->guest_instructions, 7u);
  EXPECT_EQ(seen->guest_bytes, 24u);
  EXPECT_EQ(seen->host_bytes, 96u);
  EXPECT_EQ(seen->compile_ns, 1234u);
  EXPECT_EQ(seen->tier, Tier::Optimized);
}

TEST(DomainEventBus, RoutesByType) {
  DomainEventBus bus;
  int compiled_calls = 0, hotspot_calls = 0, invalidated_calls = 0;
  auto a = bus.subscribe<CodeBlockCompiled>([&](const CodeBlockCompiled&) { ++compiled_calls; });
  auto b = bus.subscribe<HotspotDetected>([&](const HotspotDetected&) { ++hotspot_calls; });
  auto c = bus.subscribe<BlockInvalidated>([&](const BlockInvalidated& e) {
    EXPECT_EQ(e.reason, InvalidationReason::Unmap);
    ++invalidated_calls;
  });
  bus.publish(HotspotDetected{});
  bus.publish(HotspotDetected{});
  bus.publish(BlockInvalidated{.pc = 4, .reason = InvalidationReason::Unmap});
  bus.publish(CodeCacheFlushed{.bytes = 1 << 20, .blocks = 300});  // nobody listens
  bus.publish(BlockChained{.from_pc = 1, .to_pc = 2, .exit_index = 0});
  EXPECT_EQ(compiled_calls, 0);
  EXPECT_EQ(hotspot_calls, 2);
  EXPECT_EQ(invalidated_calls, 1);
}

TEST(DomainEventBus, HasSubscribersFollowsSubscriptions) {
  DomainEventBus bus;
  EXPECT_FALSE(bus.has_subscribers<CodeBlockCompiled>());
  auto a = bus.subscribe<CodeBlockCompiled>([](const CodeBlockCompiled&) {});
  auto b = bus.subscribe<CodeBlockCompiled>([](const CodeBlockCompiled&) {});
  EXPECT_TRUE(bus.has_subscribers<CodeBlockCompiled>());
  EXPECT_FALSE(bus.has_subscribers<HotspotDetected>());
  EXPECT_EQ(bus.subscriber_count<CodeBlockCompiled>(), 2u);
  a.reset();
  EXPECT_TRUE(bus.has_subscribers<CodeBlockCompiled>());
  b.reset();
  EXPECT_FALSE(bus.has_subscribers<CodeBlockCompiled>());
}

TEST(DomainEventBus, CountsOnlyPublishesThatFoundSubscribers) {
  DomainEventBus bus;
  bus.publish(compiled(1));  // the fast path: nothing moves
  EXPECT_EQ(bus.counts<CodeBlockCompiled>().published, 0u);
  auto a = bus.subscribe<CodeBlockCompiled>([](const CodeBlockCompiled&) {});
  auto b = bus.subscribe<CodeBlockCompiled>([](const CodeBlockCompiled&) {});
  for (int i = 0; i < 3; ++i) bus.publish(compiled(2));
  EXPECT_EQ(bus.counts<CodeBlockCompiled>().published, 3u);
  EXPECT_EQ(bus.counts<CodeBlockCompiled>().delivered, 6u);
  EXPECT_EQ(bus.counts(kEventIndex<HotspotDetected>).published, 0u);
  EXPECT_THROW(bus.counts(kDomainEventCount), std::out_of_range);
}

TEST(DomainEventBus, EmptyHandlerIsRejected) {
  DomainEventBus bus;
  EXPECT_THROW((void)bus.subscribe<HotspotDetected>(nullptr), std::invalid_argument);
  EXPECT_FALSE(bus.has_subscribers<HotspotDetected>());
}

TEST(Subscription, ResetAndDestructionUnsubscribe) {
  DomainEventBus bus;
  int calls = 0;
  {
    auto sub = bus.subscribe<HotspotDetected>([&](const HotspotDetected&) { ++calls; });
    EXPECT_TRUE(sub.active());
    bus.publish(HotspotDetected{});
  }
  bus.publish(HotspotDetected{});
  EXPECT_EQ(calls, 1);

  auto sub = bus.subscribe<HotspotDetected>([&](const HotspotDetected&) { ++calls; });
  sub.reset();
  EXPECT_FALSE(sub.active());
  sub.reset();  // twice is fine
  bus.publish(HotspotDetected{});
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(Subscription().active());
}

TEST(Subscription, MoveKeepsTheHandlerSubscribed) {
  DomainEventBus bus;
  std::vector<char> calls;
  auto a = bus.subscribe<HotspotDetected>([&](const HotspotDetected&) { calls.push_back('a'); });
  Subscription moved(std::move(a));
  EXPECT_FALSE(a.active());  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
  EXPECT_TRUE(moved.active());
  bus.publish(HotspotDetected{});

  // Assigning over a live handle unsubscribes what it held.
  auto b = bus.subscribe<HotspotDetected>([&](const HotspotDetected&) { calls.push_back('b'); });
  moved = std::move(b);
  bus.publish(HotspotDetected{});
  EXPECT_EQ(calls, (std::vector<char>{'a', 'b'}));
  EXPECT_EQ(bus.subscriber_count<HotspotDetected>(), 1u);
  moved = Subscription();
  EXPECT_FALSE(bus.has_subscribers<HotspotDetected>());
}

TEST(DuringDelivery, HandlerUnsubscribesItself) {
  DomainEventBus bus;
  std::vector<char> calls;
  Subscription self;
  self = bus.subscribe<HotspotDetected>([&](const HotspotDetected&) {
    calls.push_back('s');
    self.reset();  // returns at once: the only running call is this one
    calls.push_back('S');
  });
  auto later =
      bus.subscribe<HotspotDetected>([&](const HotspotDetected&) { calls.push_back('l'); });
  bus.publish(HotspotDetected{});
  bus.publish(HotspotDetected{});
  EXPECT_EQ(calls, (std::vector<char>{'s', 'S', 'l', 'l'}));
  EXPECT_EQ(bus.subscriber_count<HotspotDetected>(), 1u);
}

TEST(DuringDelivery, HandlerDestroysItsOwnHandleAndCapturesStayValid) {
  DomainEventBus bus;
  auto text = std::make_shared<std::string>("still here");
  std::string seen;
  auto self = std::make_unique<Subscription>();
  *self = bus.subscribe<HotspotDetected>([&, text](const HotspotDetected&) {
    self.reset();  // destroys the handle; the handler object lives until the delivery ends
    seen = *text;
  });
  bus.publish(HotspotDetected{});
  EXPECT_EQ(seen, "still here");
  EXPECT_FALSE(bus.has_subscribers<HotspotDetected>());
}

TEST(DuringDelivery, UnsubscribingALaterHandlerSkipsItAtOnce) {
  DomainEventBus bus;
  std::vector<char> calls;
  Subscription later;
  auto first = bus.subscribe<HotspotDetected>([&](const HotspotDetected&) {
    calls.push_back('f');
    later.reset();
  });
  later = bus.subscribe<HotspotDetected>([&](const HotspotDetected&) { calls.push_back('l'); });
  bus.publish(HotspotDetected{});
  bus.publish(HotspotDetected{});
  EXPECT_EQ(calls, (std::vector<char>{'f', 'f'}));
  EXPECT_EQ(bus.counts<HotspotDetected>().delivered, 2u);  // the skipped call is not counted
}

TEST(DuringDelivery, UnsubscribingAnEarlierHandlerAffectsTheNextPublish) {
  DomainEventBus bus;
  std::vector<char> calls;
  Subscription first =
      bus.subscribe<HotspotDetected>([&](const HotspotDetected&) { calls.push_back('f'); });
  auto second = bus.subscribe<HotspotDetected>([&](const HotspotDetected&) {
    calls.push_back('s');
    first.reset();
  });
  bus.publish(HotspotDetected{});
  bus.publish(HotspotDetected{});
  EXPECT_EQ(calls, (std::vector<char>{'f', 's', 's'}));
}

TEST(DuringDelivery, SubscribedHandlerStartsWithTheNextPublish) {
  DomainEventBus bus;
  std::vector<std::uint64_t> late_calls;
  std::vector<Subscription> added;
  auto adder = bus.subscribe<HotspotDetected>([&](const HotspotDetected& e) {
    if (added.empty()) {
      added.push_back(bus.subscribe<HotspotDetected>(
          [&](const HotspotDetected& e2) { late_calls.push_back(e2.pc); }));
    }
    (void)e;
  });
  bus.publish(HotspotDetected{.pc = 1});
  EXPECT_TRUE(late_calls.empty());
  bus.publish(HotspotDetected{.pc = 2});
  EXPECT_EQ(late_calls, (std::vector<std::uint64_t>{2}));
}

TEST(DuringDelivery, NestedPublishesDeliverDepthFirst) {
  DomainEventBus bus;
  std::vector<std::string> calls;
  auto hot = bus.subscribe<HotspotDetected>([&](const HotspotDetected& e) {
    calls.push_back("hot " + std::to_string(e.pc));
    bus.publish(compiled(e.pc));  // the JIT's reaction, published from inside
    if (e.pc < 2) bus.publish(HotspotDetected{.pc = e.pc + 1});
  });
  auto comp = bus.subscribe<CodeBlockCompiled>([&](const CodeBlockCompiled& e) {
    calls.push_back("compiled " + std::to_string(e.guest_pc));
  });
  bus.publish(HotspotDetected{.pc = 1});
  EXPECT_EQ(calls, (std::vector<std::string>{"hot 1", "compiled 1", "hot 2", "compiled 2"}));
}

TEST(DuringDelivery, HandlerUnsubscribesItselfFromANestedDelivery) {
  DomainEventBus bus;
  int outer_calls = 0;
  Subscription outer;
  auto inner = bus.subscribe<CodeBlockCompiled>([&](const CodeBlockCompiled&) {
    outer.reset();  // outer is running further up this thread's stack: no wait
  });
  outer = bus.subscribe<HotspotDetected>([&](const HotspotDetected&) {
    ++outer_calls;
    bus.publish(compiled(1));
  });
  bus.publish(HotspotDetected{});
  bus.publish(HotspotDetected{});
  EXPECT_EQ(outer_calls, 1);
}

TEST(DuringDelivery, ExceptionPropagatesAndLeavesTheBusUsable) {
  DomainEventBus bus;
  std::vector<char> calls;
  Subscription thrower = bus.subscribe<HotspotDetected>([&](const HotspotDetected&) {
    calls.push_back('t');
    throw std::runtime_error("handler failed");
  });
  auto later =
      bus.subscribe<HotspotDetected>([&](const HotspotDetected&) { calls.push_back('l'); });
  EXPECT_THROW(bus.publish(HotspotDetected{}), std::runtime_error);
  EXPECT_EQ(calls, (std::vector<char>{'t'}));
  EXPECT_EQ(bus.counts<HotspotDetected>().delivered, 1u);
  thrower.reset();  // would wait forever if the failed call still counted as running
  bus.publish(HotspotDetected{});
  EXPECT_EQ(calls, (std::vector<char>{'t', 'l'}));
}

TEST(Lifetime, SubscriptionsOutlivingTheBusBecomeInert) {
  int calls = 0;
  Subscription sub;
  Subscription other;
  {
    DomainEventBus bus;
    sub = bus.subscribe<HotspotDetected>([&](const HotspotDetected&) { ++calls; });
    other = bus.subscribe<CodeCacheFlushed>([&](const CodeCacheFlushed&) { ++calls; });
    bus.publish(HotspotDetected{});
  }
  EXPECT_TRUE(sub.active());
  sub.reset();  // the bus is gone: nothing to unsubscribe from
  EXPECT_FALSE(sub.active());
  EXPECT_EQ(calls, 1);
  // `other` is destroyed at the end of the test, after the bus.
}

TEST(Lifetime, HandlerCapturesReleasedAfterTheBus) {
  // A handler owning a subscription to the same bus, dropped after the bus is gone: the
  // captured subscription's reset finds no bus and does nothing.
  auto bus = std::make_unique<DomainEventBus>();
  auto inner = std::make_shared<Subscription>(
      bus->subscribe<HotspotDetected>([](const HotspotDetected&) {}));
  Subscription outer = bus->subscribe<CodeBlockCompiled>([inner](const CodeBlockCompiled&) {});
  std::weak_ptr<Subscription> watch = inner;
  inner.reset();
  bus.reset();
  EXPECT_FALSE(watch.expired());  // outer's handler still holds it
  outer.reset();
  EXPECT_TRUE(watch.expired());
}

}  // namespace
}  // namespace vm::events
