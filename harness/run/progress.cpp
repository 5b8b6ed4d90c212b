#include "harness/run/progress.h"

#include <unistd.h>

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

void ProgressLine::update(const ProgressSample& sample) {
  if (!active_) return;
  std::string p99 = sample.p99_ns ? format_duration_ns(static_cast<double>(sample.p99_ns)) : "-";
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

std::string format_duration_ns(double nanoseconds) {
  struct Unit {
    const char* name;
    double scale;
  };
  static constexpr Unit kUnits[] = {{"s", 1e9}, {"ms", 1e6}, {"us", 1e3}, {"ns", 1}};
  for (const Unit& unit : kUnits) {
    if (nanoseconds >= unit.scale || unit.scale == 1) {
      double value = nanoseconds / unit.scale;
      int decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2;
      if (unit.scale == 1) decimals = 0;
      char text[32];
      std::snprintf(text, sizeof text, "%.*f%s", decimals, value, unit.name);
      return text;
    }
  }
  return "0ns";
}

std::string format_count(double value) {
  if (!std::isfinite(value)) return "-";
  auto whole = static_cast<long long>(std::llround(value));
  std::string digits = std::to_string(whole < 0 ? -whole : whole);
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ' ';
    grouped += digits[i];
  }
  return whole < 0 ? "-" + grouped : grouped;
}

}  // namespace perfgate
