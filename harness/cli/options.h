// Options that several commands share, declared once so that each has the same name, help text
// and value names everywhere: --format and --report-dir, -C/--repo, --repetitions and
// --no-progress. Also a choice validator whose help reads `--format FORMAT` and whose error
// lists the names, instead of CLI11's internal map ("{csv->5,...} OR {5,...}").
#pragma once

#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gates/report/report_writer.h"

namespace perfgate::cli {

// Accepts one of `names` (case-insensitive) and hands CLI11 the value's number, so that the
// option binds straight to an enum.
template <class Enum>
CLI::Validator choice(std::vector<std::pair<std::string, Enum>> names);

// --format FORMAT (repeatable) and --report-dir DIR into `request`.
void add_report_options(CLI::App& command, gates::ReportRequest& request);

// -C,--repo DIR: the git repository (default: the one holding the suite file).
void add_repo_option(CLI::App& command, std::string& repo, std::string_view help = {});

// --repetitions N and --no-progress, for the commands that run a suite.
void add_run_options(CLI::App& command, std::optional<int>& repetitions, bool& no_progress);

// ---- implementation of the template ----

namespace detail {
CLI::Validator choice_validator(std::vector<std::pair<std::string, int>> names);
}

template <class Enum>
CLI::Validator choice(std::vector<std::pair<std::string, Enum>> names) {
  std::vector<std::pair<std::string, int>> numbers;
  for (auto& [name, value] : names) numbers.emplace_back(std::move(name), static_cast<int>(value));
  return detail::choice_validator(std::move(numbers));
}

}  // namespace perfgate::cli
