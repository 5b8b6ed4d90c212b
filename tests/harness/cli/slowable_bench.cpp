// A real Google Benchmark binary for the compare tests: three benchmarks doing fixed CPU work;
// PERFGATE_SLOWDOWN=1.10 makes BM_Slowed do 10 % more work, a genuine 10 % slowdown.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdlib>

namespace {

uint64_t spin(uint64_t rounds) {
  uint64_t state = 88172645463325252ull;
  for (uint64_t i = 0; i < rounds; ++i) {
    state ^= state << 13;  // xorshift: cheap, serial, not optimised away
    state ^= state >> 7;
    state ^= state << 17;
  }
  return state;
}

double slowdown() {
  const char* text = std::getenv("PERFGATE_SLOWDOWN");
  return text ? std::atof(text) : 1.0;
}

void BM_Steady(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(spin(20000));
}

void BM_Other(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(spin(30000));
}

void BM_Slowed(benchmark::State& state) {
  const auto rounds = static_cast<uint64_t>(20000 * slowdown());
  for (auto _ : state) benchmark::DoNotOptimize(spin(rounds));
}

}  // namespace

BENCHMARK(BM_Steady);
BENCHMARK(BM_Other);
BENCHMARK(BM_Slowed);
BENCHMARK_MAIN();
