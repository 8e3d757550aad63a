// The error raised when a program cannot be loaded; its message is the one-line reason.
#pragma once

#include <stdexcept>
#include <string>

namespace vm::runtime {

class LoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace vm::runtime
