#include "gates/report/redact_gate.h"

#include "gates/report/escape.h"

namespace perfgate::gates {
namespace {

Tags redact_all(const Tags& tags) {
  Tags redacted;
  for (const auto& [name, value] : redact_tags(tags)) redacted[name] = redact_secrets(value);
  return redacted;
}

void redact_key(ComparisonKey& key) {
  key.scenario = redact_secrets(key.scenario);
  key.tags = redact_all(key.tags);
}

}  // namespace

GateResult redact_gate(const GateResult& gate) {
  GateResult redacted = gate;
  for (Comparison& comparison : redacted.comparisons) redact_key(comparison.key);
  for (Note& note : redacted.notes) {
    redact_key(note.key);
    note.message = redact_secrets(note.message);
  }
  for (sla::SlaResult& result : redacted.slas) {
    result.scenario = redact_secrets(result.scenario);
    result.tags = redact_all(result.tags);
    result.rule.text = redact_secrets(result.rule.text);
    result.sentence = redact_secrets(result.sentence);
  }
  if (redacted.suite_shift)
    redacted.suite_shift->sentence = redact_secrets(redacted.suite_shift->sentence);
  Provenance& provenance = redacted.provenance;
  provenance.baseline_source = redact_secrets(provenance.baseline_source);
  provenance.candidate_source = redact_secrets(provenance.candidate_source);
  for (std::string& difference : provenance.environment_differences)
    difference = redact_secrets(difference);
  return redacted;
}

}  // namespace perfgate::gates
