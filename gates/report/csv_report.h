// CSV for spreadsheets and scripts (RFC 4180): a header, then one row per comparison in the
// report's order (regressions first). Numbers are plain (no units, `.` decimal point, empty when
// not finite); text cells are quoted when needed, and a cell that a spreadsheet would run as a
// formula (starting with = + - @, tab or CR) is prefixed with ' (OWASP's CSV-injection advice).
#pragma once

#include <string>

#include "gates/report/report_input.h"

namespace perfgate::gates {

// Columns: suite, scenario, request, metric, tags, statistic, unit, direction, baseline_runs,
// candidate_runs, baseline_median, candidate_median, ratio, ci_low, ci_high, median_ratio, test,
// p_value, p_adjusted, mann_whitney_p, verdict, repetitions_needed, sentence.
std::string render_csv(const ReportInput& input);

}  // namespace perfgate::gates
