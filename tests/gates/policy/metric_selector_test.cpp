// Metric selectors ("latency.p99", "throughput") and the direction table.
#include "gates/policy/metric_selector.h"

#include <catch2/catch.hpp>

namespace gates = perfgate::gates;
using gates::Direction;
using gates::MetricSelector;
using gates::Statistic;

TEST_CASE("a histogram statistic after the last dot selects it", "[gates][policy]") {
  CHECK(gates::parse_metric_selector("latency.p99") == MetricSelector{"latency", Statistic::p99});
  CHECK(gates::parse_metric_selector("ttfb.p999") == MetricSelector{"ttfb", Statistic::p999});
  CHECK(gates::parse_metric_selector("a.b.mean") == MetricSelector{"a.b", Statistic::mean});
  CHECK(gates::parse_metric_selector("latency.max") == MetricSelector{"latency", Statistic::max});
}

TEST_CASE("any other name selects the metric's value", "[gates][policy]") {
  CHECK(gates::parse_metric_selector("throughput") ==
        MetricSelector{"throughput", Statistic::value});
  CHECK(gates::parse_metric_selector("cache.misses") ==
        MetricSelector{"cache.misses", Statistic::value});
  // "value" is not a histogram statistic: the whole text is a metric name.
  CHECK(gates::parse_metric_selector("x.value") == MetricSelector{"x.value", Statistic::value});
}

TEST_CASE("empty names and stray dots are rejected", "[gates][policy]") {
  CHECK_FALSE(gates::parse_metric_selector(""));
  CHECK_FALSE(gates::parse_metric_selector("."));
  CHECK_FALSE(gates::parse_metric_selector(".p99"));
  CHECK_FALSE(gates::parse_metric_selector("latency."));
}

TEST_CASE("selectors print as written", "[gates][policy]") {
  CHECK(gates::to_string(MetricSelector{"latency", Statistic::p50}) == "latency.p50");
  CHECK(gates::to_string(MetricSelector{"error_rate", Statistic::value}) == "error_rate");
}

TEST_CASE("direction table: costs are lower-is-better, rates of work higher", "[gates][policy]") {
  for (const char* name : {"latency", "ttfb", "connect_time", "error_rate", "errors", "real_time",
                           "cpu_time", "checks_fails", "some_unknown_metric"})
    CHECK(gates::default_direction(name) == Direction::lower_is_better);
  for (const char* name : {"throughput", "items_per_second", "bytes_per_second", "requests",
                           "frames_per_second", "checks", "checks_passes"})
    CHECK(gates::default_direction(name) == Direction::higher_is_better);
}

TEST_CASE("directions parse in long and short form", "[gates][policy]") {
  CHECK(gates::parse_direction("higher") == Direction::higher_is_better);
  CHECK(gates::parse_direction("lower_is_better") == Direction::lower_is_better);
  CHECK_FALSE(gates::parse_direction("up"));
  CHECK(std::string(gates::to_string(Direction::higher_is_better)) == "higher_is_better");
}
