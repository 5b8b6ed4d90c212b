#include "harness/service/service.h"

#include <fstream>
#include <thread>

#include "core/errors.h"
#include "harness/service/ready_probe.h"

namespace perfgate::service {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kProbeInterval = std::chrono::milliseconds(50);
constexpr auto kProbeBudget = std::chrono::milliseconds(500);
constexpr int kLogTailLines = 15;

ProcessSpec process_spec(const ServiceSpec& spec, const std::filesystem::path& log_path) {
  ProcessSpec process;
  process.argv = spec.command;
  process.cwd = spec.cwd;
  for (const auto& [name, value] : spec.env) process.env[name] = value;
  process.stdout_path = log_path;
  process.stderr_path = log_path;
  process.grace = spec.grace;
  return process;
}

std::string describe_command(const std::vector<std::string>& argv) {
  std::string text;
  for (const std::string& argument : argv) text += (text.empty() ? "" : " ") + argument;
  return text;
}

double seconds(Nanoseconds duration) {
  return std::chrono::duration<double>(duration).count();
}

}  // namespace

Service::Service(const ServiceSpec& spec, std::filesystem::path log_path)
    : spec_(spec), log_path_(std::move(log_path)) {
  std::error_code ignored;
  std::filesystem::create_directories(log_path_.parent_path(), ignored);
  started_at_ = Clock::now();
  try {
    child_ = std::make_unique<ChildProcess>(process_spec(spec_, log_path_));
  } catch (const RunError& error) {
    throw RunError("cannot start the service (" + describe_command(spec_.command) +
                   "): " + error.what());
  }
  pid_ = child_->pid();
}

Service::~Service() {
  stop();
}

StartOutcome Service::wait_until_ready(const std::atomic<bool>& stop_flag) {
  ReadyProbe probe(spec_.ready, log_path_);
  Clock::time_point deadline = started_at_ + spec_.ready.timeout;
  while (true) {
    if (auto ended = failure()) throw RunError(*ended + " (before it was ready)");
    if (probe.ready(kProbeBudget)) break;
    if (stop_flag.load()) return StartOutcome::interrupted;
    if (Clock::now() >= deadline) {
      stop();
      throw RunError("the service was not ready after " +
                     std::to_string(seconds(spec_.ready.timeout)) +
                     " s (last check: " + probe.last_observation() + "); its log " +
                     log_path_.string() + " ends with:\n" + tail_of_file(log_path_, kLogTailLines));
    }
    std::this_thread::sleep_for(kProbeInterval);
  }
  ready_time_ = std::chrono::duration_cast<Nanoseconds>(Clock::now() - started_at_);
  return StartOutcome::ready;
}

bool Service::has_exited() const {
  std::ifstream stat("/proc/" + std::to_string(pid_) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  size_t name_end = text.rfind(')');
  if (name_end == std::string::npos || name_end + 2 >= text.size()) return true;
  char state = text[name_end + 2];
  return state == 'Z' || state == 'X';
}

std::optional<std::string> Service::failure() {
  std::optional<ProcessOutcome> outcome = child_->poll();
  if (!outcome) return std::nullopt;
  return ended_message(*outcome);
}

std::string Service::ended_message(const ProcessOutcome& outcome) const {
  return "the service (pid " + std::to_string(pid_) + ") ended: " + outcome.describe() +
         "; its log " + log_path_.string() + " ends with:\n" +
         tail_of_file(log_path_, kLogTailLines);
}

ProcessOutcome Service::stop() {
  return child_->stop(spec_.stop_signal);
}

}  // namespace perfgate::service
