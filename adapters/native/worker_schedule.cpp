// Deciding what a worker sends when: closed-model activity and think time, open-model arrivals.
#include <algorithm>
#include <cmath>

#include "adapters/native/worker.h"

namespace perfgate::native {

bool Worker::wants_socket(const Connection& connection) const {
  return requests_left_ > 0 && (plan_.model == LoadModel::open || connection.active);
}

// Closed model: the level is the total number of active connections. Global slot j (owned by
// worker j % worker_count) is active while j < level, so activity spreads evenly over workers
// and each worker's share only grows when the level grows.
void Worker::apply_level() {
  if (plan_.model != LoadModel::closed) return;
  const uint64_t elapsed_ns = now_ns_ > plan_.start_ns ? now_ns_ - plan_.start_ns : 0;
  const double level = plan_.profile->level_at(elapsed_ns);
  const auto active_total = static_cast<uint64_t>(std::llround(std::max(level, 0.0)));
  for (Connection& connection : connections_) {
    const uint64_t global_slot =
        uint64_t{connection.slot} * static_cast<uint64_t>(plan_.worker_count) +
        static_cast<uint64_t>(plan_.index);
    const bool active = global_slot < active_total;
    if (active == connection.active) continue;
    connection.active = active;
    if (active) activate(connection);
  }
}

// A slot that became active starts working; one that became inactive finishes its request
// and then stays idle (put_to_work checks `active`).
// A disconnected connection reconnects once its backoff (deadline_ns) has passed.
void Worker::reopen_when_due(Connection& connection) {
  if (now_ns_ >= connection.deadline_ns) {
    open_socket(connection);
  } else {
    wake_at(connection.deadline_ns);
  }
}

void Worker::activate(Connection& connection) {
  switch (connection.state) {
    case ConnectionState::disconnected:
      reopen_when_due(connection);
      return;
    case ConnectionState::idle:
      put_to_work(connection);
      return;
    default:
      return;  // connecting, in flight or thinking: continues by itself
  }
}

// Called when a connection is connected and idle: after connecting or a complete response.
void Worker::put_to_work(Connection& connection) {
  if (plan_.model == LoadModel::open) {
    make_available(connection);
    return;
  }
  if (!connection.active || requests_left_ == 0) return;
  if (plan_.think_ns > 0) {
    connection.state = ConnectionState::thinking;
    connection.deadline_ns = now_ns_ + plan_.think_ns;
    thinkers_.push({connection.deadline_ns, &connection});
    return;
  }
  ready_to_send_.push_back(&connection);
}

// Closed model: the connections that finished a response in this batch of events send their
// next request together, after the batch. Bursts let the server handle several requests per
// wake-up instead of ping-ponging one request per context switch on both sides (wrk gets the
// same effect from its extra epoll round trip for writes).
void Worker::send_ready() {
  for (Connection* connection : ready_to_send_) {
    if (connection->state != ConnectionState::idle || !connection->active) continue;
    if (requests_left_ == 0) break;
    send(*connection, next_request_index(), now_ns_);
  }
  ready_to_send_.clear();
}

void Worker::wake_thinkers() {
  while (!thinkers_.empty() && thinkers_.front().wake_ns <= now_ns_) {
    const ThinkEntry entry = thinkers_.front();
    thinkers_.pop();
    Connection& connection = *entry.connection;
    // Stale when the connection failed while thinking and has moved on since.
    if (connection.state != ConnectionState::thinking || connection.deadline_ns != entry.wake_ns) {
      continue;
    }
    connection.state = ConnectionState::idle;
    if (connection.active && requests_left_ > 0) {
      send(connection, next_request_index(), now_ns_);
    }
  }
}

// Open model: each connection is listed at most once; an entry whose connection has failed
// meanwhile is skipped when popped and listed again once it is idle.
void Worker::make_available(Connection& connection) {
  if (connection.available) return;
  connection.available = true;
  available_.push_back(&connection);
}

// Open model: sends every arrival whose time has come while a connection is free. Latency
// counts from the arrival's intended time, so waiting for a connection is measured (the
// coordinated-omission correction of wrk2).
void Worker::dispatch_arrivals() {
  while (next_arrival_ns_ <= now_ns_ && requests_left_ > 0 && !available_.empty()) {
    Connection& connection = *available_.back();
    available_.pop_back();
    connection.available = false;
    if (connection.state != ConnectionState::idle) continue;
    metrics_.schedule_lag.record(now_ns_ - next_arrival_ns_);
    send(connection, next_request_index(), next_arrival_ns_);
    arrival_number_ += static_cast<uint64_t>(plan_.worker_count);
    advance_arrival();
  }
}

// Global arrival n is due when the integral of the rate reaches n + 0.5; this worker takes
// arrivals index, index + worker_count, ... so the workers' arrivals interleave evenly.
void Worker::advance_arrival() {
  const auto offset_ns = plan_.profile->time_of_area(static_cast<double>(arrival_number_) + 0.5);
  next_arrival_ns_ = offset_ns ? plan_.start_ns + *offset_ns : kNoEnd;
}

// Arrivals due by now but never sent (all connections were busy): counted from the rate's
// integral rather than one by one, because an overloaded run can leave millions behind.
uint64_t Worker::count_unsent_arrivals() const {
  if (plan_.model != LoadModel::open || next_arrival_ns_ > now_ns_) return 0;
  const double area = plan_.profile->area_until(now_ns_ - plan_.start_ns);
  // Global arrivals 0 .. due_total - 1 are due: arrival n is due once the area reaches n + 0.5.
  const auto due_total = static_cast<uint64_t>(std::floor(area + 0.5));
  if (due_total <= arrival_number_) return 0;
  const auto workers = static_cast<uint64_t>(plan_.worker_count);
  const uint64_t mine = (due_total - arrival_number_ + workers - 1) / workers;
  return std::min(mine, requests_left_);
}

}  // namespace perfgate::native
