// Internal to the suite loader: reading the `service:` block (the system under test).
#pragma once

#include "core/suite/suite.h"
#include "core/suite/yaml_field.h"

namespace perfgate::suite_detail {

ServiceSpec read_service(const Field& field);

}  // namespace perfgate::suite_detail
