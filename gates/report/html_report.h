// The HTML report: one self-contained page (inline CSS and SVG, no script, no network: a
// Content-Security-Policy forbids every fetch) that reads on a laptop and a phone. A summary
// table at the top links down to one section per scenario with, per request, the latency
// percentile spectrum and histogram of baseline vs candidate, per-second timelines, and per
// compared statistic the run-to-run values and the history trend. Notes on provenance (a
// baseline edited by the change, differing environments), the suite-wide shift, SLA results and
// approximate distributions come first. Every name and free text is redacted and escaped.
// A pure function of its input; the output is deterministic (golden-tested).
#pragma once

#include <string>

#include "gates/report/report_input.h"

namespace perfgate::gates {

std::string render_html(const ReportInput& input);

}  // namespace perfgate::gates
