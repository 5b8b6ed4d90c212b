// The Containerfile at the repository root, parsed as podman and docker read it: the base
// images are arguments, a Debian 12 stage builds the .deb with the build profile only, and the
// runtime stage installs that .deb with apt and runs perfgate. No image is built here (that
// needs the network and minutes); docs/ci.md gives the size and time of a real build.
#include <algorithm>
#include <catch2/catch.hpp>
#include <regex>
#include <string>
#include <vector>

#include "tests/ci/template_scripts.h"
#include "tests/support/test_support.h"

using namespace perfgate::testing;

namespace {

struct Instruction {
  std::string keyword;  // upper case: FROM, RUN, …
  std::string arguments;
  int line = 0;  // where it starts, 1-based
};

struct Stage {
  std::string base;  // FROM's image, as written
  std::string name;  // after AS; empty when unnamed
  std::vector<Instruction> instructions;
};

struct Containerfile {
  std::vector<Instruction> global_arguments;  // the ARGs before the first FROM
  std::vector<Stage> stages;
};

Instruction split_instruction(const std::string& logical, int line) {
  const auto keyword_start = logical.find_first_not_of(" \t");
  const auto keyword_end = logical.find_first_of(" \t", keyword_start);
  std::string keyword = logical.substr(keyword_start, keyword_end - keyword_start);
  for (char& c : keyword) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const auto arguments = logical.find_first_not_of(" \t", keyword_end);
  return {keyword, arguments == std::string::npos ? "" : logical.substr(arguments), line};
}

// One instruction per logical line: a trailing backslash joins the next line to it, and comment
// lines inside a continuation are skipped, as the builders do (no parser directives are used).
std::vector<Instruction> instructions_of(const std::string& text) {
  std::vector<Instruction> instructions;
  std::string pending;
  int start = 0, number = 0;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string line = text.substr(at, end - at);
    at = end + 1, ++number;
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    if (pending.empty()) start = number;
    if (line.back() == '\\') {
      pending += line.substr(0, line.size() - 1);  // joined without the newline
      continue;
    }
    instructions.push_back(split_instruction(pending + line, start));
    pending.clear();
  }
  return instructions;
}

Containerfile parse(const std::string& text) {
  Containerfile file;
  for (auto& instruction : instructions_of(text)) {
    if (instruction.keyword == "FROM") {
      std::smatch match;
      const std::regex from(R"((\S+)(?:\s+[Aa][Ss]\s+(\S+))?\s*)");
      REQUIRE(std::regex_match(instruction.arguments, match, from));
      file.stages.push_back({match[1].str(), match[2].str(), {}});
    } else if (file.stages.empty()) {
      REQUIRE(instruction.keyword == "ARG");  // only ARG may come before the first FROM
      file.global_arguments.push_back(instruction);
    } else {
      file.stages.back().instructions.push_back(instruction);
    }
  }
  return file;
}

std::string runs_of(const Stage& stage) {
  std::string script;
  for (const auto& instruction : stage.instructions)
    if (instruction.keyword == "RUN") script += instruction.arguments + "\n";
  return script;
}

bool has_argument(const std::vector<Instruction>& arguments, const std::string& declaration) {
  for (const auto& argument : arguments)
    if (argument.arguments == declaration) return true;
  return false;
}

}  // namespace

TEST_CASE("the Containerfile parser joins continuations and keeps stages apart", "[ci]") {
  const auto file = parse(
      "# c\nARG BASE=x\nFROM ${BASE} AS build\nRUN a \\\n# inside\n  && b\n"
      "from scratch\ncopy --from=build /x /y\n");
  REQUIRE(file.global_arguments.size() == 1);
  REQUIRE(file.stages.size() == 2);
  CHECK(file.stages[0].base == "${BASE}");
  CHECK(file.stages[0].name == "build");
  REQUIRE(file.stages[0].instructions.size() == 1);
  CHECK(file.stages[0].instructions[0].arguments == "a   && b");
  CHECK(file.stages[0].instructions[0].line == 4);
  CHECK(file.stages[1].name.empty());
  CHECK(file.stages[1].instructions[0].keyword == "COPY");
}

TEST_CASE("the Containerfile: a Debian 12 build stage and a runtime stage from arguments", "[ci]") {
  const auto file = parse(read_file(source_dir() / "Containerfile"));
  CHECK(has_argument(file.global_arguments, "BASE=docker.io/library/debian:bookworm"));
  CHECK(has_argument(file.global_arguments, "RUNTIME_BASE=docker.io/library/debian:bookworm-slim"));
  REQUIRE(file.stages.size() == 2);
  CHECK(file.stages[0].base == "${BASE}");
  CHECK(file.stages[0].name == "build");
  CHECK(file.stages[1].base == "${RUNTIME_BASE}");
}

TEST_CASE("the Containerfile's build stage makes the package with the build profile only", "[ci]") {
  const auto file = parse(read_file(source_dir() / "Containerfile"));
  REQUIRE(file.stages.size() == 2);
  const std::string build = runs_of(file.stages[0]);
  CHECK(build.find("sh ci/install-deps.sh build") != std::string::npos);
  CHECK(build.find("make package") != std::string::npos);
  CHECK(build.find("_amd64.deb") != std::string::npos);
}

TEST_CASE("the Containerfile's runtime stage installs the .deb with apt and runs perfgate",
          "[ci]") {
  const auto file = parse(read_file(source_dir() / "Containerfile"));
  REQUIRE(file.stages.size() == 2);
  const Stage& runtime = file.stages[1];
  std::string copied;  // the .deb that COPY --from=build brings over
  for (const auto& instruction : runtime.instructions)
    if (instruction.keyword == "COPY" && instruction.arguments.rfind("--from=build ", 0) == 0)
      copied = instruction.arguments.substr(instruction.arguments.rfind(' ') + 1);
  CHECK(copied.size() > 4);
  CHECK(copied.compare(copied.size() - 4, 4, ".deb") == 0);
  // apt-get install with the .deb's path: apt, unlike dpkg -i, brings its dependencies.
  bool installs_deb = false;
  for (const auto& words : shell_commands(runs_of(runtime))) {
    const auto has = [&](const std::string& word) {
      return std::find(words.begin(), words.end(), word) != words.end();
    };
    if (has("apt-get") && has("install") && has(copied)) installs_deb = true;
    CHECK_FALSE((has("dpkg") && has("-i")));
  }
  CHECK(installs_deb);
  // Nothing of the build comes along: no compiler, CMake or install-deps in the runtime stage.
  const std::string runs = runs_of(runtime);
  for (const char* build_only : {"install-deps", "g++", "cmake", "ninja", "-dev"}) {
    INFO(build_only);
    CHECK(runs.find(build_only) == std::string::npos);
  }
  bool entrypoint = false;
  for (const auto& instruction : runtime.instructions)
    if (instruction.keyword == "ENTRYPOINT")
      entrypoint = instruction.arguments == R"(["perfgate"])";  // exec form: signals reach it
  CHECK(entrypoint);
}

TEST_CASE("every RUN of the Containerfile passes bash -n", "[ci]") {
  const auto file = parse(read_file(source_dir() / "Containerfile"));
  TempDir dir;
  for (const auto& stage : file.stages)
    for (const auto& instruction : stage.instructions) {
      if (instruction.keyword != "RUN") continue;
      write_file(dir.path() / "run.sh", instruction.arguments);
      const auto out = run_command({"bash", "-n", (dir.path() / "run.sh").string()});
      INFO("Containerfile line " << instruction.line << ": " << instruction.arguments << "\n"
                                 << out.err);
      CHECK(out.exit_code == 0);
    }
}

TEST_CASE("the build context leaves build trees and local installs out", "[ci]") {
  const std::string ignored = read_file(source_dir() / ".dockerignore");
  for (const char* pattern : {"build*/", "tools/artillery/node_modules/"}) {
    INFO(pattern);
    CHECK(ignored.find(std::string("\n") + pattern + "\n") != std::string::npos);
  }
}
