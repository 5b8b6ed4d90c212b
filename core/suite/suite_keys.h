// The keys the suite loader accepts in each object of a suite file, in one place. The loader
// rejects any other key (with a "did you mean" suggestion), and a test checks that the JSON
// Schema in suites/schema/suite.schema.json describes exactly these keys.
//
// Not listed: the scenario keys of non-native adapters (each adapter's own, in tool_loader.cpp).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace perfgate::suite_keys {

// Upper bounds of a native scenario's load, shared by its keys and by matrix sweeps over them.
inline constexpr int64_t max_threads = 1024;
inline constexpr int64_t max_connections = 100'000;

inline constexpr std::array<std::string_view, 11> suite{
    "$schema", "suite", "baseline",        "repetitions", "warmup",   "service",
    "order",   "seed",  "sample_interval", "gate",        "scenarios"};
inline constexpr std::array<std::string_view, 6> service{"command", "cwd",         "env",
                                                         "ready",   "stop_signal", "grace"};
inline constexpr std::array<std::string_view, 4> ready{"http", "tcp", "log", "timeout"};
// Keys every scenario has, whatever its adapter.
inline constexpr std::array<std::string_view, 4> scenario{"name", "adapter", "repetitions",
                                                          "warmup"};
// All keys of an `adapter: native` scenario (the common ones included).
inline constexpr std::array<std::string_view, 16> native_scenario{"name",
                                                                  "adapter",
                                                                  "repetitions",
                                                                  "warmup",
                                                                  "target",
                                                                  "threads",
                                                                  "connections",
                                                                  "rate",
                                                                  "duration",
                                                                  "max_requests",
                                                                  "think_time",
                                                                  "timeout",
                                                                  "connect_timeout",
                                                                  "stages",
                                                                  "requests",
                                                                  "matrix"};
inline constexpr std::array<std::string_view, 2> stage{"duration", "target"};
inline constexpr std::array<std::string_view, 6> request{"name",    "method", "path",
                                                         "headers", "body",   "weight"};
inline constexpr std::array<std::string_view, 9> gate{"alpha",
                                                      "correction",
                                                      "threshold",
                                                      "metrics",
                                                      "directions",
                                                      "min_repetitions",
                                                      "on_environment_change",
                                                      "on_missing_baseline",
                                                      "sla"};

// For tests and tools: each object by name with its keys. Not yet `gate`: the schema's gate
// object is open and lacks directions and min_repetitions (tests/core/suite/suite_schema_test).
struct KeySet {
  std::string_view object;
  std::span<const std::string_view> keys;
};
inline constexpr std::array<KeySet, 7> all{{{"suite", suite},
                                            {"service", service},
                                            {"ready", ready},
                                            {"scenario", scenario},
                                            {"native_scenario", native_scenario},
                                            {"stage", stage},
                                            {"request", request}}};

}  // namespace perfgate::suite_keys
