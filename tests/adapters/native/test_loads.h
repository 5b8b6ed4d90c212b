// Shorthands for the native generator's tests.
#pragma once

#include <chrono>
#include <string>

#include "core/model/run_result.h"
#include "core/suite/suite.h"

namespace perfgate::native::testing {

inline NativeLoad load_for(uint16_t port, std::chrono::nanoseconds duration) {
  NativeLoad load;
  load.host = "127.0.0.1";
  load.port = port;
  load.target = "http://127.0.0.1:" + std::to_string(port);
  load.threads = 1;
  load.connections = 4;
  load.duration = duration;
  load.request_timeout = std::chrono::seconds(2);
  load.connect_timeout = std::chrono::seconds(1);
  load.requests.push_back(RequestSpec{"root", "GET", "/", {}, "", 1.0});
  return load;
}

inline double value_of(const RunResult& result, const std::string& name, const Tags& tags = {}) {
  const Metric* metric = result.find(name, tags);
  return metric != nullptr && metric->value ? *metric->value : -1;
}

inline uint64_t count_of(const RunResult& result, const std::string& name, const Tags& tags) {
  const Metric* metric = result.find(name, tags);
  return metric != nullptr && metric->histogram ? metric->histogram->count() : 0;
}

}  // namespace perfgate::native::testing
