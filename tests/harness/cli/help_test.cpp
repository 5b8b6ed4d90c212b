// The command line a person reads: --version, --help of every command without CLI11's
// internals, the nearest command for a typo, and the man page and bash completion rendered from
// the same definitions.
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include "core/model/version.h"
#include "tests/support/test_support.h"

namespace {

using perfgate::testing::perfgate_binary;
using perfgate::testing::run_command;

const std::vector<std::vector<std::string>> kCommands{{"run"},
                                                      {"compare"},
                                                      {"target"},
                                                      {"gate"},
                                                      {"baseline"},
                                                      {"baseline", "update"},
                                                      {"baseline", "show"},
                                                      {"history"},
                                                      {"import"},
                                                      {"merge"},
                                                      {"calibrate"},
                                                      {"doctor"},
                                                      {"init"},
                                                      {"completion"}};

perfgate::testing::CommandOutput cli(std::vector<std::string> args) {
  args.insert(args.begin(), perfgate_binary().string());
  return run_command(args);
}

}  // namespace

TEST_CASE("perfgate --version prints the version, the commit and the build type") {
  auto out = cli({"--version"});
  REQUIRE(out.exit_code == 0);
  CHECK(out.out == "perfgate " + perfgate::version_line() + "\n");
  CHECK(std::regex_search(
      out.out, std::regex(R"(^perfgate \d+\.\d+\.\d+ \(commit [0-9a-f]{12}(-dirty)?, \w+\)\n$)")));
}

TEST_CASE("--help of every command shows no parser internals") {
  for (std::vector<std::string> command : kCommands) {
    command.push_back("--help");
    auto out = cli(command);
    INFO(command[0] << "\n" << out.out);
    REQUIRE(out.exit_code == 0);
    CHECK(out.out.find("->") == std::string::npos);         // CheckedTransformer's map
    CHECK(out.out.find(" OR {") == std::string::npos);      // ... and its numbers
    CHECK(out.out.find(":INT in [") == std::string::npos);  // Range
    CHECK(out.out.find("POSITIVE") == std::string::npos);
    CHECK(out.out.find("UINT") == std::string::npos);
  }
}

TEST_CASE("the repository flag is -C/--repo and a format is --format in every command") {
  for (const char* command : {"gate", "history", "doctor", "init"}) {
    INFO(command);
    auto out = cli({command, "--help"});
    CHECK(out.out.find("-C,--repo DIR") != std::string::npos);
  }
  auto show = cli({"baseline", "show", "--help"});
  CHECK(show.out.find("--format FORMAT") != std::string::npos);
  CHECK(show.out.find("--json") == std::string::npos);
}

TEST_CASE("an unknown command names the nearest one and exits 2") {
  auto out = cli({"runn", "suite.yaml"});
  CHECK(out.exit_code == 2);
  CHECK(out.err.find("unknown command 'runn'") != std::string::npos);
  CHECK(out.err.find("did you mean 'run'?") != std::string::npos);

  auto nested = cli({"baseline", "updat", "suite.yaml"});
  CHECK(nested.exit_code == 2);
  CHECK(nested.err.find("did you mean 'update'?") != std::string::npos);
  CHECK(nested.err.find("perfgate baseline commands: update show") != std::string::npos);
}

TEST_CASE("an unknown --format value lists the formats") {
  auto out = cli({"compare", "--format", "xml", "a.json", "b.json"});
  CHECK(out.exit_code == 2);
  CHECK(out.err.find("'xml' is not one of text | markdown | html") != std::string::npos);
}

TEST_CASE("the man page covers every command and option that --help shows") {
  auto man = cli({"manpage"});
  REQUIRE(man.exit_code == 0);
  CHECK(man.out.starts_with(".\\\""));
  CHECK(man.out.find(".TH PERFGATE 1") != std::string::npos);
  CHECK(man.out.find(".SH EXIT STATUS") != std::string::npos);
  for (const auto& command : kCommands) {
    std::string path = "perfgate";
    for (const std::string& word : command) path += " " + word;
    INFO(path);
    CHECK(man.out.find(".SS \"\\fB" + path + "\\fR") != std::string::npos);
  }
  // Every long flag in `gate --help` is in the man page (hyphens escaped as \-).
  auto help = cli({"gate", "--help"});
  std::regex flag(R"(--([a-z][a-z-]+))");
  for (auto it = std::sregex_iterator(help.out.begin(), help.out.end(), flag);
       it != std::sregex_iterator(); ++it) {
    std::string escaped;
    for (char c : (*it)[1].str()) escaped += c == '-' ? std::string("\\-") : std::string(1, c);
    INFO((*it)[0].str());
    if (escaped == "help") continue;  // every command has it; the page says so once
    CHECK(man.out.find("\\fB\\-\\-" + escaped + "\\fR") != std::string::npos);
  }
  CHECK(man.out.find(".SS \"\\fBperfgate manpage") == std::string::npos);  // hidden
}

TEST_CASE("the bash completion script is valid bash and completes commands and flags") {
  auto script = cli({"completion", "bash"});
  REQUIRE(script.exit_code == 0);
  perfgate::testing::TempDir dir;
  const auto path = dir.path() / "perfgate.bash";
  perfgate::testing::write_file(path, script.out);
  CHECK(run_command({"bash", "-n", path.string()}).exit_code == 0);

  auto complete = [&](const std::string& line) {
    const std::string program = "source '" + path.string() + "'; COMP_WORDS=(" + line +
                                "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); "
                                "_perfgate; printf '%s\\n' \"${COMPREPLY[@]}\"";
    return run_command({"bash", "-c", program}).out;
  };
  CHECK(complete("perfgate ga") == "gate\n");
  CHECK(complete("perfgate baseline up") == "update\n");
  CHECK(complete("perfgate gate --again") == "--against\n");
  CHECK(complete("perfgate baseline show --form") == "--format\n");
}
