// Reads a k6 output file line by line without holding it in memory: plain text or gzip (k6
// writes `--out json=file.gz` compressed; detected by the gzip magic bytes, not the name).
// Lines are handed out as views into an internal buffer, valid until the next call.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace perfgate::k6 {

class LineReader {
 public:
  // Opens `path`. Throws InputError(path, "", ...) when it cannot be read.
  explicit LineReader(const std::string& path);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line without its '\n' (and a trailing '\r'), or false at the end. The last line
  // of a file may lack its '\n': ended_without_newline() then tells a truncated file apart.
  // Throws InputError naming the line on a read error, a corrupt or truncated gzip stream,
  // or a line longer than kMaxLineBytes.
  bool next(std::string_view& line);
  uint64_t line_number() const { return line_number_; }  // of the line last returned, 1-based
  bool ended_without_newline() const { return ended_without_newline_; }
  bool compressed() const { return gzip_ != nullptr; }

  static constexpr size_t kMaxLineBytes = size_t{64} << 20;

 private:
  size_t fill();  // appends bytes after end_, returns how many (0 at end of input)

  std::string path_;
  int fd_ = -1;
  void* gzip_ = nullptr;  // gzFile when compressed
  std::vector<char> buffer_;
  size_t begin_ = 0;  // first unread byte
  size_t end_ = 0;    // one past the last valid byte
  bool at_eof_ = false;
  bool ended_without_newline_ = false;
  uint64_t line_number_ = 0;
};

}  // namespace perfgate::k6
