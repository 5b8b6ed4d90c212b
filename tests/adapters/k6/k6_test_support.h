// Helpers shared by the k6 adapter tests: import a fixture, read a metric's value or histogram.
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "adapters/k6/k6_import.h"
#include "core/model/run_result.h"
#include "tests/support/test_support.h"

namespace k6_test {

inline std::string fixture(const std::string& name) {
  return (perfgate::testing::fixtures_dir() / "k6" / name).string();
}

inline perfgate::RunResult import_fixture(const std::string& name) {
  return perfgate::k6::import_k6_file(fixture(name)).run;
}

inline double value_of(const perfgate::RunResult& run, const std::string& name,
                       const perfgate::Tags& tags = {}) {
  const perfgate::Metric* metric = run.find(name, tags);
  INFO("metric " << name << " with " << tags.size() << " tags");
  REQUIRE(metric);
  REQUIRE(metric->value);
  return *metric->value;
}

inline const perfgate::Histogram& histogram_of(const perfgate::RunResult& run,
                                               const std::string& name,
                                               const perfgate::Tags& tags = {}) {
  const perfgate::Metric* metric = run.find(name, tags);
  INFO("metric " << name);
  REQUIRE(metric);
  REQUIRE(metric->histogram);
  return *metric->histogram;
}

// A k6 time in ms as the ns the histogram holds (within its 0.1 % bucket error).
inline Approx ns_from_ms(double ms) {
  return Approx(ms * 1e6).epsilon(0.001);
}

}  // namespace k6_test
