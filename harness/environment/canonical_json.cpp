// canonical_json: a recursive writer that sorts object keys; scalars are written by
// boost::json::serialize, which escapes strings and prints numbers deterministically.
#include "harness/environment/canonical_json.h"

#include <algorithm>
#include <vector>

#include <boost/json/serialize.hpp>

namespace harness::environment {

namespace {

void write(const boost::json::value& value, std::string& out) {
  if (const auto* object = value.if_object()) {
    std::vector<const boost::json::key_value_pair*> members;
    for (const auto& member : *object) members.push_back(&member);
    std::sort(members.begin(), members.end(),
              [](const auto* a, const auto* b) { return a->key() < b->key(); });
    out += '{';
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (i != 0) out += ',';
      out += boost::json::serialize(boost::json::string_view(members[i]->key()));
      out += ':';
      write(members[i]->value(), out);
    }
    out += '}';
  } else if (const auto* array = value.if_array()) {
    out += '[';
    for (std::size_t i = 0; i < array->size(); ++i) {
      if (i != 0) out += ',';
      write((*array)[i], out);
    }
    out += ']';
  } else {
    out += boost::json::serialize(value);
  }
}

}  // namespace

std::string canonical_json(const boost::json::value& value) {
  std::string out;
  write(value, out);
  return out;
}

}  // namespace harness::environment
