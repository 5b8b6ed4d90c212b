#include "gates/compare/gate_result.h"

namespace perfgate::gates {

const char* to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::regression:
      return "regression";
    case Verdict::improvement:
      return "improvement";
    case Verdict::unchanged:
      return "unchanged";
    case Verdict::inconclusive:
      return "inconclusive";
  }
  return "inconclusive";
}

const char* to_string(GateVerdict verdict) {
  return verdict == GateVerdict::fail ? "fail" : "pass";
}

const char* to_string(TestKind kind) {
  switch (kind) {
    case TestKind::moderated_log:
      return "moderated-log-t";
    case TestKind::welch_log:
      return "welch-log-t";
    case TestKind::welch:
      return "welch-t";
    case TestKind::none:
      return "none";
  }
  return "none";
}

const char* to_string(NoteKind kind) {
  switch (kind) {
    case NoteKind::missing_in_baseline:
      return "missing-in-baseline";
    case NoteKind::missing_in_candidate:
      return "missing-in-candidate";
    case NoteKind::wrong_kind:
      return "wrong-kind";
  }
  return "missing-in-baseline";
}

}  // namespace perfgate::gates
