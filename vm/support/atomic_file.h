// Writes a file so that readers see either the old content or the complete new content:
// write a temporary file beside it, flush it to disk, then rename it over the target.
#pragma once

#include <string>
#include <string_view>

namespace vm::support {

// Throws std::runtime_error naming the path and the reason on failure.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace vm::support
