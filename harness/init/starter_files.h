// The text of the files `perfgate init` writes. Internal to harness/init.
#pragma once

#include <string>

#include "harness/init/init.h"

namespace perfgate::init::detail {

struct SuiteValues {
  std::string name;      // suite name
  std::string base_url;  // http://host:port
  std::string path;      // "/..." requested by the scenario
  std::string duration;  // as written in suite files, e.g. "10s"
  int repetitions = 5;
};

std::string starter_suite(const SuiteValues& values);
std::string baselines_readme(const std::string& suite_path);

// The CI files for `kind`, with the templates' suites/api.yaml replaced by `suite_path`.
// `existing_ci_file`: the repository already has .gitlab-ci.yml / Jenkinsfile, so init writes
// beside it and says how to include it.
void add_ci_files(InitPlan& plan, CiKind kind, const std::string& suite_path,
                  bool existing_ci_file);

}  // namespace perfgate::init::detail
