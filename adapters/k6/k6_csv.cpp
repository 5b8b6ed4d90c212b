#include "adapters/k6/k6_csv.h"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "adapters/k6/k6_samples.h"
#include "adapters/k6/k6_time.h"
#include "core/errors.h"

namespace perfgate::k6 {
namespace {

// Splits one CSV record (RFC 4180 quoting, as Go's encoding/csv writes it). Returns false when
// a quoted field is still open at the end of `text` (it continues on the next line).
bool split_record(std::string_view text, std::vector<std::string>& fields) {
  fields.assign(1, std::string());
  bool quoted = false;
  for (size_t at = 0; at < text.size(); ++at) {
    const char c = text[at];
    if (quoted) {
      if (c != '"')
        fields.back() += c;
      else if (at + 1 < text.size() && text[at + 1] == '"')
        fields.back() += text[++at];
      else
        quoted = false;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c == '"' && fields.back().empty()) {
      quoted = true;
    } else {
      fields.back() += c;
    }
  }
  return !quoted;
}

struct Columns {
  size_t metric = SIZE_MAX, time = SIZE_MAX, value = SIZE_MAX, extra = SIZE_MAX,
         metadata = SIZE_MAX;
  std::vector<std::string> names;
};

// extra_tags / metadata: "k=v&k2=v2", unescaped (a value may itself hold '&' or '=').
void add_packed_tags(std::string_view packed, Tags& tags) {
  while (!packed.empty()) {
    const size_t amp = packed.find('&');
    const std::string_view pair = packed.substr(0, amp);
    const size_t equals = pair.find('=');
    if (equals != std::string_view::npos)
      tags[std::string(pair.substr(0, equals))] = std::string(pair.substr(equals + 1));
    if (amp == std::string_view::npos) break;
    packed.remove_prefix(amp + 1);
  }
}

class CsvReader {
 public:
  CsvReader(LineReader& reader, const std::string& path) : reader_(reader), path_(path) {}

  RunResult read() {
    std::vector<std::string> fields;
    if (!next_record(fields)) throw InputError(path_, "", "empty file: no k6 CSV header");
    read_header(fields);
    while (next_record(fields)) {
      if (fields.size() == 1 && fields[0].empty()) continue;
      add_row(fields);
    }
    if (sink_.samples() == 0)
      throw InputError(path_, "", "no rows: the k6 run recorded no samples");
    return sink_.build(tags_);
  }

 private:
  [[noreturn]] void fail(const std::string& what, const std::string& column = "") const {
    std::string where = "line " + std::to_string(record_line_);
    if (!column.empty()) where += ", column " + column;
    throw InputError(path_, where, what);
  }

  bool next_record(std::vector<std::string>& fields) {
    std::string_view line;
    if (!reader_.next(line)) return false;
    record_line_ = reader_.line_number();
    if (split_record(line, fields)) return true;
    std::string joined(line);
    while (reader_.next(line)) {  // a quoted field holding a newline
      joined.append("\n").append(line);
      if (split_record(joined, fields)) return true;
    }
    fail("the file ends inside a quoted field: truncated");
  }

  void read_header(const std::vector<std::string>& fields) {
    columns_.names = fields;
    for (size_t i = 0; i < fields.size(); ++i) {
      if (fields[i] == "metric_name")
        columns_.metric = i;
      else if (fields[i] == "timestamp")
        columns_.time = i;
      else if (fields[i] == "metric_value")
        columns_.value = i;
      else if (fields[i] == "extra_tags")
        columns_.extra = i;
      else if (fields[i] == "metadata")
        columns_.metadata = i;
    }
    if (columns_.metric == SIZE_MAX || columns_.time == SIZE_MAX || columns_.value == SIZE_MAX)
      fail("expected a k6 CSV header with metric_name, timestamp and metric_value");
  }

  void add_row(const std::vector<std::string>& fields) {
    if (fields.size() != columns_.names.size()) {
      if (reader_.ended_without_newline())
        fail("the file ends in the middle of this row: truncated");
      fail("expected " + std::to_string(columns_.names.size()) +
           " fields as in the header, found " + std::to_string(fields.size()));
    }
    const std::string& value_text = fields[columns_.value];
    double value = 0;
    auto [end, error] =
        std::from_chars(value_text.data(), value_text.data() + value_text.size(), value);
    if (error != std::errc() || end != value_text.data() + value_text.size() ||
        !std::isfinite(value))
      fail("expected a number, got \"" + value_text.substr(0, 40) + "\"", "metric_value");
    const std::optional<int64_t> time_ns = parse_csv_time_ns(fields[columns_.time]);
    if (!time_ns)
      fail("expected Unix seconds or an RFC 3339 time, got \"" +
               fields[columns_.time].substr(0, 40) + "\"",
           "timestamp");
    if (fields[columns_.metric].empty()) fail("empty metric name", "metric_name");
    sink_.add(sink_.metric_id(fields[columns_.metric]), tag_set(fields), value, *time_ns);
  }

  // The raw key of a row's tags: every field but name, time, value and metadata (non-indexed).
  uint32_t tag_set(const std::vector<std::string>& fields) {
    raw_.clear();
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i == columns_.metric || i == columns_.time || i == columns_.value ||
          i == columns_.metadata)
        continue;
      raw_.append(fields[i]).push_back('\x1f');
    }
    uint32_t id = 0;
    try {
      id = sink_.tag_set_id(raw_);
    } catch (const std::length_error& error) {
      fail(error.what());
    }
    if (id == tags_.size()) tags_.push_back(parse_tags(fields));
    return id;
  }

  Tags parse_tags(const std::vector<std::string>& fields) const {
    Tags tags;
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i == columns_.metric || i == columns_.time || i == columns_.value ||
          i == columns_.metadata)
        continue;
      if (i == columns_.extra)
        add_packed_tags(fields[i], tags);
      else if (!fields[i].empty())
        tags[columns_.names[i]] = fields[i];
    }
    return tags;
  }

  LineReader& reader_;
  const std::string& path_;
  Columns columns_;
  SampleSink sink_;
  std::vector<Tags> tags_;
  std::string raw_;
  uint64_t record_line_ = 0;
};

}  // namespace

bool looks_like_csv_header(std::string_view line) {
  return line.starts_with("metric_name,") && line.find("metric_value") != std::string_view::npos;
}

RunResult import_csv(LineReader& reader, const std::string& path) {
  return CsvReader(reader, path).read();
}

}  // namespace perfgate::k6
