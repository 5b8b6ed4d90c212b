// Hand-built report inputs for the HTML report tests: deterministic SuiteResults (latency
// histograms per request, throughput with per-second timelines, error counts), a GateResult
// with fixed numbers for every verdict, SLA results, notes, provenance and history. Built by
// hand, not by compare(), so the golden output changes only when the report changes.
#pragma once

#include <string>
#include <vector>

#include "gates/report/report_input.h"

namespace perfgate::testing {

struct HtmlFixtureOptions {
  int scenarios = 2;           // the second scenario (if any) is an artillery one
  int runs = 5;                // per side
  int values_per_run = 1000;   // latency values per request and run
  bool hostile_names = false;  // scenario/request names with markup, quotes, newlines, secrets
  bool with_history = true;
};

// Owns everything a ReportInput points at.
struct HtmlFixture {
  gates::GateResult gate{};
  SuiteResult baseline{};
  SuiteResult candidate{};
  std::vector<gates::HistoryPoint> history{};

  gates::ReportInput input() const;
};

HtmlFixture make_html_fixture(const HtmlFixtureOptions& options);

// Names used when hostile_names is set, for the injection tests.
inline const std::string kHtmlHostileScenario =
    "<script>alert(\"x\")</script> | `tick` \n line2 caf\xC3\xA9 \xE2\x98\x95";
inline const std::string kHtmlHostileRequest = "\"quoted\" & <b>bold</b> 'single'";
inline const std::string kHtmlSecretValue = "sekrit-value-42";

}  // namespace perfgate::testing
