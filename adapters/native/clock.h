// The generator's one clock: CLOCK_MONOTONIC in nanoseconds. glibc serves it from the vDSO
// (about 20 ns, no system call) on TSC-backed machines, so reading it once per event is cheap.
#pragma once

#include <time.h>

#include <cstdint>

namespace perfgate::native {

inline uint64_t monotonic_ns() noexcept {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<uint64_t>(now.tv_sec) * 1'000'000'000u + static_cast<uint64_t>(now.tv_nsec);
}

}  // namespace perfgate::native
