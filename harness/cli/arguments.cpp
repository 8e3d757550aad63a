#include "harness/cli/arguments.h"

#include "harness/support/percentage.h"

#include <charconv>
#include <cmath>

namespace harness::cli {

Arguments::Arguments(const std::vector<std::string>& args, const std::set<std::string>& with_value,
                     const std::set<std::string>& flags, const std::set<std::string>& repeatable) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      positional_.push_back(arg);
      continue;
    }
    const size_t eq = arg.find('=');
    const std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    if (with_value.count(name) || repeatable.count(name)) {
      std::string value;
      if (eq != std::string::npos) {
        value = arg.substr(eq + 1);
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        throw UsageError("--" + name + " needs a value");
      }
      if (!repeatable.count(name) && values_.count(name)) {
        throw UsageError("--" + name + " given twice");
      }
      values_[name].push_back(value);
    } else if (flags.count(name) && eq == std::string::npos) {
      flags_.insert(name);
    } else {
      throw UsageError("unknown option '" + arg + "'");
    }
  }
}

std::optional<std::string> Arguments::value(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Arguments::values(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

double Arguments::number(const std::string& name, double fallback, double min, double max) const {
  const auto text = value(name);
  if (!text) return fallback;
  double v = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size() || !std::isfinite(v)) {
    throw UsageError("--" + name + ": '" + *text + "' is not a number");
  }
  if (v < min || v > max) {
    throw UsageError("--" + name + ": " + *text + std::string(" is outside ") +
                     std::to_string(min) + ".." + std::to_string(max));
  }
  return v;
}

int Arguments::integer(const std::string& name, int fallback, int min, int max) const {
  const auto text = value(name);
  if (!text) return fallback;
  int v = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size()) {
    throw UsageError("--" + name + ": '" + *text + "' is not a whole number");
  }
  if (v < min || v > max) {
    throw UsageError("--" + name + ": " + *text + std::string(" is outside ") +
                     std::to_string(min) + ".." + std::to_string(max));
  }
  return v;
}

double Arguments::fraction(const std::string& name, double fallback) const {
  const auto text = value(name);
  if (!text) return fallback;
  const auto v = support::parse_percentage(*text);
  if (!v || *v < 0) {
    throw UsageError("--" + name + ": '" + *text + "' is not a percentage like 5% or 0.05");
  }
  return *v;
}

}  // namespace harness::cli
