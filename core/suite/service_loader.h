// Internal to the suite loader: reading the `service:` block (the system under test).
#pragma once

#include "core/suite/suite.h"
#include "core/suite/yaml_field.h"

namespace perfgate::suite_detail {

ServiceSpec read_service(const Field& field);

// Environment variables like {PORT: "8080"}: names without '=' or NUL, values without NUL. The
// service's `env:` and every tool scenario's `env:` are read by it.
std::vector<std::pair<std::string, std::string>> read_env(const Field& field);

}  // namespace perfgate::suite_detail
