// Sockets and HTTP for one worker: connect, write a request, read and parse the response,
// turn every failure into an ErrorKind and a reconnect with backoff.
#include <errno.h>
#include <sys/epoll.h>

#include <algorithm>

#include "adapters/native/clock.h"
#include "adapters/native/worker.h"

namespace perfgate::native {
namespace {

// Reconnect backoff after consecutive failures: 1 ms, 2 ms, 4 ms ... up to 250 ms, so a dead
// or broken server is retried promptly but never hammered in a tight loop.
constexpr uint64_t kFirstBackoffNs = 1'000'000;
constexpr uint64_t kMaxBackoffNs = 250'000'000;

uint64_t backoff_ns(uint32_t consecutive_failures) {
  const uint32_t doublings = std::min<uint32_t>(consecutive_failures - 1, 16);
  return std::min(kFirstBackoffNs << doublings, kMaxBackoffNs);
}

Connection& owner(http_parser* parser) {
  return *static_cast<Connection*>(parser->data);
}

// A second response to one request means the server is confused: stop parsing (malformed).
int on_message_begin(http_parser* parser) {
  return owner(parser).response_complete ? 1 : 0;
}
// Returning 1 tells http_parser the response has no body (a response to HEAD).
int on_headers_complete(http_parser* parser) {
  return owner(parser).request->expects_body ? 0 : 1;
}
int on_message_complete(http_parser* parser) {
  // An interim response (100 Continue, 103 Early Hints) precedes the real one: keep waiting.
  const bool interim =
      parser->status_code >= 100 && parser->status_code < 200 && parser->status_code != 101;
  if (!interim) owner(parser).response_complete = true;
  return 0;
}

http_parser_settings make_parser_settings() {
  http_parser_settings settings{};
  settings.on_message_begin = on_message_begin;
  settings.on_headers_complete = on_headers_complete;
  settings.on_message_complete = on_message_complete;
  return settings;
}
const http_parser_settings kParserSettings = make_parser_settings();

ErrorKind classify(int error_number) {
  switch (error_number) {
    case ECONNREFUSED:
    case ENETUNREACH:
    case EHOSTUNREACH:
    case EADDRNOTAVAIL:
      return ErrorKind::refused;
    case ETIMEDOUT:
      return ErrorKind::timeout;
    default:
      return ErrorKind::reset;  // ECONNRESET, EPIPE, ECONNABORTED and anything else mid-stream
  }
}

uint64_t event_tag(const Connection& connection) {
  return (uint64_t{connection.generation} << 32) | connection.slot;
}

}  // namespace

void Worker::open_socket(Connection& connection) {
  transport_.close(connection.socket);  // never leak a socket that is still open
  ++connection.generation;
  connection.connect_started_ns = now_ns_;
  connection.deadline_ns = now_ns_ + plan_.connect_timeout_ns;
  connection.served = false;
  http_parser_init(&connection.parser, HTTP_RESPONSE);
  const IoResult started = transport_.connect(connection.socket, *plan_.endpoint);
  if (started.status == IoStatus::failed) {
    fail(connection, classify(started.error_number));
    return;
  }
  // Edge-triggered with a mask that never changes: no epoll_ctl after this one, and epoll does
  // not re-poll every returned socket on the next wait as it does for level-triggered ones.
  epoll_event interest{EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET, {.u64 = event_tag(connection)}};
  if (epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, connection.socket.fd, &interest) != 0) {
    fail(connection, ErrorKind::refused);
    return;
  }
  connection.state = ConnectionState::connecting;
  wake_at(connection.deadline_ns);
  if (started.status == IoStatus::done) established(connection);
}

void Worker::on_connect_ready(Connection& connection, uint32_t events) {
  const IoResult result = transport_.finish_connect(connection.socket);
  if (result.status == IoStatus::would_block) return;
  if (result.status != IoStatus::done) {
    fail(connection, classify(result.error_number));
    return;
  }
  const uint32_t generation = connection.generation;
  established(connection);
  // Edge-triggered: bytes that arrived with the connect's edge get no edge of their own.
  if ((events & EPOLLIN) && connection.generation == generation) on_readable(connection, events);
}

void Worker::established(Connection& connection) {
  now_ns_ = monotonic_ns();
  metrics_.connect_time.record(now_ns_ - connection.connect_started_ns);
  connection.state = ConnectionState::idle;
  put_to_work(connection);
}

void Worker::send(Connection& connection, uint16_t request_index, uint64_t intended_ns) {
  connection.request_index = request_index;
  connection.request = &plan_.requests->requests[request_index];
  connection.written_bytes = 0;
  connection.intended_ns = intended_ns;
  connection.sent_ns = now_ns_;
  connection.deadline_ns = now_ns_ + plan_.request_timeout_ns;
  connection.response_started = false;
  connection.response_complete = false;
  connection.state = ConnectionState::writing;
  wake_at(connection.deadline_ns);
  ++in_flight_;
  --requests_left_;
  continue_write(connection);
}

void Worker::continue_write(Connection& connection) {
  const std::string& bytes = connection.request->bytes;
  const IoResult result =
      transport_.write(connection.socket, bytes.data() + connection.written_bytes,
                       bytes.size() - connection.written_bytes);
  if (result.status == IoStatus::failed) {
    fail(connection, classify(result.error_number));
    return;
  }
  connection.written_bytes += result.bytes;
  metrics_.bytes_sent += result.bytes;
  // An unfinished write (rare: large bodies) continues on the next EPOLLOUT edge.
  if (connection.written_bytes == bytes.size()) connection.state = ConnectionState::reading;
}

// Edge-triggered: reads until a short read, which on TCP means the receive queue was empty at
// that moment; data arriving later raises a new edge. A typical response takes one read(). When
// the edge also reported the peer's close, reads on to see the end of the stream, because a
// FIN that came with the data raises no edge of its own.
void Worker::on_readable(Connection& connection, uint32_t events) {
  const uint32_t generation = connection.generation;
  const bool peer_closed = (events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0;
  for (;;) {
    const size_t bytes = read_once(connection);
    if (bytes == 0 || connection.generation != generation) return;
    if (bytes < read_buffer_.size() && !peer_closed) return;
  }
}

size_t Worker::read_once(Connection& connection) {
  const IoResult result =
      transport_.read(connection.socket, read_buffer_.data(), read_buffer_.size());
  if (result.status == IoStatus::would_block) return 0;
  now_ns_ = monotonic_ns();
  arrived_ns_ = now_ns_;
  if (result.arrived_ns != 0 && connection.in_flight()) {
    arrived_ns_ = std::clamp(result.arrived_ns, connection.sent_ns, now_ns_);
    arrival_stamps_ = true;
  }
  if (result.status != IoStatus::done) {
    if (result.status == IoStatus::closed) {
      on_end_of_stream(connection);
    } else {
      fail(connection, classify(result.error_number));
    }
    return 0;
  }
  metrics_.bytes_received += result.bytes;
  if (!accept_bytes(connection, result.bytes)) return 0;
  if (connection.response_complete) {
    const bool reusable =
        http_should_keep_alive(&connection.parser) && connection.state == ConnectionState::reading;
    complete_response(connection, reusable);
  }
  return result.bytes;
}

// Parses `size` bytes of the read buffer as the response in flight; false (after failing the
// connection) when nothing was asked or the bytes are not HTTP.
bool Worker::accept_bytes(Connection& connection, size_t size) {
  if (!connection.in_flight()) {
    fail(connection, ErrorKind::malformed);  // bytes nobody asked for
    return false;
  }
  if (!connection.response_started) {
    connection.response_started = true;
    connection.first_byte_ns = arrived_ns_;
  }
  http_parser_execute(&connection.parser, &kParserSettings, read_buffer_.data(), size);
  if (HTTP_PARSER_ERRNO(&connection.parser) != HPE_OK) {
    fail(connection, ErrorKind::malformed);
    return false;
  }
  return true;
}

void Worker::on_end_of_stream(Connection& connection) {
  arrived_ns_ = now_ns_;
  if (connection.in_flight() && connection.response_started) {
    // Ends a body delimited by the connection's close; anything else stays incomplete.
    http_parser_execute(&connection.parser, &kParserSettings, nullptr, 0);
    if (connection.response_complete && HTTP_PARSER_ERRNO(&connection.parser) == HPE_OK) {
      return complete_response(connection, false);
    }
  }
  // A socket that never served a response and closes is broken (and gets a backoff); an idle
  // keep-alive connection closed by the server is normal and reconnects at once.
  if (connection.in_flight() || !connection.served) return fail(connection, ErrorKind::closed);
  drop_socket(connection);
  connection.deadline_ns = now_ns_;
  if (wants_socket(connection)) open_socket(connection);
}

void Worker::complete_response(Connection& connection, bool reuse_socket) {
  const unsigned status_code = connection.parser.status_code;
  if (status_code < 100 || status_code > 599) return fail(connection, ErrorKind::malformed);
  const auto status = static_cast<StatusClass>(status_code / 100 - 1);
  if (now_ns_ >= second_end_ns_) advance_clock();
  const uint64_t latency_ns = arrived_ns_ - connection.intended_ns;
  typical_latency_ns_ = typical_latency_ns_ - typical_latency_ns_ / 32 + latency_ns / 32;
  typical_gap_ns_ = typical_gap_ns_ - typical_gap_ns_ / 32 + (now_ns_ - last_response_ns_) / 32;
  last_response_ns_ = now_ns_;
  metrics_.record_response(connection.request->metric_index, status, latency_ns,
                           connection.first_byte_ns - connection.sent_ns, second_);
  ++responses_;
  if (status == StatusClass::client_error || status == StatusClass::server_error) {
    metrics_.record_error(status == StatusClass::client_error ? ErrorKind::http_4xx
                                                              : ErrorKind::http_5xx);
    ++errors_;
  }
  --in_flight_;
  connection.served = true;
  connection.consecutive_failures = 0;
  connection.state = ConnectionState::idle;
  if (reuse_socket) return put_to_work(connection);
  drop_socket(connection);  // "Connection: close" (or HTTP/1.0): not an error, reconnect now
  connection.deadline_ns = now_ns_;
  if (wants_socket(connection)) open_socket(connection);
}

void Worker::fail(Connection& connection, ErrorKind kind) {
  metrics_.record_error(kind);
  ++errors_;
  if (connection.in_flight()) --in_flight_;
  drop_socket(connection);
  ++connection.consecutive_failures;
  connection.deadline_ns = now_ns_ + backoff_ns(connection.consecutive_failures);
  wake_at(connection.deadline_ns);
}

void Worker::drop_socket(Connection& connection) {
  transport_.close(connection.socket);  // close() also removes the socket from epoll
  connection.state = ConnectionState::disconnected;
  ++connection.generation;
}

}  // namespace perfgate::native
