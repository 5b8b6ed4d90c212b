// JUnit XML for CI test views (Jenkins, GitLab): one <testsuite> per scenario, one <testcase>
// per gated comparison and per SLA check. A regression or an SLA breach is a <failure> whose
// message is the finding's sentence and whose text holds the numbers (run values, change with
// interval, p-values); an inconclusive comparison or an SLA rule without data is <skipped>.
// Valid against the Apache Ant JUnit schema (tests/fixtures/report/schema/JUnit.xsd).
#pragma once

#include <string>

#include "gates/report/report_input.h"

namespace perfgate::gates {

std::string render_junit(const ReportInput& input);

}  // namespace perfgate::gates
