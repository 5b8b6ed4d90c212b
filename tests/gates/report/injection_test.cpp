// Hostile names (markup, |, backticks, quotes, newlines, non-ASCII) and planted secrets through
// every text format: escaped, still correct, and no secret left.
#include <catch2/catch.hpp>

#include <algorithm>

#include "gates/compare/gate_result_json.h"
#include "gates/report/csv_report.h"
#include "gates/report/escape.h"
#include "gates/report/github_annotations.h"
#include "gates/report/junit_report.h"
#include "gates/report/markdown_report.h"
#include "gates/report/openmetrics_report.h"
#include "gates/report/redact_gate.h"
#include "gates/report/text_report.h"
#include "report_fixture.h"
#include "tests/support/test_support.h"

using namespace perfgate;
using namespace perfgate::testing;

namespace {

std::vector<std::pair<std::string, std::string>> every_format(const ReportFixture& fixture) {
  gates::ReportInput input = fixture.input();
  return {{"markdown", gates::render_markdown(input)},
          {"junit", gates::render_junit(input)},
          {"csv", gates::render_csv(input)},
          {"openmetrics", gates::render_openmetrics(input)},
          {"text", gates::render_text(fixture.gate)},
          {"annotations", gates::render_github_annotations(input)},
          {"json", gates::to_json_text(gates::redact_gate(fixture.gate))}};
}

// Pipes that end a Markdown table cell: not preceded by a backslash.
int cell_separators(const std::string& line) {
  int count = 0;
  for (size_t i = 0; i < line.size(); ++i)
    if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++count;
  return count;
}

}  // namespace

TEST_CASE("no planted secret reaches any format", "[report][redact]") {
  ReportFixture fixture = failing_report();
  for (const auto& [format, text] : every_format(fixture)) {
    INFO(format);
    bool markdown = format == "markdown";  // brackets are escaped there
    CHECK(text.find(markdown ? "\\[redacted\\]" : "[redacted]") != std::string::npos);
    for (const std::string& secret : kPlantedSecrets) CHECK(text.find(secret) == std::string::npos);
  }
}

TEST_CASE("markdown: a hostile scenario stays in its cell and reads as written",
          "[report][escape]") {
  std::string markdown = gates::render_markdown(failing_report().input());
  CHECK(markdown.find("<script>") == std::string::npos);
  std::string cell =
      "&lt;script&gt;alert(1)&lt;/script&gt; \\| \\`rm -rf\\` \"q\"\\\\nnext "
      "\xE6\x97\xA5\xE6\x9C\xAC";
  CHECK(markdown.find("| " + cell + " |") != std::string::npos);
  // Every table row has its 9 separators: nothing split a row or opened a new one.
  std::istringstream lines(markdown);
  int rows = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("|", 0) != 0) continue;
    ++rows;
    INFO(line);
    CHECK(cell_separators(line) == 9);
  }
  CHECK(rows == 2 + 5 + 2 + 2);  // two tables with header and rule rows, 5 changed, 2 unchanged
}

TEST_CASE("junit: hostile names are well-formed XML and decode to the original",
          "[report][escape]") {
  TempDir dir;
  auto path = dir.path() / "junit.xml";
  write_file(path, gates::render_junit(failing_report().input()));
  auto decoded = run_command({"xmllint", "--xpath", "string(//testsuite[2]/@name)", path.string()});
  INFO(decoded.err);
  REQUIRE(decoded.exit_code == 0);
  CHECK(decoded.out == kHostileScenario + "\n");  // xmllint ends its output with a newline
  auto message = run_command(
      {"xmllint", "--xpath", "string(//testsuite[2]/testcase[1]/failure/@message)", path.string()});
  CHECK(message.out.find("rose 30.0 % (20.0\u201340.0 %), from 13.0 ms to 16.9 ms") !=
        std::string::npos);
  CHECK(message.out.find("Authorization: [redacted]") != std::string::npos);
}

TEST_CASE("csv: a hostile name is one quoted cell, a formula is defused", "[report][escape]") {
  ReportFixture fixture = failing_report();
  fixture.gate.comparisons[0].key.scenario = "=HYPERLINK(\"http://x\")";
  std::string csv = gates::render_csv(fixture.input());
  CHECK(csv.find(",\"'=HYPERLINK(\"\"http://x\"\")\",") != std::string::npos);
  CHECK(csv.find(",\"<script>alert(1)</script> | `rm -rf` \"\"q\"\"\nnext ") != std::string::npos);
}

TEST_CASE("terminal: a name cannot send escape sequences", "[report][escape]") {
  ReportFixture fixture = failing_report();
  fixture.gate.comparisons[0].key.scenario = "evil\x1b[2J\x1b[31m";
  std::string text = gates::render_text(fixture.gate);
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find("evil\\x1B[2J\\x1B[31m") != std::string::npos);
}

TEST_CASE("colour only when asked: NO_COLOR and non-terminals", "[report][colour]") {
  ReportFixture fixture = failing_report();
  CHECK(gates::render_text(fixture.gate).find('\x1b') == std::string::npos);
  std::string coloured = gates::render_text(fixture.gate, {.colour = true});
  CHECK(coloured.find("\x1b[31mregression\x1b[0m") != std::string::npos);
  CHECK(coloured.find("\x1b[32mimprovement\x1b[0m") != std::string::npos);
  // Colour codes do not shift the columns: removing them gives the plain table.
  std::string stripped;
  for (size_t i = 0; i < coloured.size(); ++i) {
    if (coloured[i] == '\x1b') {
      i = coloured.find('m', i);
      continue;
    }
    stripped += coloured[i];
  }
  CHECK(stripped == gates::render_text(fixture.gate));
  TempDir dir;
  FILE* file = std::fopen((dir.path() / "out").c_str(), "w");
  CHECK_FALSE(gates::terminal_wants_colour(fileno(file)));  // a file is not a terminal
  std::fclose(file);
  ::setenv("NO_COLOR", "1", 1);
  CHECK_FALSE(gates::terminal_wants_colour(0));
  ::unsetenv("NO_COLOR");
}
