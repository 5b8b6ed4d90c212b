// collect_run_values(): one value per successful run, read the way the selector asks.
#include "gates/compare/run_values.h"

#include <catch2/catch.hpp>
#include <limits>
#include <vector>

namespace gates = perfgate::gates;
using gates::MetricSelector;
using gates::Statistic;
using perfgate::Histogram;
using perfgate::Metric;
using perfgate::RunResult;

namespace {

Histogram one_to_hundred() {
  Histogram histogram;
  for (std::uint64_t value = 1; value <= 100; ++value) histogram.record(value);
  return histogram;
}

perfgate::SuiteResult suite_of(std::vector<RunResult> runs) {
  return {.suite = "s", .scenarios = {{.name = "sc", .adapter = "gbench", .runs = runs}}};
}

}  // namespace

TEST_CASE("histogram statistics and values are read per run", "[gates][run_values]") {
  RunResult run;
  run.add(
      {.name = "latency", .unit = "ns", .tags = {{"request", "a"}}, .histogram = one_to_hundred()});
  run.add({.name = "real_time", .unit = "ns", .value = 42.5});
  const std::vector<MetricSelector> selectors{{"latency", Statistic::p50},
                                              {"latency", Statistic::p99},
                                              {"latency", Statistic::mean},
                                              {"latency", Statistic::max},
                                              {"real_time", Statistic::value}};
  const auto collected = gates::collect_run_values(suite_of({run, run}), selectors);
  CHECK(collected.notes.empty());
  const perfgate::Tags tags{{"request", "a"}};
  CHECK(collected.values.at({"sc", "latency", tags, Statistic::p50}) ==
        std::vector<double>{50, 50});
  CHECK(collected.values.at({"sc", "latency", tags, Statistic::p99}) ==
        std::vector<double>{99, 99});
  CHECK(collected.values.at({"sc", "latency", tags, Statistic::mean}) ==
        std::vector<double>{50.5, 50.5});
  CHECK(collected.values.at({"sc", "latency", tags, Statistic::max}) ==
        std::vector<double>{100, 100});
  CHECK(collected.values.at({"sc", "real_time", {}, Statistic::value}) ==
        std::vector<double>{42.5, 42.5});
}

TEST_CASE("failed runs, empty histograms and non-finite values give no value",
          "[gates][run_values]") {
  RunResult good;
  good.add({.name = "real_time", .unit = "ns", .value = 10});
  good.add({.name = "latency", .unit = "ns", .histogram = Histogram{}});
  RunResult failed = good;
  failed.status = perfgate::RunStatus::failed;
  RunResult nan;
  nan.add({.name = "real_time", .unit = "ns", .value = std::numeric_limits<double>::quiet_NaN()});
  const std::vector<MetricSelector> selectors{{"real_time", Statistic::value},
                                              {"latency", Statistic::p50}};
  const auto collected = gates::collect_run_values(suite_of({good, failed, nan}), selectors);
  REQUIRE(collected.values.size() == 1);
  CHECK(collected.values.begin()->second == std::vector<double>{10});
}

TEST_CASE("repetitions that one process measured are one unit: the median of their values",
          "[gates][run_values]") {
  auto run = [](double value, std::optional<int> process) {
    RunResult out;
    out.process = process;
    out.add(Metric{.name = "real_time", .unit = "ns", .value = value});
    return out;
  };
  // Two processes of three repetitions, then one run in a process of its own.
  const auto collected =
      gates::collect_run_values(suite_of({run(10, 0), run(30, 0), run(11, 0), run(20, 3),
                                          run(21, 3), run(99, 3), run(5, {})}),
                                std::vector<MetricSelector>{{"real_time", Statistic::value}});
  REQUIRE(collected.values.size() == 1);
  CHECK(collected.values.begin()->second == std::vector<double>{11, 21, 5});
}
