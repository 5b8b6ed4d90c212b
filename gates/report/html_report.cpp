#include "gates/report/html_report.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/model/units.h"
#include "gates/report/escape.h"
#include "gates/report/finding.h"
#include "gates/report/html_format.h"
#include "gates/report/html_scenario.h"

namespace perfgate::gates {
namespace {

// No script and no request of any kind: the policy makes the browser refuse both, so even a
// hostile name that slipped past escaping could neither run nor fetch.
constexpr const char* kHead =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    "style-src 'unsafe-inline'; img-src data:\">\n";

// System fonts only (no web fonts); charts scale to their column; one column on a phone.
constexpr const char* kStyle = R"css(<style>
:root{--baseline:#2f6db5;--candidate:#e2631a;--bad:#c62828;--good:#2e7d32;--warn:#a86b00;--line:#ddd;--muted:#666}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1d1d1d;background:#fff;margin:0 auto;max-width:1280px;padding:1rem;line-height:1.45}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.25rem;margin:1.6rem 0 .5rem;border-bottom:2px solid var(--line)}
h2 small{font-weight:400;color:var(--muted);font-size:.8rem}h3{font-size:1.05rem;margin:1rem 0 .5rem}
a{color:#1a56a6}code{font-size:.9em}
.headline{font-size:1.1rem;margin:.3rem 0}
.key{display:inline-block;width:.9em;height:.9em;border-radius:2px;vertical-align:-.1em;margin:0 .25em 0 .6em}
.key.baseline{background:var(--baseline)}.key.candidate{background:var(--candidate)}
dl.provenance{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.5rem 0}
dl.provenance dt{color:var(--muted)}dl.provenance dd{margin:0;overflow-wrap:anywhere}
.note{background:#fff7e0;border-left:4px solid #f0b400;padding:.4rem .7rem;margin:.4rem 0;overflow-wrap:anywhere}
.note.alarm{background:#fdecea;border-left-color:var(--bad)}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{background:#f6f6f6;white-space:nowrap}td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
tr.differs td{background:#fff7e0}
.badge{display:inline-block;padding:0 .45rem;border-radius:.3rem;font-size:.82em;font-weight:600;color:#fff;background:#777;white-space:nowrap}
.badge.regression,.badge.breach,.badge.fail{background:var(--bad)}
.badge.improvement,.badge.pass{background:var(--good)}
.badge.inconclusive,.badge.no-data{background:var(--warn)}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,440px),1fr));gap:.8rem}
figure{margin:0;border:1px solid var(--line);border-radius:.4rem;padding:.5rem;min-width:0}
figure.regression{border-color:var(--bad)}figure.improvement{border-color:var(--good)}
figcaption{font-weight:600;font-size:.93rem;overflow-wrap:anywhere}
.finding{margin:.3rem 0;font-size:.9rem}.history-title{margin:.4rem 0 0;font-size:.85rem;color:var(--muted)}
ul.failed-runs{color:var(--bad)}
svg.chart{display:block;width:100%;height:auto}
svg text{font-size:12px;fill:#444}svg .axis-title{fill:var(--muted)}
svg .gridline{stroke:#ececec}svg .axis{stroke:#999}
svg .line{fill:none;stroke-width:2}svg .dot{fill-opacity:.75}svg .bar{fill-opacity:.45}
svg .baseline{fill:var(--baseline);stroke:var(--baseline)}svg .candidate{fill:var(--candidate);stroke:var(--candidate)}
svg .line.baseline,svg .line.candidate{fill:none}svg .dot,svg .bar,svg .swatch{stroke:none}
footer{margin-top:2rem;color:var(--muted);font-size:.85rem}
@media (max-width:640px){body{padding:.5rem}th,td{padding:.25rem .3rem;font-size:.85rem}h1{font-size:1.2rem}}
</style>
)css";

std::string headline(const GateResult& gate) {
  int counts[4] = {0, 0, 0, 0};
  for (const Comparison& comparison : gate.comparisons) ++counts[verdict_rank(comparison.verdict)];
  int breaches = 0;
  for (const sla::SlaResult& result : gate.slas)
    if (result.outcome == sla::SlaOutcome::breach) ++breaches;
  std::string text = std::to_string(counts[0]) + " regression(s), " + std::to_string(counts[1]) +
                     " improvement(s), " + std::to_string(counts[2]) + " inconclusive, " +
                     std::to_string(counts[3]) + " unchanged";
  if (!gate.slas.empty())
    text += "; " + std::to_string(breaches) + " of " + std::to_string(gate.slas.size()) +
            " SLA checks breached";
  return text;
}

// "PASS" or "FAIL", for the title and the badge.
const char* shouted(GateVerdict verdict) {
  return verdict == GateVerdict::fail ? "FAIL" : "PASS";
}

std::string header(const ReportInput& input) {
  const GateVerdict verdict = input.gate->verdict;
  std::string out = "<header>\n<h1>perfgate: " + safe_html(input.suite) + " <span class=\"badge " +
                    to_string(verdict) + "\">" + shouted(verdict) +
                    "</span></h1>\n<p class=\"headline\">" + headline(*input.gate) + "</p>\n";
  out +=
      "<p>Colours:<span class=\"key baseline\"></span>baseline"
      "<span class=\"key candidate\"></span>candidate</p>\n";
  const Provenance& provenance = input.gate->provenance;
  std::string items;
  if (!provenance.baseline_source.empty())
    items += "<dt>baseline</dt><dd>" + safe_html(provenance.baseline_source) + "</dd>";
  if (!provenance.candidate_source.empty())
    items += "<dt>candidate</dt><dd>" + safe_html(provenance.candidate_source) + "</dd>";
  if (!items.empty()) out += "<dl class=\"provenance\">" + items + "</dl>\n";
  return out + "</header>\n";
}

std::string note(const std::string& html, bool alarm = false) {
  return std::string("<p class=\"note") + (alarm ? " alarm" : "") + "\">" + html + "</p>\n";
}

std::string approximate_scenarios(const ReportInput& input) {
  std::string names;
  for (const SuiteResult* suite : {input.candidate, input.baseline})
    if (suite != nullptr)
      for (const ScenarioResult& scenario : suite->scenarios)
        if (!html::approximate_distribution_note(scenario).empty() &&
            names.find(safe_html(scenario.name)) == std::string::npos)
          names += (names.empty() ? "" : ", ") + safe_html(scenario.name);
  return names;
}

std::string notes(const ReportInput& input) {
  const GateResult& gate = *input.gate;
  std::string out;
  if (input.baseline == nullptr) out += note("No baseline yet: only the candidate is shown.");
  if (gate.provenance.baseline_edited_by_change)
    out += note(
        "This change also edits the baseline file it is judged against; the comparison "
        "uses the baseline from before the change.",
        true);
  if (!gate.provenance.environment_differences.empty()) {
    out += note(
        "Baseline and candidate ran in different environments, so a change may come "
        "from the machine rather than the code:");
    out += "<ul>";
    for (const std::string& difference : gate.provenance.environment_differences)
      out += "<li>" + safe_html(difference) + "</li>";
    out += "</ul>\n";
  }
  if (gate.suite_shift)
    out += note("Suite-wide shift: " + safe_html(gate.suite_shift->sentence) + " (" +
                std::to_string(gate.suite_shift->metrics_moved) + " of " +
                std::to_string(gate.suite_shift->metrics_total) + " metrics, factor " +
                format_number(gate.suite_shift->ratio, NumberStyle::plain) + ")");
  for (const SuiteResult* suite : {input.baseline, input.candidate})
    if (suite != nullptr && !suite->complete)
      out += note(std::string("The ") + (suite == input.baseline ? "baseline" : "candidate") +
                  " results are incomplete (interrupted, or a run is missing).");
  if (const std::string names = approximate_scenarios(input); !names.empty())
    out += note("Approximate distributions (rebuilt from reported percentiles, not every value): " +
                names + ".");
  for (const Note& gate_note : gate.notes) out += note(safe_html(gate_note.message));
  return out.empty() ? out : "<section id=\"notes\">\n" + out + "</section>\n";
}

std::string summary_row(const ReportInput& input, size_t index, size_t scenario_index) {
  const Comparison& comparison = input.gate->comparisons[index];
  const char* verdict = to_string(comparison.verdict);
  const Change& moved = comparison.change;
  // The change, and under it the interval of format_change(ratio, low, high).
  std::string change = escape_html(format_change(moved.ratio));
  if (const std::string interval = format_change_interval(moved.ci_low, moved.ci_high);
      std::isfinite(moved.ratio) && !interval.empty())
    change += "<br><small>(" + escape_html(interval) + ")</small>";
  const std::string request = comparison.key.tags.contains("request")
                                  ? safe_html(comparison.key.tags.at("request"))
                                  : std::string("&mdash;");
  return "<tr><td><a href=\"#" + html::scenario_anchor(scenario_index) + "\">" +
         safe_html(comparison.key.scenario) + "</a></td><td>" + request + "</td><td><a href=\"#" +
         html::comparison_anchor(index) + "\">" +
         escape_html(html::describe_statistic(comparison.key.statistic, comparison.key.metric,
                                              comparison.key.tags, "request")) +
         "</a></td><td class=\"num\">" +
         escape_html(format_value(html::median_of(comparison.baseline_runs), comparison.unit)) +
         "</td><td class=\"num\">" +
         escape_html(format_value(html::median_of(comparison.candidate_runs), comparison.unit)) +
         "</td><td class=\"num\">" + change + "</td><td class=\"num\">" +
         escape_html(format_p_value(comparison.test.p_adjusted)) + "</td><td><span class=\"badge " +
         verdict + "\">" + verdict + "</span></td></tr>\n";
}

std::string summary(const ReportInput& input, const std::map<std::string, size_t>& scenarios) {
  const auto& comparisons = input.gate->comparisons;
  std::vector<size_t> order(comparisons.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return verdict_rank(comparisons[a].verdict) < verdict_rank(comparisons[b].verdict);
  });
  std::string out =
      "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"table-wrap\"><table>\n"
      "<tr><th>scenario</th><th>request</th><th>statistic</th><th>baseline<br><small>median of "
      "runs</small></th><th>candidate<br><small>median of runs</small></th><th>change<br><small>"
      "interval</small></th><th>adjusted p</th><th>verdict</th></tr>\n";
  for (size_t index : order)
    out += summary_row(input, index, scenarios.at(comparisons[index].key.scenario));
  if (comparisons.empty()) out += "<tr><td colspan=\"8\">Nothing was compared.</td></tr>\n";
  return out + "</table></div>\n</section>\n";
}

std::string sla_section(const GateResult& gate) {
  if (gate.slas.empty()) return "";
  std::string out =
      "<section id=\"sla\">\n<h2>SLA rules</h2>\n<div class=\"table-wrap\"><table>\n"
      "<tr><th>rule</th><th>outcome</th><th>finding</th></tr>\n";
  for (const sla::SlaResult& result : gate.slas) {
    const char* outcome = sla::to_string(result.outcome);
    out += "<tr><td><code>" + safe_html(result.rule.text) + "</code></td><td><span class=\"badge " +
           outcome + "\">" + outcome + "</span></td><td>" + safe_html(result.sentence) +
           "</td></tr>\n";
  }
  return out + "</table></div>\n</section>\n";
}

std::vector<std::pair<std::string, std::string>> environment_rows(const SuiteResult* suite) {
  if (suite == nullptr) return {};
  const Environment& environment = suite->environment;
  std::vector<std::pair<std::string, std::string>> rows = {
      {"cpu_model", environment.cpu_model}, {"cores", std::to_string(environment.cores)},
      {"kernel", environment.kernel},       {"governor", environment.governor},
      {"compiler", environment.compiler},   {"perfgate", environment.perfgate}};
  for (const auto& [tool, version] : environment.tools) rows.push_back({"tools." + tool, version});
  if (suite->git)
    rows.insert(rows.end(), {{"git commit", suite->git->commit},
                             {"git branch", suite->git->branch},
                             {"git dirty", suite->git->dirty ? "yes" : "no"}});
  return rows;
}

std::string environment_section(const ReportInput& input) {
  std::map<std::string, std::pair<std::string, std::string>> table;
  std::vector<std::string> order;
  for (const auto& [side, suite] : {std::pair{0, input.baseline}, std::pair{1, input.candidate}})
    for (const auto& [field, value] : environment_rows(suite)) {
      if (!table.contains(field)) order.push_back(field);
      (side == 0 ? table[field].first : table[field].second) = value;
    }
  std::string out =
      "<section id=\"environment\">\n<h2>Environment</h2>\n<div class=\"table-wrap\">"
      "<table>\n<tr><th>field</th><th>baseline</th><th>candidate</th></tr>\n";
  for (const std::string& field : order) {
    const auto& [baseline, candidate] = table[field];
    const bool differs = input.baseline != nullptr && baseline != candidate;
    out += std::string("<tr") + (differs ? " class=\"differs\"" : "") + "><td>" + safe_html(field) +
           "</td><td>" + safe_html(baseline) + "</td><td>" + safe_html(candidate) + "</td></tr>\n";
  }
  return out + "</table></div>\n</section>\n";
}

}  // namespace

std::string render_html(const ReportInput& input) {
  const std::vector<std::string> names = html::scenario_names(input);
  std::map<std::string, size_t> scenario_index;
  for (size_t i = 0; i < names.size(); ++i) scenario_index.emplace(names[i], i);
  std::string out = kHead;
  out += "<title>perfgate " + std::string(shouted(input.gate->verdict)) + ": " +
         safe_html(input.suite) + "</title>\n" + kStyle + "</head>\n<body>\n";
  out += header(input) + notes(input) + summary(input, scenario_index) + sla_section(*input.gate);
  const html::HistoryIndex history = html::index_history(input);
  for (size_t i = 0; i < names.size(); ++i)
    out += html::scenario_section(input, history, names[i], i);
  out += environment_section(input);
  out += "<footer>Made by perfgate " +
         safe_html(input.candidate ? input.candidate->environment.perfgate : "") +
         ". Every chart is inline SVG; this page loads nothing from the network.</footer>\n";
  return out + "</body>\n</html>\n";
}

}  // namespace perfgate::gates
