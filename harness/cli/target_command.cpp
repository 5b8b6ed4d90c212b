// `perfgate target`: serve the built-in HTTP target until SIGINT/SIGTERM or --duration ends.
#include <CLI/CLI.hpp>

#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "core/errors.h"
#include "harness/cli/commands.h"
#include "harness/target/target_server.h"
#include "harness/target/target_spec.h"
#include "harness/target/unique_fd.h"

namespace perfgate::cli {
namespace {

using std::chrono::nanoseconds;

struct TargetArguments {
  std::string host = "127.0.0.1";
  bool allow_remote = false;
  int port = 8080;
  int threads = 1;
  std::string latency = "fixed:0ms";
  std::string error_rate = "0";
  size_t response_bytes = 1024;
  std::string stall;  // empty: no stall
  double slowdown = 1.0;
  std::string duration;  // empty: until a signal
  uint64_t seed = 1;
};

target::TargetOptions to_options(const TargetArguments& arguments) {
  target::TargetOptions options;
  options.host = target::parse_host(arguments.host, arguments.allow_remote);
  options.port = static_cast<uint16_t>(arguments.port);
  options.threads = arguments.threads;
  target::apply(target::parse_latency_spec(arguments.latency), options);
  options.error_rate = target::parse_error_rate(arguments.error_rate);
  options.response_bytes = arguments.response_bytes;
  if (!arguments.stall.empty()) target::apply(target::parse_stall_spec(arguments.stall), options);
  if (!std::isfinite(arguments.slowdown) || arguments.slowdown > 1000)
    throw InputError("--slowdown", "", "expected a factor in (0, 1000] (e.g. 1.15)");
  options.slowdown = arguments.slowdown;
  options.seed = arguments.seed;
  return options;
}

// Blocks SIGINT and SIGTERM here, before the server threads exist so that they inherit the
// mask, and returns a descriptor that becomes readable when one of them arrives.
target::UniqueFd block_stop_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  target::UniqueFd fd(signalfd(-1, &signals, SFD_CLOEXEC));
  if (!fd.valid())
    throw RunError(std::string("perfgate target: signalfd: ") + std::strerror(errno));
  return fd;
}

// Returns when SIGINT or SIGTERM arrives, or when `duration` has passed.
void wait_for_stop(int signal_fd, std::optional<nanoseconds> duration) {
  using Clock = std::chrono::steady_clock;
  auto deadline = duration ? Clock::now() + *duration : Clock::time_point::max();
  for (;;) {
    int timeout_ms = -1;
    if (duration) {
      auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return;
      timeout_ms = static_cast<int>(std::min<int64_t>(left.count(), 60'000));
    }
    pollfd waiting{signal_fd, POLLIN, 0};
    if (poll(&waiting, 1, timeout_ms) > 0) return;
  }
}

int serve(const TargetArguments& arguments) {
  target::TargetOptions options = to_options(arguments);
  std::optional<nanoseconds> duration;
  if (!arguments.duration.empty()) duration = target::parse_run_duration(arguments.duration);
  target::UniqueFd signals = block_stop_signals();
  target::TargetServer server(options);
  server.start();
  // Scripts and tests read the port from this line, so it is flushed at once.
  std::cout << "perfgate target listening on " << server.url() << std::endl;
  wait_for_stop(signals.get(), duration);
  server.stop();
  if (auto failure = server.failure()) throw RunError(*failure);
  return static_cast<int>(ExitCode::pass);
}

}  // namespace

void add_target_command(CLI::App& app, Action& action) {
  auto arguments = std::make_shared<TargetArguments>();
  CLI::App* command = app.add_subcommand(
      "target", "Serve the built-in HTTP target (configurable latency, errors, stalls)");
  command->add_option("--host", arguments->host, "IPv4 address to listen on")
      ->type_name("ADDRESS")
      ->capture_default_str();
  command->add_flag("--allow-remote", arguments->allow_remote,
                    "Allow listening on a non-loopback address");
  command->add_option("--port", arguments->port, "TCP port; 0 picks a free one")
      ->type_name("PORT")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535).description(""));
  command->add_option("--threads", arguments->threads, "Event loop threads")
      ->type_name("N")
      ->capture_default_str()
      ->check(CLI::Range(1, 256).description(""));
  command
      ->add_option("--latency", arguments->latency,
                   "fixed:2ms | uniform:1ms,5ms | lognormal:2ms,0.5 (median, sigma)")
      ->type_name("LATENCY")
      ->capture_default_str();
  command
      ->add_option("--error-rate", arguments->error_rate,
                   "Fraction of responses answered 500: 1% or 0.01")
      ->type_name("RATE")
      ->capture_default_str();
  command->add_option("--response-size", arguments->response_bytes, "Response body bytes")
      ->type_name("BYTES")
      ->capture_default_str()
      ->check(CLI::Range(size_t{0}, size_t{64} << 20).description(""));
  command
      ->add_option("--stall", arguments->stall,
                   "AT:FOR, e.g. 3s:1s: send nothing for FOR, starting AT after start")
      ->type_name("AT:FOR");
  command
      ->add_option("--slowdown", arguments->slowdown,
                   "Multiply every latency by this factor (1.15: 15 % slower)")
      ->type_name("FACTOR")
      ->capture_default_str()
      ->check(CLI::PositiveNumber.description(""));
  command->add_option("--duration", arguments->duration, "Exit after this long, e.g. 30s")
      ->type_name("DURATION");
  command->add_option("--seed", arguments->seed, "Seed of the latency and error draws")
      ->type_name("N")
      ->capture_default_str();
  command->callback([arguments, &action] { action = [arguments] { return serve(*arguments); }; });
}

}  // namespace perfgate::cli
