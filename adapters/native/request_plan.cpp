#include "adapters/native/request_plan.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>

#include "core/errors.h"

namespace perfgate::native {
namespace {

// Long enough that weights such as 3:1 or 0.1:0.9 are exact and odd ratios err below 0.1 %.
constexpr size_t kCycleLength = 4096;

bool has_line_break(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

bool has_header(const RequestSpec& spec, std::string_view name) {
  return std::any_of(spec.headers.begin(), spec.headers.end(),
                     [&](const auto& header) { return equals_ignoring_case(header.first, name); });
}

void validate(const RequestSpec& spec, size_t index) {
  const std::string where = "requests[" + std::to_string(index) + "]";
  auto reject = [&](const std::string& why) { throw InputError("", where, why); };
  if (!(spec.weight > 0)) reject("weight must be positive");
  if (spec.method.empty() || spec.method.find_first_of(" \r\n") != std::string::npos) {
    reject("method must be one word");
  }
  if (spec.path.find_first_of(" \r\n") != std::string::npos) reject("path must not contain spaces");
  for (const auto& [name, value] : spec.headers) {
    if (name.empty() || has_line_break(name) || name.find(':') != std::string::npos ||
        has_line_break(value)) {
      reject("header '" + name + "' must be one line with a name without ':'");
    }
  }
}

bool method_carries_body(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH";
}

std::string host_header_value(const NativeLoad& load) {
  const bool ipv6 = load.host.find(':') != std::string::npos;
  const std::string host = ipv6 ? "[" + load.host + "]" : load.host;
  return load.port == 80 ? host : host + ":" + std::to_string(load.port);
}

std::string request_bytes(const RequestSpec& spec, const NativeLoad& load) {
  std::string bytes = spec.method + " " + (spec.path.empty() ? "/" : spec.path) + " HTTP/1.1\r\n";
  if (!has_header(spec, "Host")) bytes += "Host: " + host_header_value(load) + "\r\n";
  for (const auto& [name, value] : spec.headers) bytes += name + ": " + value + "\r\n";
  const bool needs_length = !spec.body.empty() || method_carries_body(spec.method);
  if (needs_length && !has_header(spec, "Content-Length")) {
    bytes += "Content-Length: " + std::to_string(spec.body.size()) + "\r\n";
  }
  bytes += "\r\n";
  bytes += spec.body;
  return bytes;
}

std::string metric_name(const RequestSpec& spec) {
  return spec.name.empty() ? spec.method + " " + spec.path : spec.name;
}

}  // namespace

std::vector<uint16_t> weighted_order(const std::vector<double>& weights, size_t length) {
  double total = 0;
  for (double weight : weights) total += weight;
  std::vector<double> current(weights.size(), 0.0);
  std::vector<uint16_t> order;
  order.reserve(length);
  for (size_t pick = 0; pick < length; ++pick) {
    size_t best = 0;
    for (size_t i = 0; i < weights.size(); ++i) {
      current[i] += weights[i];
      if (current[i] > current[best]) best = i;
    }
    current[best] -= total;
    order.push_back(static_cast<uint16_t>(best));
  }
  return order;
}

RequestPlan build_request_plan(const NativeLoad& load) {
  if (load.requests.empty()) throw InputError("", "requests", "at least one request is needed");
  if (load.requests.size() > UINT16_MAX) throw InputError("", "requests", "too many requests");
  RequestPlan plan;
  std::map<std::string, size_t> metric_index_by_name;
  std::vector<double> weights;
  for (size_t i = 0; i < load.requests.size(); ++i) {
    const RequestSpec& spec = load.requests[i];
    validate(spec, i);
    const std::string name = metric_name(spec);
    const auto [entry, added] = metric_index_by_name.emplace(name, plan.metric_names.size());
    if (added) plan.metric_names.push_back(name);
    plan.requests.push_back({request_bytes(spec, load), entry->second, spec.method != "HEAD"});
    weights.push_back(spec.weight);
  }
  plan.weighted_cycle = weighted_order(weights, kCycleLength);
  return plan;
}

}  // namespace perfgate::native
