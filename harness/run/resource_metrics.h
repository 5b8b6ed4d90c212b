// Turns snapshots of a process (tree) taken during one run into metrics, tagged with
// {process: NAME}. The names are chosen to gate well: `rss.max`, `cpu_percent`, `open_fds.max`.
//
//   cpu_percent, cpu_user_percent, cpu_system_percent  (unit "percent" of one CPU, like top)
//       value: mean over the run; timeline: one value per sample; cpu_percent also has a
//       histogram of the per-sample values (cpu_percent.p99, cpu_percent.max)
//   rss (bytes), threads (count), open_fds (count)
//       value: the largest sample; histogram of the samples; timeline: one value per sample
//   context_switches (count), io_read_bytes, io_write_bytes (bytes)
//       value: total during the run; timeline: the increase during each sample interval
#pragma once

#include <string>
#include <vector>

#include "core/model/run_result.h"
#include "harness/run/process_stats.h"

namespace perfgate {

struct Snapshot {
  double elapsed_s = 0;  // since the run started
  ProcessStats stats;
};

enum class MetricSet {
  cpu_only,  // perfgate's own process (the generator)
  full,      // the system under test
};

// Needs at least two snapshots (start and end); returns nothing otherwise.
std::vector<Metric> resource_metrics(const std::string& process,
                                     const std::vector<Snapshot>& snapshots, MetricSet set);

}  // namespace perfgate
