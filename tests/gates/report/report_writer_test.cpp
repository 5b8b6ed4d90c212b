// write_reports and check_report_request: files per format, the text summary on stdout, the
// GitHub job summary and annotations, and bad report directories refused before any work.
#include <catch2/catch.hpp>

#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/errors.h"
#include "gates/report/junit_report.h"
#include "gates/report/markdown_report.h"
#include "gates/report/report_writer.h"
#include "report_fixture.h"
#include "tests/support/test_support.h"

using namespace perfgate;
using namespace perfgate::testing;
using gates::ReportFormat;

namespace {

// Captures std::cout for the lifetime of the object.
class CapturedStdout {
 public:
  CapturedStdout() : previous_(std::cout.rdbuf(buffer_.rdbuf())) {}
  ~CapturedStdout() { std::cout.rdbuf(previous_); }
  std::string text() const { return buffer_.str(); }

 private:
  std::ostringstream buffer_;
  std::streambuf* previous_;
};

// Sets an environment variable for one scope, then restores what was there.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

const std::vector<ReportFormat> kAllFormats = {
    ReportFormat::text, ReportFormat::markdown, ReportFormat::html,       ReportFormat::junit,
    ReportFormat::json, ReportFormat::csv,      ReportFormat::openmetrics};

}  // namespace

TEST_CASE("format names and file extensions", "[report][writer]") {
  std::vector<std::string> names, extensions;
  for (ReportFormat format : kAllFormats) {
    names.push_back(gates::to_string(format));
    extensions.push_back(gates::file_extension(format));
  }
  CHECK(names == std::vector<std::string>{"text", "markdown", "html", "junit", "json", "csv",
                                          "openmetrics"});
  CHECK(extensions == std::vector<std::string>{"txt", "md", "html", "xml", "json", "csv", "prom"});
}

TEST_CASE("check_report_request creates the directory or names --report-dir", "[report][writer]") {
  TempDir dir;
  CHECK_NOTHROW(gates::check_report_request({.formats = {}, .report_dir = {}}));
  auto nested = dir.path() / "a" / "b";
  gates::check_report_request({.formats = {ReportFormat::junit}, .report_dir = nested});
  CHECK(std::filesystem::is_directory(nested));
  CHECK(std::filesystem::is_empty(nested));  // the write probe is removed

  write_file(dir.path() / "file", "x");
  CHECK_THROWS_WITH(gates::check_report_request({.report_dir = dir.path() / "file" / "sub"}),
                    Catch::Contains("--report-dir"));
  CHECK_THROWS_AS(gates::check_report_request({.report_dir = dir.path() / "file"}), InputError);

  std::filesystem::create_directories(nested / "perfgate.xml");
  CHECK_THROWS_WITH(
      gates::check_report_request({.formats = {ReportFormat::junit}, .report_dir = nested}),
      Catch::Contains("perfgate.xml is a directory"));
}

TEST_CASE("write_reports writes every format to the report directory", "[report][writer]") {
  ReportFixture fixture = failing_report();
  TempDir dir;
  gates::ReportRequest request{.formats = kAllFormats, .report_dir = dir.path()};
  gates::check_report_request(request);
  CapturedStdout out;
  gates::write_reports(fixture.input(), request);
  for (ReportFormat format : kAllFormats) {
    auto path = dir.path() / (std::string("perfgate.") + gates::file_extension(format));
    INFO(path);
    REQUIRE(std::filesystem::exists(path));
    CHECK(std::filesystem::file_size(path) > 100);
  }
  CHECK(read_file(dir.path() / "perfgate.md") == gates::render_markdown(fixture.input()));
  CHECK(read_file(dir.path() / "perfgate.xml") == gates::render_junit(fixture.input()));
  CHECK(read_file(dir.path() / "perfgate.html").find("<svg") != std::string::npos);
  CHECK(out.text().starts_with("FAIL: 3 regression(s)"));  // the summary still on stdout
}

TEST_CASE("write_reports without a directory prints each format in order", "[report][writer]") {
  ReportFixture fixture = passing_report();
  CapturedStdout out;
  gates::write_reports(fixture.input(), {.formats = {ReportFormat::json}});
  auto parsed = nlohmann::json::parse(out.text());
  CHECK(parsed["verdict"] == "pass");
}

TEST_CASE("GitHub Actions: job summary appended, annotations only beside text for people",
          "[report][writer][github]") {
  ReportFixture fixture = failing_report();
  TempDir dir;
  auto summary = dir.path() / "summary.md";
  write_file(summary, "earlier step\n");
  ScopedEnv summary_env("GITHUB_STEP_SUMMARY", summary.string());
  ScopedEnv actions("GITHUB_ACTIONS", "true");
  {
    CapturedStdout out;
    gates::write_reports(fixture.input(), {});
    CHECK(out.text().find("::error title=perfgate regression::p99 latency of browse/list") !=
          std::string::npos);
    CHECK(out.text().find("::error title=perfgate SLA breach%3A latency.p99 < 11ms::") !=
          std::string::npos);
  }
  CHECK(read_file(summary) == "earlier step\n" + gates::render_markdown(fixture.input()) + "\n");
  CapturedStdout out;
  gates::write_reports(fixture.input(), {.formats = {ReportFormat::json}});
  CHECK(out.text().find("::error") == std::string::npos);  // stdout stays valid JSON
  CHECK_NOTHROW(nlohmann::json::parse(out.text()));
}
