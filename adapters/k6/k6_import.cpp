#include "adapters/k6/k6_import.h"

#include <filesystem>
#include <map>

#include "adapters/k6/k6_csv.h"
#include "adapters/k6/k6_line_reader.h"
#include "adapters/k6/k6_ndjson.h"
#include "adapters/k6/k6_summary.h"
#include "core/errors.h"

namespace perfgate::k6 {
namespace {

constexpr size_t kMaxSummaryBytes = size_t{256} << 20;

std::string printable_start(std::string_view line) {
  std::string shown;
  for (char c : line.substr(0, 40)) shown += (c >= 0x20 && c < 0x7f) ? c : '?';
  return shown;
}

std::string whole_text(const std::string& path) {
  LineReader reader(path);
  std::string text;
  std::string_view line;
  while (reader.next(line)) {
    text.append(line).push_back('\n');
    if (text.size() > kMaxSummaryBytes)
      throw InputError(path, "", "larger than 256 MiB: not a k6 summary file");
  }
  return text;
}

FileKind detect(const std::string& path) {
  LineReader reader(path);
  std::string_view line;
  while (reader.next(line) && line.find_first_not_of(" \t") == std::string_view::npos) {
  }
  if (reader.line_number() == 0 || line.find_first_not_of(" \t") == std::string_view::npos)
    throw InputError(path, "", "empty file: expected k6 output");
  if (looks_like_csv_header(line)) return FileKind::csv;
  const size_t first = line.find_first_not_of(" \t\xef\xbb\xbf");
  if (line[first] == '{' && looks_like_ndjson_line(line)) return FileKind::ndjson;
  if (line[first] == '{' || line[first] == '[') return FileKind::summary;
  throw InputError(path, "line " + std::to_string(reader.line_number()),
                   "not a k6 output file: expected NDJSON (k6 run --out json=FILE), CSV (--out "
                   "csv=FILE) or a summary (--summary-export=FILE); the line starts with \"" +
                       printable_start(line) + "\"");
}

bool is_samples(FileKind kind) {
  return kind != FileKind::summary;
}

}  // namespace

const char* to_string(FileKind kind) {
  switch (kind) {
    case FileKind::ndjson:
      return "NDJSON";
    case FileKind::csv:
      return "CSV";
    default:
      return "summary";
  }
}

ImportedFile import_k6_file(const std::string& path) {
  const FileKind kind = detect(path);
  if (kind == FileKind::summary) return {kind, import_summary(whole_text(path), path)};
  LineReader reader(path);
  return {kind, kind == FileKind::csv ? import_csv(reader, path) : import_ndjson(reader, path)};
}

RunResult merge_run(std::optional<ImportedFile> samples, std::optional<ImportedFile> summary) {
  if (!samples) return std::move(summary->run);
  RunResult run = std::move(samples->run);
  if (!summary) return run;
  for (Metric& metric : summary->run.metrics)
    if (metric.name == "threshold_failed" || metric.name == "thresholds_failed")
      run.add(std::move(metric));
  return run;
}

std::string run_stem(const std::string& path) {
  std::string name = std::filesystem::path(path).filename().string();
  if (name.ends_with(".gz")) name.resize(name.size() - 3);
  if (const size_t dot = name.rfind('.'); dot != std::string::npos && dot > 0) name.resize(dot);
  for (std::string_view suffix : {".summary", "-summary", "_summary"})
    if (name.size() > suffix.size() && name.ends_with(suffix))
      name.resize(name.size() - suffix.size());
  return name;
}

std::vector<std::pair<std::string, RunResult>> import_k6_runs(
    const std::vector<std::string>& paths) {
  if (paths.empty()) throw InputError("", "", "no k6 files to import");
  struct Group {
    std::optional<ImportedFile> samples, summary;
    std::string samples_path, summary_path;
  };
  std::vector<std::string> order;
  std::map<std::string, Group> groups;
  for (const std::string& path : paths) {
    const std::string stem = run_stem(path);
    auto [found, inserted] = groups.try_emplace(stem);
    if (inserted) order.push_back(stem);
    ImportedFile file = import_k6_file(path);
    const bool samples = is_samples(file.kind);
    std::string& earlier = samples ? found->second.samples_path : found->second.summary_path;
    if (!earlier.empty())
      throw InputError(path, "",
                       std::string("holds the same run as ") + earlier + " (same name, both " +
                           (samples ? "samples" : "summaries") +
                           "): give one file per run, or rename one");
    earlier = path;
    (samples ? found->second.samples : found->second.summary) = std::move(file);
  }
  std::vector<std::pair<std::string, RunResult>> runs;
  for (const std::string& stem : order)
    runs.emplace_back(stem,
                      merge_run(std::move(groups[stem].samples), std::move(groups[stem].summary)));
  return runs;
}

}  // namespace perfgate::k6
