// Which multiple-comparison correction the gate applies to its p-values: `gate.correction` in a
// suite file, `--correction` of perfgate compare. The adjustment itself is in
// gates/stats/multiplicity.h; the names live here, in the bottom layer, so that the suite loader
// parses them once, at the edge.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace perfgate::stats {

enum class Correction {
  none,                // p unchanged: each test at its own alpha
  holm,                // family-wise error rate, any dependence
  benjamini_hochberg,  // false discovery rate, independence or positive dependence
};

// The names parse_correction accepts, for messages and suggestions.
inline constexpr std::array<std::string_view, 3> kCorrectionNames{"holm", "bh", "none"};

// "none", "holm", "bh" (as written in suite files).
constexpr const char* to_string(Correction correction) {
  switch (correction) {
    case Correction::none:
      return "none";
    case Correction::holm:
      return "holm";
    case Correction::benjamini_hochberg:
      return "bh";
  }
  return "holm";
}

// The inverse of to_string; nullopt for any other text.
constexpr std::optional<Correction> parse_correction(std::string_view name) {
  for (Correction correction : {Correction::none, Correction::holm, Correction::benjamini_hochberg})
    if (name == to_string(correction)) return correction;
  return std::nullopt;
}

}  // namespace perfgate::stats
