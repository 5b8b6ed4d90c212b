// Internal to the runner: the steps of the plan (run_plan.h), each handed to its scenario's
// adapter, and the bookkeeping of every run done once, here: failures, the service's checks,
// resources sampled during the step, and saving the results after each step.
#pragma once

#include <atomic>
#include <filesystem>
#include <string>

#include "harness/run/run_plan.h"
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

// Runs the plan's steps in order, appending each scenario's record and runs to ctx.out and
// saving after each step. A failed run ends its scenario (the rest of its steps are skipped);
// an interrupted run, or the service ending, stops the suite. Every scenario that was prepared
// is finished (its adapter cleans up), also when the suite stops. Returns false when it stopped.
bool run_plan(RunContext& ctx, const RunPlan& plan);

void save(const SuiteResult& result, const RunOptions& options);

}  // namespace perfgate::run_detail
