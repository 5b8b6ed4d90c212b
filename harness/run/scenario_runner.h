// Internal to the runner: one scenario's warm-up and repetitions, with the resources of the
// system under test sampled during each run and its death noticed.
#pragma once

#include <atomic>
#include <filesystem>
#include <string>

#include "harness/run/runner.h"
#include "harness/service/service.h"

namespace perfgate::run_detail {

struct RunContext {
  const Suite& suite;
  const RunOptions& options;
  const std::atomic<bool>& stop;  // Ctrl-C
  ProgressLine& progress;
  SuiteRun& out;
  std::filesystem::path work_root;      // tool outputs, the service log
  service::Service* service = nullptr;  // the running system under test, if any
  bool service_failed = false;          // it ended during the suite: stop the suite
};

// Appends the scenario's record and runs to ctx.out, saving after each run. Returns false when
// the suite must stop: interrupted, or the service ended.
bool run_scenario(RunContext& ctx, const Scenario& scenario);

RunResult failed_run(int index, std::string reason);
void save(const SuiteResult& result, const RunOptions& options);

}  // namespace perfgate::run_detail
