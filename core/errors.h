// Typed errors and the exit codes they map to. Library code throws; only main() maps to an exit
// code.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace perfgate {

// Exit codes, as documented in README.md ("Exit codes"); docs/architecture.md shows where
// they are mapped.
enum class ExitCode : int {
  pass = 0,
  gate_failed = 1,
  usage_or_input = 2,  // usage, configuration or input error
  run_failed = 3,      // tool crashed, system under test down, timeout
  interrupted = 130,
};

// Bad input: a suite file, results file, or command-line value. Names the file and where in it.
// `where` is "line 12, key scenarios[0].rate" for YAML, or a JSON pointer-like field path.
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, std::string where, const std::string& message)
      : std::runtime_error(format(file, where, message)),
        file_(std::move(file)),
        where_(std::move(where)) {}
  const std::string& file() const { return file_; }
  const std::string& where() const { return where_; }

 private:
  static std::string format(const std::string& file, const std::string& where,
                            const std::string& message) {
    std::string text = file.empty() ? std::string("input") : file;
    if (!where.empty()) text += ": " + where;
    return text + ": " + message;
  }
  std::string file_;
  std::string where_;
};

// A run could not be carried out at all (target unreachable, tool missing). Exit code 3.
class RunError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace perfgate
