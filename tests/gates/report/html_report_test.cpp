// The HTML report: exact bytes against a golden file (PERFGATE_UPDATE_GOLDEN=1 refreshes it),
// escaping and redaction of hostile names, links that resolve, degenerate inputs, and the time to
// render 200 scenarios.
#include <catch2/catch.hpp>

#include <time.h>
#include <chrono>
#include <iostream>
#include <regex>
#include <set>

#include "gates/report/html_report.h"
#include "tests/gates/report/html_fixture.h"
#include "tests/gates/report/report_fixture.h"
#include "tests/support/test_support.h"

namespace perfgate::testing {
namespace {

size_t count_of(const std::string& text, const std::string& needle) {
  size_t count = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    ++count;
  return count;
}

std::set<std::string> captures(const std::string& text, const std::regex& pattern) {
  std::set<std::string> found;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern);
       it != std::sregex_iterator(); ++it)
    found.insert((*it)[1].str());
  return found;
}

}  // namespace

TEST_CASE("html report: golden output of a fixed input", "[html]") {
  const HtmlFixture fixture = make_html_fixture({.hostile_names = true});
  check_golden("report.html", gates::render_html(fixture.input()));
}

TEST_CASE("html report: rendering twice gives the same bytes", "[html]") {
  const HtmlFixture fixture = make_html_fixture({.scenarios = 3});
  CHECK(gates::render_html(fixture.input()) == gates::render_html(fixture.input()));
}

TEST_CASE("html report: hostile names are escaped and secrets redacted", "[html]") {
  const HtmlFixture fixture = make_html_fixture({.hostile_names = true});
  const std::string html = gates::render_html(fixture.input());
  // No markup from a name survives: the page has no script element, and no <b> or <i> but ours.
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("<i>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; | `tick` \n line2 "
                  "caf\xC3\xA9 \xE2\x98\x95") != std::string::npos);
  CHECK(html.find("&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt; &#39;single&#39;") !=
        std::string::npos);
  // Attribute values (aria-label of each chart) are quoted and escaped too.
  const std::regex aria("aria-label=\"([^\"]*)\"");
  for (const std::string& label : captures(html, aria)) CHECK(label.find('<') == std::string::npos);
  // Secrets in tag values, failure reasons, SLA sentences and sources are gone everywhere.
  CHECK(html.find(kHtmlSecretValue) == std::string::npos);
  CHECK(count_of(html, "[redacted]") >= 4);
  // Structure survives: every element we open is closed.
  CHECK(count_of(html, "<svg") == count_of(html, "</svg>"));
  CHECK(count_of(html, "<figure") == count_of(html, "</figure>"));
  CHECK(count_of(html, "<section") == count_of(html, "</section>"));
}

TEST_CASE("html report: every link of the summary lands on an element of the page", "[html]") {
  const HtmlFixture fixture = make_html_fixture({.scenarios = 4, .hostile_names = true});
  const std::string html = gates::render_html(fixture.input());
  const std::set<std::string> targets = captures(html, std::regex("href=\"#([^\"]+)\""));
  const std::set<std::string> ids = captures(html, std::regex(" id=\"([^\"]+)\""));
  CHECK(targets.size() == 4 + fixture.gate.comparisons.size());
  for (const std::string& target : targets) CHECK(ids.contains(target));
  CHECK(count_of(html, "<section class=\"scenario\"") == 4);
}

TEST_CASE("html report: what a reader must be told is on the page", "[html]") {
  const HtmlFixture fixture = make_html_fixture({});
  const std::string html = gates::render_html(fixture.input());
  CHECK(html.find("<span class=\"badge fail\">FAIL</span>") != std::string::npos);
  CHECK(html.find("1 regression(s), 1 improvement(s), 1 inconclusive, 3 unchanged") !=
        std::string::npos);
  CHECK(html.find("also edits the baseline file") != std::string::npos);
  CHECK(html.find("cpu_model: Intel Xeon 8375C -&gt; AMD EPYC 7763") != std::string::npos);
  CHECK(html.find("Suite-wide shift: 3 of 8 metrics moved together") != std::string::npos);
  CHECK(html.find("artillery reports summary percentiles") != std::string::npos);
  CHECK(html.find("<span class=\"badge breach\">breach</span>") != std::string::npos);
  CHECK(html.find("<span class=\"badge no-data\">no-data</span>") != std::string::npos);
  CHECK(html.find("about 12 runs per side would decide it") != std::string::npos);
  CHECK(html.find("candidate run 5 failed") != std::string::npos);
  CHECK(html.find("history of the committed baseline") != std::string::npos);
  // Regressions come first in the summary table, unchanged last.
  CHECK(html.find("badge regression") < html.find("badge improvement"));
  CHECK(html.find("badge improvement") < html.find("badge unchanged"));
  // Self-contained: nothing to fetch, no script.
  CHECK(html.find("src=") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("url(") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  CHECK(html.find("default-src 'none'") != std::string::npos);
}

TEST_CASE("html report: a metric tagged distribution=approximate marks its scenario", "[html]") {
  HtmlFixture fixture = make_html_fixture({.scenarios = 3});
  const std::string before = gates::render_html(fixture.input());
  CHECK(before.find("scenario-2 <small>") != std::string::npos);
  CHECK(before.find("k6 reports summary percentiles") == std::string::npos);
  fixture.candidate.scenarios[2].adapter = "k6";
  fixture.candidate.scenarios[2].runs[0].metrics[0].tags["distribution"] = "approximate";
  const std::string after = gates::render_html(fixture.input());
  CHECK(after.find("k6 reports summary percentiles") != std::string::npos);
  CHECK(after.find("not every value): import-artillery, scenario-2.") != std::string::npos);
}

TEST_CASE("html report: without a baseline, history or comparisons it still renders", "[html]") {
  HtmlFixture fixture = make_html_fixture({.scenarios = 1, .with_history = false});
  fixture.gate.comparisons.clear();
  gates::ReportInput input = fixture.input();
  input.baseline = nullptr;
  const std::string html = gates::render_html(input);
  CHECK(html.find("No baseline yet") != std::string::npos);
  CHECK(html.find("Nothing was compared.") != std::string::npos);
  CHECK(html.find("history of the committed baseline") == std::string::npos);
  CHECK(count_of(html, "class=\"candidate line\"") > 0);
  CHECK(count_of(html, "class=\"baseline line\"") == 0);
}

TEST_CASE("html report: empty histograms and failed runs only draw empty charts", "[html]") {
  HtmlFixture fixture = make_html_fixture({.scenarios = 1, .with_history = false});
  for (RunResult& run : fixture.candidate.scenarios[0].runs) run.status = RunStatus::failed;
  for (RunResult& run : fixture.baseline.scenarios[0].runs)
    for (Metric& metric : run.metrics)
      if (metric.histogram) metric.histogram->reset();
  const std::string html = gates::render_html(fixture.input());
  CHECK(count_of(html, "<svg") == count_of(html, "</svg>"));
  CHECK(html.find("5 baseline vs 0 candidate successful runs") != std::string::npos);
  CHECK_FALSE(std::regex_search(html, std::regex("\\b(nan|inf)\\b")));
}

// CPU time of this thread, not wall time: the figure should not depend on what else the shared
// machine runs. Wall time is printed beside it.
double thread_cpu_s() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

TEST_CASE("html report: 200 scenarios render in under a second", "[html]") {
  const HtmlFixture fixture = make_html_fixture({.scenarios = 200});
  const double cpu_start_s = thread_cpu_s();
  const auto wall_start = std::chrono::steady_clock::now();
  const std::string html = gates::render_html(fixture.input());
  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  const double cpu_s = thread_cpu_s() - cpu_start_s;
  std::cout << "html report: 200 scenarios, " << fixture.gate.comparisons.size() << " comparisons, "
            << html.size() / 1024 << " KiB in " << cpu_s * 1000 << " ms CPU (" << wall_s * 1000
            << " ms wall)\n";
  CHECK(count_of(html, "<section class=\"scenario\"") == 200);
  CHECK(cpu_s < 1.0);
}

}  // namespace perfgate::testing
