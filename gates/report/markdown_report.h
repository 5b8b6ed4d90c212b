// The Markdown report for a pull-request comment and GitHub's job summary: a one-line headline,
// the table of what changed (regressions, improvements, inconclusive) with one plain sentence
// per finding, SLA results, notes (baseline edited by the change, environment differs,
// suite-wide shift, too few repetitions, failed runs, one-sided metrics), and the unchanged
// metrics folded in a <details> block. Every name is redacted and escaped (escape.h).
//
// GitHub rejects comments over 65 536 characters. The report is always smaller than
// MarkdownOptions::max_bytes: when the whole report would not fit, the least important rows go
// first (unchanged metrics, then passing SLA checks, then changed metrics from the bottom of the
// order), and a note says how many rows are missing and where the full report is.
#pragma once

#include <cstddef>
#include <string>

#include "gates/report/report_input.h"

namespace perfgate::gates {

struct MarkdownOptions {
  // Bytes, so also under GitHub's limit in characters; a little room is left for the text a
  // workflow wraps around the comment.
  std::size_t max_bytes = 65000;
  // Where the truncation note sends readers for the rows that do not fit.
  std::string full_report = "the HTML report (perfgate.html in the job's artifacts)";
};

std::string render_markdown(const ReportInput& input, const MarkdownOptions& options = {});

}  // namespace perfgate::gates
