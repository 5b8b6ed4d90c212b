// Import of k6 `--out json=FILE` output (NDJSON, plain or gzip): Metric lines declare a metric's
// type and unit, Point lines carry one sample. Streamed: memory grows with the number of
// distinct (metric, tag set) pairs, not with the file.
//
// Speed: Point lines in k6's fixed shape ({"metric":..,"type":"Point","data":{"time":..,
// "value":..,"tags":{..}[,"metadata":{..}]}}) are read by a hand-written scanner; any other
// line (Metric lines, older key orders, escaped strings) goes through a full JSON parse, which
// also produces the error message for a bad line.
#pragma once

#include <string>
#include <string_view>

#include "adapters/k6/k6_line_reader.h"
#include "core/model/run_result.h"

namespace perfgate::k6 {

// True when `line` (a file's first line) reads as a k6 NDJSON Metric or Point line.
bool looks_like_ndjson_line(std::string_view line);

// Reads every line of `reader` (opened on `path`) into one run (mapping in k6_samples.h).
// Throws InputError(path, "line N", what) for a line that is not JSON or not a Metric/Point
// object, a missing or ill-typed field (named as data.value, data.time, ...), a file that ends
// inside a line (truncated), or a file without any Point.
RunResult import_ndjson(LineReader& reader, const std::string& path);

}  // namespace perfgate::k6
