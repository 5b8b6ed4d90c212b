// Writing a file so that readers see either the old or the new content, never a torn one.
#pragma once

#include <string>

namespace perfgate {

// Writes `text` to a temporary file beside `path`, fsyncs it, renames it over `path` and syncs
// the directory. On failure the temporary file is removed, `path` is untouched, and
// InputError(path, "", "cannot ...: <reason>") is thrown (a bad output path is a usage error).
void write_file_atomically(const std::string& path, const std::string& text);

}  // namespace perfgate
