// `perfgate calibrate`: measure this machine's run-to-run noise with A/A runs against the
// built-in target (or --url), and recommend the gate's repetitions and threshold.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "core/errors.h"
#include "core/suite/quantity.h"
#include "harness/calibrate/aa_runs.h"
#include "harness/calibrate/noise.h"
#include "harness/cli/commands.h"
#include "harness/run/signals.h"
#include "harness/target/target_spec.h"

namespace perfgate::cli {
namespace {

struct CalibrateArguments {
  int runs = 10;
  std::string duration = "1s";
  std::string warmup = "1s";
  int connections = 8;
  int threads = 1;
  std::string url;
  std::string path = "/";
  std::string target_latency = "fixed:0ms";
  std::string threshold = "5%";
  double alpha = 0.05;
  std::string power = "90%";
  int planned_repetitions = 5;
};

Nanoseconds duration_flag(const std::string& text, const char* flag) {
  auto duration = parse_duration(text);
  if (!duration)
    throw InputError(flag, "", "expected a duration like 1s or 500ms, got '" + text + "'");
  return *duration;
}

double fraction_flag(const std::string& text, const char* flag) {
  auto fraction = parse_fraction(text);
  if (!fraction || *fraction <= 0 || *fraction >= 1)
    throw InputError(flag, "",
                     "expected a percentage like 5% (above 0, below 100), got '" + text + "'");
  return *fraction;
}

calibrate::AaOptions aa_options(const CalibrateArguments& args) {
  calibrate::AaOptions options;
  options.runs = args.runs;
  options.run_duration = duration_flag(args.duration, "--duration");
  options.warmup = duration_flag(args.warmup, "--warmup");
  options.connections = args.connections;
  options.threads = args.threads;
  options.url = args.url;
  options.path = args.path;
  options.target.port = 0;
  target::apply(target::parse_latency_spec(args.target_latency), options.target);
  return options;
}

calibrate::Targets targets(const CalibrateArguments& args) {
  calibrate::Targets targets;
  targets.threshold = fraction_flag(args.threshold, "--threshold");
  if (!(args.alpha > 0 && args.alpha < 1))
    throw InputError("--alpha", "", "expected a level in (0, 1), e.g. 0.05");
  targets.alpha = args.alpha;
  targets.power = fraction_flag(args.power, "--power");
  if (targets.power <= targets.alpha)
    throw InputError("--power", "", "expected a power above --alpha");
  if (args.planned_repetitions < 2)
    throw InputError("--plan-repetitions", "", "expected at least 2");
  targets.planned_repetitions = args.planned_repetitions;
  return targets;
}

int calibrate_command(const CalibrateArguments& args) {
  const calibrate::AaOptions options = aa_options(args);
  const calibrate::Targets goals = targets(args);
  StopOnSignal stop;
  const std::string against =
      options.url.empty() ? "the built-in target (in-process)" : options.url;
  std::cerr << "perfgate calibrate: " << options.runs << " A/A runs of " << args.duration << ", "
            << options.connections << " connections, against " << against << "\n";
  auto measurement = calibrate::measure_aa(options, stop.flag(), [](int run, int runs) {
    std::cerr << "\r  run " << run << "/" << runs << std::flush;
  });
  std::cerr << "\n";
  if (stop.stop_requested()) return static_cast<int>(ExitCode::interrupted);
  for (const std::string& failure : measurement.failures)
    std::cerr << "perfgate calibrate: warning: " << failure << "\n";
  std::cout << calibrate::render_noise_report(calibrate::assess_noise(measurement.metrics, goals));
  return static_cast<int>(ExitCode::pass);
}

}  // namespace

void add_calibrate_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<CalibrateArguments>();
  CLI::App* command = app.add_subcommand(
      "calibrate", "Measure this machine's run-to-run noise; recommend repetitions and threshold");
  command->add_option("--runs", args->runs, "Measured A/A runs")
      ->type_name("N")
      ->capture_default_str();
  command->add_option("--duration", args->duration, "Length of each run")
      ->type_name("DURATION")
      ->capture_default_str();
  command->add_option("--warmup", args->warmup, "One unmeasured run first (0 for none)")
      ->type_name("DURATION")
      ->capture_default_str();
  command->add_option("--connections", args->connections, "Connections (closed model)")
      ->type_name("N")
      ->capture_default_str();
  command->add_option("--threads", args->threads, "Generator threads")
      ->type_name("N")
      ->capture_default_str();
  command
      ->add_option("--url", args->url,
                   "Measure this server (http://host:port) instead of the built-in target")
      ->type_name("URL");
  command->add_option("--path", args->path, "Path requested")
      ->type_name("PATH")
      ->capture_default_str();
  command
      ->add_option("--target-latency", args->target_latency,
                   "Built-in target's latency (as perfgate target --latency)")
      ->type_name("LATENCY")
      ->capture_default_str();
  command->add_option("--threshold", args->threshold, "The change that should matter")
      ->type_name("PERCENT")
      ->capture_default_str();
  command->add_option("--alpha", args->alpha, "Significance level")
      ->type_name("P")
      ->capture_default_str();
  command->add_option("--power", args->power, "Power to detect a change of the threshold")
      ->type_name("PERCENT")
      ->capture_default_str();
  command
      ->add_option("--plan-repetitions", args->planned_repetitions,
                   "Repetitions the suite will use, for the threshold recommendation")
      ->type_name("N")
      ->capture_default_str();
  command->callback([args, &action] { action = [args] { return calibrate_command(*args); }; });
}

}  // namespace perfgate::cli
