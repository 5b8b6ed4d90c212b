#include "adapters/k6/k6_line_reader.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>

#include "core/errors.h"

namespace perfgate::k6 {
namespace {

constexpr size_t kChunkBytes = size_t{256}
                               << 10;  // read() size; the buffer doubles for longer lines

bool starts_with_gzip_magic(int fd) {
  unsigned char magic[2] = {0, 0};
  const ssize_t got = ::pread(fd, magic, sizeof magic, 0);
  return got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
}

}  // namespace

LineReader::LineReader(const std::string& path) : path_(path), buffer_(kChunkBytes * 2) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw InputError(path, "", std::string("cannot read: ") + std::strerror(errno));
  if (!starts_with_gzip_magic(fd_)) return;
  gzip_ = gzdopen(::dup(fd_), "rb");
  if (!gzip_) throw InputError(path, "", "cannot open the gzip stream");
  gzbuffer(static_cast<gzFile>(gzip_), kChunkBytes);
}

LineReader::~LineReader() {
  if (gzip_) gzclose(static_cast<gzFile>(gzip_));
  if (fd_ >= 0) ::close(fd_);
}

size_t LineReader::fill() {
  if (at_eof_) return 0;
  if (begin_ > 0) {  // keep the partial line at the front
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (buffer_.size() - end_ < kChunkBytes) {
    if (buffer_.size() > kMaxLineBytes)
      throw InputError(path_, "line " + std::to_string(line_number_ + 1),
                       "line longer than 64 MiB: not a k6 output file");
    buffer_.resize(buffer_.size() * 2);
  }
  const size_t room = buffer_.size() - end_;
  long got = 0;
  if (gzip_) {
    auto* file = static_cast<gzFile>(gzip_);
    got = gzread(file, buffer_.data() + end_, static_cast<unsigned>(room));
    int code = Z_OK;
    const char* message = gzerror(file, &code);
    if (got < 0 || (code != Z_OK && code != Z_STREAM_END))
      throw InputError(path_, "line " + std::to_string(line_number_ + 1),
                       std::string("corrupt or truncated gzip data (") + message + ")");
  } else {
    do got = ::read(fd_, buffer_.data() + end_, room);
    while (got < 0 && errno == EINTR);
    if (got < 0) throw InputError(path_, "", std::string("read error: ") + std::strerror(errno));
  }
  if (got == 0) at_eof_ = true;
  end_ += static_cast<size_t>(got);
  return static_cast<size_t>(got);
}

bool LineReader::next(std::string_view& line) {
  size_t searched = begin_;
  for (;;) {
    const char* start = buffer_.data() + searched;
    if (const void* newline = std::memchr(start, '\n', end_ - searched)) {
      const size_t at = static_cast<size_t>(static_cast<const char*>(newline) - buffer_.data());
      size_t length = at - begin_;
      if (length > 0 && buffer_[at - 1] == '\r') --length;
      line = std::string_view(buffer_.data() + begin_, length);
      begin_ = at + 1;
      ++line_number_;
      return true;
    }
    searched = end_;
    const size_t kept = begin_;
    if (fill() == 0) break;
    searched -= kept;  // fill() moved the unread bytes to the front
  }
  if (begin_ == end_) return false;
  line = std::string_view(buffer_.data() + begin_, end_ - begin_);
  begin_ = end_;
  ++line_number_;
  ended_without_newline_ = true;
  return true;
}

}  // namespace perfgate::k6
