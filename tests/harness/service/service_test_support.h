// Helpers for the service tests: free ports and checks that no process was left behind.
#pragma once

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <thread>

namespace perfgate::testing {

// A port nothing listens on right now (bound, then released).
inline uint16_t free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

// No process with this pid, and no process in the group it led, within `patience`.
inline bool process_and_group_gone(int pid,
                                   std::chrono::milliseconds patience = std::chrono::seconds(2)) {
  auto deadline = std::chrono::steady_clock::now() + patience;
  while (std::chrono::steady_clock::now() < deadline) {
    bool pid_gone = ::kill(pid, 0) == -1 && errno == ESRCH;
    bool group_gone = ::kill(-pid, 0) == -1 && errno == ESRCH;
    if (pid_gone && group_gone) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

}  // namespace perfgate::testing
