// Internal to the suite loader: the keys of a non-native scenario, read from its YAML node into
// the adapter's typed options (tool_options.h). Every mistake names the file, the line of the
// key and the key, with the nearest valid key for a misspelt one.
#pragma once

#include <filesystem>
#include <vector>

#include "core/suite/suite.h"
#include "core/suite/yaml_field.h"

namespace perfgate::suite_detail {

// Fills scenario.tool (and scenario.files, for `files:`) from `field`, the scenario's mapping.
// Relative paths resolve against `base_dir`, the suite file's folder.
void read_tool_options(const Field& field, const std::filesystem::path& base_dir,
                       Scenario& scenario);

}  // namespace perfgate::suite_detail
