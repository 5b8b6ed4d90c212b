#include "harness/target/target_spec.h"

#include <arpa/inet.h>

#include <charconv>
#include <cmath>
#include <optional>

#include "core/errors.h"
#include "core/suite/quantity.h"

namespace perfgate::target {
namespace {

constexpr std::string_view latency_expected =
    "expected fixed:DURATION, uniform:MIN,MAX or lognormal:MEDIAN,SIGMA "
    "(e.g. fixed:2ms, uniform:1ms,5ms, lognormal:2ms,0.5)";
constexpr double max_sigma = 10;

[[noreturn]] void reject(std::string_view option, std::string_view text,
                         std::string_view expected) {
  throw InputError(std::string(option), "",
                   std::string(expected) + "; got \"" + std::string(text) + "\"");
}

// Splits "head<sep>tail" at the first separator; nullopt when there is none.
std::optional<std::pair<std::string_view, std::string_view>> split(std::string_view text,
                                                                   char separator) {
  auto at = text.find(separator);
  if (at == std::string_view::npos) return std::nullopt;
  return std::pair{text.substr(0, at), text.substr(at + 1)};
}

std::optional<double> parse_number(std::string_view text) {
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

std::optional<LatencySpec> parse_fixed(std::string_view parameters) {
  auto value = parse_duration(parameters);
  if (!value) return std::nullopt;
  return LatencySpec{LatencyShape::fixed, *value, Nanoseconds{0}, 0};
}

std::optional<LatencySpec> parse_uniform(std::string_view parameters) {
  auto bounds = split(parameters, ',');
  if (!bounds) return std::nullopt;
  auto low = parse_duration(bounds->first);
  auto high = parse_duration(bounds->second);
  if (!low || !high || *high < *low) return std::nullopt;
  return LatencySpec{LatencyShape::uniform, *low, *high, 0};
}

std::optional<LatencySpec> parse_lognormal(std::string_view parameters) {
  auto fields = split(parameters, ',');
  if (!fields) return std::nullopt;
  auto median = parse_duration(fields->first);
  auto sigma = parse_number(fields->second);
  if (!median || !sigma || *sigma < 0 || *sigma > max_sigma) return std::nullopt;
  return LatencySpec{LatencyShape::lognormal, *median, Nanoseconds{0}, *sigma};
}

}  // namespace

LatencySpec parse_latency_spec(std::string_view text) {
  auto parts = split(text, ':');
  std::optional<LatencySpec> spec;
  if (parts && parts->first == "fixed") spec = parse_fixed(parts->second);
  if (parts && parts->first == "uniform") spec = parse_uniform(parts->second);
  if (parts && parts->first == "lognormal") spec = parse_lognormal(parts->second);
  if (!spec) reject("--latency", text, latency_expected);
  return *spec;
}

StallSpec parse_stall_spec(std::string_view text) {
  constexpr std::string_view expected = "expected AT:FOR, two durations (e.g. 3s:1s)";
  auto parts = split(text, ':');
  if (!parts) reject("--stall", text, expected);
  auto at = parse_duration(parts->first);
  auto length = parse_duration(parts->second);
  if (!at || !length || length->count() <= 0) reject("--stall", text, expected);
  return StallSpec{*at, *length};
}

double parse_error_rate(std::string_view text) {
  auto rate = parse_fraction(text);
  if (!rate || !(*rate >= 0 && *rate <= 1))
    reject("--error-rate", text, "expected a percentage or fraction in [0, 1] (e.g. 1% or 0.01)");
  return *rate;
}

std::chrono::nanoseconds parse_run_duration(std::string_view text) {
  auto duration = parse_duration(text);
  if (!duration || duration->count() <= 0)
    reject("--duration", text, "expected a positive duration (e.g. 30s)");
  return *duration;
}

std::string parse_host(std::string_view text, bool allow_remote) {
  std::string host = text == "localhost" ? std::string("127.0.0.1") : std::string(text);
  in_addr address{};
  if (inet_pton(AF_INET, host.c_str(), &address) != 1)
    reject("--host", text, "expected an IPv4 address (e.g. 127.0.0.1)");
  bool loopback = (ntohl(address.s_addr) >> 24) == 127;
  if (!loopback && !allow_remote)
    reject("--host", text,
           "refusing a non-loopback address: the target answers anyone who can reach it; "
           "pass --allow-remote to do so anyway");
  return host;
}

void apply(const LatencySpec& latency, TargetOptions& options) {
  options.latency = latency.shape;
  options.latency_a = latency.a;
  options.latency_b = latency.b;
  if (latency.shape == LatencyShape::lognormal) options.sigma = latency.sigma;
}

void apply(const StallSpec& stall, TargetOptions& options) {
  options.stall_at = stall.at;
  options.stall_for = stall.length;
}

}  // namespace perfgate::target
