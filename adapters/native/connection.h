// One client connection slot of a worker: its socket, HTTP parser and the request in flight.
#pragma once

#include <http_parser.h>

#include <cstddef>
#include <cstdint>

#include "adapters/native/request_plan.h"
#include "adapters/native/transport.h"

namespace perfgate::native {

enum class ConnectionState : uint8_t {
  disconnected,  // no socket; reconnects at deadline_ns when wanted
  connecting,    // connect in progress; fails with timeout at deadline_ns
  idle,          // connected, no request
  writing,       // request partly written (continues on EPOLLOUT); times out at deadline_ns
  reading,       // request written, response pending; times out at deadline_ns
  thinking,      // closed model: waits for the think time to end at deadline_ns
};

struct Connection {
  bool in_flight() const {
    return state == ConnectionState::writing || state == ConnectionState::reading;
  }

  TransportSocket socket;
  http_parser parser{};
  const PreparedRequest* request = nullptr;
  ConnectionState state = ConnectionState::disconnected;
  bool response_started = false;
  bool response_complete = false;  // set by the parser callback
  bool served = false;             // this socket completed at least one response
  bool active = false;             // closed model: this slot issues requests now
  bool available = false;          // open model: listed among the free connections
  uint16_t request_index = 0;
  uint32_t slot = 0;        // index in the worker's connection array
  uint32_t generation = 0;  // bumped per socket, so stale epoll events are ignored
  uint32_t consecutive_failures = 0;
  size_t written_bytes = 0;
  uint64_t intended_ns = 0;  // latency origin: the scheduled (open) or actual (closed) send
  uint64_t sent_ns = 0;      // actual send, origin of ttfb
  uint64_t first_byte_ns = 0;
  uint64_t connect_started_ns = 0;
  uint64_t deadline_ns = 0;  // meaning depends on state, see ConnectionState
};

}  // namespace perfgate::native
