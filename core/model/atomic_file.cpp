#include "core/model/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/errors.h"

namespace perfgate {

namespace {

[[noreturn]] void fail_write(const std::string& path, const std::string& what, int error) {
  throw InputError(path, "", "cannot " + what + ": " + std::strerror(error));
}

void write_all(int fd, const std::string& text, const std::string& path) {
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail_write(path, "write", errno);
    written += static_cast<size_t>(n);
  }
}

// A unique name beside `path`, so rename() stays within one file system and is atomic.
int create_temp_beside(const std::string& path, std::string& temp_path) {
  static std::atomic<unsigned> counter{0};
  for (int attempt = 0; attempt < 100; ++attempt) {
    temp_path = path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    const int fd = ::open(temp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  return -1;
}

void sync_directory_of(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  const int fd = ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;  // durability of the rename is best effort; the content is already synced
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& text,
                           const AtomicWriteOptions& options) {
  if (options.create_directories) {
    std::error_code error;
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, error);
  }
  std::string temp_path;
  const int fd = create_temp_beside(path, temp_path);
  if (fd < 0) fail_write(path, "create a temporary file beside it", errno);
  try {
    write_all(fd, text, path);
    if (::fsync(fd) != 0) fail_write(path, "sync", errno);
  } catch (...) {
    ::close(fd);
    ::unlink(temp_path.c_str());
    throw;
  }
  const int close_result = ::close(fd);
  if (close_result == 0 && options.before_rename) {
    try {
      options.before_rename();
    } catch (...) {
      ::unlink(temp_path.c_str());
      throw;
    }
  }
  if (close_result != 0 || ::rename(temp_path.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temp_path.c_str());
    fail_write(path, close_result != 0 ? "close" : "rename into place", error);
  }
  sync_directory_of(path);
}

}  // namespace perfgate
