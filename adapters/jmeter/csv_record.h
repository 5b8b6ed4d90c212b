// Splits one CSV record of a JTL as JMeter quotes it (CSVSaveService.quoteDelimiters): a field
// holding the delimiter, '"', CR or LF is wrapped in '"' with inner quotes doubled; other
// fields are bare. The record ends at a line feed outside quotes (a CR before it is dropped).
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace perfgate::jmeter {

struct CsvRecord {
  std::vector<std::string_view> fields;  // views into the input or into `unescaped`
  std::deque<std::string> unescaped;     // quoted fields with doubled quotes (stable storage)
  size_t line_breaks_inside = 0;         // line feeds inside quoted fields
};

enum class SplitStatus {
  complete,   // `record` holds the fields; `end` is past the line feed
  need_more,  // the record does not end inside `data` (and data is not at its end)
  blank,      // an empty line; `end` is past it
  malformed,  // `error` says what; the record started at `start`
};

struct SplitResult {
  SplitStatus status = SplitStatus::complete;
  size_t end = 0;
  std::string error{};
};

// Splits the record starting at data[start]. `at_eof`: no more bytes will follow `data`, so a
// record without a final line feed is complete and an open quote is an error.
SplitResult split_record(std::string_view data, size_t start, char delimiter, bool at_eof,
                         CsvRecord& record);

}  // namespace perfgate::jmeter
