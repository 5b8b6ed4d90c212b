#include "adapters/jmeter/jmeter_adapter.h"

#include <chrono>
#include <fstream>
#include <regex>

#include "adapters/jmeter/jtl_import.h"
#include "core/errors.h"
#include "core/process/child_process.h"

namespace perfgate {
namespace {

constexpr auto kDefaultTimeout = std::chrono::minutes(10);

// The JTL columns perfgate reads, whatever the plan's or the installation's defaults are.
const std::vector<std::string>& save_properties() {
  static const std::vector<std::string> properties = {
      "jmeter.save.saveservice.output_format=csv",
      "jmeter.save.saveservice.print_field_names=true",
      "jmeter.save.saveservice.default_delimiter=,",
      "jmeter.save.saveservice.timestamp_format=ms",
      "jmeter.save.saveservice.time=true",
      "jmeter.save.saveservice.label=true",
      "jmeter.save.saveservice.response_code=true",
      "jmeter.save.saveservice.response_message=true",
      "jmeter.save.saveservice.thread_name=true",
      "jmeter.save.saveservice.data_type=true",
      "jmeter.save.saveservice.successful=true",
      "jmeter.save.saveservice.bytes=true",
      "jmeter.save.saveservice.sent_bytes=true",
      "jmeter.save.saveservice.thread_counts=true",
      "jmeter.save.saveservice.latency=true",
      "jmeter.save.saveservice.connect_time=true",
      "jmeter.save.saveservice.sample_count=true",
      "sampleresult.timestamp.start=true",
  };
  return properties;
}

struct RunFiles {
  std::filesystem::path jtl, jmeter_log, output_log;
};

std::vector<std::string> jmeter_program(const JMeterOptions& options) {
  return options.program.empty() ? std::vector<std::string>{"jmeter"} : options.program;
}

std::vector<std::string> command_line(const JMeterOptions& options, const RunFiles& files) {
  std::vector<std::string> argv = jmeter_program(options);
  for (const std::string& part :
       {std::string("-n"), std::string("-t"), options.plan.string(), std::string("-l"),
        files.jtl.string(), std::string("-j"), files.jmeter_log.string()})
    argv.push_back(part);
  for (const std::string& property : save_properties()) argv.push_back("-J" + property);
  for (const auto& [name, value] : options.properties) argv.push_back("-J" + name + "=" + value);
  for (const std::string& extra : options.args) argv.push_back(extra);
  return argv;
}

// "2.13.19691222" from "... jmeter.JMeter: Version 2.13.19691222" (5.x: "o.a.j.JMeter: ...").
std::string version_in_log(const std::filesystem::path& jmeter_log) {
  std::ifstream log(jmeter_log);
  static const std::regex version(R"(JMeter: Version (\S+))");
  std::string line;
  std::smatch match;
  for (int read = 0; read < 200 && std::getline(log, line); ++read)
    if (std::regex_search(line, match, version)) return match[1];
  return "";
}

bool wrote_results(const std::filesystem::path& jtl) {
  std::error_code error;
  return std::filesystem::is_regular_file(jtl, error) && std::filesystem::file_size(jtl, error) > 0;
}

std::string output_tail(const RunFiles& files) {
  std::string tail = tail_of_file(files.output_log);
  if (tail.find_first_not_of(" \r\n") == std::string::npos) tail = tail_of_file(files.jmeter_log);
  return tail;
}

RunResult run_once(const ScenarioContext& context, int index) {
  const JMeterOptions& options = options_of<JMeterOptions>(context);
  const std::filesystem::path dir = context.work_dir / ("run-" + std::to_string(index + 1));
  std::filesystem::create_directories(dir);
  const RunFiles files{dir / "results.jtl", dir / "jmeter.log", dir / "output.log"};
  const std::string output_log = files.output_log.string();
  ProcessSpec spec{.argv = command_line(options, files),
                   .cwd = context.suite_dir,
                   .env = options.env,
                   .stdout_path = files.output_log,
                   .stderr_path = files.output_log};
  ProcessOutcome outcome =
      run_process(spec, options.timeout.value_or(kDefaultTimeout), context.stop);
  if (std::string version = version_in_log(files.jmeter_log); !version.empty())
    context.environment->tools["jmeter"] = version;
  if (outcome.end == ProcessEnd::stopped)
    return unfinished_run(RunStatus::interrupted, "interrupted", output_log);
  if (!outcome.succeeded() || !wrote_results(files.jtl))
    return unfinished_run(RunStatus::failed,
                          "JMeter ended with " + outcome.describe() +
                              (wrote_results(files.jtl) ? "" : " and wrote no results") +
                              "; last lines of its output:\n" + output_tail(files),
                          output_log);
  try {
    // JMeter's warm-up is the start of each run: samples before it are left out.
    RunResult run = jmeter::import_jtl_file(
        files.jtl,
        {.warmup_ms =
             std::chrono::duration_cast<std::chrono::milliseconds>(context.warmup).count()});
    run.log = files.output_log.string();
    return run;
  } catch (const InputError& error) {
    return unfinished_run(RunStatus::failed,
                          std::string("JMeter's results are unusable: ") + error.what() +
                              "; last lines of its output:\n" + output_tail(files),
                          output_log);
  }
}

// Throws RunError with a hint when the JMeter command cannot be found.
void check_installed(const JMeterOptions& options) {
  try {
    find_program(jmeter_program(options).front());
  } catch (const RunError& error) {
    throw RunError(std::string(error.what()) +
                   "; install JMeter (Debian: apt-get install jmeter jmeter-http) or set the "
                   "scenario's `jmeter:` command");
  }
}

}  // namespace

void JMeterAdapter::prepare(const ScenarioContext& context) const {
  check_installed(options_of<JMeterOptions>(context));
}

std::vector<RunResult> JMeterAdapter::measure(const ScenarioContext& context,
                                              Repetitions repetitions) const {
  return {run_once(context, repetitions.first)};
}

std::vector<ScenarioResult> JMeterAdapter::import_files(
    const std::vector<std::string>& paths) const {
  if (paths.empty()) throw InputError("files", "", "no JTL file given");
  ScenarioResult scenario{.name = std::filesystem::path(paths.front()).stem().string(),
                          .adapter = "jmeter"};
  for (const std::string& path : paths) {
    scenario.runs.push_back(jmeter::import_jtl_file(path));
    scenario.runs.back().index = static_cast<int>(scenario.runs.size() - 1);
  }
  return {scenario};
}

}  // namespace perfgate
