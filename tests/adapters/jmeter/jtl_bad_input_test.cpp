// Bad JTL input: one clear InputError naming the file and the line (and column when there is
// one), and exit 2 from `perfgate import`; a reordered header still reads right.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "adapters/jmeter/jtl_import.h"
#include "core/errors.h"
#include "tests/support/test_support.h"

using namespace perfgate;
using namespace perfgate::testing;
using Catch::Matchers::Contains;

namespace {

std::string import_error(const std::string& text, const std::string& source = "bad.jtl",
                         const jmeter::JtlReadOptions& options = {}) {
  try {
    jmeter::import_jtl_text(text, source, options);
  } catch (const InputError& error) {
    return error.what();
  }
  FAIL("no InputError for " << source);
  return "";
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

// The fixture with its columns in reverse order (it has no quoted fields).
std::string reversed_columns(const std::string& text) {
  std::stringstream in(text);
  std::string line, out;
  while (std::getline(in, line)) {
    std::vector<std::string> fields = split(line);
    for (size_t i = fields.size(); i-- > 0;) out += fields[i] + (i ? "," : "\n");
  }
  return out;
}

}  // namespace

TEST_CASE("jtl bad input: a CSV cut in the middle of a row names the line", "[jmeter][bad]") {
  const std::string text =
      read_file(fixtures_dir() / "jmeter" / "apache-jmeter_HTMLReportTestFile.csv");
  const std::string cut = text.substr(0, text.find('\n', 2000) + 20);
  const auto lines = std::count(cut.begin(), cut.end(), '\n');
  CHECK_THAT(import_error(cut, "cut.csv"),
             Contains("cut.csv: line " + std::to_string(lines + 1) + ": ") &&
                 Contains("fields where the header has 17") && Contains("truncated"));
}

TEST_CASE("jtl bad input: an open quote at the end names the line", "[jmeter][bad]") {
  CHECK_THAT(import_error("timeStamp,elapsed,label,responseMessage,success\n"
                          "1,2,a,OK,true\n3,4,b,\"never closed,true\n"),
             Contains("bad.jtl: line 3: ") && Contains("never closed") && Contains("truncated"));
}

TEST_CASE("jtl bad input: a cut XML file names line and column", "[jmeter][bad]") {
  const std::string text = read_file(fixtures_dir() / "jmeter" / "taurus_error-mix.jtl");
  CHECK_THAT(import_error(text.substr(0, 400), "cut.xml"),
             Contains("cut.xml: line ") && Contains("column") && Contains("truncated"));
  CHECK_THAT(import_error("<?xml version=\"1.0\"?>\n<html><body/></html>\n"),
             Contains("line 2") && Contains("not a JMeter XML JTL"));
  CHECK_THAT(
      import_error("<testResults>\n<httpSample lb=\"a\" t=\"x\" s=\"true\"/>\n</testResults>"),
      Contains("line 2") && Contains("attribute t: expected a number, got 'x'"));
}

TEST_CASE("jtl bad input: binary garbage", "[jmeter][bad]") {
  std::string garbage;
  for (int i = 0; i < 3000; ++i) garbage += static_cast<char>((i * 7919) % 256);
  CHECK_THAT(import_error(garbage, "garbage.bin"),
             Contains("garbage.bin: line 1: ") && Contains("binary data"));
  CHECK_THAT(import_error("\x7f\x45\x4c\x46 ELF-ish text without NULs\n"),
             Contains("bad.jtl: line 1: ") && Contains("without a header line"));
}

TEST_CASE("jtl bad input: a value that is not a number names line and column", "[jmeter][bad]") {
  CHECK_THAT(import_error("timeStamp,elapsed,label,success\n1,2,a,true\n3,fast,b,true\n"),
             Contains("bad.jtl: line 3, column elapsed: expected a number, got 'fast'"));
  CHECK_THAT(import_error("timeStamp,elapsed,label,success\n1,2,a,yes\n"),
             Contains("bad.jtl: line 2, column success: expected true or false, got 'yes'"));
  CHECK_THAT(import_error("timeStamp,elapsed,label,success\n1,-2,a,true\n"),
             Contains("bad.jtl: line 2: elapsed -2 is out of range"));
}

TEST_CASE("jtl bad input: missing columns, empty files, files without samples", "[jmeter][bad]") {
  CHECK_THAT(import_error("timeStamp,elapsed,label\n1,2,a\n"),
             Contains("line 1: the header has no 'success' column"));
  CHECK_THAT(import_error(""), Contains("bad.jtl: line 1: the file is empty"));
  CHECK_THAT(import_error("timeStamp,elapsed,label,success\n"), Contains("holds no samples"));
  CHECK_THAT(import_error("1,2,a\n", "x.jtl", {.columns = {"elapsed", "label", "nonsense"}}),
             Contains("'nonsense' is not a JMeter JTL column"));
  // Bug52968.csv has 10 columns, matching no JMeter version's defaults.
  CHECK_THAT(import_error(read_file(fixtures_dir() / "jmeter" / "apache-jmeter_Bug52968.csv"),
                          "Bug52968.csv"),
             Contains("Bug52968.csv: line 1: 10 fields where a JTL without a header line"));
}

TEST_CASE("jtl bad input: a changed column order reads the same numbers", "[jmeter][bad]") {
  const std::string text =
      read_file(fixtures_dir() / "jmeter" / "apache-jmeter_HTMLReportTestFile.csv");
  const std::string reversed = reversed_columns(text);
  REQUIRE(reversed.substr(0, 8) == "Connect,");
  CHECK(jmeter::import_jtl_text(reversed, "reversed.csv") ==
        jmeter::import_jtl_text(text, "original.csv"));
}

TEST_CASE("perfgate import --from jmeter: bad files exit 2 naming file and line", "[jmeter][bad]") {
  TempDir dir;
  write_file(dir.path() / "cut.jtl", "timeStamp,elapsed,label,success\n1,2,a,true\n3,4,b");
  CommandOutput out =
      run_command({perfgate_binary().string(), "import", "--from", "jmeter",
                   (dir.path() / "cut.jtl").string(), "-o", (dir.path() / "r.json").string()});
  CHECK(out.exit_code == 2);
  CHECK_THAT(out.err, Contains("cut.jtl: line 3: 3 fields where the header has 4"));
  CHECK(!std::filesystem::exists(dir.path() / "r.json"));

  out = run_command({perfgate_binary().string(), "import", "--from", "jmeter",
                     (fixtures_dir() / "jmeter" / "taurus_kpi1.jtl").string(), "-o",
                     (dir.path() / "ok.json").string()});
  CHECK(out.exit_code == 0);
  CHECK_THAT(read_file(dir.path() / "ok.json"), Contains("\"request\": \"good\""));
}
