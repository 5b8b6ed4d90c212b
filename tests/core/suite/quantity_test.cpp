#include "core/suite/quantity.h"

#include <catch2/catch.hpp>

#include <optional>
#include <string>

namespace {

using perfgate::Nanoseconds;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

struct DurationCase {
  std::string text;
  std::optional<Nanoseconds> expected;
};

struct NumberCase {
  std::string text;
  std::optional<double> expected;
};

void check_number(const std::optional<double>& actual, const NumberCase& row) {
  INFO("text: '" << row.text << "'");
  REQUIRE(actual.has_value() == row.expected.has_value());
  if (row.expected) CHECK(*actual == Approx(*row.expected).epsilon(1e-12));
}

}  // namespace

TEST_CASE("parse_duration accepts every unit and fractions", "[quantity]") {
  const DurationCase rows[] = {
      {"250ms", milliseconds(250)},
      {"1.5s", milliseconds(1500)},
      {"2m", minutes(2)},
      {"1h", hours(1)},
      {"500us", Nanoseconds(500'000)},
      {"100ns", Nanoseconds(100)},
      {"0s", Nanoseconds(0)},
      {"0", Nanoseconds(0)},
      {"0.25ms", Nanoseconds(250'000)},
      {"1.0000000001s", Nanoseconds(1'000'000'000)},  // below a nanosecond: rounded
      {"0.5ns", Nanoseconds(1)},                      // rounds half away from zero
      {"90s", seconds(90)},
      {"9223372036854775807ns", Nanoseconds(INT64_MAX)},  // exact, no double rounding
      {"9007199254740993ns", Nanoseconds(9007199254740993)},
      {"2562047h", hours(2562047)},
  };
  for (const auto& row : rows) {
    INFO("text: '" << row.text << "'");
    auto parsed = perfgate::parse_duration(row.text);
    REQUIRE(parsed.has_value());
    CHECK(parsed->count() == row.expected->count());
  }
}

TEST_CASE("parse_duration rejects malformed, negative and overflowing text", "[quantity]") {
  const char* rejected[] = {"",
                            "s",
                            "ms",
                            "-1s",
                            "+1s",
                            "1",
                            "10",
                            "1 s",
                            " 1s",
                            "1s ",
                            "1sec",
                            "1S",
                            "1.s",
                            ".5s",
                            "1..5s",
                            "1e3ms",
                            "1,5s",
                            "inf",
                            "nans",
                            "1d",
                            "1sx",
                            "1s1",
                            "0x10s",
                            "2562048h",
                            "9223372036854775808ns",
                            "99999999999999999999s",
                            "9223372036854775807.9ns"};
  for (const char* text : rejected) {
    INFO("text: '" << text << "'");
    CHECK_FALSE(perfgate::parse_duration(text).has_value());
  }
}

TEST_CASE("parse_rate_per_s converts to requests per second", "[quantity]") {
  const NumberCase rows[] = {
      {"2000/s", 2000.0},
      {"120/m", 2.0},
      {"7200/h", 2.0},
      {"500", 500.0},
      {"0.5/s", 0.5},
      {"1.5/m", 0.025},
      {"0/s", 0.0},
      {"3.25", 3.25},
      {"", std::nullopt},
      {"/s", std::nullopt},
      {"-5/s", std::nullopt},
      {"2000 /s", std::nullopt},
      {"2000 per s", std::nullopt},
      {"2000/sec", std::nullopt},
      {"2000/d", std::nullopt},
      {"2000/", std::nullopt},
      {"1e3/s", std::nullopt},
      {"inf/s", std::nullopt},
      {"nan", std::nullopt},
      {"2000/s/s", std::nullopt},
      {"2000/S", std::nullopt},
      {"5%", std::nullopt},
  };
  for (const auto& row : rows) check_number(perfgate::parse_rate_per_s(row.text), row);
}

TEST_CASE("parse_fraction reads percentages and plain fractions", "[quantity]") {
  const NumberCase rows[] = {
      {"5%", 0.05},
      {"0.05", 0.05},
      {"0%", 0.0},
      {"100%", 1.0},
      {"150%", 1.5},
      {"0.5%", 0.005},
      {"1", 1.0},
      {"0", 0.0},
      {"", std::nullopt},
      {"%", std::nullopt},
      {"5", std::nullopt},
      {"1.01", std::nullopt},
      {"-5%", std::nullopt},
      {"5 %", std::nullopt},
      {"5%%", std::nullopt},
      {"5‰", std::nullopt},
      {"5e-2", std::nullopt},
      {"nan%", std::nullopt},
      {"0,05", std::nullopt},
  };
  for (const auto& row : rows) check_number(perfgate::parse_fraction(row.text), row);
}

TEST_CASE("parse_plain_number accepts plain decimals only", "[quantity]") {
  const NumberCase rows[] = {
      {"3", 3.0},           {"0.5", 0.5},          {"007", 7.0},
      {"", std::nullopt},   {"-1", std::nullopt},  {"1e2", std::nullopt},
      {"1.", std::nullopt}, {"1/s", std::nullopt}, {"inf", std::nullopt},
      {" 1", std::nullopt},
  };
  for (const auto& row : rows) check_number(perfgate::parse_plain_number(row.text), row);
}
