// Internal to the suite loader: a native scenario's `matrix:` (a parameter sweep) expands into
// one scenario per combination, named like `browse[connections=8]`.
#pragma once

#include <vector>

#include "core/suite/suite.h"
#include "core/suite/yaml_field.h"

namespace perfgate::suite_detail {

// The scenarios `matrix` (a member of the scenario `field`) expands `base` into, in the order
// written: the first parameter varies slowest. Parameters: connections, threads, rate.
std::vector<Scenario> expand_matrix(const Field& matrix, const Scenario& base);

}  // namespace perfgate::suite_detail
