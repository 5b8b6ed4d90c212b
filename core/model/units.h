// A value's unit, and the one formatter of values, changes and counts that every output uses:
// terminal tables, the progress line, Markdown, HTML, JUnit, SLA sentences, baseline commit
// messages and history. The same latency reads the same everywhere ("5.07 ms").
//
// Units travel as a kind; the text form ("ns", "1/s", "ratio", "count", "bytes", or any other
// word a tool reports, such as "vusers") is what results and baseline files store.
#pragma once

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

// A number to three significant digits; only the very large or very small get an exponent.
// `table` keeps trailing zeros so that a column lines up ("1.10" above "1.11") and groups whole
// numbers of 1000 and more ("14 071"); `plain` drops both ("1.1", "14071"), for chart ticks.
enum class NumberStyle { table, plain };
std::string format_number(double value, NumberStyle style = NumberStyle::table);

// A value in its unit, to three significant digits, with the unit after a space:
// "5.07 ms", "812 µs", "14 071/s", "0.52 %", "1.5 MiB", "126 642", "3 vusers".
// NaN is "n/a"; infinities are "inf" and "-inf".
std::string format_value(double value, const Unit& unit);

// A change given as a ratio new/old: "+4.1 %", "-26.0 %", "+0.0 %"; NaN is "n/a".
std::string format_change(double ratio);

// A p-value: "0.041", "<0.001"; NaN is "n/a".
std::string format_p_value(double p);

// A whole count with thin groups of three: "126 642". NaN is "-".
std::string format_count(double value);

}  // namespace perfgate
