// The results file `perfgate/result/v1`: serialization of SuiteResult beside the type.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/model/run_result.h"

namespace perfgate {

inline constexpr const char* kResultSchema = "perfgate/result/v1";

// The documented layout (docs/results-file.md). A histogram metric carries a readable
// "summary" beside its encoded "histogram"; empty tags and timelines and an absent git block
// are omitted. Non-finite numbers become null (JSON has no NaN) and read back as NaN.
nlohmann::json to_json(const SuiteResult& result);

// Validates every field. Throws InputError naming `source` (a file path) and the offending
// field, e.g. "results.json: scenarios[0].runs[2].metrics[1].histogram: not a valid histogram
// encoding (...)". An unknown "schema" value names the version this build reads. Missing
// optional fields get the defaults of the model types (a run's index defaults to its position);
// wrong types, unknown statuses and duplicate metrics (same name and tags) are errors. Unknown
// keys are ignored. The histogram is authoritative: "summary" is not read.
SuiteResult suite_result_from_json(const nlohmann::json& json, const std::string& source);

// Throws InputError naming `path` when it is missing, unreadable or not JSON (with the parse
// position), and as suite_result_from_json for content errors.
SuiteResult read_results_file(const std::string& path);
// Pretty-printed with 2-space indent and the documented key order (diff-friendly), written
// atomically (temp file beside `path`, fsync, rename). Throws InputError when it cannot write.
void write_results_file(const SuiteResult& result, const std::string& path);

}  // namespace perfgate
