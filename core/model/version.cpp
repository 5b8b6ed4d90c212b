#include "core/model/version.h"

namespace perfgate {

std::string version_line() {
  const BuildInfo& info = build_info();
  std::string line(info.version);
  line += " (commit ";
  line += info.commit;
  if (!info.build_type.empty()) {
    line += ", ";
    line += info.build_type;
  }
  line += ")";
  return line;
}

}  // namespace perfgate
