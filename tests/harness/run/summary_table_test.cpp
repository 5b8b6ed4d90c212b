#include <catch2/catch.hpp>

#include "harness/run/summary_table.h"

using namespace perfgate;

namespace {

Metric latency(const std::string& request, const std::string& status,
               std::initializer_list<uint64_t> values_ns) {
  Metric metric{"latency", "ns", {{"request", request}, {"status", status}}, Histogram{}, {}, {}};
  for (uint64_t value : values_ns) metric.histogram->record(value);
  return metric;
}

Metric counter(const std::string& name, Tags tags, double value) {
  return Metric{name, "count", std::move(tags), std::nullopt, value, {}};
}

RunResult run_with(std::vector<Metric> metrics, double duration_s) {
  RunResult run;
  run.duration_s = duration_s;
  run.metrics = std::move(metrics);
  return run;
}

}  // namespace

TEST_CASE("summary merges runs and statuses per request", "[summary]") {
  SuiteResult suite;
  ScenarioResult& scenario = suite.scenarios.emplace_back();
  scenario.name = "browse";
  scenario.runs.push_back(
      run_with({latency("list", "2xx", {1000, 2000}), latency("list", "5xx", {3000}),
                counter("requests", {{"request", "list"}, {"status", "5xx"}}, 1),
                counter("errors", {{"kind", "http_5xx"}}, 1)},
               1.0));
  scenario.runs.push_back(run_with({latency("list", "2xx", {4000})}, 1.0));
  RunResult failed;
  failed.status = RunStatus::failed;
  scenario.runs.push_back(failed);

  auto rows = summarize(suite);
  REQUIRE(rows.size() == 2);  // the request, and "(all)" because there were errors
  CHECK(rows[0].request == "list");
  CHECK(rows[0].runs == 2);  // the failed run carries no measurements
  CHECK(rows[0].count == 4);
  CHECK(rows[0].rate_per_s == Approx(2.0));
  CHECK(rows[0].errors == 1);
  CHECK(rows[0].max_ns == 4000);
  CHECK(rows[0].p50_ns >= 1999);
  CHECK(rows[0].p50_ns <= 2001);
  CHECK(rows[1].request == "(all)");
  CHECK(rows[1].errors == 1);
}

TEST_CASE("the table aligns columns and names every figure", "[summary]") {
  SummaryRow row;
  row.scenario = "browse";
  row.request = "list";
  row.runs = 3;
  row.count = 12345;
  row.rate_per_s = 4115;
  row.p50_ns = 1'200'000;
  row.p99_ns = 5'000'000;
  std::string table = render_summary_table({row});
  CHECK(table.find("scenario") == 0);
  CHECK(table.find("12 345") != std::string::npos);
  CHECK(table.find("1.20 ms") != std::string::npos);
  CHECK(table.find("5.00 ms") != std::string::npos);
  auto first_newline = table.find('\n');
  auto second_line = table.substr(first_newline + 1);
  CHECK(second_line.find('\n') == first_newline);  // both lines have the same width
}
