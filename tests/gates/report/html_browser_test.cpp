// The HTML report in a real browser (headless Chromium): it opens with no request leaving the
// page and no console message, its charts draw (marks with a non-empty rendered box), and it
// fits a phone-width window. Negative controls show each check can fail.
//
// Exits 77 (ctest: skipped) with a message when Chromium is not installed; set PERFGATE_CHROMIUM
// to use another binary. Set PERFGATE_HTML_SCREENSHOT_DIR to keep the screenshots.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <regex>

#include <nlohmann/json.hpp>

#include "gates/report/html_report.h"
#include "tests/gates/report/html_fixture.h"
#include "tests/support/test_support.h"

namespace perfgate::testing {
namespace {

namespace fs = std::filesystem;

std::optional<fs::path> find_chromium() {
  if (const char* configured = std::getenv("PERFGATE_CHROMIUM"))
    return fs::exists(configured) ? std::optional<fs::path>(configured) : std::nullopt;
  const char* path = std::getenv("PATH");
  std::string directories = path ? path : "/usr/bin:/bin";
  for (size_t start = 0; start <= directories.size();) {
    size_t end = directories.find(':', start);
    if (end == std::string::npos) end = directories.size();
    for (const char* name : {"chromium", "chromium-browser"}) {
      const fs::path candidate = fs::path(directories.substr(start, end - start)) / name;
      if (fs::exists(candidate)) return candidate;
    }
    start = end + 1;
  }
  return std::nullopt;
}

struct BrowserRun {
  CommandOutput output;
  fs::path net_log;
};

// One headless Chromium run on a file, in its own profile; nothing can resolve a host name, so a
// request the page makes fails fast (and is still recorded in the net log).
BrowserRun open_in_chromium(const fs::path& page, const fs::path& work_dir,
                            const std::string& window_size,
                            const std::vector<std::string>& extra_arguments) {
  static int run_number = 0;
  const std::string run = std::to_string(++run_number);
  BrowserRun result{.output = {}, .net_log = work_dir / ("net-" + run + ".json")};
  std::vector<std::string> argv = {find_chromium()->string(),
                                   "--headless",
                                   "--disable-gpu",
                                   "--no-sandbox",
                                   "--no-first-run",
                                   "--disable-background-networking",
                                   "--disable-component-update",
                                   "--disable-sync",
                                   "--disable-extensions",
                                   "--hide-scrollbars",
                                   "--host-resolver-rules=MAP * ~NOTFOUND",
                                   "--user-data-dir=" + (work_dir / ("profile-" + run)).string(),
                                   "--enable-logging=stderr",
                                   "--log-level=0",
                                   "--v=0",
                                   "--log-net-log=" + result.net_log.string(),
                                   "--window-size=" + window_size};
  argv.insert(argv.end(), extra_arguments.begin(), extra_arguments.end());
  argv.push_back("file://" + page.string());
  result.output = run_command(argv, 60);
  return result;
}

// URLs the page itself asked for (its network isolation key is the file:// origin) other than
// file: and data: URLs. Chromium's own background traffic has another key and is ignored.
std::vector<std::string> page_requests(const fs::path& net_log) {
  const nlohmann::json log = nlohmann::json::parse(read_file(net_log));
  const int start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"].get<int>();
  std::vector<std::string> urls;
  for (const nlohmann::json& event : log["events"]) {
    if (event["type"] != start_job || !event.contains("params")) continue;
    const nlohmann::json& params = event["params"];
    const std::string url = params.value("url", "");
    const std::string key = params.value("network_isolation_key", "");
    if (key.find("file://") != std::string::npos && !url.starts_with("file:") &&
        !url.starts_with("data:"))
      urls.push_back(url);
  }
  return urls;
}

// Chromium logs every console message of the page (errors, CSP violations, logs) as CONSOLE.
std::vector<std::string> console_lines(const std::string& stderr_text) {
  std::vector<std::string> lines;
  std::istringstream in(stderr_text);
  for (std::string line; std::getline(in, line);)
    if (line.find(":CONSOLE") != std::string::npos) lines.push_back(line);
  return lines;
}

// The page with a script that measures what the browser drew: for every chart, the marks
// (lines, bars, dots) whose rendered box is non-empty and inside the chart. Scripts are allowed
// in this copy only; the report itself forbids them.
std::string instrumented(std::string html) {
  const std::string policy = "default-src 'none'; style-src 'unsafe-inline';";
  const size_t at = html.find(policy);
  REQUIRE(at != std::string::npos);
  html.insert(at + policy.size(), " script-src 'unsafe-inline';");
  const std::string script = R"js(<script>
const charts = [...document.querySelectorAll('svg.chart')];
let drawn = 0, marks = 0;
for (const svg of charts) {
  const box = svg.getBoundingClientRect();
  let visible = 0;
  for (const mark of svg.querySelectorAll('path.line, path.bar, circle.dot')) {
    const r = mark.getBoundingClientRect();
    const inside = r.left >= box.left - 1 && r.right <= box.right + 1 &&
                   r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
    if ((r.width > 0 || r.height > 0) && inside) ++visible;
  }
  marks += visible;
  if (visible > 0) ++drawn;
}
const out = document.createElement('pre');
out.id = 'measured';
out.textContent = JSON.stringify({charts: charts.length, drawn: drawn, marks: marks,
  scroll_width: document.documentElement.scrollWidth, inner_width: window.innerWidth});
document.body.appendChild(out);
</script>)js";
  html.insert(html.rfind("</body>"), script);
  return html;
}

nlohmann::json measure(const fs::path& page, const fs::path& work_dir,
                       const std::string& window_size) {
  const BrowserRun run = open_in_chromium(page, work_dir, window_size, {"--dump-dom"});
  REQUIRE(run.output.exit_code == 0);
  std::smatch match;
  const std::string& dom = run.output.out;
  REQUIRE(std::regex_search(dom, match, std::regex("<pre id=\"measured\">([^<]*)</pre>")));
  return nlohmann::json::parse(match[1].str());
}

void keep_screenshot(const fs::path& screenshot) {
  if (const char* keep = std::getenv("PERFGATE_HTML_SCREENSHOT_DIR"))
    fs::copy_file(screenshot, fs::path(keep) / screenshot.filename(),
                  fs::copy_options::overwrite_existing);
}

fs::path write_report(const fs::path& dir) {
  const HtmlFixture fixture = make_html_fixture({.scenarios = 2, .hostile_names = true});
  const fs::path page = dir / "report.html";
  write_file(page, gates::render_html(fixture.input()));
  return page;
}

}  // namespace

TEST_CASE("chromium: the report opens with no request leaving it and no console message",
          "[html][browser][opens]") {
  TempDir dir;
  const fs::path page = write_report(dir.path());
  for (const std::string size : {"1280,2400", "500,1200"}) {
    const fs::path screenshot = dir.path() / ("report-" + size.substr(0, size.find(',')) + ".png");
    const BrowserRun run =
        open_in_chromium(page, dir.path(), size, {"--screenshot=" + screenshot.string()});
    INFO(run.output.err);
    REQUIRE(run.output.exit_code == 0);
    CHECK(page_requests(run.net_log).empty());
    CHECK(console_lines(run.output.err).empty());
    REQUIRE(fs::exists(screenshot));
    CHECK(read_file(screenshot).starts_with("\x89PNG"));
    // A blank page of this size compresses to a few KiB; charts and tables make it far larger.
    CHECK(fs::file_size(screenshot) > 50 * 1024);
    keep_screenshot(screenshot);
  }
}

TEST_CASE("chromium: every chart draws marks inside its frame, and a phone needs no side scroll",
          "[html][browser][draws]") {
  TempDir dir;
  const fs::path page = dir.path() / "measured.html";
  write_file(page, instrumented(read_file(write_report(dir.path()))));
  for (const std::string size : {"1280,2400", "500,1200"}) {
    const nlohmann::json measured = measure(page, dir.path(), size);
    INFO(size << ": " << measured.dump());
    CHECK(measured["charts"].get<int>() >= 20);
    CHECK(measured["drawn"] == measured["charts"]);
    CHECK(measured["marks"].get<int>() > 4 * measured["charts"].get<int>());
    CHECK(measured["scroll_width"].get<int>() <= measured["inner_width"].get<int>());
  }
}

TEST_CASE("chromium: the checks catch a request, a console message and a chart without marks",
          "[html][browser][controls]") {
  TempDir dir;
  const fs::path page = dir.path() / "leaky.html";
  write_file(page,
             "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>x</title></head><body>"
             "<img src=\"http://perfgate-test.invalid/pixel.png\">"
             "<script>console.error('boom')</script></body></html>");
  const BrowserRun run = open_in_chromium(page, dir.path(), "800,600", {"--dump-dom"});
  REQUIRE(run.output.exit_code == 0);
  CHECK(page_requests(run.net_log) ==
        std::vector<std::string>{"http://perfgate-test.invalid/pixel.png"});
  CHECK(console_lines(run.output.err).size() == 1);

  const fs::path empty_chart = dir.path() / "empty.html";
  write_file(empty_chart,
             instrumented("<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-"
                          "Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';"
                          "\"></head><body><svg class=\"chart\" viewBox=\"0 0 10 10\"><path "
                          "class=\"line\" d=\"\"/></svg><div style=\"width:2000px\">wide</div>"
                          "</body></html>"));
  const nlohmann::json measured = measure(empty_chart, dir.path(), "800,600");
  CHECK(measured["charts"] == 1);
  CHECK(measured["drawn"] == 0);
  CHECK(measured["scroll_width"].get<int>() > measured["inner_width"].get<int>());
}

}  // namespace perfgate::testing

int main(int argc, char** argv) {
  if (!perfgate::testing::find_chromium()) {
    std::cout << "SKIPPED: Chromium is not installed (Debian package `chromium`, installed by "
                 "ci/install-deps.sh); the HTML report was not opened in a browser.\n";
    return 77;
  }
  return Catch::Session().run(argc, argv);
}
