// One committed baseline value of one compared statistic: a point of the history trend that
// `perfgate history` prints and the reports draw. baselines/ reads them from git; reports only
// render them.
#pragma once

#include <string>

#include "gates/compare/gate_result.h"

namespace perfgate::gates {

struct HistoryPoint {
  ComparisonKey key{};
  std::string commit{};        // full hex id
  std::string committed_at{};  // ISO 8601 UTC
  std::string subject{};       // first line of the commit message
  double value = 0;  // median over the baseline's runs of the statistic, in the metric's unit
};

}  // namespace perfgate::gates
