// The man page and the bash completion, rendered from the same CLI11 definitions that print
// `--help`, so the three never disagree. The build runs `perfgate manpage` and
// `perfgate completion bash` and installs what they print (CMakeLists.txt, CPack).
#pragma once

#include <string>

#include "harness/cli/commands.h"

namespace perfgate::cli {

// A man(7) page: NAME, SYNOPSIS, one subsection per command with its options, EXIT STATUS.
std::string render_man_page(const CLI::App& app);

// A bash completion script: commands, subcommands and each command's options.
std::string render_bash_completion(const CLI::App& app);

// "perfgate: unknown command 'runn' — did you mean 'run'?" when argv names a command that
// does not exist (where a command is expected), else empty.
std::string unknown_command_message(const CLI::App& app, int argc, const char* const* argv);

// Adds `perfgate manpage` (hidden) and `perfgate completion bash`.
void add_manual_commands(CLI::App& app, Action& action);

}  // namespace perfgate::cli
