#include "gates/report/github_annotations.h"

#include "gates/report/escape.h"
#include "gates/report/finding.h"

namespace perfgate::gates {
namespace {

// actions/toolkit core/src/command.ts: escapeData and escapeProperty.
std::string escape_data(const std::string& text) {
  std::string out;
  for (char c : printable(text)) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

std::string escape_property(const std::string& text) {
  std::string out;
  for (char c : escape_data(text)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

std::string command(const char* level, const std::string& title, const std::string& message) {
  return std::string("::") + level + " title=" + escape_property(redact_secrets(title)) +
         "::" + escape_data(redact_secrets(message)) + "\n";
}

}  // namespace

std::string render_github_annotations(const ReportInput& input) {
  const GateResult& gate = *input.gate;
  std::string out;
  for (const Comparison* comparison : ordered_comparisons(gate)) {
    if (comparison->verdict != Verdict::regression && comparison->verdict != Verdict::inconclusive)
      continue;
    std::string sentence = finding_sentence(*comparison);
    if (comparison->verdict == Verdict::regression)
      out += command("error", "perfgate regression", sentence);
    else
      out += command("warning", "perfgate inconclusive", sentence);
  }
  for (const sla::SlaResult& result : gate.slas)
    if (result.outcome == sla::SlaOutcome::breach)
      out += command("error", "perfgate SLA breach: " + result.rule.text, result.sentence);
  const Provenance& provenance = gate.provenance;
  if (provenance.baseline_edited_by_change)
    out += command("warning", "perfgate baseline edited",
                   "This change edits the baseline file; the gate used the baseline from before "
                   "the change.");
  for (const std::string& difference : provenance.environment_differences)
    out += command("warning", "perfgate environment differs", difference);
  if (gate.suite_shift)
    out += command("warning", "perfgate suite-wide shift", gate.suite_shift->sentence);
  return out;
}

}  // namespace perfgate::gates
