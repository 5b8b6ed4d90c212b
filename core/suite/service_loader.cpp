#include "core/suite/service_loader.h"

#include <csignal>
#include <regex>

#include "core/suite/native_loader.h"
#include "core/suite/suite_keys.h"

namespace perfgate::suite_detail {
namespace {

// std::regex compiles recursively; a bound keeps a hostile pattern from exhausting the stack.
constexpr size_t kMaxLogPatternBytes = 1000;

struct SignalName {
  std::string_view name;
  int number;
};
constexpr std::array<SignalName, 7> kStopSignals{{{"TERM", SIGTERM},
                                                  {"INT", SIGINT},
                                                  {"HUP", SIGHUP},
                                                  {"QUIT", SIGQUIT},
                                                  {"USR1", SIGUSR1},
                                                  {"USR2", SIGUSR2},
                                                  {"KILL", SIGKILL}}};

std::vector<std::string> read_command(const Field& field) {
  constexpr std::string_view kExpected =
      "the command as a list of arguments like [\"./server\", \"--port\", \"8080\"] (no shell "
      "is used)";
  if (!field.node().IsSequence())
    field.fail("expected " + std::string(kExpected) + ", got " + field.describe());
  std::vector<std::string> argv;
  for (const Field& item : field.items(kExpected)) {
    argv.push_back(argv.empty() ? item.nonempty_text() : item.text());
    if (argv.back().find('\0') != std::string::npos) item.fail("arguments cannot contain NUL");
  }
  if (argv.empty()) field.fail("expected at least the program to run, got an empty list");
  return argv;
}

int read_stop_signal(const Field& field) {
  std::string text = field.nonempty_text();
  std::string_view name = text;
  if (name.starts_with("SIG")) name.remove_prefix(3);
  for (const SignalName& signal : kStopSignals)
    if (name == signal.name) return signal.number;
  field.fail(
      "expected a signal name (SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2 or "
      "SIGKILL), got " +
      field.describe());
}

void read_tcp(const Field& field, ReadyCheck& ready) {
  ready.kind = ReadyKind::tcp;
  if (field.node().IsScalar() && field.node().Scalar().find(':') == std::string::npos) {
    ready.tcp_port = static_cast<uint16_t>(field.whole_number(1, 65535));
    return;
  }
  std::string text = field.nonempty_text();
  size_t colon = text.rfind(':');
  std::string port = text.substr(colon + 1);
  bool digits = !port.empty() && port.size() <= 5 &&
                port.find_first_not_of("0123456789") == std::string::npos;
  int number = digits ? std::stoi(port) : 0;
  if (colon == 0 || number < 1 || number > 65535)
    field.fail("expected a port like 8080 or host:port like 127.0.0.1:8080, got " +
               field.describe());
  ready.tcp_host = text.substr(0, colon);
  ready.tcp_port = static_cast<uint16_t>(number);
}

void read_log_pattern(const Field& field, ReadyCheck& ready) {
  ready.kind = ReadyKind::log;
  ready.log_pattern = field.nonempty_text();
  if (ready.log_pattern.size() > kMaxLogPatternBytes)
    field.fail("expected a regular expression of at most 1000 bytes");
  try {
    std::regex compiled(ready.log_pattern);
  } catch (const std::regex_error& error) {
    field.fail("expected a regular expression (ECMAScript), got " + field.describe() + ": " +
               error.what());
  }
}

void read_http(const Field& field, ReadyCheck& ready) {
  HttpUrl url = read_http_url(field);
  ready.kind = ReadyKind::http;
  ready.http_url = field.text();
  ready.http_host = url.host;
  ready.http_port = url.port;
  ready.http_path = url.path.empty() ? "/" : url.path;
}

ReadyCheck read_ready(const Field& field) {
  field.expect_mapping(
      "a readiness check like {http: \"http://127.0.0.1:8080/health\", timeout: 30s}");
  field.check_keys(suite_keys::ready);
  ReadyCheck ready;
  auto http = field.member("http");
  auto tcp = field.member("tcp");
  auto log = field.member("log");
  int given = (http ? 1 : 0) + (tcp ? 1 : 0) + (log ? 1 : 0);
  if (given != 1)
    field.fail(
        "expected exactly one of http (a URL), tcp (a port) or log (a regular "
        "expression), got " +
        std::to_string(given));
  if (http) read_http(*http, ready);
  if (tcp) read_tcp(*tcp, ready);
  if (log) read_log_pattern(*log, ready);
  if (auto timeout = field.member("timeout")) ready.timeout = timeout->positive_duration();
  return ready;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> read_env(const Field& field) {
  field.expect_mapping("environment variables like {PORT: \"8080\"}");
  field.check_unique_keys();
  std::vector<std::pair<std::string, std::string>> env;
  for (const auto& [name, value] : field.members()) {
    if (name.empty() || name.find_first_of("=") != std::string::npos ||
        name.find('\0') != std::string::npos)
      value.fail("expected an environment variable name without '=', got " +
                 quote_for_message(name));
    std::string text = value.text();
    if (text.find('\0') != std::string::npos) value.fail("values cannot contain NUL");
    env.emplace_back(name, std::move(text));
  }
  return env;
}

ServiceSpec read_service(const Field& field) {
  field.expect_mapping("a service like {command: [\"./server\"], ready: {http: ...}}");
  field.check_keys(suite_keys::service);
  ServiceSpec service;
  service.command = read_command(field.required("command"));
  if (auto cwd = field.member("cwd")) service.cwd = cwd->nonempty_text();
  if (auto env = field.member("env")) service.env = read_env(*env);
  if (auto ready = field.member("ready")) service.ready = read_ready(*ready);
  if (auto signal = field.member("stop_signal")) service.stop_signal = read_stop_signal(*signal);
  if (auto grace = field.member("grace")) service.grace = grace->duration();
  return service;
}

}  // namespace perfgate::suite_detail
