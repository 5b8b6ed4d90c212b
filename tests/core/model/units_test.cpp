#include "core/model/units.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace perfgate;

TEST_CASE("times print with three significant digits and a spaced unit", "[units]") {
  CHECK(format_value(0, Unit::time_ns()) == "0 ns");
  CHECK(format_value(999, Unit::time_ns()) == "999 ns");
  CHECK(format_value(1'500, Unit::time_ns()) == "1.50 \xC2\xB5s");
  CHECK(format_value(5'071'000, Unit::time_ns()) == "5.07 ms");
  CHECK(format_value(12'340'000, Unit::time_ns()) == "12.3 ms");
  CHECK(format_value(250'000'000, Unit::time_ns()) == "250 ms");
  CHECK(format_value(2'010'000'000, Unit::time_ns()) == "2.01 s");
  CHECK(format_value(-2'500'000, Unit::time_ns()) == "-2.50 ms");
}

TEST_CASE("rates, ratios, bytes, counts and other units", "[units]") {
  CHECK(format_value(14'071.4, Unit::per_second()) == "14 071/s");
  CHECK(format_value(500, Unit::per_second()) == "500/s");
  CHECK(format_value(0.0052, Unit::ratio()) == "0.52 %");
  CHECK(format_value(1, Unit::ratio()) == "100 %");
  CHECK(format_value(1536, Unit::bytes()) == "1.50 KiB");
  CHECK(format_value(3 * 1024.0 * 1024 * 1024, Unit::bytes()) == "3.00 GiB");
  CHECK(format_value(126'642, Unit::count()) == "126 642");
  CHECK(format_value(3, parse_unit("vusers")) == "3 vusers");
  CHECK(format_value(2.5, parse_unit("vusers")) == "2.50 vusers");
  CHECK(format_value(NAN, Unit::time_ns()) == "n/a");
  CHECK(format_value(INFINITY, Unit::count()) == "inf");
  CHECK(format_value(1e20, Unit::count()) == "1e+20");
}

TEST_CASE("a unit's text reads back to the same unit", "[units]") {
  for (const char* text : {"ns", "1/s", "ratio", "count", "bytes", "vusers"})
    CHECK(to_text(parse_unit(text)) == text);
  CHECK(parse_unit("") == Unit::count());
  CHECK(parse_unit("ns").kind == UnitKind::time_ns);
  CHECK(parse_unit("vusers").kind == UnitKind::other);
}

TEST_CASE("changes, p-values and counts", "[units]") {
  CHECK(format_change(1.041) == "+4.1 %");
  CHECK(format_change(0.74) == "-26.0 %");
  CHECK(format_change(1) == "+0.0 %");
  CHECK(format_change(NAN) == "n/a");
  CHECK(format_p_value(0.8143) == "0.814");
  CHECK(format_p_value(0.0004) == "<0.001");
  CHECK(format_count(0) == "0");
  CHECK(format_count(999) == "999");
  CHECK(format_count(1000) == "1 000");
  CHECK(format_count(1234567.4) == "1 234 567");
  CHECK(format_count(-4200) == "-4 200");
}

TEST_CASE("a rounding that carries shows in the larger form", "[units]") {
  CHECK(format_number(999.6) == "1 000");
  CHECK(format_number(9.996) == "10.0");
  CHECK(format_number(0.9996) == "1.00");
  CHECK(format_number(0.5) == "0.5");
  CHECK(format_number(14'071.4, NumberStyle::plain) == "14071");
  CHECK(format_number(2.50, NumberStyle::plain) == "2.5");
  CHECK(format_value(999'700, Unit::time_ns()) == "1.00 ms");
  CHECK(format_value(11'040'000, Unit::time_ns(), 4) == "11.04 ms");
  CHECK(format_value(1'000.4, Unit::per_second(), 5) == "1 000.4/s");
  CHECK(format_scaled(2.5e6, display_scale(Unit::time_ns(), 1e7)) == "2.5 ms");
  CHECK(format_scaled(NAN, display_scale(Unit::time_ns(), 1e7)) == "n/a");
}

TEST_CASE("a value beside its limit takes the digits that tell them apart", "[units]") {
  CHECK(format_value_apart(412e6, 400e6, Unit::time_ns()) == "412 ms");
  CHECK(format_value_apart(11.04e6, 11e6, Unit::time_ns()) == "11.04 ms");
  CHECK(format_value_apart(11.0004e6, 11e6, Unit::time_ns()) == "11.0004 ms");
  CHECK(format_value_apart(11e6, 11e6, Unit::time_ns()) == "11.0 ms");
  CHECK(format_value_apart(999.9e3, 1e6, Unit::time_ns()) == "999.9 \xC2\xB5s");
  CHECK(format_value_apart(0.01001, 0.01, Unit::ratio()) == "1.001 %");
  CHECK(format_value_apart(NAN, 0.01, Unit::ratio()) == "n/a");
}

TEST_CASE("a change with an interval on one side of zero shows two magnitudes", "[units]") {
  CHECK(format_change(1.041, 1.02, 1.063) == "+4.1 % (2.0\u20136.3 %)");
  CHECK(format_change(1.12, 1.08, 1.16) == "+12.0 % (8.0\u201316.0 %)");
  // Below zero the smaller magnitude comes first; the sign is the change's, or a verb's.
  CHECK(format_change(0.793, 0.769, 0.817) == "-20.7 % (18.3\u201323.1 %)");
  CHECK(format_change_interval(0.817, 0.769) == "18.3\u201323.1 %");  // ends in either order
  CHECK(format_change(1, 1, 1) == "+0.0 % (0.0\u20130.0 %)");
  CHECK(format_change(1.05, 1, 1.1) == "+5.0 % (0.0\u201310.0 %)");  // touching zero
}

TEST_CASE("a change with an interval across zero shows signed ends", "[units]") {
  CHECK(format_change(1.162, 0.659, 2.043) == "+16.2 % (-34.1 to +104.3 %)");
  CHECK(format_change(1.04, 0.97, 1.11) == "+4.0 % (-3.0 to +11.0 %)");
  CHECK(format_change_interval(1.03, 0.99) == "-1.0 to +3.0 %");
  // An end that rounds to zero is zero: one side, not "-0.0 to +5.0 %".
  CHECK(format_change_interval(0.9996, 1.05) == "0.0\u20135.0 %");
  CHECK(format_change(0.9996) == "+0.0 %");
}

TEST_CASE("a change that is not finite, or whose interval is not, stands alone", "[units]") {
  CHECK(format_change(NAN, 0.9, 1.1) == "n/a");
  CHECK(format_change(INFINITY, INFINITY, INFINITY) == "+inf");
  CHECK(format_change(INFINITY, 1.1, 1.2) == "+inf");
  CHECK(format_change(-INFINITY) == "-inf");
  CHECK(format_change(1.03, NAN, NAN) == "+3.0 %");
  CHECK(format_change(1.03, 0.9, INFINITY) == "+3.0 %");
  CHECK(format_change(1.03, -INFINITY, 1.1) == "+3.0 %");
  CHECK(format_change_interval(NAN, 1.1).empty());
  CHECK(format_change_interval(1.1, INFINITY).empty());
}

TEST_CASE("subjects and labels of a metric", "[units]") {
  const std::map<std::string, std::string> tags = {{"request", "list"}, {"status", "2xx"}};
  CHECK(format_subject("p99", "latency", "browse", tags) ==
        "p99 latency of browse/list (status=2xx)");
  CHECK(format_subject("", "throughput", "browse", {}) == "throughput of browse");
  CHECK(format_subject("p99.9", "latency", "", tags) == "p99.9 latency (request=list, status=2xx)");
  CHECK(format_subject("", "latency", "", {}) == "latency");
  CHECK(format_metric_label("latency", tags, "p99") == "latency{request=list,status=2xx}.p99");
  CHECK(format_metric_label("throughput", {}, "") == "throughput");
}
