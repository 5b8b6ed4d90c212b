// Resolving the target and the pre-flight check that runs before any load is generated.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "adapters/native/transport.h"

namespace perfgate::native {

// Resolves host:port and makes one TCP connection within `connect_timeout`, then closes it.
// Returns the address that answered. Throws perfgate::RunError naming `target_url` and the
// cause ("cannot reach http://127.0.0.1:9: connection refused") when the host does not
// resolve, refuses, or does not answer in time, so a dead system under test fails in seconds.
Endpoint reach_target(const std::string& host, uint16_t port, const std::string& target_url,
                      std::chrono::nanoseconds connect_timeout);

}  // namespace perfgate::native
