#include "core/suite/native_loader.h"

#include <algorithm>
#include <charconv>
#include <limits>
#include <map>

#include "core/suite/suite_keys.h"

namespace perfgate::suite_detail {
namespace {

constexpr int64_t kMaxThreads = suite_keys::max_threads;
constexpr int64_t kMaxConnections = suite_keys::max_connections;
constexpr int kDefaultConnections = 8;

bool is_token_char(char c) {
  constexpr std::string_view kSpecials = "!#$%&'*+-.^_`|~";
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         kSpecials.find(c) != std::string_view::npos;
}

// RFC 9110 token: what methods and header names are made of.
bool is_token(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_token_char);
}

// Safe in a request line: no spaces or control characters, which would split or forge it.
bool is_request_target(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    auto byte = static_cast<unsigned char>(c);
    return byte > 0x20 && byte != 0x7f && c != '#';
  });
}

bool is_host(std::string_view host) {
  return !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
    return is_token_char(c) && c != '%' && c != '\'' && c != '`';
  });
}

bool is_ipv6_literal(std::string_view host) {
  return !host.empty() && host.find_first_not_of("0123456789abcdefABCDEF:.") == host.npos;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::optional<uint16_t> parse_port(std::string_view text) {
  unsigned port = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (error != std::errc() || end != text.data() + text.size() || port == 0 || port > 65535) {
    return std::nullopt;
  }
  return static_cast<uint16_t>(port);
}

// Splits "host:port" or "[v6]:port" into url; false when malformed.
bool parse_authority(std::string_view authority, HttpUrl& url) {
  std::string_view host = authority;
  std::string_view port;
  if (authority.starts_with('[')) {
    size_t close = authority.find(']');
    if (close == authority.npos) return false;
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty() && !after.starts_with(':')) return false;
    if (!after.empty()) port = after.substr(1);
    if (!is_ipv6_literal(host) || (!after.empty() && port.empty())) return false;
  } else {
    size_t colon = authority.find(':');
    if (colon != authority.npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
      if (port.empty()) return false;
    }
    if (!is_host(host)) return false;
  }
  url.host = std::string(host);
  if (port.empty()) return true;
  auto port_number = parse_port(port);
  if (port_number) url.port = *port_number;
  return port_number.has_value();
}

void read_target(const Field& field, NativeLoad& load) {
  HttpUrl url = read_http_url(field);
  if (!url.path.empty() && url.path != "/") {
    field.fail(
        "expected a base URL like http://127.0.0.1:8080 (put paths in requests[].path), got " +
        field.describe());
  }
  load.target = field.text();
  load.host = url.host;
  load.port = url.port;
}

void read_concurrency(const Field& scenario, NativeLoad& load) {
  if (auto threads = scenario.member("threads")) {
    load.threads = static_cast<int>(threads->whole_number(1, kMaxThreads));
  }
  load.connections = std::max(kDefaultConnections, load.threads);
  if (auto connections = scenario.member("connections")) {
    load.connections = static_cast<int>(connections->whole_number(1, kMaxConnections));
    if (load.connections < load.threads) {
      connections->fail("expected at least one connection per thread (threads: " +
                        std::to_string(load.threads) + "), got " + connections->describe());
    }
  }
}

bool is_rate_text(const Field& target) {
  return target.node().IsScalar() && target.node().Scalar().find('/') != std::string::npos;
}

// Stage targets are all rates ("500/s": open model) or all connection counts (closed model).
Stage read_stage(const Field& field, bool open_model) {
  field.expect_mapping("a stage like {duration: 30s, target: 500/s}");
  field.check_keys(suite_keys::stage);
  Stage stage;
  stage.duration = field.required("duration").positive_duration();
  Field target = field.required("target");
  if (open_model && !is_rate_text(target)) {
    target.fail("expected a rate like 500/s, as in the other stages, got " + target.describe());
  }
  stage.target = open_model ? target.rate_per_s()
                            : static_cast<double>(target.whole_number(0, kMaxConnections));
  return stage;
}

void check_stages_alone(const Field& scenario) {
  if (auto rate = scenario.member("rate")) {
    rate->fail("rate and stages cannot both be set: the stages give the rate over time");
  }
  if (auto duration = scenario.member("duration")) {
    duration->fail("duration and stages cannot both be set: the stages add up to the duration");
  }
}

// Closed-model stages move the number of active connections, so the pool must hold the peak.
void fit_connections_to_stages(const Field& scenario, double peak, NativeLoad& load) {
  auto peak_connections = static_cast<int>(peak);
  auto connections = scenario.member("connections");
  if (!connections) {
    load.connections = std::max(peak_connections, load.threads);
  } else if (load.connections < peak_connections) {
    connections->fail("expected at least the largest stage target (" +
                      std::to_string(peak_connections) + "), got " + connections->describe());
  }
}

void read_stages(const Field& scenario, const Field& field, NativeLoad& load) {
  check_stages_alone(scenario);
  std::vector<Field> items = field.items("a list of stages like {duration: 30s, target: 500/s}");
  if (items.empty()) field.fail("expected at least one stage, got an empty list");
  bool open_model = std::any_of(items.begin(), items.end(), [](const Field& item) {
    auto target = item.node().IsMap() ? item.member("target") : std::nullopt;
    return target && is_rate_text(*target);
  });
  load.model = open_model ? LoadModel::open : LoadModel::closed;
  int64_t total_ns = 0;
  double peak = 0;
  for (const Field& item : items) {
    Stage stage = read_stage(item, open_model);
    if (__builtin_add_overflow(total_ns, stage.duration.count(), &total_ns)) {
      item.fail("the stages add up to a duration too long to represent");
    }
    peak = std::max(peak, stage.target);
    load.stages.push_back(stage);
  }
  if (peak <= 0) field.fail("expected at least one stage with a target above 0");
  load.duration = Nanoseconds(total_ns);
  if (!open_model) fit_connections_to_stages(scenario, peak, load);
}

void read_model(const Field& scenario, NativeLoad& load) {
  if (auto stages = scenario.member("stages")) {
    read_stages(scenario, *stages, load);
  } else if (auto rate = scenario.member("rate")) {
    load.model = LoadModel::open;
    load.rate_per_s = rate->rate_per_s();
    if (load.rate_per_s <= 0) rate->fail("expected a rate above 0, got " + rate->describe());
  }
  if (auto think_time = scenario.member("think_time")) {
    if (load.model == LoadModel::open) {
      think_time->fail(
          "think_time applies to the closed model only (the open model sends at "
          "the arrival rate, whatever the responses)");
    }
    load.think_time = think_time->duration();
  }
}

void read_limits(const Field& scenario, NativeLoad& load) {
  auto max_requests = scenario.member("max_requests");
  if (max_requests) {
    load.max_requests =
        static_cast<uint64_t>(max_requests->whole_number(1, std::numeric_limits<int64_t>::max()));
  }
  if (!load.stages.empty()) return;  // the stages set the duration
  if (auto duration = scenario.member("duration")) {
    load.duration = duration->positive_duration();
  } else if (max_requests) {
    load.duration = Nanoseconds(0);  // unlimited: the request count ends the run
  } else {
    scenario.fail_missing("duration",
                          "missing key 'duration' (or 'max_requests'): say how long "
                          "the load runs, e.g. duration: 30s");
  }
}

void read_timeouts(const Field& scenario, NativeLoad& load) {
  if (auto timeout = scenario.member("timeout"))
    load.request_timeout = timeout->positive_duration();
  if (auto timeout = scenario.member("connect_timeout")) {
    load.connect_timeout = timeout->positive_duration();
  }
}

std::string read_method(const Field& field) {
  std::string method = field.text();
  if (!is_token(method)) {
    field.fail("expected an HTTP method like GET or POST, got " + field.describe());
  }
  return method;
}

std::string read_path(const Field& field) {
  std::string path = field.text();
  if (!path.starts_with('/') || !is_request_target(path)) {
    field.fail("expected a path starting with '/' without spaces, got " + field.describe());
  }
  return path;
}

std::pair<std::string, std::string> read_header(const std::string& name, const Field& value) {
  if (!is_token(name)) {
    value.fail("expected a header name made of letters, digits and -, got " +
               quote_for_message(name));
  }
  // The generator frames the body itself; a second, conflicting framing would corrupt the stream.
  if (equals_ignoring_case(name, "Content-Length") ||
      equals_ignoring_case(name, "Transfer-Encoding")) {
    value.fail("header '" + name + "' is set by perfgate from the body; remove it");
  }
  std::string text = value.text();
  if (text.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos) {
    value.fail("header values must not contain CR, LF or NUL, got " + value.describe());
  }
  return {name, text};
}

std::vector<std::pair<std::string, std::string>> read_headers(const Field& field) {
  field.expect_mapping("a mapping of header names to values, like {Accept: application/json}");
  field.check_unique_keys();
  std::vector<std::pair<std::string, std::string>> headers;
  for (const auto& [name, value] : field.members()) headers.push_back(read_header(name, value));
  return headers;
}

RequestSpec read_request(const Field& field) {
  field.expect_mapping("a request like {method: GET, path: /items}");
  field.check_keys(suite_keys::request);
  RequestSpec request;
  if (auto method = field.member("method")) request.method = read_method(*method);
  if (auto path = field.member("path")) request.path = read_path(*path);
  if (auto headers = field.member("headers")) request.headers = read_headers(*headers);
  if (auto body = field.member("body")) request.body = body->text();
  if (auto weight = field.member("weight")) {
    request.weight = weight->number();
    if (request.weight <= 0) weight->fail("expected a weight above 0, got " + weight->describe());
  }
  auto name = field.member("name");
  request.name = name ? name->name_text() : request.method + " " + request.path;
  return request;
}

std::vector<RequestSpec> read_requests(const Field& field) {
  std::vector<Field> items = field.items("a list of requests like {method: GET, path: /items}");
  if (items.empty()) field.fail("expected at least one request, got an empty list");
  std::vector<RequestSpec> requests;
  std::map<std::string, int> line_by_name;  // names tag the metrics, so they must be unique
  for (const Field& item : items) {
    requests.push_back(read_request(item));
    auto [first, inserted] = line_by_name.emplace(requests.back().name, item.line());
    if (!inserted) {
      item.fail("duplicate request name '" + first->first + "' (first at line " +
                std::to_string(first->second) + "); give each request a distinct name");
    }
  }
  return requests;
}

}  // namespace

HttpUrl read_http_url(const Field& field) {
  std::string text = field.nonempty_text();
  std::string_view rest = text;
  std::string lower_scheme = text.substr(0, 8);
  std::transform(lower_scheme.begin(), lower_scheme.end(), lower_scheme.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (lower_scheme == "https://") {
    field.fail("TLS is not supported yet: use an http:// URL, got " + field.describe());
  }
  HttpUrl url;
  if (!rest.starts_with("http://")) {
    field.fail("expected a URL like http://127.0.0.1:8080, got " + field.describe());
  }
  rest.remove_prefix(std::string_view("http://").size());
  size_t authority_end = std::min(rest.find_first_of("/?#"), rest.size());
  url.path = std::string(rest.substr(authority_end));
  if (!parse_authority(rest.substr(0, authority_end), url) || !is_request_target(url.path)) {
    field.fail("expected a URL like http://127.0.0.1:8080, got " + field.describe());
  }
  return url;
}

NativeLoad read_native_load(const Field& scenario) {
  NativeLoad load;
  read_target(scenario.required("target"), load);
  read_concurrency(scenario, load);
  read_model(scenario, load);
  read_limits(scenario, load);
  read_timeouts(scenario, load);
  load.requests = read_requests(scenario.required("requests"));
  return load;
}

}  // namespace perfgate::suite_detail
