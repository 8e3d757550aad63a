// vmbench compare BASE NEW: the verdict, with an exit status CI can use.
#include <cstdio>

#include "harness/baselines/baseline_store.h"
#include "harness/cli/arguments.h"
#include "harness/cli/commands.h"
#include "harness/cli/paths.h"
#include "harness/compare/comparison.h"
#include "harness/compare/formatters.h"
#include "harness/results/results_json.h"
#include "harness/support/json_reader.h"
#include "vm/support/atomic_file.h"

namespace harness::cli {

int compare_command(const std::vector<std::string>& args) {
  const Arguments a(
      args,
      {"threshold", "alpha", "noise-k", "format", "out", "resamples", "seed", "baselines-dir"},
      {"raw", "allow-cross-machine", "allow-incomplete", "fail-on-counters"});
  if (a.positional().size() != 2) {
    throw UsageError("compare needs BASE.json NEW.json (BASE may be 'baseline': the stored one)");
  }
  compare::CompareOptions options;
  options.rule.threshold = a.fraction("threshold", options.rule.threshold);
  options.rule.alpha = a.number("alpha", options.rule.alpha, 1e-9, 0.5);
  options.rule.noise_k = a.number("noise-k", options.rule.noise_k, 0, 100);
  options.normalize = !a.flag("raw");
  options.bootstrap_resamples = a.integer("resamples", options.bootstrap_resamples, 100, 1000000);
  options.seed =
      static_cast<uint64_t>(a.integer("seed", static_cast<int>(options.seed), 0, INT32_MAX));
  options.allow_cross_machine = a.flag("allow-cross-machine");
  options.allow_incomplete = a.flag("allow-incomplete");
  options.fail_on_counters = a.flag("fail-on-counters");
  const std::string format = a.value("format").value_or("text");
  if (format != "text" && format != "markdown" && format != "json") {
    throw UsageError("--format must be text, markdown or json");
  }

  try {
    std::string new_path = a.positional()[1];
    const results::Results next = results::read_results(new_path);
    std::string base_path = a.positional()[0];
    if (base_path == "baseline") {
      const baselines::BaselineStore store(a.value("baselines-dir").value_or(baselines_dir()));
      base_path = store.path(next.fingerprint, next.suite);
      if (!store.exists(next.fingerprint, next.suite)) {
        std::fprintf(stderr,
                     "vmbench compare: no baseline for suite '%s' and fingerprint %s (%s)\n",
                     next.suite.c_str(), next.fingerprint.c_str(), base_path.c_str());
        return kExitError;
      }
    }
    const results::Results base = results::read_results(base_path);
    const compare::Comparison c = compare::compare(base, base_path, next, new_path, options);
    std::string text;
    if (format == "text") text = compare::format_text(c);
    if (format == "markdown") text = compare::format_markdown(c);
    if (format == "json") text = support::pretty(compare::format_json(c));
    if (auto out = a.value("out")) {
      vm::support::write_file_atomically(*out, text);
    } else {
      std::fputs(text.c_str(), stdout);
    }
    return c.exit_code();
  } catch (const results::ResultsError& e) {
    std::fprintf(stderr, "vmbench compare: %s\n", e.what());
  } catch (const compare::CompareError& e) {
    std::fprintf(stderr, "vmbench compare: %s\n", e.what());
  }
  return kExitError;
}

}  // namespace harness::cli
