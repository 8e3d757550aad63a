#include "harness/baselines/baseline_store.h"

#include <algorithm>
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

std::string utc_stamp() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

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
    const fs::path history_dir = fs::path(directory(merged.fingerprint)) / "history";
    make_directories(history_dir);
    std::string kept =
        (history_dir / (merged.suite + std::string("-") + utc_stamp() + ".json")).string();
    for (int n = 1; fs::exists(kept); ++n) {
      kept = (history_dir / (merged.suite + std::string("-") + utc_stamp() + std::string("-") +
                             std::to_string(n) + ".json"))
                 .string();
    }
    vm::support::write_file_atomically(kept, read_file(target));
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

std::vector<std::string> BaselineStore::history(const std::string& fingerprint,
                                                const std::string& suite) const {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(directory(fingerprint) + "/history", ec)) {
    if (entry.path().filename().string().starts_with(suite + "-")) {
      out.push_back(entry.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace harness::baselines
