// The baseline file: a perfgate results file (`perfgate/result/v1`) trimmed to what comparisons
// need, laid out for small, readable diffs in pull requests:
// - per run only index, status (and failure_reason), duration_s and metrics; per metric only
//   name, unit, tags, value, the readable summary and the histogram (timelines, start times and
//   logs are dropped; git keeps only the commit that was measured);
// - a fixed key order (schema first), one scenario per block, one run per block, one metric
//   per line, so a change of one statistic changes one line.
// Any perfgate results file is also a readable baseline: the reader is the results reader.
#pragma once

#include <string>

#include "core/model/run_result.h"

namespace perfgate::baselines {

// The trimmed text, ending in a newline. Deterministic: equal results give equal bytes.
std::string render_baseline(const SuiteResult& result);

// Parses baseline text read from `source` (a path, or "REV:path" for a blob read from git).
// Throws InputError naming `source`: not JSON (with the position), an unknown schema version
// (naming the one this build reads), or any invalid field.
SuiteResult parse_baseline(const std::string& text, const std::string& source);

}  // namespace perfgate::baselines
