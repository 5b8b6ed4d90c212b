// render_noise_report: the calibration as a terminal table and a recommendation in words.
#include <cstdio>
#include <string>

#include "harness/calibrate/noise.h"

namespace perfgate::calibrate {
namespace {

// Beyond this many runs per side a CI job takes too long; say so beside the number.
constexpr int kPracticalRepetitions = 30;

std::string format(const char* pattern, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, pattern, value);
  return buffer;
}

std::string percent(double fraction) {
  return format("%.1f %%", fraction * 100);
}

// Nanoseconds in the largest unit that keeps the number >= 1; rates per second as they are.
std::string readable(double value, const std::string& unit) {
  if (unit != "ns") return format("%.0f", value) + " " + unit;
  if (value >= 1e9) return format("%.3g s", value / 1e9);
  if (value >= 1e6) return format("%.3g ms", value / 1e6);
  if (value >= 1e3) return format("%.3g us", value / 1e3);
  return format("%.0f ns", value);
}

std::string padded(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

std::string table(const NoiseReport& report) {
  const Targets& targets = report.targets;
  std::string text =
      padded("metric", 14) + padded("mean", 13) + padded("run-to-run CV", 15) +
      padded("detectable at " + std::to_string(targets.planned_repetitions) + " runs", 22) +
      "runs for " + percent(targets.threshold) + "\n";
  for (const MetricNoise& noise : report.metrics) {
    text += padded(noise.name, 14) + padded(readable(noise.mean, noise.unit), 13) +
            padded(percent(noise.coefficient_of_variation), 15) +
            padded(percent(noise.detectable_change), 22) +
            (noise.repetitions ? std::to_string(*noise.repetitions) : "too noisy") + "\n";
  }
  return text;
}

const MetricNoise* noisiest(const NoiseReport& report) {
  const MetricNoise* worst = nullptr;
  for (const MetricNoise& noise : report.metrics)
    if (!worst || noise.log_variance > worst->log_variance) worst = &noise;
  return worst;
}

std::string advice(const NoiseReport& report) {
  const Targets& targets = report.targets;
  const Recommendation& recommendation = report.recommendation;
  std::string text = "\nRecommendation (alpha " + format("%.2g", targets.alpha) + ", power " +
                     format("%.0f %%", targets.power * 100) + "):\n";
  text += "  threshold:   " + percent(recommendation.threshold) + " or more at " +
          std::to_string(targets.planned_repetitions) + " repetitions";
  if (const MetricNoise* worst = noisiest(report))
    text += " (noisiest: " + worst->name + ", CV " + percent(worst->coefficient_of_variation) + ")";
  text += "\n  repetitions: ";
  if (!recommendation.repetitions) {
    text += "none practical for a " + percent(targets.threshold) +
            " threshold: quiet the machine (see perfgate doctor) or raise the threshold\n";
    return text;
  }
  text += std::to_string(*recommendation.repetitions) + " per side for a " +
          percent(targets.threshold) + " threshold\n";
  text += "  in the suite: repetitions: " + std::to_string(*recommendation.repetitions) +
          "   gate: { threshold: " + format("%g", targets.threshold * 100) + "% }\n";
  if (*recommendation.repetitions > kPracticalRepetitions)
    text +=
        "  that many runs is rarely practical: quiet the machine (perfgate doctor) or accept "
        "the larger threshold above\n";
  return text;
}

}  // namespace

std::string render_noise_report(const NoiseReport& report) {
  return table(report) + advice(report);
}

}  // namespace perfgate::calibrate
