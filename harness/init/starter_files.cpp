#include "harness/init/starter_files.h"

#include "harness/init/ci_templates.h"

namespace perfgate::init::detail {
namespace {

// The ci/ templates name their suite suites/api.yaml; init writes the user's.
std::string with_suite(std::string_view text, const std::string& suite_path) {
  std::string result(text);
  const std::string placeholder = "suites/api.yaml";
  for (auto at = result.find(placeholder); at != std::string::npos;
       at = result.find(placeholder, at + suite_path.size()))
    result.replace(at, placeholder.size(), suite_path);
  return result;
}

}  // namespace

std::string starter_suite(const SuiteValues& values) {
  return "# A perfgate suite, written by `perfgate init`. Every key is described in perfgate's\n"
         "# docs/suite-file.md. Run it:  perfgate run "
         "suites/" +
         values.name +
         ".yaml\n"
         "suite: " +
         values.name + "  # names the baseline: .perfgate/baselines/" + values.name +
         ".json\n"
         "repetitions: " +
         std::to_string(values.repetitions) +
         "  # runs per scenario: the gate's statistical unit (see `perfgate calibrate`)\n"
         "warmup: 1s  # before each scenario's runs, not measured\n"
         "\n"
         "# Uncomment to let perfgate start and stop the system under test itself:\n"
         "# service:\n"
         "#   command: [\"./build/server\", \"--port\", \"8080\"]\n"
         "#   ready: { http: \"" +
         values.base_url +
         "/health\", timeout: 30s }\n"
         "\n"
         "gate:\n"
         "  alpha: 0.05  # significance level, Holm-corrected across all metrics\n"
         "  threshold: 5%  # the smallest change that matters (`perfgate calibrate` suggests one)\n"
         "  metrics: [latency.p50, latency.p99, throughput, error_rate]\n"
         "  sla:  # absolute rules on this run alone, no baseline needed\n"
         "    - \"error_rate < 1%\"\n"
         "\n"
         "scenarios:\n"
         "  - name: " +
         values.name +
         "\n"
         "    adapter: native  # perfgate's own HTTP/1.1 load generator\n"
         "    target: " +
         values.base_url +
         "\n"
         "    connections: 8  # closed model: 8 connections, each sends when its answer is in\n"
         "    # rate: 500/s  # uncomment for an open model at a constant arrival rate\n"
         "    duration: " +
         values.duration +
         "  # per run\n"
         "    requests:\n"
         "      - { name: home, method: GET, path: \"" +
         values.path +
         "\" }\n"
         "      # - { name: item, method: GET, path: /items/42, weight: 2 }\n";
}

std::string baselines_readme(const std::string& suite_path) {
  return "Baselines of perfgate suites, one JSON file per suite, written and committed by\n"
         "`perfgate baseline update " +
         suite_path +
         " --commit` (on main, usually in CI).\n"
         "Do not edit them by hand: `perfgate gate` reads them from git at the merge-base.\n";
}

void add_ci_files(InitPlan& plan, CiKind kind, const std::string& suite_path,
                  bool existing_ci_file) {
  switch (kind) {
    case CiKind::github:
      plan.files.push_back(
          {".github/workflows/perfgate-gate.yml", with_suite(github_gate_workflow(), suite_path)});
      plan.files.push_back({".github/workflows/perfgate-baseline.yml",
                            with_suite(github_baseline_workflow(), suite_path)});
      plan.next_steps.push_back(
          "in both workflows, point `uses: perfgate/perfgate/ci/github@main` at where you host "
          "perfgate");
      return;
    case CiKind::gitlab:
      plan.files.push_back({existing_ci_file ? ".gitlab/perfgate.gitlab-ci.yml" : ".gitlab-ci.yml",
                            with_suite(gitlab_template(), suite_path)});
      if (existing_ci_file)
        plan.next_steps.push_back(
            "add to .gitlab-ci.yml:  include: [{ local: .gitlab/perfgate.gitlab-ci.yml }]");
      plan.next_steps.push_back(
          "set PERFGATE_IMAGE (an image with perfgate) or PERFGATE_VERSION (a release .deb), "
          "else perfgate is built from PERFGATE_REPOSITORY; and the masked PERFGATE_PUSH_TOKEN");
      return;
    case CiKind::jenkins:
      plan.files.push_back({existing_ci_file ? "Jenkinsfile.perfgate" : "Jenkinsfile",
                            with_suite(jenkins_template(), suite_path)});
      if (existing_ci_file)
        plan.next_steps.push_back("copy the two stages of Jenkinsfile.perfgate into Jenkinsfile");
      return;
  }
}

}  // namespace perfgate::init::detail
