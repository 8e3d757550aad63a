// Test data for the suite tests and the "one replacement in a known-good suite" edit that each
// error test makes. Suite files are written to a harness::testing::ScratchDirectory.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

#include "tests/harness/scratch_directory.h"

namespace harness::suite::testing {

using ScratchSuiteDir = harness::testing::ScratchDirectory;

// The content of a file in the test's data directory.
inline std::string read_data(const std::string& name) {
  std::ifstream in(std::string(TEST_DATA_DIR "/") + name, std::ios::binary);
  if (!in) throw std::runtime_error(name + ": missing from the test data");
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// `text` with its single occurrence of `from` replaced by `to`; a test whose edit does not apply
// (the base text changed) fails here rather than testing the unedited suite.
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "'" << from << "' not in the base suite";
  if (at == std::string::npos) return text;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << "'" << from << "' is not unique";
  return text.replace(at, from.size(), to);
}

}  // namespace harness::suite::testing
