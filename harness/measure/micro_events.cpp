#include "harness/measure/micro_events.h"

#include <cstdint>
#include <functional>

#include "vm/events/domain_event_bus.h"

namespace harness::measure {

namespace {

using vm::events::CodeBlockCompiled;
using vm::events::DomainEventBus;
using vm::events::Subscription;

// A new event each time, as the JIT would build one per compiled block.
CodeBlockCompiled next_event(std::uint64_t& pc) {
  pc += 4;
  return {.guest_pc = pc, .guest_instructions = 8, .guest_bytes = 32, .host_bytes = 120};
}

// What a monitor does with an event: fold a field into a running total.
struct Sink {
  std::uint64_t host_bytes = 0;
  void operator()(const CodeBlockCompiled& e) { host_bytes += e.host_bytes; }
};

void publish_to(benchmark::State& state, int subscribers) {
  DomainEventBus bus;
  Sink sink;
  std::vector<Subscription> subs;
  for (int i = 0; i < subscribers; ++i) {
    subs.push_back(bus.subscribe<CodeBlockCompiled>([&sink](const auto& e) { sink(e); }));
  }
  std::uint64_t pc = 0x10000;
  for (auto _ : state) bus.publish(next_event(pc));
  benchmark::DoNotOptimize(sink.host_bytes);
  if (subscribers > 0 && bus.counts<CodeBlockCompiled>().delivered !=
                             static_cast<std::uint64_t>(state.iterations()) * subscribers) {
    state.SkipWithError("the bus delivered a different number of events than were published");
  }
  state.SetItemsProcessed(state.iterations());
}

void direct_call(benchmark::State& state) {
  Sink sink;
  std::function<void(const CodeBlockCompiled&)> handler = [&sink](const auto& e) { sink(e); };
  benchmark::DoNotOptimize(handler);
  std::uint64_t pc = 0x10000;
  for (auto _ : state) handler(next_event(pc));
  benchmark::DoNotOptimize(sink.host_bytes);
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

std::vector<MicroBenchmark> events_micro_benchmarks() {
  return {
      {"events/publish_no_subscribers",
       "DomainEventBus::publish of a CodeBlockCompiled nobody subscribed to (the fast path)",
       [](benchmark::State& s) { publish_to(s, 0); }},
      {"events/publish_one_subscriber",
       "DomainEventBus::publish of a CodeBlockCompiled to one handler (a running total)",
       [](benchmark::State& s) { publish_to(s, 1); }},
      {"events/publish_four_subscribers",
       "DomainEventBus::publish of a CodeBlockCompiled to four such handlers",
       [](benchmark::State& s) { publish_to(s, 4); }},
      {"events/direct_call",
       "the same handler called directly through a std::function (what the bus adds is the "
       "difference)",
       direct_call},
  };
}

}  // namespace harness::measure
