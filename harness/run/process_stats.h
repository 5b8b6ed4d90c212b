// Counters of a process, or of a process and all its descendants, read from /proc (Linux).
#pragma once

#include <cstdint>

namespace perfgate {

struct ProcessStats {
  uint64_t user_ticks = 0;    // CPU time in user mode, in clock ticks (sysconf(_SC_CLK_TCK))
  uint64_t system_ticks = 0;  // CPU time in kernel mode, in clock ticks
  uint64_t rss_bytes = 0;     // resident memory
  uint64_t threads = 0;
  uint64_t open_fds = 0;
  uint64_t context_switches = 0;  // voluntary + involuntary, since the process started
  uint64_t read_bytes = 0;        // storage I/O (/proc/PID/io), since the process started
  uint64_t write_bytes = 0;
  int processes = 0;  // how many processes were read (0: the root is gone)

  ProcessStats& operator+=(const ProcessStats& other);
};

// One process. Fields that cannot be read (a process ending mid-read, /proc/PID/io not
// permitted) stay 0; processes == 0 when the process does not exist.
ProcessStats read_process_stats(int pid);

// `root` and every descendant (found through the parent pids in /proc/*/stat).
ProcessStats read_process_tree_stats(int root);

// Clock ticks per second, for user_ticks and system_ticks.
double clock_ticks_per_s();

}  // namespace perfgate
