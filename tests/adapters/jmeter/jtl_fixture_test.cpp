// Every JMeter fixture in tests/fixtures/jmeter imports with the values read from the files by
// hand: counts, labels, failures and a percentile per file. The expected numbers were computed
// with Python's csv / xml modules (expected_values.py beside this file), not with perfgate.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "adapters/jmeter/jtl_import.h"
#include "tests/support/test_support.h"

using namespace perfgate;
using perfgate::testing::fixtures_dir;

namespace {

struct LabelExpectation {
  std::string kind;  // "request" or "transaction": the tag key
  std::string label;
  double count;
  double errors;
  std::optional<double> p50_ms;
  std::optional<double> p90_ms;
};

struct FileExpectation {
  std::string file;
  double requests;
  double errors;
  size_t request_labels;
  size_t transaction_labels;
  std::vector<LabelExpectation> labels;
};

const Metric& metric(const RunResult& run, const std::string& name, const Tags& tags = {}) {
  const Metric* found = run.find(name, tags);
  INFO(name);
  REQUIRE(found);
  return *found;
}

size_t labels_tagged(const RunResult& run, const std::string& kind) {
  size_t count = 0;
  for (const Metric& each : run.metrics)
    if (each.name == "requests" && each.tags.count(kind)) ++count;
  return count;
}

void check_label(const RunResult& run, const LabelExpectation& expected) {
  INFO(expected.kind << " " << expected.label);
  const Tags tags{{expected.kind, expected.label}};
  CHECK(*metric(run, "requests", tags).value == expected.count);
  CHECK(*metric(run, "errors", tags).value == expected.errors);
  const Metric* latency = run.find("latency", tags);
  CHECK((latency != nullptr) == expected.p50_ms.has_value());
  if (!latency || !expected.p50_ms) return;
  CHECK(latency->histogram->count() == expected.count);
  // The histogram keeps 3 significant digits: within 0.1 % of the nearest-rank value.
  CHECK(static_cast<double>(latency->histogram->value_at_percentile(50)) ==
        Approx(*expected.p50_ms * 1e6).epsilon(0.001));
  CHECK(static_cast<double>(latency->histogram->value_at_percentile(90)) ==
        Approx(*expected.p90_ms * 1e6).epsilon(0.001));
}

void check_file(const FileExpectation& expected, const jmeter::JtlReadOptions& options = {}) {
  INFO(expected.file);
  RunResult run = jmeter::import_jtl_file(fixtures_dir() / "jmeter" / expected.file, options);
  CHECK(run.status == RunStatus::ok);
  CHECK(*metric(run, "requests").value == expected.requests);
  CHECK(*metric(run, "errors").value == expected.errors);
  CHECK(labels_tagged(run, "request") == expected.request_labels);
  CHECK(labels_tagged(run, "transaction") == expected.transaction_labels);
  if (expected.requests > 0)
    CHECK(*metric(run, "error_rate").value == Approx(expected.errors / expected.requests));
  for (const LabelExpectation& label : expected.labels) check_label(run, label);
}

}  // namespace

TEST_CASE("jmeter fixture: HTMLReportTestFile.csv, 5.x default 17 columns", "[jmeter][fixture]") {
  check_file({"apache-jmeter_HTMLReportTestFile.csv",
              255,
              3,
              2,
              0,
              {{"request", "JR-OK", 252, 0, 232, 337}, {"request", "JR-KO", 3, 3, 170, 329}}});
  RunResult run =
      jmeter::import_jtl_file(fixtures_dir() / "jmeter" / "apache-jmeter_HTMLReportTestFile.csv");
  // Span: first timeStamp to last timeStamp + elapsed = 60185 ms (computed with Python).
  CHECK(run.duration_s == Approx(60.185));
  CHECK(*metric(run, "throughput").value == Approx(255 / 60.185));
  CHECK(*metric(run, "bytes_received").value == 4596);
  CHECK(*metric(run, "bytes_sent").value == 2040);
  CHECK(*metric(run, "errors", {{"kind", "http_4xx"}}).value == 3);
  CHECK(run.started_at == "2019-03-05T11:00:27Z");  // 1551783627191 ms
}

TEST_CASE("jmeter fixture: HTMLReportFalseTestFile.csv, column subset, French labels",
          "[jmeter][fixture]") {
  check_file({"apache-jmeter_HTMLReportFalseTestFile.csv",
              50,
              50,
              1,
              0,
              {{"request", "Requête HTTP", 50, 50, 0, 0}}});
}

TEST_CASE("jmeter fixture: Bug52968.csv, headerless with a configured column list",
          "[jmeter][fixture]") {
  check_file({"apache-jmeter_Bug52968.csv",
              30,
              9,
              22,
              9,
              {{"request", "JR-MUSTEXECUTE", 6, 0, std::nullopt, std::nullopt},
               {"transaction", "TC-PARENT-FAILING1", 6, 6, std::nullopt, std::nullopt},
               {"transaction", "TC-PARENT", 3, 0, std::nullopt, std::nullopt}}},
             {.columns = {"label", "responseCode", "responseMessage", "threadName", "dataType",
                          "success", "grpThreads", "allThreads", "SampleCount", "ErrorCount"}});
}

TEST_CASE("jmeter fixture: Bug52968.xml, transaction parents with nested requests",
          "[jmeter][fixture]") {
  check_file({"apache-jmeter_Bug52968.xml",
              54,
              18,
              43,
              9,
              {{"request", "JR-MUSTEXECUTE", 6, 0, std::nullopt, std::nullopt},
               {"request", "TP-JR0-0", 2, 0, std::nullopt, std::nullopt},
               {"request", "TPF-JR2-1", 1, 1, std::nullopt, std::nullopt},
               {"transaction", "TC-PARENT-FAILING1", 6, 6, std::nullopt, std::nullopt}}});
}

TEST_CASE("jmeter fixture: sample_log1c.jtl, 2005 XML", "[jmeter][fixture]") {
  check_file({"apache-jmeter_sample_log1c.jtl",
              2000,
              0,
              2,
              0,
              {{"request", "jakarta_home", 1000, 0, 191, 251},
               {"request", "jmeter_home", 1000, 0, 100, 160}}});
}

TEST_CASE("jmeter fixture: 500-success_kpi.jtl, success is the only truth", "[jmeter][fixture]") {
  check_file(
      {"taurus_500-success_kpi.jtl", 1, 0, 1, 0, {{"request", "Request 001", 1, 0, 772, 772}}});
}

TEST_CASE("jmeter fixture: cookies.jtl, XML with sby and ct", "[jmeter][fixture]") {
  check_file({"taurus_cookies.jtl",
              2,
              0,
              1,
              0,
              {{"request", "http://localhost:9999/hello", 2, 0, 3, 161}}});
}

TEST_CASE("jmeter fixture: doublequoting.jtl, long quoted messages", "[jmeter][fixture]") {
  check_file({"taurus_doublequoting.jtl",
              2,
              2,
              1,
              0,
              {{"request", "https://www.zalando.de/damen-home/", 2, 2, 1391, 3205}}});
}

TEST_CASE("jmeter fixture: error-mix.jtl, XML assertion failure", "[jmeter][fixture]") {
  check_file({"taurus_error-mix.jtl",
              1,
              1,
              1,
              0,
              {{"request", "http://blazedemo.com/nnn", 1, 1, 559, 559}}});
}

TEST_CASE("jmeter fixture: error-tc-generate-parent.jtl, nested transactions",
          "[jmeter][fixture]") {
  check_file({"taurus_error-tc-generate-parent.jtl",
              7,
              4,
              4,
              3,
              {{"request", "channelsearch", 3, 3, 70, 70},
               {"request", "https://www.blazedemo.com/", 2, 0, 100, 100},
               {"request", "03_Health", 1, 1, 120, 120},
               {"transaction", "01_LoginPage", 1, 1, 1200, 1200},
               {"transaction", "bzm - Parallel Controller", 1, 1, 900, 900}}});
}

TEST_CASE("jmeter fixture: kpi-pair1.jtl, non-numeric codes and transactions",
          "[jmeter][fixture]") {
  check_file({"taurus_kpi-pair1.jtl",
              6,
              5,
              6,
              2,
              {{"request", "not exist url", 1, 1, 64, 64},
               {"request", "Response Code 200", 1, 0, 50, 50},
               {"transaction", "TC for embeddedResources check last fail", 1, 1, 450, 450}}});
}

TEST_CASE("jmeter fixture: kpi1.jtl, Hostname and Connect columns", "[jmeter][fixture]") {
  check_file({"taurus_kpi1.jtl",
              21,
              9,
              2,
              0,
              {{"request", "good", 12, 0, 3, 4}, {"request", "bad", 9, 9, 3, 3}}});
  RunResult run = jmeter::import_jtl_file(fixtures_dir() / "jmeter" / "taurus_kpi1.jtl");
  // Percentiles within the histogram's 0.1 %.
  CHECK(static_cast<double>(
            metric(run, "ttfb", {{"request", "good"}}).histogram->value_at_percentile(90)) ==
        Approx(4e6).epsilon(0.001));
  const Histogram& connect = *metric(run, "connect_time").histogram;
  CHECK(connect.count() == 21);
  CHECK(connect.max() == 26'000'000);
  CHECK(static_cast<double>(connect.value_at_percentile(50)) == Approx(1e6).epsilon(0.001));
}

TEST_CASE("jmeter fixture: non-http_kpi.jtl, error kinds from response codes",
          "[jmeter][fixture]") {
  check_file({"taurus_non-http_kpi.jtl",
              11,
              8,
              8,
              0,
              {{"request", "Same label error", 4, 3, 74, 465},
               {"request", "Assertion - Pass", 1, 0, 87, 87}}});
  RunResult run = jmeter::import_jtl_file(fixtures_dir() / "jmeter" / "taurus_non-http_kpi.jtl");
  CHECK(*metric(run, "errors", {{"kind", "unknown_host"}}).value == 3);
  CHECK(*metric(run, "errors", {{"kind", "assertion"}}).value == 3);
  CHECK(*metric(run, "errors", {{"kind", "http_4xx"}}).value == 2);
}

TEST_CASE("jmeter fixture: quote-guessing-crash.jtl, quoted variable columns",
          "[jmeter][fixture]") {
  check_file({"taurus_quote-guessing-crash.jtl",
              10,
              0,
              1,
              0,
              {{"request", "http://blazedemo.com/", 10, 0, 355, 1009}}});
}

TEST_CASE("jmeter fixture: resource_tc.jtl, 2.13 XML with embedded resources",
          "[jmeter][fixture]") {
  check_file({"taurus_resource_tc.jtl",
              14,
              14,
              5,
              3,
              {{"request", "tc2r1", 3, 3, 23, 207},
               {"request", "tc3", 2, 2, 43, 51},
               {"transaction", "tc1", 1, 1, 619, 619}}});
}

TEST_CASE("jmeter fixture: simple.kpi.jtl", "[jmeter][fixture]") {
  check_file({"taurus_simple.kpi.jtl",
              6,
              3,
              2,
              0,
              {{"request", "http://blazedemo.com/", 3, 0, 272, 6479},
               {"request", "http://blazedemo.com/not-found", 3, 3, 62, 63}}});
}

TEST_CASE("jmeter fixture: slow-stdev.jtl, unsorted timestamps", "[jmeter][fixture]") {
  check_file({"taurus_slow-stdev.jtl",
              599,
              63,
              18,
              0,
              {{"request", "DDAAccountDetails_Party9_DDA_DDA", 29, 5, 1525, 3089},
               {"request", "FetchCounterparty", 55, 0, 162, 1514}}});
}

TEST_CASE("jmeter fixture: tabs.jtl, tab-delimited", "[jmeter][fixture]") {
  check_file(
      {"taurus_tabs.jtl", 4, 0, 1, 0, {{"request", "http://localhost:8080", 4, 0, 268, 1008}}});
  RunResult run = jmeter::import_jtl_file(fixtures_dir() / "jmeter" / "taurus_tabs.jtl");
  CHECK(*metric(run, "bytes_received").value == 4900316);
}

TEST_CASE("jmeter fixture: tranctl.jtl, transaction rows only", "[jmeter][fixture]") {
  check_file({"taurus_tranctl.jtl",
              0,
              0,
              0,
              2,
              {{"transaction", "Transaction Controller1", 1, 0, 264, 264},
               {"transaction", "Transaction Controller2", 1, 1, 998, 998}}});
}

TEST_CASE("jmeter fixture: unicode.jtl, Cyrillic labels", "[jmeter][fixture]") {
  check_file({"taurus_unicode.jtl",
              13,
              13,
              2,
              0,
              {{"request", "САП.АутентифицироватьРасш", 7, 7, 867, 1152},
               {"request", "Тест.Эхо", 6, 6, 190, 197}}});
}
