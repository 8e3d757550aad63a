#include "harness/support/json_reader.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

namespace harness::support {

namespace {

std::pair<int, int> line_and_column(const std::string& text, size_t offset) {
  int line = 1, column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

const char* kind_name(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null: return "null";
    case boost::json::kind::bool_: return "a boolean";
    case boost::json::kind::int64:
    case boost::json::kind::uint64: return "an integer";
    case boost::json::kind::double_: return "a number";
    case boost::json::kind::string: return "a string";
    case boost::json::kind::array: return "an array";
    case boost::json::kind::object: return "an object";
  }
  return "a value";
}

void pretty_into(std::string& out, const boost::json::value& v, int indent) {
  const std::string pad(static_cast<size_t>(indent) * 2, ' ');
  const std::string inner(static_cast<size_t>(indent + 1) * 2, ' ');
  if (v.is_object() && !v.get_object().empty()) {
    out += "{\n";
    bool first = true;
    for (const auto& [key, child] : v.get_object()) {
      if (!first) out += ",\n";
      first = false;
      out += inner + boost::json::serialize(boost::json::string(key)) + ": ";
      pretty_into(out, child, indent + 1);
    }
    out += "\n" + pad + "}";
  } else if (v.is_array() && !v.get_array().empty()) {
    // Arrays of scalars stay on one line: sample lists are long and read as a row.
    bool scalars = true;
    for (const auto& child : v.get_array()) scalars = scalars && !child.is_structured();
    if (scalars) {
      out += "[";
      for (size_t i = 0; i < v.get_array().size(); ++i) {
        if (i > 0) out += ",";
        pretty_into(out, v.get_array()[i], indent + 1);
      }
      out += "]";
      return;
    }
    out += "[\n";
    bool first = true;
    for (const auto& child : v.get_array()) {
      if (!first) out += ",\n";
      first = false;
      out += inner;
      pretty_into(out, child, indent + 1);
    }
    out += "\n" + pad + "]";
  } else if (v.is_double()) {
    out += shortest_text(v.get_double());
  } else {
    out += boost::json::serialize(v);
  }
}

}  // namespace

std::string shortest_text(double value) {
  if (!std::isfinite(value)) return "null";  // JSON has no NaN or infinity
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, ec == std::errc() ? end : buf);
}

boost::json::value parse_json(const std::string& text, const std::string& origin) {
  boost::json::stream_parser parser;
  boost::system::error_code ec;
  const size_t consumed = parser.write_some(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    const auto [line, column] = line_and_column(text, consumed);
    throw JsonError(origin + std::string(":") + std::to_string(line) + std::string(":") +
                    std::to_string(column) + ": malformed JSON: " + ec.message());
  }
  return parser.release();
}

boost::json::value read_json_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw JsonError(path + ": cannot open (missing or unreadable)");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw JsonError(path + ": read failed");
  return parse_json(text.str(), path);
}

void JsonNode::fail(const std::string& reason) const {
  throw JsonError(origin_ + ": " + (path_.empty() ? "top level" : path_) + ": " + reason);
}

const boost::json::object& JsonNode::object() const {
  if (!value_->is_object()) fail(std::string("expected an object, found ") + kind_name(*value_));
  return value_->get_object();
}

const boost::json::array& JsonNode::array() const {
  if (!value_->is_array()) fail(std::string("expected an array, found ") + kind_name(*value_));
  return value_->get_array();
}

std::string JsonNode::string() const {
  if (!value_->is_string()) fail(std::string("expected a string, found ") + kind_name(*value_));
  return std::string(value_->get_string());
}

int64_t JsonNode::integer() const {
  if (value_->is_int64()) return value_->get_int64();
  if (value_->is_uint64() && value_->get_uint64() <= INT64_MAX) {
    return static_cast<int64_t>(value_->get_uint64());
  }
  fail(std::string("expected an integer, found ") + kind_name(*value_));
}

uint64_t JsonNode::unsigned_integer() const {
  if (value_->is_uint64()) return value_->get_uint64();
  if (value_->is_int64() && value_->get_int64() >= 0) {
    return static_cast<uint64_t>(value_->get_int64());
  }
  fail(std::string("expected a non-negative integer, found ") +
       (value_->is_int64() ? "a negative one" : kind_name(*value_)));
}

double JsonNode::number() const {
  if (value_->is_double()) return value_->get_double();
  if (value_->is_int64()) return static_cast<double>(value_->get_int64());
  if (value_->is_uint64()) return static_cast<double>(value_->get_uint64());
  fail(std::string("expected a number, found ") + kind_name(*value_));
}

bool JsonNode::boolean() const {
  if (!value_->is_bool()) fail(std::string("expected true or false, found ") + kind_name(*value_));
  return value_->get_bool();
}

bool JsonNode::has(const std::string& key) const { return object().contains(key); }

JsonNode JsonNode::operator[](const std::string& key) const {
  const auto* v = object().if_contains(key);
  if (!v) fail("missing field '" + key + "'");
  return child(*v, path_.empty() ? key : path_ + "." + key);
}

std::optional<JsonNode> JsonNode::optional(const std::string& key) const {
  const auto* v = object().if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  return child(*v, path_.empty() ? key : path_ + "." + key);
}

std::vector<JsonNode> JsonNode::elements() const {
  std::vector<JsonNode> out;
  const auto& a = array();
  for (size_t i = 0; i < a.size(); ++i) {
    out.push_back(child(a[i], path_ + std::string("[") + std::to_string(i) + "]"));
  }
  return out;
}

void JsonNode::only_keys(std::initializer_list<const char*> allowed) const {
  for (const auto& [key, v] : object()) {
    bool known = false;
    for (const char* a : allowed) known = known || key == a;
    if (!known) {
      std::string list;
      for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      fail("unknown field '" + std::string(key) + "' (allowed: " + list + ")");
    }
  }
}

std::string pretty(const boost::json::value& value) {
  std::string out;
  pretty_into(out, value, 0);
  out += "\n";
  return out;
}

}  // namespace harness::support
