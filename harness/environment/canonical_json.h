// A canonical JSON text: object keys sorted bytewise at every level, no whitespace. Two values
// that are equal as JSON give the same text regardless of key insertion order, so the text can
// be hashed. (boost::json::serialize keeps insertion order.)
#pragma once

#include <string>

#include <boost/json/value.hpp>

namespace harness::environment {

std::string canonical_json(const boost::json::value& value);

}  // namespace harness::environment
