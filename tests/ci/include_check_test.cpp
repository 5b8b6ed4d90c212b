// ci/check-includes.sh, which `make lint` runs: the tree keeps its layers, and an include that
// points upward is caught with its file and line.
#include <catch2/catch.hpp>

#include "tests/support/test_support.h"

using namespace perfgate::testing;

namespace {

CommandOutput check_includes(const std::filesystem::path& root) {
  return run_command({(source_dir() / "ci" / "check-includes.sh").string(), root.string()});
}

}  // namespace

TEST_CASE("the tree's includes follow the layers", "[ci][lint]") {
  const CommandOutput out = check_includes(source_dir());
  INFO(out.out << out.err);
  CHECK(out.exit_code == 0);
}

TEST_CASE("an include that points upward fails the check, naming file and line", "[ci][lint]") {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "core" / "model");
  std::filesystem::create_directories(dir.path() / "adapters" / "k6");
  std::filesystem::create_directories(dir.path() / "baselines");
  write_file(dir.path() / "core" / "model" / "fine.h",
             "#include <vector>\n#include \"core/errors.h\"\n");
  write_file(dir.path() / "baselines" / "fine.cpp", "#include \"gates/compare/compare.h\"\n");
  CHECK(check_includes(dir.path()).exit_code == 0);

  write_file(dir.path() / "core" / "model" / "upward.h",
             "#pragma once\n#include \"gates/compare/compare.h\"\n");
  write_file(dir.path() / "adapters" / "k6" / "sideways.cpp", "#include \"baselines/a.h\"\n");
  const CommandOutput out = check_includes(dir.path());
  INFO(out.out << out.err);
  CHECK(out.exit_code == 1);
  CHECK(out.out.find("core/model/upward.h:2: core/ may not include gates/") != std::string::npos);
  CHECK(out.out.find("adapters/k6/sideways.cpp:1: adapters/ may not include baselines/") !=
        std::string::npos);
}
