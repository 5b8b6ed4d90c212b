#include "harness/target/response_plan.h"

#include <algorithm>
#include <cmath>

namespace perfgate::target {
namespace {

// A draw far in the lognormal tail could overflow nanoseconds; no sane test waits an hour.
constexpr double max_latency_ns = 3600e9;

// SplitMix64 (Steele, Lea, Flood 2014): spreads (seed, loop index) over the whole 64-bit seed
// so that neighbouring loops draw unrelated sequences.
uint64_t splitmix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15u;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
  return x ^ (x >> 31);
}

double to_ns(std::chrono::nanoseconds duration) {
  return static_cast<double>(duration.count());
}

std::string body_of(size_t bytes) {
  // Fixed, printable content: clients that check the body see the same bytes every time.
  static constexpr std::string_view pattern = "perfgate target response body.\n";
  std::string body;
  body.reserve(bytes);
  while (body.size() < bytes)
    body += pattern.substr(0, std::min(pattern.size(), bytes - body.size()));
  return body;
}

CannedResponse make_response(std::string_view status, std::string body, bool keep_alive) {
  std::string head = "HTTP/1.1 ";
  head += status;
  head += "\r\nServer: perfgate-target\r\nContent-Type: text/plain\r\nContent-Length: ";
  head += std::to_string(body.size());
  head += keep_alive ? "\r\nConnection: keep-alive\r\n\r\n" : "\r\nConnection: close\r\n\r\n";
  return CannedResponse{std::move(head), std::move(body)};
}

}  // namespace

ResponsePlanner::ResponsePlanner(const TargetOptions& options, uint64_t stream)
    : shape_(options.latency),
      a_ns_(to_ns(options.latency_a)),
      b_ns_(to_ns(options.latency_b)),
      sigma_(options.sigma),
      error_rate_(options.error_rate),
      slowdown_(options.slowdown),
      random_(splitmix64(options.seed ^ splitmix64(stream))) {}

ResponseDecision ResponsePlanner::plan(bool health) {
  if (health) return {ResponseKind::health, std::chrono::nanoseconds{0}};
  // Drawn only when errors are on, so a zero error rate leaves the latency sequence unchanged.
  bool error = error_rate_ > 0 && unit_(random_) < error_rate_;
  return {error ? ResponseKind::injected_error : ResponseKind::ok, draw_latency()};
}

std::chrono::nanoseconds ResponsePlanner::draw_latency() {
  double latency_ns = a_ns_;
  switch (shape_) {
    case LatencyShape::fixed:
      break;
    case LatencyShape::uniform:
      latency_ns = a_ns_ + (b_ns_ - a_ns_) * unit_(random_);
      break;
    case LatencyShape::lognormal:
      // The median of exp(mu + sigma * Z) is exp(mu), so mu = ln(median).
      latency_ns = a_ns_ * std::exp(sigma_ * normal_(random_));
      break;
  }
  latency_ns = std::clamp(latency_ns * slowdown_, 0.0, max_latency_ns);
  return std::chrono::nanoseconds{static_cast<int64_t>(latency_ns)};
}

StallWindow StallWindow::from_options(const TargetOptions& options,
                                      Clock::time_point server_start) {
  if (!options.stall_at || options.stall_for.count() <= 0) return StallWindow{};
  auto begin = server_start + *options.stall_at;
  return StallWindow{begin, begin + options.stall_for};
}

CannedResponses::CannedResponses(size_t body_bytes) {
  for (int keep_alive = 0; keep_alive < 2; ++keep_alive) {
    auto& row = responses_;
    row[static_cast<int>(ResponseKind::ok)][keep_alive] =
        make_response("200 OK", body_of(body_bytes), keep_alive);
    row[static_cast<int>(ResponseKind::injected_error)][keep_alive] =
        make_response("500 Internal Server Error", "injected error\n", keep_alive);
    row[static_cast<int>(ResponseKind::health)][keep_alive] =
        make_response("200 OK", "ok", keep_alive);
    row[static_cast<int>(ResponseKind::bad_request)][keep_alive] =
        make_response("400 Bad Request", "bad request\n", false);
  }
}

const CannedResponse& CannedResponses::get(ResponseKind kind, bool keep_alive) const {
  return responses_[static_cast<int>(kind)][keep_alive ? 1 : 0];
}

}  // namespace perfgate::target
