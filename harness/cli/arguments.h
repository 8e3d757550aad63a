// Command-line parsing shared by the vmbench subcommands: --name=value or --name value for
// options that take a value, bare --name for flags, everything else positional. An unknown
// option or a missing value is a UsageError (exit status 2, one line).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace harness::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRegression = 1;
inline constexpr int kExitError = 2;
inline constexpr int kExitInterrupted = 130;

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Arguments {
 public:
  // `with_value`: options that take a value; `repeatable` ones may appear several times.
  Arguments(const std::vector<std::string>& args, const std::set<std::string>& with_value,
            const std::set<std::string>& flags, const std::set<std::string>& repeatable = {});

  bool flag(const std::string& name) const { return flags_.count(name) > 0; }
  std::optional<std::string> value(const std::string& name) const;
  std::vector<std::string> values(const std::string& name) const;
  const std::vector<std::string>& positional() const { return positional_; }

  int integer(const std::string& name, int fallback, int min, int max) const;
  double number(const std::string& name, double fallback, double min, double max) const;
  // "5%" or "0.05" -> 0.05
  double fraction(const std::string& name, double fallback) const;

 private:
  std::set<std::string> flags_;
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
};

}  // namespace harness::cli
