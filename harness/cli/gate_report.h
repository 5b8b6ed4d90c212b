// Where `perfgate gate` sends its reports: every format through gates::write_reports; the text
// report carries the provenance (baseline source, edited baseline, environment differences).
#pragma once

#include "gates/report/report_input.h"
#include "gates/report/report_writer.h"

namespace perfgate::cli {

// Throws InputError before any load when --report-dir is unusable.
void check_gate_report_request(const gates::ReportRequest& request);

// The requested reports (stdout or --report-dir), job summary and annotations in GitHub Actions.
void write_gate_reports(const gates::ReportInput& input, const gates::ReportRequest& request);

}  // namespace perfgate::cli
