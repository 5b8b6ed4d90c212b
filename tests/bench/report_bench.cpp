// Rendering speed of the text reports for a 200-scenario gate (1000 comparisons, 5 runs each):
// the issue asks for the Markdown report under a second; run on a Release build.
#include <benchmark/benchmark.h>

#include "gates/report/csv_report.h"
#include "gates/report/junit_report.h"
#include "gates/report/markdown_report.h"
#include "gates/report/openmetrics_report.h"
#include "gates/report/text_report.h"
#include "tests/gates/report/report_fixture.h"

namespace {

const perfgate::testing::ReportFixture& fixture() {
  static const perfgate::testing::ReportFixture large = perfgate::testing::large_report(200);
  return large;
}

template <typename Render>
void render_loop(benchmark::State& state, Render render) {
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::string text = render(fixture().input());
    bytes = text.size();
    benchmark::DoNotOptimize(text);
  }
  state.counters["bytes"] = static_cast<double>(bytes);
}

void BM_Markdown200Scenarios(benchmark::State& state) {
  render_loop(state, [](const auto& input) { return perfgate::gates::render_markdown(input); });
}
BENCHMARK(BM_Markdown200Scenarios)->Unit(benchmark::kMillisecond);

void BM_Junit200Scenarios(benchmark::State& state) {
  render_loop(state, [](const auto& input) { return perfgate::gates::render_junit(input); });
}
BENCHMARK(BM_Junit200Scenarios)->Unit(benchmark::kMillisecond);

void BM_Csv200Scenarios(benchmark::State& state) {
  render_loop(state, [](const auto& input) { return perfgate::gates::render_csv(input); });
}
BENCHMARK(BM_Csv200Scenarios)->Unit(benchmark::kMillisecond);

void BM_OpenMetrics200Scenarios(benchmark::State& state) {
  render_loop(state, [](const auto& input) { return perfgate::gates::render_openmetrics(input); });
}
BENCHMARK(BM_OpenMetrics200Scenarios)->Unit(benchmark::kMillisecond);

void BM_Text200Scenarios(benchmark::State& state) {
  render_loop(state, [](const auto& input) { return perfgate::gates::render_text(*input.gate); });
}
BENCHMARK(BM_Text200Scenarios)->Unit(benchmark::kMillisecond);

}  // namespace
