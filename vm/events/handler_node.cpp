#include "vm/events/handler_node.h"

namespace vm::events::detail {

namespace {

// The handler calls running on this thread, innermost first. retire() skips these: waiting for
// a call further up one's own stack would never end.
struct RunningCall {
  const HandlerNode* node;
  const RunningCall* outer;
};
thread_local const RunningCall* tls_running = nullptr;

std::uint32_t calls_on_this_thread(const HandlerNode* node) {
  std::uint32_t n = 0;
  for (const RunningCall* c = tls_running; c != nullptr; c = c->outer) n += c->node == node;
  return n;
}

}  // namespace

bool HandlerNode::invoke(const void* event) {
  if (state_.fetch_add(1, std::memory_order_acquire) & kRetired) {
    leave();
    return false;
  }
  const RunningCall frame{this, tls_running};
  tls_running = &frame;
  struct Leave {  // also on an exception from the handler
    HandlerNode* node;
    const RunningCall* outer;
    ~Leave() {
      tls_running = outer;
      node->leave();
    }
  } leave_on_exit{this, frame.outer};
  call(event);
  return true;
}

void HandlerNode::leave() {
  // Release: the handler's effects happen before a retire() that sees the count drop.
  if (state_.fetch_sub(1, std::memory_order_release) & kRetired) state_.notify_all();
}

void HandlerNode::retire() {
  std::uint32_t state = state_.fetch_or(kRetired, std::memory_order_acq_rel) | kRetired;
  const std::uint32_t own = calls_on_this_thread(this);
  while ((state & ~kRetired) > own) {
    state_.wait(state, std::memory_order_acquire);
    state = state_.load(std::memory_order_acquire);
  }
}

}  // namespace vm::events::detail
