// render_noise_report: the calibration as a terminal table and a recommendation in words.
#include <cstdio>
#include <string>

#include "core/model/units.h"
#include "harness/calibrate/noise.h"

namespace perfgate::calibrate {
namespace {

// Beyond this many runs per side a CI job takes too long; say so beside the number.
constexpr int kPracticalRepetitions = 30;

std::string percent(double fraction) {
  return format_value(fraction, Unit::ratio());
}

std::string readable(double value, const std::string& unit) {
  return format_value(value, parse_unit(unit));
}

// The threshold as a suite file writes it ("6%"): text to paste, not a number to read.
std::string suite_percent(double fraction) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g%%", fraction * 100);
  return buffer;
}

// Pads to `width` characters, not bytes: a value may hold "µs".
std::string padded(std::string text, std::size_t width) {
  std::size_t characters = 0;
  for (char c : text) characters += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  if (characters < width) text.append(width - characters, ' ');
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
  std::string text = "\nRecommendation (alpha " + format_number(targets.alpha) + ", power " +
                     percent(targets.power) + "):\n";
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
          "   gate: { threshold: " + suite_percent(targets.threshold) + " }\n";
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
