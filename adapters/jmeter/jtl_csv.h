// Streaming reader of JMeter's CSV JTL (save/CSVSaveService.java): fed in chunks of any size,
// it never holds more than the record being read.
//
// Columns come from the header line when there is one (JMeter's names, any order, unknown
// columns and quoted "variable" columns skipped); a file without a header is read with the
// configured column list, by default JMeter 2.13's twelve default columns. The delimiter is read
// off the header (',', tab, ';' or '|') unless configured. Fields follow JMeter's quoting: a
// field holding the delimiter, a quote or a line break is wrapped in '"' with quotes doubled;
// such fields may span lines. CRLF line ends and a UTF-8 BOM are accepted.
//
// Sub-result rows (JMeter >= 5.0 writes a sample's children after it, renamed `<parent>-<n>`)
// are recognised by their label, thread and times lying inside the parent's, and handed on as
// SampleKind::subresult. Rows whose responseMessage starts "Number of samples in transaction"
// are transaction controller samples (SampleKind::transaction).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "adapters/jmeter/jtl_sample.h"

namespace perfgate::jmeter {

class JtlCsvReader {
 public:
  // Receives each sample with the line it starts on (1-based).
  using Sink = std::function<void(const JtlSample&, int64_t line)>;

  // `source` names the file in errors. Throws InputError("columns", ...) for an unknown name
  // in options.columns.
  JtlCsvReader(std::string source, const JtlReadOptions& options, Sink sink);
  ~JtlCsvReader();

  // Both throw InputError(source, "line L[, column NAME]", what is wrong) for a malformed
  // record; finish() also for a truncated last record (an open quote, missing fields).
  void feed(std::string_view bytes);
  void finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace perfgate::jmeter
