// Internal to the suite loader: reading an `adapter: native` scenario and HTTP URLs.
#pragma once

#include <cstdint>
#include <string>

#include "core/suite/suite.h"
#include "core/suite/yaml_field.h"

namespace perfgate::suite_detail {

struct HttpUrl {
  std::string host;  // without IPv6 brackets
  uint16_t port = 80;
  std::string path;  // "" or starting with '/', query included
};

// Accepts http://host[:port][/path]; fails on https (no TLS yet) and anything else.
HttpUrl read_http_url(const Field& field);

// Reads the load keys of a native scenario whose keys were already checked.
NativeLoad read_native_load(const Field& scenario);

}  // namespace perfgate::suite_detail
