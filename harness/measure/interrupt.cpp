#include "harness/measure/interrupt.h"

#include <signal.h>

#include <atomic>

namespace harness::measure {

namespace {

std::atomic<bool> requested{false};

void on_signal(int signal) {
  if (requested.exchange(true)) {
    ::signal(signal, SIG_DFL);
    ::raise(signal);
  }
}

}  // namespace

void install_interrupt_handler() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
}

bool interrupt_requested() { return requested.load(std::memory_order_relaxed); }

}  // namespace harness::measure
