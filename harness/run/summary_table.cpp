#include "harness/run/summary_table.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "core/model/units.h"
#include "harness/run/progress.h"

namespace perfgate {
namespace {

constexpr const char* kAllRequests = "*";

bool is_failure_status(const std::string& status) {
  return status == "4xx" || status == "5xx" || status == "error";
}

struct Accumulator {
  Histogram latency;
  uint64_t errors = 0;
};

// Merges every run of a scenario: latency per request (all statuses) and failures.
std::map<std::string, Accumulator> accumulate(const ScenarioResult& scenario, double& seconds,
                                              int& runs) {
  std::map<std::string, Accumulator> by_request;
  for (const RunResult& run : scenario.runs) {
    if (run.status == RunStatus::failed) continue;
    ++runs;
    seconds += run.duration_s;
    for (const Metric& metric : run.metrics) {
      auto request = metric.tags.find("request");
      if (metric.name == "latency" && metric.histogram && request != metric.tags.end()) {
        by_request[request->second].latency.merge(*metric.histogram);
        by_request[kAllRequests].latency.merge(*metric.histogram);
      } else if (metric.name == "requests" && request != metric.tags.end() && metric.value) {
        auto status = metric.tags.find("status");
        if (status != metric.tags.end() && is_failure_status(status->second))
          by_request[request->second].errors += static_cast<uint64_t>(*metric.value);
      } else if (metric.name == "errors" && metric.value && metric.tags.count("kind")) {
        by_request[kAllRequests].errors += static_cast<uint64_t>(*metric.value);
      }
    }
  }
  return by_request;
}

SummaryRow make_row(const std::string& scenario, const std::string& request, const Accumulator& acc,
                    double seconds, int runs) {
  SummaryRow row;
  row.scenario = scenario;
  row.request = request;
  row.runs = runs;
  row.count = acc.latency.count();
  row.rate_per_s = seconds > 0 ? static_cast<double>(row.count) / seconds : 0;
  row.p50_ns = acc.latency.value_at_percentile(50);
  row.p90_ns = acc.latency.value_at_percentile(90);
  row.p99_ns = acc.latency.value_at_percentile(99);
  row.p999_ns = acc.latency.value_at_percentile(99.9);
  row.max_ns = acc.latency.max();
  row.errors = acc.errors;
  return row;
}

}  // namespace

std::vector<SummaryRow> summarize(const SuiteResult& result) {
  std::vector<SummaryRow> rows;
  for (const ScenarioResult& scenario : result.scenarios) {
    double seconds = 0;
    int runs = 0;
    auto by_request = accumulate(scenario, seconds, runs);
    for (const auto& [request, acc] : by_request)
      if (request != kAllRequests)
        rows.push_back(make_row(scenario.name, request, acc, seconds, runs));
    // The whole-scenario row comes last, and only when it adds information.
    auto all = by_request.find(kAllRequests);
    if (all != by_request.end() &&
        (by_request.size() > 2 || all->second.errors > 0 || by_request.size() == 1))
      rows.push_back(make_row(scenario.name, "(all)", all->second, seconds, runs));
    if (by_request.empty()) rows.push_back(make_row(scenario.name, "(no data)", {}, 0, runs));
  }
  return rows;
}

namespace {

std::vector<std::string> cells_of(const SummaryRow& row) {
  auto ns = [](uint64_t value) {
    return format_value(static_cast<double>(value), Unit::time_ns());
  };
  return {row.scenario,
          row.request,
          std::to_string(row.runs),
          format_count(static_cast<double>(row.count)),
          format_count(row.rate_per_s),
          ns(row.p50_ns),
          ns(row.p90_ns),
          ns(row.p99_ns),
          ns(row.p999_ns),
          ns(row.max_ns),
          format_count(static_cast<double>(row.errors))};
}

}  // namespace

std::string render_summary_table(const std::vector<SummaryRow>& rows) {
  std::vector<std::vector<std::string>> table = {{"scenario", "request", "runs", "count", "rate/s",
                                                  "p50", "p90", "p99", "p99.9", "max", "errors"}};
  for (const SummaryRow& row : rows) table.push_back(cells_of(row));
  std::vector<size_t> widths(table[0].size(), 0);
  for (const auto& cells : table)
    for (size_t i = 0; i < cells.size(); ++i) widths[i] = std::max(widths[i], cells[i].size());
  std::ostringstream out;
  for (const auto& cells : table) {
    for (size_t i = 0; i < cells.size(); ++i) {
      // Text columns align left, numbers right: easier to scan down a column of figures.
      bool text = i < 2;
      std::string pad(widths[i] - cells[i].size(), ' ');
      out << (i ? "  " : "") << (text ? cells[i] + pad : pad + cells[i]);
    }
    out << "\n";
  }
  return out.str();
}

}  // namespace perfgate
