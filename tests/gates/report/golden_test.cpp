// Golden outputs: fixed inputs (report_fixture.h) rendered to exact bytes kept in
// tests/fixtures/report/golden/. After an intended change of a format, refresh them with
//   PERFGATE_UPDATE_GOLDEN=1 ./perfgate_report_tests "[golden]"
// and review the diff with git before committing.
#include <catch2/catch.hpp>

#include "gates/compare/gate_result_json.h"
#include "gates/report/csv_report.h"
#include "gates/report/github_annotations.h"
#include "gates/report/junit_report.h"
#include "gates/report/markdown_report.h"
#include "gates/report/openmetrics_report.h"
#include "gates/report/redact_gate.h"
#include "gates/report/text_report.h"
#include "report_fixture.h"

using namespace perfgate;
using namespace perfgate::testing;

TEST_CASE("golden: markdown of a failing and a passing gate", "[report][golden]") {
  check_golden("fail.md", gates::render_markdown(failing_report().input()));
  check_golden("pass.md", gates::render_markdown(passing_report().input()));
}

TEST_CASE("golden: JUnit XML", "[report][golden]") {
  check_golden("fail.junit.xml", gates::render_junit(failing_report().input()));
  check_golden("pass.junit.xml", gates::render_junit(passing_report().input()));
}

TEST_CASE("golden: CSV", "[report][golden]") {
  check_golden("fail.csv", gates::render_csv(failing_report().input()));
}

TEST_CASE("golden: OpenMetrics", "[report][golden]") {
  check_golden("fail.prom", gates::render_openmetrics(failing_report().input()));
}

TEST_CASE("golden: JSON (perfgate/gate/v1)", "[report][golden]") {
  check_golden("fail.json", gates::to_json_text(gates::redact_gate(failing_report().gate)));
}

TEST_CASE("golden: terminal text, plain and coloured", "[report][golden]") {
  ReportFixture fixture = failing_report();
  check_golden("fail.txt", gates::render_text(fixture.gate));
  check_golden("fail.colour.txt", gates::render_text(fixture.gate, {.colour = true}));
}

TEST_CASE("golden: GitHub annotations", "[report][golden]") {
  check_golden("fail.annotations.txt", gates::render_github_annotations(failing_report().input()));
  CHECK(gates::render_github_annotations(passing_report().input()).empty());
}
