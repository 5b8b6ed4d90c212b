#include "core/model/run_result.h"
#include <ctime>

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace perfgate {

const Metric* RunResult::find(const std::string& name, const Tags& tags) const {
  const auto match = std::find_if(metrics.begin(), metrics.end(), [&](const Metric& metric) {
    return metric.name == name && metric.tags == tags;
  });
  return match == metrics.end() ? nullptr : &*match;
}

Metric& RunResult::add(Metric metric) {
  if (find(metric.name, metric.tags) != nullptr) {
    throw std::invalid_argument("metric \"" + metric.name +
                                "\" with these tags is already present");
  }
  metrics.push_back(std::move(metric));
  return metrics.back();
}

const char* to_string(RunStatus status) {
  switch (status) {
    case RunStatus::ok:
      return "ok";
    case RunStatus::failed:
      return "failed";
    case RunStatus::interrupted:
      return "interrupted";
  }
  return "unknown";
}

std::optional<RunStatus> parse_run_status(std::string_view text) {
  for (const RunStatus status : {RunStatus::ok, RunStatus::failed, RunStatus::interrupted}) {
    if (text == to_string(status)) return status;
  }
  return std::nullopt;
}

RunResult unfinished_run(RunStatus status, std::string reason, const std::string& log) {
  return RunResult{.status = status,
                   .failure_reason = std::move(reason),
                   .started_at = utc_now_iso8601(),
                   .log = log};
}

std::string utc_now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace perfgate
