// Where `perfgate gate` sends its reports. Text and JSON are rendered here until
// gates::write_reports (gates/report/report_writer.h) covers every format.
#pragma once

#include "gates/report/report_input.h"
#include "gates/report/report_writer.h"

namespace perfgate::cli {

// Throws InputError before any load when a format is not available or --report-dir is unusable.
void check_gate_report_request(const gates::ReportRequest& request);

// The requested reports, then the provenance lines (where the baseline came from, whether the
// change edits it, environment differences) on stdout.
void write_gate_reports(const gates::ReportInput& input, const gates::ReportRequest& request);

}  // namespace perfgate::cli
