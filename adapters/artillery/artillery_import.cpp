#include "adapters/artillery/artillery_import.h"

#include <array>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <map>

#include "adapters/artillery/summary_histogram.h"

namespace perfgate {
namespace {

using artillery::Period;
using artillery::Report;

constexpr std::string_view kEndpointTimes = "plugins.metrics-by-endpoint.response_time.";
constexpr std::string_view kEndpointPrefix = "plugins.metrics-by-endpoint.";
constexpr std::string_view kCodes = "http.codes.";
constexpr std::string_view kErrors = "errors.";
constexpr std::string_view kCreatedByName = "vusers.created_by_name.";
constexpr double kPeriodMs = 10'000;               // Artillery's reporting period
constexpr double kMaxTimelineSeconds = 1'000'000;  // a hostile file must not allocate more

constexpr double kLatestEpochMs = 253402300800000;  // 10000-01-01: later is not a timestamp

const Tags kApproximate{{"distribution", "approximate"}};

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

Tags approximate_with(const std::string& key, const std::string& value) {
  Tags tags = kApproximate;
  tags[key] = value;
  return tags;
}

Metric value(std::string name, std::string unit, Tags tags, double amount) {
  return Metric{
      .name = std::move(name), .unit = std::move(unit), .tags = std::move(tags), .value = amount};
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// "404" -> "4xx"; anything that is not a three-digit code -> "other".
std::string status_class(const std::string& code) {
  if (code.size() == 3 && code[0] >= '1' && code[0] <= '5' && is_digit(code[1]) &&
      is_digit(code[2]))
    return std::string(1, code[0]) + "xx";
  return "other";
}

// Artillery's error codes that mean what the native generator's kinds mean.
std::string error_kind(const std::string& code) {
  if (code == "ECONNREFUSED") return "refused";
  if (code == "ECONNRESET") return "reset";
  if (code == "ETIMEDOUT" || code == "ESOCKETTIMEDOUT") return "timeout";
  return code;
}

std::string iso8601_from_epoch_ms(double epoch_ms) {
  if (!(epoch_ms >= 0 && epoch_ms < kLatestEpochMs)) return "";
  const auto seconds = static_cast<std::time_t>(std::floor(epoch_ms / 1000));
  std::tm utc{};
  if (!gmtime_r(&seconds, &utc)) return "";
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

void add_distributions(const Period& aggregate, RunResult& run) {
  for (const auto& [name, summary] : aggregate.summaries) {
    Metric metric{.unit = "ns", .histogram = artillery::histogram_from_summary(summary)};
    if (name == "http.response_time") {
      metric.name = "latency";
      metric.tags = kApproximate;
    } else if (starts_with(name, "http.response_time.")) {
      metric.name = "latency";
      metric.tags = approximate_with("status", name.substr(19));
    } else if (starts_with(name, kEndpointTimes)) {
      metric.name = "latency";
      metric.tags = approximate_with("request", name.substr(kEndpointTimes.size()));
    } else if (name == "vusers.session_length") {
      metric.name = "session_length";
      metric.tags = kApproximate;
    } else {
      metric.name = "summary";
      metric.tags = approximate_with("name", name);
    }
    run.add(std::move(metric));
  }
}

// Counters summed into metrics keyed by (name, tags), added in one go at the end.
class CounterSums {
 public:
  void add(const std::string& name, Tags tags, double amount) { sums_[{name, tags}] += amount; }
  void add_to(RunResult& run) const {
    for (const auto& [key, amount] : sums_) run.add(value(key.first, "count", key.second, amount));
  }

 private:
  std::map<std::pair<std::string, Tags>, double> sums_;
};

// plugins.metrics-by-endpoint.<E>.codes.<C> or .errors.<K>; the endpoint may contain dots,
// so the suffix is found from the right.
bool add_endpoint_counter(const std::string& name, double amount, CounterSums& sums) {
  std::string rest = name.substr(kEndpointPrefix.size());
  for (const char* part : {".codes.", ".errors."}) {
    size_t at = rest.rfind(part);
    if (at == std::string::npos) continue;
    std::string endpoint = rest.substr(0, at);
    std::string tail = rest.substr(at + std::char_traits<char>::length(part));
    if (part[1] == 'c')
      sums.add("requests", {{"request", endpoint}, {"status", status_class(tail)}}, amount);
    else
      sums.add("endpoint_errors", {{"request", endpoint}, {"kind", error_kind(tail)}}, amount);
    return true;
  }
  return false;
}

void add_counter(const std::string& name, double amount, CounterSums& sums) {
  static const std::map<std::string, std::pair<std::string, Tags>> kExact{
      {"http.requests", {"requests_sent", {}}},
      {"http.responses", {"responses", {}}},
      {"http.downloaded_bytes", {"bytes_received", {}}},
      {"vusers.created", {"vusers", {{"state", "created"}}}},
      {"vusers.completed", {"vusers", {{"state", "completed"}}}},
      {"vusers.failed", {"vusers", {{"state", "failed"}}}},
      {"vusers.skipped", {"vusers", {{"state", "skipped"}}}}};
  if (auto exact = kExact.find(name); exact != kExact.end()) {
    sums.add(exact->second.first, exact->second.second, amount);
  } else if (starts_with(name, kCodes)) {
    std::string code = name.substr(kCodes.size());
    sums.add("requests", {{"status", status_class(code)}}, amount);
    sums.add("status_codes", {{"code", code}}, amount);
    if (std::string status = status_class(code); status == "4xx" || status == "5xx")
      sums.add("errors", {{"kind", "http_" + status}}, amount);
  } else if (starts_with(name, kErrors)) {
    sums.add("errors", {{"kind", error_kind(name.substr(kErrors.size()))}}, amount);
  } else if (starts_with(name, kCreatedByName)) {
    sums.add("vusers",
             {{"state", "created"}, {"artillery_scenario", name.substr(kCreatedByName.size())}},
             amount);
  } else if (!starts_with(name, kEndpointPrefix) || !add_endpoint_counter(name, amount, sums)) {
    sums.add("counter", {{"name", name}}, amount);
  }
}

// The untagged errors total and error_rate, as the native generator has them.
void add_error_totals(const Period& aggregate, RunResult& run) {
  double failed = 0;
  for (const auto& [name, amount] : aggregate.counters) {
    if (starts_with(name, kErrors)) failed += amount;
    if (!starts_with(name, kCodes)) continue;
    std::string status = status_class(name.substr(kCodes.size()));
    if (status == "4xx" || status == "5xx") failed += amount;
  }
  run.add(value("errors", "count", {}, failed));
  const double sent = aggregate.counter("http.requests");
  run.add(value("error_rate", "ratio", {}, sent > 0 ? std::min(1.0, failed / sent) : 0));
}

double run_seconds(const Period& aggregate) {
  if (!aggregate.first_metric_at_ms || !aggregate.last_metric_at_ms) return 0;
  const double seconds = (*aggregate.last_metric_at_ms - *aggregate.first_metric_at_ms) / 1000;
  return std::isfinite(seconds) && seconds > 0 ? seconds : 0;
}

// Responses per complete second of the run, each period's responses spread evenly over the
// seconds it covers (the first and last periods are partial).
std::vector<double> throughput_timeline(const Report& report, double seconds) {
  if (!report.aggregate.first_metric_at_ms || seconds > kMaxTimelineSeconds) return {};
  const double start_ms = *report.aggregate.first_metric_at_ms;
  const double end_ms = start_ms + seconds * 1000;
  std::vector<double> timeline(static_cast<size_t>(std::floor(seconds)), 0);
  for (const Period& period : report.intermediate) {
    if (!period.period_ms) continue;
    const double from_ms = std::max(*period.period_ms, start_ms);
    const double to_ms = std::min(*period.period_ms + kPeriodMs, end_ms);
    if (!(to_ms > from_ms)) continue;
    const double first = std::floor((from_ms - start_ms) / 1000);
    const double last = std::ceil((to_ms - start_ms) / 1000);
    const double share = period.counter("http.responses") / (last - first);
    const double size = static_cast<double>(timeline.size());
    for (double second = std::max(first, 0.0); second < std::min(last, size); ++second)
      timeline[static_cast<size_t>(second)] += share;
  }
  return timeline;
}

void add_rates(const Report& report, double seconds, RunResult& run) {
  const double responses = report.aggregate.counter("http.responses");
  const double per_second = seconds > 0 ? responses / seconds : 0;
  Metric throughput = value("throughput", "1/s", {}, std::isfinite(per_second) ? per_second : 0);
  throughput.timeline = throughput_timeline(report, seconds);
  run.add(std::move(throughput));
  if (auto rate = report.aggregate.rates.find("http.request_rate");
      rate != report.aggregate.rates.end())
    run.add(value("request_rate", "1/s", {}, rate->second));
}

}  // namespace

RunResult run_from_artillery_report(const Report& report) {
  RunResult run;
  const Period& aggregate = report.aggregate;
  if (aggregate.first_metric_at_ms)
    run.started_at = iso8601_from_epoch_ms(*aggregate.first_metric_at_ms);
  run.duration_s = run_seconds(aggregate);
  add_distributions(aggregate, run);
  CounterSums sums;
  for (const auto& [name, amount] : aggregate.counters) add_counter(name, amount, sums);
  sums.add_to(run);
  add_error_totals(aggregate, run);
  add_rates(report, run.duration_s, run);
  return run;
}

RunResult import_artillery_report(std::string_view text, const std::string& source) {
  return run_from_artillery_report(artillery::parse_report(text, source));
}

std::vector<ScenarioResult> import_artillery_files(const std::vector<std::string>& paths) {
  ScenarioResult scenario{.name = "artillery", .adapter = "artillery"};
  if (!paths.empty()) scenario.name = std::filesystem::path(paths.front()).stem().string();
  for (const std::string& path : paths) {
    RunResult run = run_from_artillery_report(artillery::read_report_file(path));
    run.index = static_cast<int>(scenario.runs.size());
    scenario.runs.push_back(std::move(run));
  }
  return {scenario};
}

}  // namespace perfgate
