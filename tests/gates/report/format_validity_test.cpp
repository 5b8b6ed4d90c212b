// The formats read by other tools, checked by those tools' own parsers: JUnit XML against the
// published Ant JUnit schema (xmllint), OpenMetrics with the Prometheus client's strict
// OpenMetrics parser; and the Markdown size limit.
#include <catch2/catch.hpp>

#include "gates/report/junit_report.h"
#include "gates/report/markdown_report.h"
#include "gates/report/openmetrics_report.h"
#include "report_fixture.h"
#include "tests/support/test_support.h"

using namespace perfgate;
using namespace perfgate::testing;

namespace {

CommandOutput validate_junit(const std::string& xml) {
  TempDir dir;
  auto path = dir.path() / "junit.xml";
  write_file(path, xml);
  auto schema = fixtures_dir() / "report" / "schema" / "JUnit.xsd";
  return run_command({"xmllint", "--noout", "--schema", schema.string(), path.string()});
}

// Parses with prometheus_client's OpenMetrics parser (Debian: python3-prometheus-client) and
// prints "family sample-count" lines.
CommandOutput parse_openmetrics(const std::string& text) {
  TempDir dir;
  auto path = dir.path() / "metrics.prom";
  write_file(path, text);
  std::string script =
      "import sys\n"
      "from prometheus_client.openmetrics.parser import text_string_to_metric_families\n"
      "for family in text_string_to_metric_families(open(sys.argv[1], encoding='utf-8').read()):\n"
      "    print(family.name, family.type, family.unit, len(family.samples))\n";
  return run_command({"/usr/bin/python3", "-c", script, path.string()});
}

}  // namespace

TEST_CASE("JUnit output validates against the Ant JUnit schema", "[report][junit]") {
  for (const ReportFixture& fixture : {failing_report(), passing_report(), large_report(3)}) {
    auto result = validate_junit(gates::render_junit(fixture.input()));
    INFO(result.err);
    CHECK(result.exit_code == 0);
  }
}

TEST_CASE("the schema check can fail: a testsuite without hostname is rejected",
          "[report][junit]") {
  std::string xml = gates::render_junit(passing_report().input());
  auto at = xml.find(" hostname=\"localhost\"");
  REQUIRE(at != std::string::npos);
  xml.erase(at, std::string(" hostname=\"localhost\"").size());
  CHECK(validate_junit(xml).exit_code != 0);
}

TEST_CASE("OpenMetrics output parses with the strict OpenMetrics parser", "[report][openmetrics]") {
  std::string text = gates::render_openmetrics(failing_report().input());
  CHECK(text.ends_with("# EOF\n"));
  auto result = parse_openmetrics(text);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  // name, type, unit, samples: 3 requests x 8 statistics
  CHECK(result.out.find("perfgate_latency_seconds gauge seconds 24\n") != std::string::npos);
  CHECK(result.out.find("perfgate_throughput_per_second gauge  2\n") != std::string::npos);
  // The check can fail: a sample after # EOF is rejected.
  CHECK(parse_openmetrics(text + "perfgate_x 1\n").exit_code != 0);
}

TEST_CASE("OpenMetrics: the sample is the median over runs of each run's statistic, in seconds",
          "[report][openmetrics]") {
  ReportFixture fixture = passing_report();
  std::string text = gates::render_openmetrics(fixture.input());
  // Runs of browse/list record 200 values from 5 ms to 15 ms; min is 5 ms in every run.
  CHECK(text.find("perfgate_latency_seconds{suite=\"checkout-api\",scenario=\"browse\","
                  "request=\"list\",status=\"2xx\",statistic=\"min\"} 0.005\n") !=
        std::string::npos);
  // Throughput of run i is 2000 + i: the median of 5 runs is 2002.
  CHECK(text.find("perfgate_throughput_per_second{suite=\"checkout-api\",scenario=\"browse\","
                  "statistic=\"value\"} 2002\n") != std::string::npos);
}

TEST_CASE("a 200-scenario report stays under GitHub's comment limit", "[report][markdown]") {
  ReportFixture fixture = large_report(200);
  std::string markdown = gates::render_markdown(fixture.input());
  CHECK(markdown.size() < 65536);
  CHECK(markdown.find("200 regressions") != std::string::npos);
  CHECK(markdown.find("**Truncated:**") != std::string::npos);
  CHECK(markdown.find("perfgate.html") != std::string::npos);
  // Regressions come before anything else is dropped: the first ones are all shown.
  CHECK(markdown.find("scenario-000") != std::string::npos);
  CHECK(markdown.find("scenario-099") != std::string::npos);
}

TEST_CASE("markdown fits any limit, the headline first", "[report][markdown]") {
  ReportFixture fixture = failing_report();
  for (std::size_t limit : {100000, 3000, 1500}) {
    std::string markdown = gates::render_markdown(fixture.input(), {.max_bytes = limit});
    INFO(limit);
    CHECK(markdown.size() < limit);
    CHECK(markdown.starts_with("### \u274C FAIL"));
    CHECK((markdown.find("Truncated") != std::string::npos) == (limit < 10000));
  }
}
