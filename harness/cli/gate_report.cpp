#include "harness/cli/gate_report.h"

namespace perfgate::cli {

void check_gate_report_request(const gates::ReportRequest& request) {
  gates::check_report_request(request);
}

void write_gate_reports(const gates::ReportInput& input, const gates::ReportRequest& request) {
  gates::write_reports(input, request);
}

}  // namespace perfgate::cli
