// Import of k6 output files of any kind: `--out json` NDJSON (plain or .gz), `--out csv`, and
// the end-of-test summary (`--summary-export` or handleSummary data). The kind is read from the
// content, not the name.
//
// Files whose names share a stem (groups.ndjson, groups.summary.json, groups.csv.gz: stem
// "groups") are one run: the samples come from the NDJSON or CSV file, k6's threshold results
// from the summary; a summary alone gives its aggregate values (k6_summary.h).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/model/run_result.h"

namespace perfgate::k6 {

enum class FileKind { ndjson, csv, summary };
const char* to_string(FileKind kind);  // "NDJSON", "CSV", "summary"

struct ImportedFile {
  FileKind kind = FileKind::ndjson;
  RunResult run;
};

// Detects the kind and imports the file. Throws InputError(path, where, what) naming the line
// (or field) for bad content, and for a file that is none of the three kinds.
ImportedFile import_k6_file(const std::string& path);

// The run of a samples file (may be absent) completed by a summary of the same run (may be
// absent; at least one is given): the samples' metrics plus the summary's threshold results.
RunResult merge_run(std::optional<ImportedFile> samples, std::optional<ImportedFile> summary);

// "dir/groups.summary.json" -> "groups"; "k6.ndjson.gz" -> "k6".
std::string run_stem(const std::string& path);

// One (stem, run) per distinct stem, in the order the stems first appear. Throws InputError
// for an empty list and for two samples files (or two summaries) of the same stem.
std::vector<std::pair<std::string, RunResult>> import_k6_runs(
    const std::vector<std::string>& paths);

}  // namespace perfgate::k6
