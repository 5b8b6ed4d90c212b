// The generator's one clock: CLOCK_MONOTONIC in nanoseconds, and the conversions to and from
// timespec. glibc serves clock_gettime from the vDSO (about 20 ns, no system call) on TSC-backed
// machines, so reading it once per event is cheap.
#pragma once

#include <time.h>

#include <cstdint>

namespace perfgate::native {

inline constexpr uint64_t kNsPerSecond = 1'000'000'000;

inline uint64_t to_ns(const timespec& time) noexcept {
  return static_cast<uint64_t>(time.tv_sec) * kNsPerSecond + static_cast<uint64_t>(time.tv_nsec);
}

inline timespec to_timespec(uint64_t ns) noexcept {
  return {static_cast<time_t>(ns / kNsPerSecond), static_cast<long>(ns % kNsPerSecond)};
}

inline uint64_t clock_ns(clockid_t clock) noexcept {
  timespec now{};
  clock_gettime(clock, &now);
  return to_ns(now);
}

inline uint64_t monotonic_ns() noexcept {
  return clock_ns(CLOCK_MONOTONIC);
}

}  // namespace perfgate::native
