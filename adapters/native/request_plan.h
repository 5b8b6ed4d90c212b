// Requests prepared once before the load: their exact bytes, and a weighted order to pick them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/suite/suite.h"

namespace perfgate::native {

struct PreparedRequest {
  std::string bytes;         // request line, headers and body, ready to write
  size_t metric_index = 0;   // index into RequestPlan::metric_names (requests sharing a name merge)
  bool expects_body = true;  // false for HEAD: the response carries no body
};

struct RequestPlan {
  std::vector<PreparedRequest> requests;
  std::vector<std::string> metric_names;  // the `request` tag values, unique
  // Request indices in weighted order: each request appears in proportion to its weight and
  // evenly spread (smooth weighted round-robin). Workers walk it cyclically, each from its own
  // offset, so the choice is deterministic and costs one array read.
  std::vector<uint16_t> weighted_cycle;
};

// Builds the request bytes: "METHOD path HTTP/1.1", a Host header (unless given), the given
// headers, Content-Length when there is a body or the method usually carries one (unless
// given), then the body. Throws perfgate::InputError when a request has no positive weight,
// there are none, or a method, path or header contains a line break or space where it must not.
RequestPlan build_request_plan(const NativeLoad& load);

// The smooth weighted round-robin order (nginx's algorithm) of `length` picks.
std::vector<uint16_t> weighted_order(const std::vector<double>& weights, size_t length);

}  // namespace perfgate::native
