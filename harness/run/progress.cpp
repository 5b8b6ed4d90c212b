#include "harness/run/progress.h"

#include <unistd.h>

#include "core/model/units.h"

#include <cmath>
#include <cstdio>

namespace perfgate {

ProgressLine::ProgressLine(std::FILE* stream, bool enabled)
    : stream_(stream), active_(enabled && stream && isatty(fileno(stream))) {}

ProgressLine::~ProgressLine() {
  clear();
}

void ProgressLine::set_phase(const std::string& scenario, const std::string& phase) {
  prefix_ = scenario + "  " + phase;
}

void ProgressLine::update(const LiveStats& sample) {
  if (!active_) return;
  std::string p99 =
      sample.p99_ns ? format_value(static_cast<double>(sample.p99_ns), Unit::time_ns()) : "-";
  // \r + "erase to end of line" redraws in place without scrolling the terminal.
  std::fprintf(stream_, "\r\033[K%s  %5.1fs  %s req  %s/s  p99 %s  errors %s", prefix_.c_str(),
               sample.elapsed_s, format_count(static_cast<double>(sample.requests)).c_str(),
               format_count(sample.rate_per_s).c_str(), p99.c_str(),
               format_count(static_cast<double>(sample.errors)).c_str());
  std::fflush(stream_);
  drawn_ = true;
}

void ProgressLine::clear() {
  if (!active_ || !drawn_) return;
  std::fputs("\r\033[K", stream_);
  std::fflush(stream_);
  drawn_ = false;
}

}  // namespace perfgate
