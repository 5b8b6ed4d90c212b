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
  CHECK(format_value(3, parse_unit("vusers")) == "3.00 vusers");
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
