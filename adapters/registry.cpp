// AdapterKind -> the adapter that runs or imports that tool. Add one line per adapter.
#include "adapters/adapter.h"

#include "adapters/artillery/artillery_adapter.h"
#include "adapters/command/command_adapter.h"
#include "adapters/gbench/gbench_adapter.h"
#include "adapters/jmeter/jmeter_adapter.h"
#include "adapters/k6/k6_adapter.h"
#include "harness/errors.h"

namespace perfgate {

const Adapter* find_adapter(AdapterKind kind) {
  static const GbenchAdapter gbench;
  static const K6Adapter k6;
  static const ArtilleryAdapter artillery;
  static const CommandAdapter command;
  static const JMeterAdapter jmeter;
  switch (kind) {
    case AdapterKind::jmeter:
      return &jmeter;
    case AdapterKind::gbench:
      return &gbench;
    case AdapterKind::k6:
      return &k6;
    case AdapterKind::artillery:
      return &artillery;
    case AdapterKind::command:
      return &command;
    default:
      return nullptr;
  }
}

AdapterKind importer_named(const std::string& name) {
  for (AdapterKind kind : {AdapterKind::k6, AdapterKind::jmeter, AdapterKind::artillery,
                           AdapterKind::gbench, AdapterKind::command})
    if (name == to_string(kind) && find_adapter(kind)) return kind;
  std::string known;
  for (AdapterKind kind :
       {AdapterKind::k6, AdapterKind::jmeter, AdapterKind::artillery, AdapterKind::gbench})
    if (find_adapter(kind)) known += std::string(known.empty() ? "" : ", ") + to_string(kind);
  throw InputError("--from", "", "no importer named '" + name + "'; this build imports: " + known);
}

}  // namespace perfgate
