// Resource snapshots to metrics: means, peaks, per-interval increases; and /proc reading.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <ctime>
#include <thread>

#include "harness/run/process_stats.h"
#include "harness/run/resource_metrics.h"
#include "harness/run/resource_sampler.h"

using namespace perfgate;
using namespace std::chrono_literals;

namespace {

ProcessStats stats(uint64_t user_ticks, uint64_t system_ticks, uint64_t rss, uint64_t switches) {
  ProcessStats s;
  s.user_ticks = user_ticks;
  s.system_ticks = system_ticks;
  s.rss_bytes = rss;
  s.threads = 4;
  s.open_fds = 10;
  s.context_switches = switches;
  s.processes = 1;
  return s;
}

const Metric& metric(const std::vector<Metric>& metrics, const std::string& name) {
  for (const Metric& m : metrics)
    if (m.name == name) return m;
  FAIL("no metric " << name);
  throw;
}

}  // namespace

TEST_CASE("resource metrics: CPU mean and per-sample timeline, memory peak, counter increases",
          "[resources]") {
  const double tick = clock_ticks_per_s();
  auto ticks = [&](double seconds) { return static_cast<uint64_t>(std::llround(seconds * tick)); };
  // Two 1 s intervals: 50 % then 100 % of a CPU (a quarter of it in the kernel).
  std::vector<Snapshot> shots{{0.0, stats(0, 0, 1000, 5)},
                              {1.0, stats(ticks(0.4), ticks(0.1), 3000, 15)},
                              {2.0, stats(ticks(1.15), ticks(0.35), 2000, 15)}};
  std::vector<Metric> metrics = resource_metrics("service", shots, MetricSet::full);
  const Metric& cpu = metric(metrics, "cpu_percent");
  CHECK(cpu.tags == Tags{{"process", "service"}});
  CHECK(cpu.unit == "percent");
  CHECK(*cpu.value == Approx(75));
  REQUIRE(cpu.timeline.size() == 2);
  CHECK(cpu.timeline[0] == Approx(50));
  CHECK(cpu.timeline[1] == Approx(100));
  CHECK(cpu.histogram->max() == 100);
  CHECK(*metric(metrics, "cpu_system_percent").value == Approx(17.5));
  CHECK(*metric(metrics, "cpu_user_percent").value == Approx(57.5));
  const Metric& rss = metric(metrics, "rss");
  CHECK(*rss.value == 3000);            // the peak
  CHECK(rss.histogram->min() == 2000);  // the start snapshot is not a sample of the run
  CHECK(rss.timeline == std::vector<double>{3000, 2000});
  const Metric& switches = metric(metrics, "context_switches");
  CHECK(*switches.value == 10);
  CHECK(switches.timeline == std::vector<double>{10, 0});
  CHECK(*metric(metrics, "threads").value == 4);
  CHECK(*metric(metrics, "open_fds").value == 10);
}

TEST_CASE("resource metrics: counters that step back (a process ended) never go negative",
          "[resources]") {
  std::vector<Snapshot> shots{{0.0, stats(100, 100, 1000, 50)}, {0.1, stats(10, 10, 1000, 5)}};
  std::vector<Metric> metrics = resource_metrics("service", shots, MetricSet::full);
  CHECK(*metric(metrics, "cpu_percent").value == 0);
  CHECK(*metric(metrics, "context_switches").value == 0);
}

TEST_CASE("resource metrics: the generator gets CPU only; one snapshot gives nothing",
          "[resources]") {
  std::vector<Snapshot> shots{{0.0, stats(0, 0, 1, 1)}, {0.5, stats(1, 1, 1, 1)}};
  CHECK(resource_metrics("perfgate", shots, MetricSet::cpu_only).size() == 3);
  CHECK(resource_metrics("perfgate", {shots[0]}, MetricSet::full).empty());
}

TEST_CASE("process stats: this process and a tree of children, from /proc", "[resources]") {
  ProcessStats self = read_process_stats(static_cast<int>(::getpid()));
  CHECK(self.processes == 1);
  CHECK(self.rss_bytes > 0);
  CHECK(self.threads >= 1);
  CHECK(self.open_fds >= 3);
  // A thread that sleeps switches context; its switches count (not only the main thread's).
  std::thread([] { std::this_thread::sleep_for(1ms); }).join();
  ProcessStats later = read_process_stats(static_cast<int>(::getpid()));
  CHECK(later.context_switches > 0);
  CHECK(read_process_stats(0x3fffffff).processes == 0);
  // This test binary's tree holds at least itself.
  CHECK(read_process_tree_stats(static_cast<int>(::getpid())).processes >= 1);
}

TEST_CASE("resource sampler: a busy thread shows as perfgate CPU", "[resources]") {
  std::atomic<bool> user_stop{false};
  SamplerSettings settings;
  settings.interval = 20ms;
  settings.user_stop = &user_stop;
  settings.service_pid = static_cast<int>(::getpid());  // this process stands in for a service
  auto cpu_s = [] {
    timespec now{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
  };
  auto wall_start = std::chrono::steady_clock::now();
  double cpu_start = cpu_s();
  ResourceSampler sampler(settings);
  volatile uint64_t spin = 0;
  while (std::chrono::steady_clock::now() < wall_start + 400ms) spin = spin + 1;
  CHECK_FALSE(sampler.stop_flag().load());
  std::vector<Metric> metrics = sampler.finish();
  double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  // What this process used, by its own clock: the sampler must agree within tick rounding.
  double expected_percent = 100 * (cpu_s() - cpu_start) / wall_s;
  const Metric* generator = nullptr;
  const Metric* service_rss = nullptr;
  for (const Metric& m : metrics) {
    if (m.name == "cpu_percent" && m.tags.at("process") == "perfgate") generator = &m;
    if (m.name == "rss" && m.tags.at("process") == "service") service_rss = &m;
  }
  REQUIRE(generator);
  REQUIRE(service_rss);
  CHECK(*generator->value > 0);
  CHECK(*generator->value == Approx(expected_percent).margin(10));
  CHECK(generator->timeline.size() >= 5);
  CHECK(*service_rss->value > 0);
}

TEST_CASE("resource sampler: Ctrl-C and a service that ended raise the stop flag", "[resources]") {
  std::atomic<bool> user_stop{false};
  std::atomic<bool> ended{false};
  SamplerSettings settings;
  settings.interval = 10ms;
  settings.user_stop = &user_stop;
  settings.service_exited = [&] { return ended.load(); };
  {
    ResourceSampler sampler(settings);
    user_stop = true;
    std::this_thread::sleep_for(100ms);
    CHECK(sampler.stop_flag().load());
    CHECK_FALSE(sampler.service_exited());
  }
  user_stop = false;
  ResourceSampler sampler(settings);
  ended = true;
  std::this_thread::sleep_for(100ms);
  CHECK(sampler.stop_flag().load());
  CHECK(sampler.service_exited());
}
