#include "harness/baselines/baseline_store.h"
#include "harness/support/utc_time.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "harness/results/results_json.h"
#include "vm/support/atomic_file.h"

namespace harness::baselines {

namespace fs = std::filesystem;

namespace {

void make_directories(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error(dir.string() + ": cannot create directory: " + ec.message());
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(path + ": cannot read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string BaselineStore::directory(const std::string& fingerprint) const {
  return root_ + "/" + fingerprint;
}

std::string BaselineStore::path(const std::string& fingerprint, const std::string& suite) const {
  return directory(fingerprint) + "/" + suite + ".json";
}

bool BaselineStore::exists(const std::string& fingerprint, const std::string& suite) const {
  return fs::is_regular_file(path(fingerprint, suite));
}

std::string BaselineStore::bless(const results::Results& merged) {
  if (!merged.complete) {
    throw std::runtime_error("cannot bless incomplete results (an interrupted run)");
  }
  for (const auto& b : merged.benchmarks) {
    if (b.status != results::Status::Ok) {
      throw std::runtime_error("cannot bless: benchmark '" + b.name + "' is " +
                               results::to_string(b.status) +
                               (b.message.empty() ? "" : " (" + b.message + ")"));
    }
  }
  if (merged.fingerprint.empty())
    throw std::runtime_error("cannot bless: results have no fingerprint");
  const std::string target = path(merged.fingerprint, merged.suite);
  make_directories(directory(merged.fingerprint));
  if (fs::exists(target)) {
    // history/<suite>/<UTC time>-<n>.json: names sort in blessing order, and one suite's
    // history never mixes with another's whose name it prefixes.
    const fs::path history_dir = history_directory(merged.fingerprint, merged.suite);
    make_directories(history_dir);
    const std::string stamp = support::utc_now_for_file_name();
    fs::path kept;
    for (int n = 0; kept.empty() || fs::exists(kept); ++n) {
      char name[64];
      std::snprintf(name, sizeof name, "%s-%04d.json", stamp.c_str(), n);
      kept = history_dir / name;
    }
    vm::support::write_file_atomically(kept.string(), read_file(target));
  }
  results::write_results(merged, target);
  return target;
}

std::vector<BaselineInfo> BaselineStore::list(const std::string& fingerprint) const {
  std::vector<BaselineInfo> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(directory(fingerprint), ec)) {
    if (entry.path().extension() != ".json") continue;
    BaselineInfo info;
    info.suite = entry.path().stem().string();
    info.path = entry.path().string();
    const results::Results r = results::read_results(info.path);
    info.runs = static_cast<int>(r.runs.size());
    info.benchmarks = r.benchmarks.size();
    if (const auto* git = r.environment.if_contains("git"); git && git->is_object()) {
      if (const auto* commit = git->get_object().if_contains("commit");
          commit && commit->is_string()) {
        info.commit = std::string(commit->get_string());
      }
    }
    if (!r.runs.empty()) info.blessed_utc = r.runs.back().finished_utc;
    out.push_back(std::move(info));
  }
  std::sort(out.begin(), out.end(),
            [](const BaselineInfo& a, const BaselineInfo& b) { return a.suite < b.suite; });
  return out;
}

std::string BaselineStore::history_directory(const std::string& fingerprint,
                                             const std::string& suite) const {
  return directory(fingerprint) + "/history/" + suite;
}

std::vector<std::string> BaselineStore::history(const std::string& fingerprint,
                                                const std::string& suite) const {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(history_directory(fingerprint, suite), ec)) {
    if (entry.path().extension() == ".json") out.push_back(entry.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace harness::baselines
