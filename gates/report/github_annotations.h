// GitHub Actions workflow commands for a gate: `::error title=...::message` for each regression
// and SLA breach, `::warning` for inconclusive comparisons, a baseline edited by the change, a
// differing environment and a suite-wide shift. GitHub shows them on the run's summary page and
// the pull request. Messages are redacted, and escaped as the runner expects (% CR LF in data;
// also : and , in properties).
#pragma once

#include <string>

#include "gates/report/report_input.h"

namespace perfgate::gates {

std::string render_github_annotations(const ReportInput& input);

}  // namespace perfgate::gates
