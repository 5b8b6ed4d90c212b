#include "harness/run/process_stats.h"

#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace perfgate {
namespace {

std::string read_small_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The fields of /proc/PID/stat after the command name, which may itself hold spaces and ')'.
std::vector<std::string> stat_fields(int pid) {
  std::string text = read_small_file("/proc/" + std::to_string(pid) + "/stat");
  size_t name_end = text.rfind(')');
  if (name_end == std::string::npos) return {};
  std::istringstream rest(text.substr(name_end + 1));
  std::vector<std::string> fields;
  for (std::string field; rest >> field;) fields.push_back(field);
  return fields;  // fields[0] is the state (field 3 of proc(5))
}

uint64_t number(const std::string& text) {
  uint64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// "name:   value" lines of /proc/PID/status and /proc/PID/io.
uint64_t labelled_value(const std::string& text, const std::string& label) {
  size_t at = text.find("\n" + label + ":");
  if (at == std::string::npos && text.starts_with(label + ":"))
    at = 0;
  else if (at != std::string::npos)
    at += 1;
  else
    return 0;
  size_t begin = text.find_first_of("0123456789", at + label.size());
  size_t end = text.find_first_not_of("0123456789", begin);
  if (begin == std::string::npos) return 0;
  return number(text.substr(begin, end - begin));
}

uint64_t count_fds(int pid) {
  std::error_code error;
  uint64_t count = 0;
  for (std::filesystem::directory_iterator it("/proc/" + std::to_string(pid) + "/fd", error), end;
       !error && it != end; it.increment(error))
    ++count;
  return count;
}

// /proc/PID/status counts the main thread only; the threads' own are under task/.
uint64_t context_switches_of(const std::string& base) {
  uint64_t total = 0;
  std::error_code error;
  for (std::filesystem::directory_iterator it(base + "/task", error), end; !error && it != end;
       it.increment(error)) {
    std::string status = read_small_file(it->path().string() + "/status");
    total += labelled_value(status, "voluntary_ctxt_switches") +
             labelled_value(status, "nonvoluntary_ctxt_switches");
  }
  return total;
}

// proc(5) field numbers, counted from the state (field 3) as index 0.
constexpr size_t kPpid = 4 - 3, kUtime = 14 - 3, kStime = 15 - 3, kThreads = 20 - 3, kRss = 24 - 3;

}  // namespace

ProcessStats& ProcessStats::operator+=(const ProcessStats& other) {
  user_ticks += other.user_ticks;
  system_ticks += other.system_ticks;
  rss_bytes += other.rss_bytes;
  threads += other.threads;
  open_fds += other.open_fds;
  context_switches += other.context_switches;
  read_bytes += other.read_bytes;
  write_bytes += other.write_bytes;
  processes += other.processes;
  return *this;
}

ProcessStats read_process_stats(int pid) {
  std::vector<std::string> fields = stat_fields(pid);
  if (fields.size() <= kRss) return {};
  static const uint64_t page_bytes = static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
  ProcessStats stats;
  stats.processes = 1;
  stats.user_ticks = number(fields[kUtime]);
  stats.system_ticks = number(fields[kStime]);
  stats.threads = number(fields[kThreads]);
  stats.rss_bytes = number(fields[kRss]) * page_bytes;
  std::string base = "/proc/" + std::to_string(pid);
  stats.context_switches = context_switches_of(base);
  std::string io = read_small_file(base + "/io");
  stats.read_bytes = labelled_value(io, "read_bytes");
  stats.write_bytes = labelled_value(io, "write_bytes");
  stats.open_fds = count_fds(pid);
  return stats;
}

ProcessStats read_process_tree_stats(int root) {
  std::multimap<int, int> children_by_parent;
  std::error_code error;
  for (std::filesystem::directory_iterator it("/proc", error), end; !error && it != end;
       it.increment(error)) {
    std::string name = it->path().filename().string();
    int pid = 0;
    if (std::from_chars(name.data(), name.data() + name.size(), pid).ec != std::errc{}) continue;
    std::vector<std::string> fields = stat_fields(pid);
    if (fields.size() > kPpid)
      children_by_parent.emplace(static_cast<int>(number(fields[kPpid])), pid);
  }
  ProcessStats total;
  std::vector<int> pending{root};
  while (!pending.empty()) {
    int pid = pending.back();
    pending.pop_back();
    total += read_process_stats(pid);
    auto [first, last] = children_by_parent.equal_range(pid);
    for (auto it = first; it != last; ++it) pending.push_back(it->second);
  }
  return total;
}

double clock_ticks_per_s() {
  static const double ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  return ticks;
}

}  // namespace perfgate
