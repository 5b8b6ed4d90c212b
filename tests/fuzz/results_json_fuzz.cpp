// Fuzz target: a results file's bytes through nlohmann::json::parse and suite_result_from_json.
// Only the documented exceptions are caught; anything else (or a crash) is a finding. A file that
// reads must write and read back to the same JSON.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "core/errors.h"
#include "core/model/result_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(data, data + size);
  } catch (const nlohmann::json::parse_error&) {
    return 0;
  } catch (const nlohmann::json::out_of_range&) {  // parse's number overflow (406), e.g. 1e999
    return 0;
  }
  perfgate::SuiteResult result;
  try {
    result = perfgate::suite_result_from_json(document, "fuzz.json");
  } catch (const perfgate::InputError&) {
    return 0;
  }
  const nlohmann::json written = perfgate::to_json(result);
  const perfgate::SuiteResult reread = perfgate::suite_result_from_json(written, "written.json");
  if (perfgate::to_json(reread).dump() != written.dump()) std::abort();
  return 0;
}
