// Import of k6 `--out csv=FILE` output: a header (metric_name,timestamp,metric_value, the
// enabled system tags, extra_tags[,metadata]) and one row per sample. Header-driven, so older
// files (no metadata column) and other tag selections read the same. CSV does not say a
// metric's type: k6's built-in metrics are known by name, any other metric is read as a trend
// of plain numbers (count, min, max, mean and percentiles of its values).
#pragma once

#include <string>
#include <string_view>

#include "adapters/k6/k6_line_reader.h"
#include "core/model/run_result.h"

namespace perfgate::k6 {

// True when `line` is a k6 CSV header.
bool looks_like_csv_header(std::string_view line);

// Reads the whole file into one run (mapping in k6_samples.h). Throws InputError(path,
// "line N[, column NAME]", what) for a bad header, a row with the wrong number of fields, a
// value or time that is not a number, a truncated last row, or a file without rows.
RunResult import_csv(LineReader& reader, const std::string& path);

}  // namespace perfgate::k6
