// The results file `perfgate/result/v1`: serialization of SuiteResult beside the type.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "harness/model/run_result.h"

namespace perfgate {

inline constexpr const char* kResultSchema = "perfgate/result/v1";

nlohmann::json to_json(const SuiteResult& result);
// Throws InputError naming `source` (a file path) and the offending field, e.g.
// "results.json: scenarios[0].runs[2].metrics[1].histogram: not a valid histogram encoding".
// An unknown "schema" value is an error that names the versions this build reads.
SuiteResult suite_result_from_json(const nlohmann::json& json, const std::string& source);

// File helpers. write_results_file writes atomically (temp file + rename).
SuiteResult read_results_file(const std::string& path);
void write_results_file(const SuiteResult& result, const std::string& path);

}  // namespace perfgate
