// Writing a file so that readers see either the old or the new content, never a torn one.
#pragma once

#include <functional>
#include <string>

namespace perfgate {

struct AtomicWriteOptions {
  bool create_directories = false;  // make the parent directories first
  std::function<void()>
      before_rename{};  // runs between the write and the rename (tests crash there)
};

// The one writer of results, reports and committed baselines. Writes `text` to a temporary file
// beside `path` (O_EXCL, so two writers never share one), fsyncs it, renames it over `path` and
// syncs the directory: readers and crashes see the old or the new file, never a torn one. On
// failure the temporary file is removed, `path` is untouched, and
// InputError(path, "", "cannot ...: <reason>") is thrown (a bad output path is a usage error).
void write_file_atomically(const std::string& path, const std::string& text,
                           const AtomicWriteOptions& options = {});

}  // namespace perfgate
