// Loads a suite file (YAML, or JSON which is YAML) and validates it in one pass.
#pragma once

#include <string>

#include "core/suite/suite.h"

namespace perfgate {

// Throws InputError naming the file, the line and the key path, e.g.
// "suites/api.yaml: line 14, key scenarios[0].rate: expected a rate like 2000/s, got '2000 per s'".
Suite load_suite(const std::string& path);
// The same from text already in memory; `path` is used in messages and for relative paths.
Suite parse_suite(const std::string& text, const std::string& path);

}  // namespace perfgate
