// Fixed inputs for the report tests: a hand-built GateResult (every verdict, SLA outcomes, notes,
// provenance, a suite-wide shift) and small deterministic SuiteResults, so golden outputs depend
// on the renderers alone. One scenario carries hostile names (markup, |, backticks, quotes,
// newlines, non-ASCII) and a secret in a tag and in free text.
#pragma once

#include <filesystem>
#include <string>

#include "gates/report/report_input.h"

namespace perfgate::testing {

// The hostile scenario name and the secrets planted in the fixture.
inline const std::string kHostileScenario =
    "<script>alert(1)</script> | `rm -rf` \"q\"\nnext \xE6\x97\xA5\xE6\x9C\xAC";
inline const std::string kPlantedSecrets[] = {"hunter2", "eyJhbGciOi", "s3cr3t-cookie"};

struct ReportFixture {
  SuiteResult baseline;
  SuiteResult candidate;
  gates::GateResult gate;
  gates::ReportInput input() const;
};

ReportFixture failing_report();  // regressions, an SLA breach, notes
ReportFixture passing_report();  // nothing changed beyond the threshold
// `scenarios` scenarios of 5 compared statistics each (one regression per scenario).
ReportFixture large_report(int scenarios);

// Compares `actual` with tests/fixtures/report/golden/<name>; with PERFGATE_UPDATE_GOLDEN=1 in
// the environment, rewrites the file instead (then review the diff with git).
void check_golden(const std::string& name, const std::string& actual);

}  // namespace perfgate::testing
