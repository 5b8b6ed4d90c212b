// The shell inside the ci/ templates, and the perfgate commands in it, for the template tests.
//
// Every template carries shell in its own wrapping: `run:` of GitHub steps, `before_script:` and
// `script:` of GitLab jobs, `sh '…'` and `sh '''…'''` of the Jenkinsfile, `args:` of the
// Kubernetes container. `template_scripts()` pulls all of it out with where it came from;
// `perfgate_calls()` finds the simple commands that run perfgate, as words, so a test can check
// each subcommand and flag against `perfgate … --help`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace perfgate::testing {

struct TemplateScript {
  std::string where;  // "ci/github/action.yml: Run perfgate"
  std::string text;   // shell, GitHub's ${{ … }} expressions replaced by a plain word
};

// Every shell text in the templates under ci/.
std::vector<TemplateScript> template_scripts();

// The words of a shell text as sh would split them, quotes removed, one entry per simple
// command: commands end at ; & | ( ) and newlines; redirections and comments are dropped; a
// quoted part or a $(…) / ${…} stays inside its word. Enough for the templates, not a full parser.
std::vector<std::vector<std::string>> shell_commands(std::string_view script);

// The argument words of every command whose program is perfgate (`perfgate`, `$PERFGATE`, or a
// path ending in /perfgate), after leading keywords (`if`, `then`, `!`, …) and assignments.
std::vector<std::vector<std::string>> perfgate_calls(std::string_view script);

// The perfgate command that each workflow step using the action (`uses: …/ci/github@…`) runs:
// `gate` or `baseline update`, then the words of its `args:` input. `install` runs none.
std::vector<std::vector<std::string>> action_step_calls();

}  // namespace perfgate::testing
