// Typed access to a JSON document that reports every problem as one line naming the file, the
// field path and the reason ("suites/quick.json: benchmarks[2].args[0]: expected a string").
// Suite files and results files are both read through it.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace harness::support {

class JsonError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses text; a syntax error names the origin, line and column.
boost::json::value parse_json(const std::string& text, const std::string& origin);
// Reads and parses a file; a missing or unreadable file is a JsonError naming it.
boost::json::value read_json_file(const std::string& path);

// A view of one JSON value at a known path inside a known origin.
class JsonNode {
 public:
  JsonNode(const boost::json::value& value, std::string origin, std::string path = "")
      : value_(&value), origin_(std::move(origin)), path_(std::move(path)) {}

  const boost::json::value& value() const { return *value_; }
  const std::string& path() const { return path_; }

  [[noreturn]] void fail(const std::string& reason) const;

  const boost::json::object& object() const;
  const boost::json::array& array() const;
  std::string string() const;
  int64_t integer() const;
  uint64_t unsigned_integer() const;
  double number() const;  // integers are accepted
  bool boolean() const;

  bool has(const std::string& key) const;
  JsonNode operator[](const std::string& key) const;  // a required field
  std::optional<JsonNode> optional(const std::string& key) const;
  std::vector<JsonNode> elements() const;
  // Fails naming the first key not in `allowed`: catches misspelt fields.
  void only_keys(std::initializer_list<const char*> allowed) const;

 private:
  JsonNode child(const boost::json::value& v, const std::string& path) const {
    return JsonNode(v, origin_, path);
  }
  const boost::json::value* value_;
  std::string origin_;
  std::string path_;
};

// The shortest text that reads back as the same double ("2.5", "200", "1e-09"), where
// boost::json would write "2.5E0" and "2E2".
std::string shortest_text(double value);

// Serializes with two-space indentation, one key per line, for files people diff and read.
std::string pretty(const boost::json::value& value);

}  // namespace harness::support
