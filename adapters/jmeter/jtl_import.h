// Import of one JMeter JTL file, CSV or XML (told apart by the first character that is not a
// BOM or white space: '<' means XML), into one RunResult with the metrics of jtl_results.h.
// The file is streamed in 1 MiB chunks: memory stays flat whatever its size.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "adapters/jmeter/jtl_sample.h"
#include "core/model/run_result.h"

namespace perfgate::jmeter {

// `source` names the text in errors. Throws InputError(source, "line L...", what) for malformed
// or truncated content and for a JTL that holds no samples.
RunResult import_jtl_text(std::string_view text, const std::string& source,
                          const JtlReadOptions& options = {});

// The same for a file; also throws InputError for a file that cannot be read.
RunResult import_jtl_file(const std::filesystem::path& path, const JtlReadOptions& options = {});

}  // namespace perfgate::jmeter
