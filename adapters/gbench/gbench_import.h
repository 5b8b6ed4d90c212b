// Import of Google Benchmark JSON output (`--benchmark_format=json` or
// `--benchmark_out=F --benchmark_out_format=json`) into the core model.
//
// Mapping: one ScenarioResult per benchmark `run_name` (`name` in files older than v1.5), adapter
// "gbench"; every iteration row (one repetition) is one RunResult; aggregate rows
// (mean/median/stddev/cv/BigO/RMS/user aggregates) are ignored, because the gate recomputes its
// statistics from the repetitions. Per ok run the metrics are:
//   real_time, cpu_time   value in ns per iteration (converted from the row's time_unit)
//   items_per_second      value, unit "1/s"      (when present)
//   bytes_per_second      value, unit "bytes/s"  (when present)
//   iterations            value, unit "count"    (when present)
//   allocs_per_iter (count), max_bytes_used, total_allocated_bytes, net_heap_growth (bytes)
//   every other numeric key (a user counter): value, unit ""
// A row with `error_occurred: true` or `skipped: true` becomes a failed run carrying its message
// and no metrics (its zero times are not measurements). Bare NaN / Infinity tokens, which Google
// Benchmark writes although they are not JSON, are read as NaN / infinite values; null counters
// read as NaN. Every run's started_at is the file's context.date in UTC when the date carries a
// zone offset (v1.6+), empty otherwise.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model/run_result.h"

namespace perfgate {

// True when `text` holds a JSON object whose top level has both "context" and "benchmarks" keys.
// Reads only as far as needed; never throws. Used to tell a Google Benchmark file from a perfgate
// results file.
bool looks_like_gbench(std::string_view text);

// Imports one file's text. `source` names the file in errors. The suite name is the basename of
// context.executable (the file's stem when absent); environment.cores comes from
// context.num_cpus and environment.tools["gbench"] from context.library_version; the host name is
// not stored. Throws InputError(source, where, what) for malformed or truncated JSON (where =
// "line L, column C"), a wrong top-level shape, or a missing/ill-typed field (where =
// "benchmarks[3].real_time").
SuiteResult import_gbench(std::string_view text, const std::string& source);

// Imports several files of the same benchmarks (e.g. one per CI run) into one SuiteResult: each
// file adds runs to the scenarios of the same name, new benchmarks add scenarios. Suite name and
// environment come from the first file. Throws InputError for an unreadable file, as above for
// bad content, and for an empty list.
SuiteResult import_gbench_files(const std::vector<std::string>& paths);

}  // namespace perfgate
