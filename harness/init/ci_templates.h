// The ci/ templates, compiled in (generated from the files in ci/ at configure time), so that
// `perfgate init` writes exactly what the documented templates say.
#pragma once

#include <string_view>

namespace perfgate::init {

std::string_view github_gate_workflow();      // ci/github/perfgate-gate.yml
std::string_view github_baseline_workflow();  // ci/github/perfgate-baseline.yml
std::string_view gitlab_template();           // ci/gitlab/perfgate.gitlab-ci.yml
std::string_view jenkins_template();          // ci/jenkins/Jenkinsfile

}  // namespace perfgate::init
