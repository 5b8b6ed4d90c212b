#include "gates/report/junit_report.h"

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <string_view>

#include "core/model/units.h"
#include "gates/report/escape.h"
#include "gates/report/finding.h"

namespace perfgate::gates {
namespace {

// The testcases of one scenario, rendered, with their counts.
struct SuiteBlock {
  std::string scenario{};
  std::string testcases{};
  std::string system_out{};
  int tests = 0;
  int failures = 0;
  int skipped = 0;
  double time_s = 0;
};

std::string runs_text(const std::vector<double>& runs, const Unit& unit) {
  std::string text = "[";
  for (size_t i = 0; i < runs.size(); ++i) text += (i ? ", " : "") + format_value(runs[i], unit);
  return text + "]";
}

// The schema's names are xs:token with at least one character.
std::string token(const std::string& text, const char* fallback) {
  bool blank = std::all_of(text.begin(), text.end(),
                           [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
  return blank ? fallback : text;
}

// "2026-11-27T03:48:34", the first 19 characters of a run's started_at, or "" if it has not
// that shape (the file is untrusted).
std::string local_time_of(const std::string& started_at) {
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd";
  if (started_at.size() < kShape.size()) return "";
  for (size_t i = 0; i < kShape.size(); ++i) {
    bool digit = started_at[i] >= '0' && started_at[i] <= '9';
    if (kShape[i] == 'd' ? !digit : started_at[i] != kShape[i]) return "";
  }
  return started_at.substr(0, kShape.size());
}

// ISO 8601 without a zone, as the schema wants: the earliest candidate run start, else the epoch.
std::string timestamp(const SuiteResult* candidate) {
  std::string earliest;
  if (candidate != nullptr)
    for (const ScenarioResult& scenario : candidate->scenarios)
      for (const RunResult& run : scenario.runs)
        if (std::string when = local_time_of(run.started_at);
            !when.empty() && (earliest.empty() || when < earliest))
          earliest = when;
  return earliest.empty() ? "1970-01-01T00:00:00" : earliest;
}

// The numbers behind a regression, for the reader of the failure: each run's value, the change
// of the geometric means (what the gate tests) with its interval and of the medians, the tests.
std::string numbers_of(const Comparison& comparison) {
  const Change& change = comparison.change;
  const std::string unit = to_text(comparison.unit);
  std::ostringstream text;
  text << "unit: " << (unit.empty() ? "-" : unit) << "\n"
       << "baseline runs: " << runs_text(comparison.baseline_runs, comparison.unit) << "\n"
       << "candidate runs: " << runs_text(comparison.candidate_runs, comparison.unit) << "\n"
       << "change: " << format_change(change.ratio, change.ci_low, change.ci_high)
       << " of the geometric means, " << format_change(change.median_ratio) << " of the medians\n"
       << "test: " << to_string(comparison.test.kind) << ", p "
       << format_p_value(comparison.test.p_value) << ", adjusted p "
       << format_p_value(comparison.test.p_adjusted) << ", Mann-Whitney p "
       << format_p_value(comparison.test.mann_whitney_p) << "\n"
       << "verdict: " << to_string(comparison.verdict) << "\n";
  return text.str();
}

std::string comparison_case(const std::string& classname, const Comparison& comparison,
                            SuiteBlock& block) {
  std::string sentence = finding_sentence(comparison);
  std::string open = "    <testcase name=\"" + escape_xml(metric_label(comparison.key)) +
                     "\" classname=\"" + classname + "\" time=\"0\"";
  block.system_out += sentence + "\n";
  ++block.tests;
  if (comparison.verdict == Verdict::regression) {
    ++block.failures;
    return open + ">\n      <failure type=\"regression\" message=\"" + escape_xml(sentence) +
           "\">" + escape_xml(numbers_of(comparison)) + "</failure>\n    </testcase>\n";
  }
  if (comparison.verdict == Verdict::inconclusive) {
    ++block.skipped;
    return open + ">\n      <skipped message=\"" + escape_xml(sentence) + "\"/>\n    </testcase>\n";
  }
  return open + "/>\n";
}

std::string sla_name(const sla::SlaResult& result) {
  std::string name = "sla: " + result.rule.text;
  if (!result.tags.empty()) {
    std::string tags;
    for (const auto& [key, value] : redact_tags(result.tags))
      tags += (tags.empty() ? "" : ",") + key + "=" + value;
    name += " {" + tags + "}";
  }
  return name;
}

std::string sla_case(const std::string& classname, const sla::SlaResult& result,
                     SuiteBlock& block) {
  std::string sentence = result.sentence.empty() ? result.rule.text + ": no data" : result.sentence;
  std::string open = "    <testcase name=\"" + safe_xml(sla_name(result)) + "\" classname=\"" +
                     classname + "\" time=\"0\"";
  block.system_out += "SLA " + std::string(sla::to_string(result.outcome)) + ": " + sentence + "\n";
  ++block.tests;
  if (result.outcome == sla::SlaOutcome::breach) {
    ++block.failures;
    const Unit unit = parse_unit(result.unit);
    std::string numbers =
        "observed (median of runs): " +
        format_value_apart(result.observed, result.threshold, unit) +
        "\nthreshold: " + format_value(result.threshold, unit) +
        "\nruns breaching: " + std::to_string(result.runs_breaching) + " of " +
        std::to_string(result.runs.size()) +
        "\nworst: " + format_value_apart(result.worst.value, result.threshold, unit) + " (run " +
        std::to_string(result.worst.run_index) + ")\n";
    return open + ">\n      <failure type=\"sla-breach\" message=\"" + safe_xml(sentence) + "\">" +
           safe_xml(numbers) + "</failure>\n    </testcase>\n";
  }
  if (result.outcome == sla::SlaOutcome::no_data) {
    ++block.skipped;
    return open + ">\n      <skipped message=\"" + safe_xml(sentence) + "\"/>\n    </testcase>\n";
  }
  return open + "/>\n";
}

SuiteBlock& block_for(std::vector<SuiteBlock>& blocks, const std::string& scenario) {
  for (SuiteBlock& block : blocks)
    if (block.scenario == scenario) return block;
  blocks.push_back({.scenario = scenario});
  return blocks.back();
}

std::string classname_of(const ReportInput& input, const std::string& scenario) {
  return safe_xml(token(input.suite, "perfgate") + "." + token(scenario, "(no scenario)"));
}

std::vector<SuiteBlock> blocks_of(const ReportInput& input) {
  std::vector<SuiteBlock> blocks;
  if (input.candidate != nullptr)
    for (const ScenarioResult& scenario : input.candidate->scenarios) {
      SuiteBlock& block = block_for(blocks, scenario.name);
      for (const RunResult& run : scenario.runs) block.time_s += run.duration_s;
    }
  for (const Comparison* comparison : ordered_comparisons(*input.gate)) {
    const std::string& scenario = comparison->key.scenario;
    SuiteBlock& block = block_for(blocks, scenario);
    block.testcases += comparison_case(classname_of(input, scenario), *comparison, block);
  }
  for (const sla::SlaResult& result : input.gate->slas) {
    SuiteBlock& block = block_for(blocks, result.scenario);
    block.testcases += sla_case(classname_of(input, result.scenario), result, block);
  }
  for (const Note& note : input.gate->notes)
    block_for(blocks, note.key.scenario).system_out += "note: " + note.message + "\n";
  return blocks;
}

std::string properties(const ReportInput& input) {
  const Provenance& provenance = input.gate->provenance;
  std::vector<std::pair<std::string, std::string>> entries = {
      {"perfgate.verdict", to_string(input.gate->verdict)}};
  if (!provenance.baseline_source.empty())
    entries.emplace_back("perfgate.baseline", provenance.baseline_source);
  if (!provenance.candidate_source.empty())
    entries.emplace_back("perfgate.candidate", provenance.candidate_source);
  if (provenance.baseline_edited_by_change)
    entries.emplace_back("perfgate.baseline_edited_by_change", "true");
  for (const std::string& difference : provenance.environment_differences)
    entries.emplace_back("perfgate.environment_differs", difference);
  if (input.gate->suite_shift)
    entries.emplace_back("perfgate.suite_shift", input.gate->suite_shift->sentence);
  std::string text = "    <properties>\n";
  for (const auto& [name, value] : entries)
    text += "      <property name=\"" + name + "\" value=\"" + safe_xml(value) + "\"/>\n";
  return text + "    </properties>\n";
}

}  // namespace

std::string render_junit(const ReportInput& input) {
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n";
  std::string when = timestamp(input.candidate);
  std::string shared_properties = properties(input);
  int id = 0;
  for (const SuiteBlock& block : blocks_of(input)) {
    char time_s[32];
    std::snprintf(time_s, sizeof time_s, "%.3f", block.time_s);
    out << "  <testsuite name=\"" << safe_xml(token(block.scenario, "(no scenario)"))
        << "\" package=\"" << safe_xml(token(input.suite, "perfgate")) << "\" id=\"" << id++
        << "\" timestamp=\"" << when << "\" hostname=\"localhost\" tests=\"" << block.tests
        << "\" failures=\"" << block.failures << "\" errors=\"0\" skipped=\"" << block.skipped
        << "\" time=\"" << time_s << "\">\n"
        << shared_properties << block.testcases << "    <system-out>" << safe_xml(block.system_out)
        << "</system-out>\n    <system-err></system-err>\n"
        << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
  return out.str();
}

}  // namespace perfgate::gates
