#include "adapters/jmeter/jtl_csv.h"

#include <array>
#include <cstring>

#include "adapters/jmeter/csv_record.h"
#include "adapters/jmeter/jtl_fields.h"
#include "core/errors.h"

namespace perfgate::jmeter {
namespace {

constexpr std::array<char, 4> kDelimiters = {',', '\t', ';', '|'};
// A record longer than this is binary data or a runaway quote, not a JMeter sample.
constexpr size_t kLongestRecordBytes = 64u << 20;
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr int kAbsent = -1;

// Which field of a record holds each column perfgate reads.
struct Layout {
  std::array<int, kReadColumnCount> index{};
  std::array<std::string, kReadColumnCount> name{};
  size_t field_count = 0;
  bool from_header = false;
};

Layout layout_of(const std::vector<std::string_view>& names, bool from_header) {
  Layout layout;
  layout.index.fill(kAbsent);
  layout.field_count = names.size();
  layout.from_header = from_header;
  for (size_t i = 0; i < names.size(); ++i) {
    const JtlColumn column = column_named(names[i]);
    if (column == JtlColumn::other) continue;
    const auto slot = static_cast<size_t>(column);
    if (layout.index[slot] == kAbsent) {
      layout.index[slot] = static_cast<int>(i);
      layout.name[slot] = std::string(names[i]);
    }
  }
  return layout;
}

size_t count_jmeter_columns(const std::vector<std::string_view>& names) {
  size_t known = 0;
  for (std::string_view name : names) known += is_jmeter_column(name) ? 1 : 0;
  return known;
}

// The sample a sub-result row follows: its label, thread and time window.
struct Parent {
  bool valid = false;
  std::string label;
  std::string thread;
  int64_t start_ms = 0;
  int64_t elapsed_ms = -1;  // -1: unknown
};

bool is_child_suffix(std::string_view rest) {
  if (rest.empty() || rest.front() == '-' || rest.back() == '-') return false;
  for (char c : rest)
    if ((c < '0' || c > '9') && c != '-') return false;
  return true;
}

}  // namespace

struct JtlCsvReader::State {
  std::string source;
  JtlReadOptions options;
  Sink sink;
  std::string pending;
  int64_t line = 1;  // of the next record
  char delimiter = ',';
  std::optional<Layout> layout;
  CsvRecord record;
  Parent parent;
  bool seen_bytes = false;

  [[noreturn]] void fail(int64_t at_line, const std::string& message) const {
    throw InputError(source, "line " + std::to_string(at_line), message);
  }
  [[noreturn]] void fail_field(JtlColumn column, const std::string& message) const {
    throw InputError(
        source,
        "line " + std::to_string(line) + ", column " + layout->name[static_cast<size_t>(column)],
        message);
  }

  std::string_view field(JtlColumn column) const {
    const int index = layout->index[static_cast<size_t>(column)];
    return index == kAbsent ? std::string_view{} : record.fields[static_cast<size_t>(index)];
  }

  std::optional<int64_t> count(JtlColumn column) const {
    if (layout->index[static_cast<size_t>(column)] == kAbsent) return std::nullopt;
    int64_t value = 0;
    const std::string_view text = field(column);
    const FieldValue parsed =
        column == JtlColumn::timestamp ? parse_timestamp_ms(text, value) : parse_count(text, value);
    if (parsed == FieldValue::bad) fail_field(column, "expected a number, got " + excerpt(text));
    if (parsed == FieldValue::absent) return std::nullopt;
    return value;
  }

  void check_not_binary(std::string_view head) const {
    if (std::memchr(head.data(), '\0', std::min<size_t>(head.size(), 4096)))
      fail(1, "holds binary data (NUL bytes): not a JMeter CSV or XML JTL");
  }

  std::vector<std::string_view> split_line(std::string_view text, char with) {
    SplitResult split = split_record(text, 0, with, true, record);
    if (split.status != SplitStatus::complete) return {};
    return record.fields;
  }

  // Reads the header (or decides there is none) once the first line is complete.
  bool read_first_line(size_t& pos, bool at_eof) {
    if (pending.compare(0, kUtf8Bom.size(), kUtf8Bom) == 0) pos = kUtf8Bom.size();
    const size_t newline = pending.find('\n', pos);
    if (newline == std::string::npos && !at_eof) return false;
    check_not_binary(std::string_view(pending).substr(pos));
    const std::string_view first = std::string_view(pending).substr(
        pos, newline == std::string::npos ? newline : newline - pos);
    size_t best_known = 0;
    for (char candidate : kDelimiters) {
      if (options.delimiter && candidate != *options.delimiter) continue;
      const size_t known = count_jmeter_columns(split_line(first, candidate));
      if (known > best_known) {
        best_known = known;
        delimiter = candidate;
      }
    }
    if (best_known >= 2) {
      layout = layout_of(split_line(first, delimiter), true);
      pos = newline == std::string::npos ? pending.size() : newline + 1;
      line = 2;
    } else {
      use_column_list(first);
    }
    require(JtlColumn::label, "label");
    require(JtlColumn::success, "success");
    return true;
  }

  // A file without a header: the configured columns, else the defaults of the JMeter version
  // whose column count matches the first line (2.13's when none does).
  void use_column_list(std::string_view first) {
    delimiter = options.delimiter.value_or(',');
    if (!options.delimiter && split_line(first, '\t').size() > 1 &&
        split_line(first, ',').size() == 1)
      delimiter = '\t';
    const std::vector<std::string>* names = &options.columns;
    if (names->empty()) {
      names = default_columns_with(split_line(first, delimiter).size());
      if (!names) names = &jmeter_2_13_columns();
    }
    std::vector<std::string_view> views(names->begin(), names->end());
    layout = layout_of(views, false);
  }

  void require(JtlColumn column, const char* name) const {
    if (layout->index[static_cast<size_t>(column)] != kAbsent) return;
    if (layout->from_header) fail(1, std::string("the header has no '") + name + "' column");
    throw InputError(
        source, "columns",
        std::string("the column list for a JTL without a header has no '") + name + "' column");
  }

  std::string expected_fields() const {
    if (layout->from_header) return "the header has " + std::to_string(layout->field_count);
    return "a JTL without a header line is read with " +
           std::string(options.columns.empty() ? "the default columns of a JMeter version ("
                                               : "the configured columns (") +
           std::to_string(layout->field_count) + "); give the columns this file was written with";
  }

  SampleKind kind_of(const JtlSample& sample, std::string_view thread) {
    const bool child = parent.valid && sample.label.size() > parent.label.size() + 1 &&
                       sample.label.compare(0, parent.label.size(), parent.label) == 0 &&
                       sample.label[parent.label.size()] == '-' &&
                       is_child_suffix(sample.label.substr(parent.label.size() + 1)) &&
                       thread == parent.thread &&
                       (!sample.start_ms || parent.elapsed_ms < 0 ||
                        (*sample.start_ms >= parent.start_ms - parent.elapsed_ms &&
                         *sample.start_ms <= parent.start_ms + parent.elapsed_ms));
    if (child) return SampleKind::subresult;
    parent = {.valid = true,
              .label = std::string(sample.label),
              .thread = std::string(thread),
              .start_ms = sample.start_ms.value_or(0),
              .elapsed_ms = sample.elapsed_ms.value_or(-1)};
    const std::string_view message = field(JtlColumn::response_message);
    return message.substr(0, kTransactionMessagePrefix.size()) == kTransactionMessagePrefix
               ? SampleKind::transaction
               : SampleKind::request;
  }

  void handle_record(bool last) {
    if (record.fields.size() != layout->field_count)
      fail(line,
           std::to_string(record.fields.size()) + " fields where " + expected_fields() +
               (last && record.fields.size() < layout->field_count ? " (the file is truncated?)"
                                                                   : ""));
    JtlSample sample;
    sample.label = field(JtlColumn::label);
    const std::optional<bool> success = parse_success(field(JtlColumn::success));
    if (!success)
      fail_field(JtlColumn::success,
                 "expected true or false, got " + excerpt(field(JtlColumn::success)));
    sample.success = *success;
    sample.response_code = field(JtlColumn::response_code);
    sample.start_ms = count(JtlColumn::timestamp);
    sample.elapsed_ms = count(JtlColumn::elapsed);
    sample.latency_ms = count(JtlColumn::latency);
    sample.connect_ms = count(JtlColumn::connect);
    sample.bytes_received = count(JtlColumn::bytes);
    sample.bytes_sent = count(JtlColumn::sent_bytes);
    sample.sample_count = count(JtlColumn::sample_count).value_or(1);
    sample.error_count = count(JtlColumn::error_count);
    sample.kind = kind_of(sample, field(JtlColumn::thread_name));
    sink(sample, line);
  }

  void consume(bool at_eof) {
    size_t pos = 0;
    if (!layout && !read_first_line(pos, at_eof)) return;
    while (pos < pending.size()) {
      SplitResult split = split_record(pending, pos, delimiter, at_eof, record);
      if (split.status == SplitStatus::need_more) break;
      if (split.status == SplitStatus::malformed) fail(line, split.error);
      if (split.status == SplitStatus::complete)
        handle_record(at_eof && split.end == pending.size());
      line += 1 + static_cast<int64_t>(record.line_breaks_inside);
      record.line_breaks_inside = 0;
      pos = split.end;
    }
    pending.erase(0, pos);
    if (pending.size() > kLongestRecordBytes)
      fail(line, "a record longer than 64 MiB: binary data or a quote that is never closed");
  }
};

JtlCsvReader::JtlCsvReader(std::string source, const JtlReadOptions& options, Sink sink)
    : state_(std::make_unique<State>()) {
  state_->source = std::move(source);
  state_->options = options;
  state_->sink = std::move(sink);
  for (const std::string& name : options.columns)
    if (!is_jmeter_column(name))
      throw InputError(
          "columns", "",
          "'" + name + "' is not a JMeter JTL column (timeStamp, elapsed, label, ...)");
}

JtlCsvReader::~JtlCsvReader() = default;

void JtlCsvReader::feed(std::string_view bytes) {
  state_->pending.append(bytes);
  state_->seen_bytes = state_->seen_bytes || !bytes.empty();
  state_->consume(false);
}

void JtlCsvReader::finish() {
  state_->consume(true);
  if (!state_->seen_bytes) state_->fail(1, "the file is empty");
}

}  // namespace perfgate::jmeter
