// What every report renders: the gate's verdicts plus the two results they came from (for
// distributions and timelines) and, when available, the baseline's history from git.
// Each report format is a pure function of a ReportInput (one format per file).
#pragma once

#include <string>
#include <vector>

#include "core/model/run_result.h"
#include "gates/compare/gate_result.h"
#include "gates/compare/history_point.h"

namespace perfgate::gates {

struct ReportInput {
  std::string suite{};                     // suite name, for titles
  const GateResult* gate = nullptr;        // never null
  const SuiteResult* baseline = nullptr;   // null when there is no baseline yet
  const SuiteResult* candidate = nullptr;  // never null
  std::vector<HistoryPoint> history{};     // oldest first; empty when unknown
};

}  // namespace perfgate::gates
