// Renderers of a comparison: plain text for a terminal, Markdown for a PR comment or a CI step
// summary, JSON for tools. One renderer per file; none of them decides anything.
#pragma once

#include <boost/json.hpp>
#include <string>

#include "harness/compare/comparison.h"

namespace harness::compare {

std::string format_text(const Comparison& comparison);
std::string format_markdown(const Comparison& comparison);
boost::json::object format_json(const Comparison& comparison);

}  // namespace harness::compare
