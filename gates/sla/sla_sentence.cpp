#include "gates/sla/sla_sentence.h"

#include "core/model/units.h"

namespace perfgate::sla {
namespace {

std::string subject(const SlaResult& result) {
  const Statistic& statistic = result.rule.statistic;
  return format_subject(statistic.kind == StatisticKind::value ? "" : to_string(statistic),
                        result.rule.metric, result.scenario, result.tags);
}

const char* side(double observed, double threshold) {
  if (observed > threshold) return "above";
  if (observed < threshold) return "below";
  return "at";
}

}  // namespace

std::string describe_outcome(const SlaResult& result) {
  const Unit unit = parse_unit(result.unit);
  auto shown = [&](double value) { return format_value_apart(value, result.threshold, unit); };
  std::string sla = std::string("the SLA ") + to_string(result.rule.comparison) + " " +
                    format_value(result.threshold, unit);
  std::string runs = std::to_string(result.runs.size());
  std::string text = subject(result) + " is " + shown(result.observed) + " (median of " + runs +
                     (result.runs.size() == 1 ? " run), " : " runs), ");
  text += result.outcome == SlaOutcome::breach ? side(result.observed, result.threshold) : "within";
  text += " " + sla + "; ";
  std::string worst =
      shown(result.worst.value) + " (run " + std::to_string(result.worst.run_index) + ")";
  if (result.runs_breaching == 0) return text + "worst run " + worst;
  return text + std::to_string(result.runs_breaching) + " of " + runs + " runs breach it, worst " +
         worst;
}

}  // namespace perfgate::sla
