// The command adapter (like hyperfine): times any command, each repetition one run.
//
// Scenario keys (CommandOptions in core/suite/tool_options.h): command (argument list, required;
// no shell: write ["sh", "-c", "..."] for one), prepare (argument list, run before every warm-up
// and measured run, not timed), cleanup (argument list, run once after the last run), env (map),
// cwd (path; default: the suite's folder), timeout (duration per run, default 10m), warmup_runs
// (count, default 0: runs made and discarded before the measured ones; the suite's time-based
// `warmup:` does not apply).
//
// Metrics of each run (values): wall_time (ns), user_time (ns), sys_time (ns) — CPU time of the
// command and the children it waited for —, max_rss (bytes, the largest resident set of the
// command or one of those children), exit_code. Wall time is from the child's start to its
// reaping (measured from just before the spawn), polled with a back-off of 0.1 % of the elapsed
// time (50 us ... 2 ms), so a 20 s command is timed to ~2 ms and a 10 ms command to ~50 us.
//
// A non-zero exit, a signal, a timeout or a failing prepare/cleanup command is a failed run
// whose reason holds the exit and the tail of the command's output log; later repetitions are
// not run. The command's stdout and stderr go to one log per run in the work folder.
#pragma once

#include "adapters/adapter.h"

namespace perfgate {

class CommandAdapter final : public Adapter {
 public:
  void prepare(const ScenarioContext& context) const override;
  std::optional<RunResult> warm_up(const ScenarioContext& context) const override;
  std::vector<RunResult> measure(const ScenarioContext& context,
                                 Repetitions repetitions) const override;
  std::optional<RunResult> finish(const ScenarioContext& context) const override;
  // Commands write no result files: throws InputError saying so.
  std::vector<ScenarioResult> import_files(const std::vector<std::string>& paths) const override;
};

}  // namespace perfgate
