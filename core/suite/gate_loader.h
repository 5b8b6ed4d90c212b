// Internal to the suite loader: reading the `gate:` block into a GatePolicy. Every mistake is an
// InputError naming the file, the line of the key, and its key path (gate.threshold,
// gate.metrics[1], gate.sla[0]); an unknown key gets the closest valid one suggested.
#pragma once

#include "core/suite/gate_policy.h"
#include "core/suite/yaml_field.h"

namespace perfgate::suite_detail {

// Keys: alpha (a number in (0, 1)), correction (holm | bh | none), threshold ("5%" or 0.05),
// metrics (a non-empty list of "NAME.STAT" or "NAME"), directions (map NAME ->
// lower_is_better | higher_is_better, or lower | higher), min_repetitions (2 to 10000),
// on_environment_change (warn | fail | ignore | inconclusive), on_missing_baseline
// (pass | fail), sla (a list of rules, sla_rule.h). Absent keys keep GatePolicy's defaults.
gates::GatePolicy read_gate_policy(const Field& field);

}  // namespace perfgate::suite_detail
