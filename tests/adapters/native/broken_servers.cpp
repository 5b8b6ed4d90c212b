#include "tests/adapters/native/broken_servers.h"

#include <arpa/inet.h>
#include <http_parser.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace perfgate::native::testing {
namespace {

constexpr int kTickMs = 10;

int listen_on_ephemeral_port(uint16_t& port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), size) != 0 || listen(fd, 512) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    close(fd);
    throw std::runtime_error("cannot listen on 127.0.0.1");
  }
  port = ntohs(address.sin_port);
  return fd;
}

}  // namespace

PollServer::PollServer() {
  listen_fd_ = listen_on_ephemeral_port(port_);
}

PollServer::~PollServer() {
  stop();
  close(listen_fd_);
}

void PollServer::start() {
  thread_ = std::thread([this] { serve(); });
}

void PollServer::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  for (int fd : clients_) close(fd);
  clients_.clear();
}

void PollServer::close_client(int fd) {
  close(fd);
  clients_.erase(std::remove(clients_.begin(), clients_.end(), fd), clients_.end());
}

void PollServer::send_all(int fd, const std::string& bytes) {
  size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t count = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (count <= 0) return;  // the client went away; the test looks at the client side
    sent += static_cast<size_t>(count);
  }
}

void PollServer::serve() {
  while (!stopping_) {
    accept_clients();
    read_clients();
    on_tick();
  }
}

void PollServer::accept_clients() {
  pollfd listening{listen_fd_, POLLIN, 0};
  if (poll(&listening, 1, 0) <= 0) return;
  const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
  if (fd < 0) return;
  ++accepted_;
  clients_.push_back(fd);
  on_accept(fd);
}

void PollServer::read_clients() {
  std::vector<pollfd> watched;
  watched.push_back({listen_fd_, POLLIN, 0});
  for (int fd : clients_) watched.push_back({fd, POLLIN, 0});
  if (poll(watched.data(), watched.size(), kTickMs) <= 0) return;
  char buffer[16384];
  for (size_t i = 1; i < watched.size(); ++i) {
    if (watched[i].revents == 0) continue;
    const ssize_t count = recv(watched[i].fd, buffer, sizeof buffer, 0);
    if (count <= 0) {
      close_client(watched[i].fd);
    } else {
      on_data(watched[i].fd, buffer, static_cast<size_t>(count));
    }
  }
}

BrokenServer::BrokenServer(Misbehaviour misbehaviour) : misbehaviour_(misbehaviour) {
  start();
}

BrokenServer::~BrokenServer() {
  stop();
}

void BrokenServer::on_accept(int fd) {
  if (misbehaviour_ != Misbehaviour::reset_on_accept) return;
  const linger abortive{1, 0};  // close() then sends RST instead of FIN
  setsockopt(fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
  close_client(fd);
}

void BrokenServer::on_data(int fd, const char*, size_t) {
  switch (misbehaviour_) {
    case Misbehaviour::garbage:
      send_all(fd, "GARBAGE \x01\x02 this is not HTTP at all\r\n\r\n");
      return;
    case Misbehaviour::close_mid_response:
      send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly half of the body");
      close_client(fd);
      return;
    case Misbehaviour::slow_drip:
      if (std::find(dripping_.begin(), dripping_.end(), fd) != dripping_.end()) return;
      send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\n\r\n");
      dripping_.push_back(fd);
      return;
    case Misbehaviour::silent:
    case Misbehaviour::reset_on_accept:
      return;
  }
}

void BrokenServer::on_tick() {
  dripping_.erase(std::remove_if(dripping_.begin(), dripping_.end(),
                                 [this](int fd) {
                                   return std::find(clients_.begin(), clients_.end(), fd) ==
                                          clients_.end();
                                 }),
                  dripping_.end());
  for (int fd : dripping_) send_all(fd, "x");
  if (!dripping_.empty()) usleep(20'000);
}

}  // namespace perfgate::native::testing
