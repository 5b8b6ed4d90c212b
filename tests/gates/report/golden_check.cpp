// check_golden (report_fixture.h): kept apart from the fixtures so the benchmark can build them
// without Catch2.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "report_fixture.h"
#include "tests/support/test_support.h"

namespace perfgate::testing {

void check_golden(const std::string& name, const std::string& actual) {
  std::filesystem::path path = fixtures_dir() / "report" / "golden" / name;
  const char* update = std::getenv("PERFGATE_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    write_file(path, actual);
    WARN("rewrote " << path.string());
    return;
  }
  REQUIRE(std::filesystem::exists(path));
  std::string expected = read_file(path);
  if (expected != actual) {
    std::filesystem::path got = std::filesystem::temp_directory_path() / ("actual-" + name);
    write_file(got, actual);
    FAIL_CHECK(name << " differs from its golden file; compare: diff " << path.string() << " "
                    << got.string()
                    << " (refresh with PERFGATE_UPDATE_GOLDEN=1 if the change is intended)");
  }
}

}  // namespace perfgate::testing
