// Internal to adapters/artillery: finding the Artillery command and its version.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace perfgate::artillery {

// The project-local install ci/install-deps.sh makes: tools/artillery/node_modules/.bin/artillery.
inline const std::filesystem::path kProjectLocalCommand =
    std::filesystem::path("tools") / "artillery" / "node_modules" / ".bin" / "artillery";

// The Artillery command to run: `configured` when given (a path, or a name looked up on PATH),
// else $PERFGATE_ARTILLERY, else the project-local install in a folder above the perfgate
// binary or above any of `search_from`, else "artillery" (looked up on PATH when started).
std::string artillery_command(const std::optional<std::string>& configured,
                              const std::vector<std::filesystem::path>& search_from);

// "2.0.21": read from the package.json beside a node_modules/.bin/artillery link, else from
// `artillery version` output. Empty when neither works (the run then fails with its own reason).
std::string artillery_version(const std::string& command, const std::filesystem::path& work_dir);

}  // namespace perfgate::artillery
