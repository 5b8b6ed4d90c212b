#include "adapters/artillery/artillery_command.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "core/process/child_process.h"

namespace perfgate::artillery {
namespace {

std::optional<std::filesystem::path> project_local_above(std::filesystem::path folder) {
  std::error_code error;
  folder = std::filesystem::weakly_canonical(folder, error);
  if (error) return std::nullopt;
  for (; !folder.empty(); folder = folder.parent_path()) {
    std::filesystem::path candidate = folder / kProjectLocalCommand;
    if (std::filesystem::exists(candidate, error)) return candidate;
    if (folder == folder.parent_path()) break;
  }
  return std::nullopt;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// node_modules/.bin/artillery -> node_modules/artillery/package.json's "version".
std::string version_from_package(const std::filesystem::path& command) {
  std::filesystem::path bin = command.parent_path();
  if (bin.filename() != ".bin") return "";
  std::filesystem::path package = bin.parent_path() / "artillery" / "package.json";
  nlohmann::json parsed = nlohmann::json::parse(read_text(package), nullptr, false);
  if (parsed.is_object() && parsed.contains("version") && parsed["version"].is_string())
    return parsed["version"].get<std::string>();
  return "";
}

// `artillery version` prints "Artillery: 2.0.21" among other lines.
std::string version_from_output(const std::string& command, const std::filesystem::path& work_dir) {
  std::filesystem::path log = work_dir / "artillery-version.log";
  ProcessSpec spec{.argv = {command, "version"},
                   .env = {{"ARTILLERY_DISABLE_TELEMETRY", "true"}},
                   .stdout_path = log,
                   .stderr_path = log};
  try {
    ProcessOutcome outcome = run_process(spec, std::chrono::seconds(60));
    if (!outcome.succeeded()) return "";
  } catch (const RunError&) {
    return "";
  }
  std::smatch match;
  std::string text = read_text(log);
  static const std::regex kVersion(R"(Artillery:\s*([0-9][0-9A-Za-z.+-]*))");
  return std::regex_search(text, match, kVersion) ? match[1].str() : "";
}

std::optional<std::filesystem::path> perfgate_executable() {
  std::error_code error;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return std::nullopt;
  return self;
}

}  // namespace

std::string artillery_command(const std::optional<std::string>& configured,
                              const std::vector<std::filesystem::path>& search_from) {
  if (configured) return *configured;
  if (const char* from_env = std::getenv("PERFGATE_ARTILLERY"); from_env && *from_env)
    return from_env;
  std::vector<std::filesystem::path> folders;
  if (auto self = perfgate_executable()) folders.push_back(self->parent_path());
  folders.insert(folders.end(), search_from.begin(), search_from.end());
  for (const std::filesystem::path& folder : folders)
    if (auto found = project_local_above(folder)) return found->string();
  return "artillery";
}

std::string artillery_version(const std::string& command, const std::filesystem::path& work_dir) {
  std::string version;
  try {
    version = version_from_package(find_program(command));
  } catch (const RunError&) {
    return "";  // not installed: the run says so with its own message
  }
  return version.empty() ? version_from_output(command, work_dir) : version;
}

}  // namespace perfgate::artillery
