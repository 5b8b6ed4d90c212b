// Runs one native load from the command line and prints what compare_wrk.sh needs:
//   perfgate_native_load URL THREADS CONNECTIONS SECONDS
// prints "requests_per_s=<float> responses=<n> errors=<n> p99_ns=<n>".
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "adapters/native/native_adapter.h"

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s http://HOST:PORT/PATH THREADS CONNECTIONS SECONDS\n", argv[0]);
    return 2;
  }
  const std::string url = argv[1];
  const size_t host_start = url.find("://") + 3;
  const size_t path_start = url.find('/', host_start);
  const std::string authority = url.substr(host_start, path_start - host_start);
  const size_t colon = authority.rfind(':');
  perfgate::NativeLoad load;
  load.target = url.substr(0, path_start);
  load.host = authority.substr(0, colon);
  load.port = static_cast<uint16_t>(std::atoi(authority.substr(colon + 1).c_str()));
  load.threads = std::atoi(argv[2]);
  load.connections = std::atoi(argv[3]);
  load.duration = std::chrono::seconds(std::atoi(argv[4]));
  load.requests.push_back(
      {"get", "GET", path_start == std::string::npos ? "/" : url.substr(path_start), {}, "", 1});
  try {
    const perfgate::RunResult result = perfgate::native::run_native_load(load, {});
    const perfgate::Metric* latency =
        result.find("latency", {{"request", "get"}, {"status", "2xx"}});
    std::printf(
        "requests_per_s=%.1f responses=%llu errors=%.0f p99_ns=%llu\n",
        *result.find("throughput")->value,
        static_cast<unsigned long long>(latency ? latency->histogram->count() : 0),
        *result.find("errors")->value,
        static_cast<unsigned long long>(latency ? latency->histogram->value_at_percentile(99) : 0));
  } catch (const std::exception& error) {
    std::fprintf(stderr, "error: %s\n", error.what());
    return 3;
  }
  return 0;
}
