// Baselines on disk: baselines/<fingerprint>/<suite>.json, one per machine fingerprint and
// suite, each a results file merged from several runs. Blessing is the only way one changes:
// written atomically, with the one it replaces kept under
// baselines/<fingerprint>/history/<suite>/<UTC time>-<n>.json.
#pragma once

#include <string>
#include <vector>

#include "harness/results/results.h"

namespace harness::baselines {

struct BaselineInfo {
  std::string suite;
  std::string path;
  int runs = 0;
  size_t benchmarks = 0;
  std::string commit;  // git commit recorded in the baseline's environment, if any
  std::string blessed_utc;
};

class BaselineStore {
 public:
  explicit BaselineStore(std::string root) : root_(std::move(root)) {}

  const std::string& root() const { return root_; }
  std::string directory(const std::string& fingerprint) const;
  std::string path(const std::string& fingerprint, const std::string& suite) const;
  bool exists(const std::string& fingerprint, const std::string& suite) const;

  // Writes `merged` as the baseline of its fingerprint and suite; returns its path. A baseline it
  // replaces is first copied to history/<suite>/<UTC time>-<n>.json. Refuses (std::runtime_error,
  // one line) incomplete results or results with failed benchmarks.
  std::string bless(const results::Results& merged);

  std::vector<BaselineInfo> list(const std::string& fingerprint) const;
  std::string history_directory(const std::string& fingerprint, const std::string& suite) const;
  // Older baselines of the suite, oldest first.
  std::vector<std::string> history(const std::string& fingerprint, const std::string& suite) const;

 private:
  std::string root_;
};

}  // namespace harness::baselines
