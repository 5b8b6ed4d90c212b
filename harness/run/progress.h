// The live progress line on a terminal: scenario, run, elapsed, requests, rate, p99, errors.
// Prints nothing when the stream is not a terminal (CI logs stay clean).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "core/model/live_stats.h"

namespace perfgate {

class ProgressLine {
 public:
  // `stream` is usually stderr; `enabled` false silences it (e.g. --no-progress).
  ProgressLine(std::FILE* stream, bool enabled);
  ~ProgressLine();

  void set_phase(const std::string& scenario, const std::string& phase);  // "warm-up", "run 2/5"
  void update(const LiveStats& sample);
  void clear();  // erases the line so a following message starts clean

 private:
  std::FILE* stream_;
  bool active_;
  bool drawn_ = false;
  std::string prefix_;
};

}  // namespace perfgate
