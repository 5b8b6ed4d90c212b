// A value's unit, and the one formatter of values, changes (with their intervals), p-values,
// counts and metric names that every output for people uses: terminal tables, the progress
// line, Markdown, HTML, JUnit, annotations, SLA sentences, calibration, baseline commit messages
// and history. The same latency reads the same everywhere ("5.07 ms"), and so does a change
// ("+4.1 % (2.0–6.3 %)"). Machine formats (JSON, CSV, OpenMetrics) write numbers in full instead.
//
// Units travel as a kind; the text form ("ns", "1/s", "ratio", "count", "bytes", or any other
// word a tool reports, such as "vusers") is what results and baseline files store.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace perfgate {

enum class UnitKind {
  time_ns,     // nanoseconds; shown in ns, µs, ms or s
  per_second,  // a rate; shown as "/s"
  ratio,       // a fraction in [0, 1] (error rate); shown as a percentage
  count,       // a plain number (requests, iterations); also "no unit"
  bytes,       // shown in B, KiB, MiB or GiB
  other,       // a unit perfgate does not know, kept as its text ("vusers")
};

struct Unit {
  UnitKind kind = UnitKind::count;
  std::string other{};  // the text of an `other` unit

  static Unit time_ns() { return {UnitKind::time_ns}; }
  static Unit per_second() { return {UnitKind::per_second}; }
  static Unit ratio() { return {UnitKind::ratio}; }
  static Unit count() { return {UnitKind::count}; }
  static Unit bytes() { return {UnitKind::bytes}; }

  bool operator==(const Unit&) const = default;
};

// "ns", "1/s", "ratio", "count" (and ""), "bytes" as their kinds; any other text as `other`.
Unit parse_unit(std::string_view text);
// The text a file stores: the inverse of parse_unit ("count" for count).
std::string to_text(const Unit& unit);

// How values of about `typical` magnitude are shown: value / divisor, then the suffix (with its
// leading space where one is needed: " ms", " KiB", "/s", " %"). A chart axis takes one scale
// for all its ticks; format_value takes the scale of each value.
struct DisplayScale {
  double divisor = 1;
  std::string suffix{};
};
DisplayScale display_scale(const Unit& unit, double typical);

// A number to `digits` significant digits (three unless a caller needs to tell two numbers
// apart); only the very large or very small get an exponent. `table` keeps trailing zeros so
// that a column lines up ("1.10" above "1.11") and groups whole numbers of 1000 and more
// ("14 071"); `plain` drops both ("1.1", "14071"), for chart ticks. Numbers below 1 drop
// trailing zeros in both styles ("0.5"). NaN is "n/a"; infinities are "inf" and "-inf".
enum class NumberStyle { table, plain };
std::string format_number(double value, NumberStyle style = NumberStyle::table, int digits = 3);

// A chart tick on an axis of one scale: value / divisor in the plain style, then the suffix
// ("2.5 ms", "10 ms"); "n/a" when not finite.
std::string format_scaled(double value, const DisplayScale& scale);

// A value in its unit, to three significant digits, with the unit after a space:
// "5.07 ms", "812 µs", "14 071/s", "0.52 %", "1.50 MiB", "126 642", "3 vusers", "2.50 vusers".
// Counts (and units perfgate does not know) that are whole show whole, as format_count does.
// The scale is chosen after rounding, so 999.7 µs reads "1.00 ms". NaN is "n/a"; infinities
// are "inf" and "-inf". `digits` other than three are for a caller that needs them: a value
// beside its limit (format_value_apart), or percentiles on a chart axis ("99.99 %").
std::string format_value(double value, const Unit& unit, int digits = 3);

// `value` with as many significant digits (3 to 6) as it takes to read differently from
// `reference` shown to three: a value beside its limit ("11.04 ms, above the SLA < 11.0 ms",
// not "11.0 ms, above the SLA < 11.0 ms"). Equal values read the same.
std::string format_value_apart(double value, double reference, const Unit& unit);

// A change given as a ratio new/old, as a percentage with one decimal: "+4.1 %", "-26.0 %",
// "+0.0 %" (never "-0.0 %"); NaN is "n/a", infinities "+inf" and "-inf".
std::string format_change(double ratio);

// The confidence interval of a change, given as the ratios at its ends, in the precision of
// format_change. On one side of zero it is two magnitudes, smaller first, without signs (the
// change before it carries the sign, and a sentence can say "rose" or "fell" instead):
// "2.0–6.3 %"; across zero, signed: "-34.1 to +104.3 %". "" when an end is not finite.
std::string format_change_interval(double low, double high);

// A change with its interval: "+4.1 % (2.0–6.3 %)", "+16.2 % (-34.1 to +104.3 %)"; the change
// alone when the ratio or an end of the interval is not finite ("+inf", "n/a", "+3.0 %").
std::string format_change(double ratio, double low, double high);

// A p-value: "0.041", "<0.001"; NaN is "n/a".
std::string format_p_value(double p);

// A whole count with thin groups of three: "126 642". NaN is "-".
std::string format_count(double value);

// What a number is of, in sentences: "p99 latency of browse/list (status=2xx)", "throughput of
// browse". `statistic` is "" for a metric's single value; the tag `request` follows the scenario
// after a '/', the other tags follow in parentheses. Without a scenario (a report section that
// names it already) every tag goes in the parentheses: "p99 latency (status=2xx)". The text is
// raw: callers redact and escape what they pass or get.
std::string format_subject(std::string_view statistic, std::string_view metric,
                           std::string_view scenario,
                           const std::map<std::string, std::string>& tags);

// A metric as written in suite files: "latency{request=list,status=2xx}.p99", "throughput";
// `statistic` is "" for a metric's single value.
std::string format_metric_label(std::string_view metric,
                                const std::map<std::string, std::string>& tags,
                                std::string_view statistic);

}  // namespace perfgate
