// DomainEventBus across threads: publishers, subscribers and unsubscribers at once (the counts
// must add up and no handler may run after its unsubscribe returned), an unsubscribe that waits
// for a call running on another thread, and a handler unsubscribing itself while other threads
// run it. Run under TSan as well (the tsan preset).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "vm/events/domain_event_bus.h"

namespace vm::events {
namespace {

using namespace std::chrono_literals;

void spin_until(const std::atomic<bool>& flag) {
  while (!flag.load(std::memory_order_acquire)) std::this_thread::yield();
}

TEST(Concurrency, PublishersAndChurningSubscribersAddUp) {
  constexpr int kPublishers = 4;
  constexpr int kChurners = 2;
  constexpr int kEventsPerPublisher = 20000;
  DomainEventBus bus;

  // Two handlers subscribed throughout see every event of their type.
  std::atomic<std::uint64_t> steady_compiled{0}, steady_hot{0};
  auto a = bus.subscribe<CodeBlockCompiled>([&](const CodeBlockCompiled& e) {
    steady_compiled.fetch_add(e.guest_instructions, std::memory_order_relaxed);
  });
  auto b = bus.subscribe<HotspotDetected>([&](const HotspotDetected& e) {
    steady_hot.fetch_add(e.execution_count, std::memory_order_relaxed);
  });

  // Churning handlers come and go; each checks that it never runs once unsubscribed.
  struct Churned {
    std::atomic<bool> unsubscribed{false};
    std::atomic<std::uint64_t> calls{0};
  };
  std::atomic<std::uint64_t> churn_calls{0}, late_calls{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kChurners; ++t) {
    threads.emplace_back([&] {
      while (!stop.load(std::memory_order_acquire)) {
        auto state = std::make_shared<Churned>();
        auto handler = [&, state](const auto&) {
          if (state->unsubscribed.load(std::memory_order_acquire)) late_calls.fetch_add(1);
          state->calls.fetch_add(1, std::memory_order_relaxed);
        };
        Subscription s1 = bus.subscribe<CodeBlockCompiled>(handler);
        Subscription s2 = bus.subscribe<HotspotDetected>(handler);
        std::this_thread::yield();
        s1.reset();
        s2.reset();
        state->unsubscribed.store(true, std::memory_order_release);
        churn_calls.fetch_add(state->calls.load(std::memory_order_relaxed));
      }
    });
  }
  std::vector<std::thread> publishers;
  for (int t = 0; t < kPublishers; ++t) {
    publishers.emplace_back([&] {
      for (int i = 0; i < kEventsPerPublisher; ++i) {
        if (i % 2 == 0) {
          bus.publish(CodeBlockCompiled{.guest_instructions = 1});
        } else {
          bus.publish(HotspotDetected{.execution_count = 1});
        }
      }
    });
  }
  for (auto& t : publishers) t.join();
  stop.store(true, std::memory_order_release);
  for (auto& t : threads) t.join();

  constexpr std::uint64_t kPerType = kPublishers * kEventsPerPublisher / 2;
  EXPECT_EQ(steady_compiled.load(), kPerType);
  EXPECT_EQ(steady_hot.load(), kPerType);
  EXPECT_EQ(late_calls.load(), 0u);
  const EventCounts compiled = bus.counts<CodeBlockCompiled>();
  const EventCounts hot = bus.counts<HotspotDetected>();
  EXPECT_EQ(compiled.published, kPerType);
  EXPECT_EQ(hot.published, kPerType);
  EXPECT_EQ(compiled.delivered + hot.delivered, 2 * kPerType + churn_calls.load());
  EXPECT_EQ(bus.subscriber_count<CodeBlockCompiled>(), 1u);
  EXPECT_EQ(bus.subscriber_count<HotspotDetected>(), 1u);
}

TEST(Concurrency, UnsubscribeWaitsForACallRunningOnAnotherThread) {
  DomainEventBus bus;
  std::atomic<bool> entered{false}, release{false}, finished{false}, reset_returned{false};
  Subscription sub = bus.subscribe<BlockInvalidated>([&](const BlockInvalidated&) {
    entered.store(true, std::memory_order_release);
    spin_until(release);
    finished.store(true, std::memory_order_release);
  });
  std::thread publisher([&] { bus.publish(BlockInvalidated{.pc = 8}); });
  spin_until(entered);
  std::thread unsubscriber([&] {
    sub.reset();
    EXPECT_TRUE(finished.load(std::memory_order_acquire));
    reset_returned.store(true, std::memory_order_release);
  });
  std::this_thread::sleep_for(50ms);
  EXPECT_FALSE(reset_returned.load(std::memory_order_acquire));
  EXPECT_FALSE(bus.has_subscribers<BlockInvalidated>());  // removed before the wait
  release.store(true, std::memory_order_release);
  unsubscriber.join();
  publisher.join();
  EXPECT_TRUE(reset_returned.load());
}

TEST(Concurrency, HandlerUnsubscribesItselfWhileOtherThreadsRunIt) {
  // The first call to see `armed` unsubscribes: it waits for the same handler's calls on the
  // other threads (which do not wait for anything), never for its own.
  constexpr int kThreads = 4;
  DomainEventBus bus;
  std::atomic<bool> armed{false}, unsubscribed{false};
  std::atomic<int> late_calls{0};
  Subscription sub;
  sub = bus.subscribe<BlockChained>([&](const BlockChained&) {
    if (unsubscribed.load(std::memory_order_acquire)) late_calls.fetch_add(1);
    if (armed.exchange(false)) {
      sub.reset();
      unsubscribed.store(true, std::memory_order_release);
    }
  });
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      spin_until(go);
      for (int i = 0; i < 5000; ++i) bus.publish(BlockChained{.from_pc = 1, .to_pc = 2});
    });
  }
  go.store(true, std::memory_order_release);
  armed.store(true);
  for (auto& t : threads) t.join();
  EXPECT_EQ(late_calls.load(), 0);
  EXPECT_FALSE(bus.has_subscribers<BlockChained>());
}

TEST(Concurrency, SubscribersOnManyThreadsAllGetTheirEvents) {
  // Each thread subscribes its own handler, publishes, and checks it saw its own events.
  constexpr int kThreads = 6;
  DomainEventBus bus;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::uint64_t mine = 0;
      const std::uint64_t tag = 1000 + t;
      Subscription s = bus.subscribe<CodeCacheFlushed>([&](const CodeCacheFlushed& e) {
        if (e.blocks == tag) ++mine;  // only this thread publishes this tag
      });
      for (int i = 0; i < 2000; ++i) {
        bus.publish(CodeCacheFlushed{.bytes = 64, .blocks = static_cast<std::uint32_t>(tag)});
      }
      s.reset();
      if (mine != 2000) failures.fetch_add(1);
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_FALSE(bus.has_subscribers<CodeCacheFlushed>());
}

}  // namespace
}  // namespace vm::events
