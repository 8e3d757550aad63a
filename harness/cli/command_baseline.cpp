// vmbench baseline bless|show|path: the only commands that change or locate baselines.
#include <cstdio>

#include "harness/baselines/baseline_store.h"
#include "harness/cli/arguments.h"
#include "harness/cli/commands.h"
#include "harness/cli/paths.h"
#include "harness/cli/this_machine.h"
#include "harness/results/results_json.h"
#include "harness/results/results_merge.h"

namespace harness::cli {

namespace {

int bless(baselines::BaselineStore& store, const std::vector<std::string>& files) {
  if (files.empty()) throw UsageError("baseline bless needs one or more results files");
  std::vector<results::Results> parts;
  for (const auto& f : files) parts.push_back(results::read_results(f));
  const results::Results merged = results::merge_runs(parts, files);
  const bool replacing = store.exists(merged.fingerprint, merged.suite);
  const std::string path = store.bless(merged);
  std::printf("blessed %s: suite %s, %zu runs, %zu benchmarks%s\n", path.c_str(),
              merged.suite.c_str(), merged.runs.size(), merged.benchmarks.size(),
              replacing ? " (the previous baseline is kept in history/)" : "");
  if (merged.runs.size() < 3) {
    std::printf(
        "note: fewer than 3 runs give a weak between-run noise floor; bless from 3-5 runs "
        "(vmbench run --runs=5)\n");
  }
  return kExitOk;
}

}  // namespace

int baseline_command(const std::vector<std::string>& args) {
  const Arguments a(args, {"suite", "baselines-dir", "fingerprint"}, {});
  if (a.positional().empty()) throw UsageError("baseline needs a subcommand: bless, show or path");
  const std::string sub = a.positional()[0];
  baselines::BaselineStore store(a.value("baselines-dir").value_or(baselines_dir()));
  try {
    if (sub == "bless") {
      return bless(store, {a.positional().begin() + 1, a.positional().end()});
    }
    if (a.positional().size() > 1) throw UsageError("baseline " + sub + " takes no files");
    const std::string fingerprint =
        a.value("fingerprint")
            .value_or(this_machine({"vmbench", "baseline"}, std::nullopt).fingerprint.id);
    if (sub == "path") {
      std::printf("%s\n", a.value("suite") ? store.path(fingerprint, *a.value("suite")).c_str()
                                           : store.directory(fingerprint).c_str());
      return kExitOk;
    }
    if (sub == "show") {
      const auto list = store.list(fingerprint);
      std::printf("baselines of fingerprint %s in %s:\n", fingerprint.c_str(),
                  store.directory(fingerprint).c_str());
      if (list.empty())
        std::printf("  (none: the first scripts/run on this machine blesses one)\n");
      for (const auto& info : list) {
        if (a.value("suite") && info.suite != *a.value("suite")) continue;
        std::printf(
            "  %-14s %2d runs, %3zu benchmarks, commit %.12s, blessed %s, %zu older in history\n",
            info.suite.c_str(), info.runs, info.benchmarks,
            info.commit.empty() ? "?" : info.commit.c_str(), info.blessed_utc.c_str(),
            store.history(fingerprint, info.suite).size());
      }
      return kExitOk;
    }
    throw UsageError("baseline: unknown subcommand '" + sub + "' (bless, show, path)");
  } catch (const results::ResultsError& e) {
    std::fprintf(stderr, "vmbench baseline: %s\n", e.what());
  } catch (const std::runtime_error& e) {
    if (dynamic_cast<const UsageError*>(&e)) throw;
    std::fprintf(stderr, "vmbench baseline: %s\n", e.what());
  }
  return kExitError;
}

}  // namespace harness::cli
