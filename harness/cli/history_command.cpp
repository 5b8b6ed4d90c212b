// `perfgate history SUITE`: the baseline's history from git — one point per commit that
// changed the baseline file, per compared statistic — as a table, JSON or CSV.
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "baselines/baseline_store.h"
#include "baselines/baseline_values.h"
#include "core/errors.h"
#include "core/model/units.h"
#include "core/suite/gate_policy.h"
#include "core/suite/suite_loader.h"
#include "gates/report/escape.h"
#include "harness/cli/commands.h"
#include "harness/cli/gate_support.h"
#include "harness/cli/options.h"

namespace perfgate::cli {
namespace {

enum class HistoryFormat { table, json, csv };

struct HistoryArguments {
  std::string suite_path;
  std::string repo;
  std::size_t limit = 50;
  HistoryFormat format = HistoryFormat::table;
};

std::string tags_text(const Tags& tags) {
  std::string text;
  for (const auto& [name, value] : tags) text += (text.empty() ? "" : ",") + name + "=" + value;
  return text;
}

void print_table(const baselines::History& history) {
  const gates::ComparisonKey* current = nullptr;
  for (const gates::HistoryPoint& point : history.points) {
    if (!current || !(*current == point.key)) {
      std::cout << (current ? "\n" : "") << baselines::describe(point.key) << "\n";
      current = &point.key;
    }
    std::cout << "  " << short_commit_id(point.commit) << "  " << point.committed_at << "  "
              << format_value(point.value, parse_unit(history.units.at(point.key))) << "  "
              << point.subject << "\n";
  }
  if (history.points.empty()) std::cout << "no committed baseline yet\n";
}

void print_csv(const baselines::History& history) {
  std::cout << "commit,committed_at,scenario,metric,tags,statistic,value,unit,subject\n";
  for (const gates::HistoryPoint& point : history.points)
    std::cout << point.commit << "," << point.committed_at << ","
              << gates::csv_cell(point.key.scenario) << "," << gates::csv_cell(point.key.metric)
              << "," << gates::csv_cell(tags_text(point.key.tags)) << ","
              << gates::to_string(point.key.statistic) << "," << point.value << ","
              << gates::csv_cell(history.units.at(point.key)) << ","
              << gates::csv_cell(point.subject) << "\n";
}

void print_json(const std::string& suite, const baselines::History& history) {
  nlohmann::json points = nlohmann::json::array();
  for (const gates::HistoryPoint& point : history.points)
    points.push_back({{"commit", point.commit},
                      {"committed_at", point.committed_at},
                      {"subject", point.subject},
                      {"scenario", point.key.scenario},
                      {"metric", point.key.metric},
                      {"tags", point.key.tags},
                      {"statistic", gates::to_string(point.key.statistic)},
                      {"value", point.value},
                      {"unit", history.units.at(point.key)}});
  nlohmann::json out{{"suite", suite},
                     {"commits", history.commits},
                     {"points", points},
                     {"skipped", history.skipped}};
  std::cout << out.dump(2) << "\n";
}

int history_command(const HistoryArguments& args) {
  const Suite suite = load_suite(args.suite_path);
  const gates::GatePolicy& policy = suite.gate;
  const baselines::BaselineLocation location =
      baselines::locate_baseline(suite, repository_directory(args.repo, suite));
  const baselines::History history =
      baselines::baseline_history(location, policy.metrics, args.limit);
  for (const std::string& skipped : history.skipped)
    std::cerr << "perfgate: skipped a commit: " << skipped << "\n";
  if (args.format == HistoryFormat::table) print_table(history);
  if (args.format == HistoryFormat::csv) print_csv(history);
  if (args.format == HistoryFormat::json) print_json(suite.name, history);
  return static_cast<int>(ExitCode::pass);
}

}  // namespace

void add_history_command(CLI::App& app, Action& action) {
  auto args = std::make_shared<HistoryArguments>();
  CLI::App* command = app.add_subcommand(
      "history", "The baseline's history from git: one point per commit per statistic");
  command->add_option("suite", args->suite_path, "Suite file (YAML or JSON)")
      ->required()
      ->type_name("SUITE");
  add_repo_option(*command, args->repo);
  command->add_option("--limit", args->limit, "The newest N commits that changed the baseline")
      ->capture_default_str()
      ->type_name("N");
  command->add_option("--format", args->format, "table | json | csv (default table)")
      ->transform(choice<HistoryFormat>({{"table", HistoryFormat::table},
                                         {"text", HistoryFormat::table},
                                         {"json", HistoryFormat::json},
                                         {"csv", HistoryFormat::csv}}))
      ->type_name("FORMAT");
  command->callback([args, &action] { action = [args] { return history_command(*args); }; });
}

}  // namespace perfgate::cli
