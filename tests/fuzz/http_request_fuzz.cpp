// Fuzzes the built-in target's request parser: arbitrary bytes from a client, split at every
// position the first byte chooses, must never crash, and a malformed or finished stream stops.
#include <cstdint>
#include <string_view>
#include <vector>

#include "harness/target/request_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the chunk size, so requests split across reads are exercised too.
  size_t chunk = 1 + data[0] % 64;
  std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  perfgate::target::RequestParser parser;
  std::vector<perfgate::target::ParsedRequest> requests;
  for (size_t offset = 0; offset < bytes.size(); offset += chunk) {
    auto status = parser.feed(bytes.substr(offset, chunk), requests);
    if (status != perfgate::target::ParseStatus::more) break;
  }
  return 0;
}
