// Internal to adapters/artillery: reading an Artillery v2 report (`artillery run --output F`).
//
// The file is {aggregate: period, intermediate: [period...]}. A period holds counters
// (name -> int), rates (name -> number) and summaries (name -> {min, max, count, mean, p50 ...}
// in ms, from DDSketch with 1 % relative accuracy: percentiles only, no raw samples). The writer
// copies `summaries` into `histograms`, so either key is read. Metric names contain dots,
// slashes, spaces and non-ASCII: they are matched by known prefixes, never split on '.'.
// See ../shared FORMATS.md section 3 for the pitfalls this reader handles.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace perfgate::artillery {

// 2^53: the largest count a double holds exactly; a larger "count" is not a real count.
inline constexpr double kMaxExactCount = 9007199254740992.0;

// One histogram summary, values in ms. A percentile Artillery left out (or wrote as null) is
// nullopt; `mean` is absent in early 2.0.0 builds.
struct Summary {
  double count = 0;
  double min_ms = 0;
  double max_ms = 0;
  std::optional<double> mean_ms{};
  // (percentile in %, value in ms), increasing percentile: 50, 75, 90, 95, 99, 99.9.
  std::vector<std::pair<double, double>> percentiles_ms{};
};

struct Period {
  std::map<std::string, double> counters{};
  std::map<std::string, double> rates{};
  std::map<std::string, Summary> summaries{};
  std::optional<double> period_ms{};  // start of the 10 s bucket (number or string in the file)
  std::optional<double> first_metric_at_ms{};
  std::optional<double> last_metric_at_ms{};

  double counter(const std::string& name) const;  // 0 when absent
};

struct Report {
  Period aggregate{};
  std::vector<Period> intermediate{};
};

// Parses the report text. Throws InputError(source, "line L, column C" or "line L, key K", ...)
// for malformed or truncated JSON, a legacy 1.x report ("Artillery 1.x reports are not
// supported"), or a field of the wrong type. Never crashes on any input.
Report parse_report(std::string_view text, const std::string& source);

// Reads and parses a report file; InputError when it cannot be read.
Report read_report_file(const std::string& path);

}  // namespace perfgate::artillery
