// Helpers shared by tests: where fixtures and the perfgate binary are, temporary directories.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace perfgate::testing {

std::filesystem::path fixtures_dir();  // tests/fixtures in the source tree
std::filesystem::path source_dir();    // the repository root
std::filesystem::path perfgate_binary();

// A fresh directory under the system temp dir, removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& text);

// Runs argv (no shell) capturing stdout and stderr; returns the exit code (128+N on signal N).
struct CommandOutput {
  int exit_code = -1;
  std::string out;
  std::string err;
};
CommandOutput run_command(const std::vector<std::string>& argv, double timeout_s = 60);

// The same, sending `signal_number` to the command's process group `after_s` seconds in.
CommandOutput run_command_and_signal(const std::vector<std::string>& argv, double after_s,
                                     int signal_number, double timeout_s = 60);

}  // namespace perfgate::testing
