// Results <-> JSON, following docs/results-schema.md.
#pragma once

#include <boost/json.hpp>
#include <stdexcept>
#include <string>

#include "harness/results/results.h"

namespace harness::results {

// A results file that cannot be read: the message is one line naming the file and the reason.
class ResultsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

boost::json::object to_json(const Results& results);
// `origin` names the source in errors ("reports/results/x.json: benchmarks[3].status: ...").
Results from_json(const boost::json::value& json, const std::string& origin);

// File IO: written atomically (temp file, fsync, rename); reading checks the schema version.
void write_results(const Results& results, const std::string& path);
Results read_results(const std::string& path);

}  // namespace harness::results
