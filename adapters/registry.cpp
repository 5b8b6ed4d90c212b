// AdapterKind -> the adapter that runs or imports that tool. Add one line per adapter.
#include "adapters/adapter.h"

#include "adapters/artillery/artillery_adapter.h"
#include "adapters/command/command_adapter.h"
#include "adapters/gbench/gbench_adapter.h"
#include "adapters/jmeter/jmeter_adapter.h"
#include "adapters/k6/k6_adapter.h"
#include "adapters/mock/mock_adapter.h"
#include "adapters/native/native_adapter.h"
#include "core/errors.h"

namespace perfgate {

const Adapter& adapter_for(AdapterKind kind) {
  static const native::NativeAdapter native;
  static const GbenchAdapter gbench;
  static const K6Adapter k6;
  static const ArtilleryAdapter artillery;
  static const CommandAdapter command;
  static const JMeterAdapter jmeter;
  static const MockAdapter mock;
  switch (kind) {
    case AdapterKind::native:
      return native;
    case AdapterKind::jmeter:
      return jmeter;
    case AdapterKind::gbench:
      return gbench;
    case AdapterKind::k6:
      return k6;
    case AdapterKind::artillery:
      return artillery;
    case AdapterKind::command:
      return command;
    case AdapterKind::mock:
      return mock;
  }
  return native;  // not reached: every kind is listed above
}

AdapterKind importer_named(const std::string& name) {
  constexpr AdapterKind kImporters[] = {AdapterKind::k6, AdapterKind::jmeter,
                                        AdapterKind::artillery, AdapterKind::gbench};
  // `--from command` is accepted so that the command adapter can explain why it has no files.
  if (name == to_string(AdapterKind::command)) return AdapterKind::command;
  std::string known;
  for (AdapterKind kind : kImporters) {
    if (name == to_string(kind)) return kind;
    known += std::string(known.empty() ? "" : ", ") + to_string(kind);
  }
  throw InputError("--from", "", "no importer named '" + name + "'; this build imports: " + known);
}

}  // namespace perfgate
