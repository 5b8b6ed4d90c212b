#include "adapters/jmeter/csv_record.h"

#include <algorithm>
#include <cstring>

namespace perfgate::jmeter {
namespace {

std::string_view without_cr(std::string_view field) {
  if (!field.empty() && field.back() == '\r') field.remove_suffix(1);
  return field;
}

// Reads the quoted field whose opening quote is data[at]. On success sets `field` and moves
// `at` past the closing quote.
SplitStatus read_quoted(std::string_view data, size_t& at, bool at_eof, CsvRecord& record,
                        std::string_view& field, std::string& error) {
  const size_t content = at + 1;
  size_t scan = content;
  bool doubled = false;
  while (true) {
    const void* found = std::memchr(data.data() + scan, '"', data.size() - scan);
    if (!found) {
      if (!at_eof) return SplitStatus::need_more;
      error = "a quoted field is never closed (the file is truncated?)";
      return SplitStatus::malformed;
    }
    const size_t quote = static_cast<size_t>(static_cast<const char*>(found) - data.data());
    if (quote + 1 == data.size() && !at_eof) return SplitStatus::need_more;
    if (quote + 1 < data.size() && data[quote + 1] == '"') {
      doubled = true;
      scan = quote + 2;
      continue;
    }
    field = data.substr(content, quote - content);
    at = quote + 1;
    break;
  }
  record.line_breaks_inside += static_cast<size_t>(std::count(field.begin(), field.end(), '\n'));
  if (doubled) {
    const size_t index = record.fields.size();
    if (record.unescaped.size() <= index) record.unescaped.resize(index + 1);
    std::string& text = record.unescaped[index];
    text.clear();
    for (size_t i = 0; i < field.size(); ++i) {
      text += field[i];
      if (field[i] == '"') ++i;  // the second quote of a doubled pair
    }
    field = text;
  }
  return SplitStatus::complete;
}

}  // namespace

SplitResult split_record(std::string_view data, size_t start, char delimiter, bool at_eof,
                         CsvRecord& record) {
  record.fields.clear();
  record.line_breaks_inside = 0;
  size_t at = start;
  if (at < data.size() &&
      (data[at] == '\n' || (data[at] == '\r' && at + 1 < data.size() && data[at + 1] == '\n')))
    return {.status = SplitStatus::blank, .end = at + (data[at] == '\r' ? 2 : 1)};
  while (true) {
    std::string_view field;
    if (at < data.size() && data[at] == '"') {
      std::string error;
      SplitStatus status = read_quoted(data, at, at_eof, record, field, error);
      if (status != SplitStatus::complete) return {.status = status, .end = start, .error = error};
      if (at < data.size() && data[at] == '\r' && at + 1 < data.size() && data[at + 1] == '\n')
        ++at;
      if (at < data.size() && data[at] != delimiter && data[at] != '\n')
        return {.status = SplitStatus::malformed,
                .end = start,
                .error = "a character follows the closing quote of a quoted field"};
    } else {
      size_t stop = at;
      while (stop < data.size() && data[stop] != delimiter && data[stop] != '\n') ++stop;
      if (stop == data.size() && !at_eof) return {.status = SplitStatus::need_more, .end = start};
      field = data.substr(at, stop - at);
      if (stop == data.size() || data[stop] == '\n') field = without_cr(field);
      at = stop;
    }
    record.fields.push_back(field);
    if (at >= data.size()) return {.status = SplitStatus::complete, .end = data.size()};
    if (data[at] == '\n') return {.status = SplitStatus::complete, .end = at + 1};
    ++at;  // past the delimiter
  }
}

}  // namespace perfgate::jmeter
