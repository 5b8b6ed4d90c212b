// Internal to adapters/gbench: reading Google Benchmark's almost-JSON.
//
// Google Benchmark prints non-finite doubles as bare NaN, -NaN, Infinity and -Infinity tokens
// (src/json_reporter.cc), which no JSON parser accepts. Before parsing, such tokens in value
// position outside strings become the strings "NaN", "Infinity" and "-Infinity"; number_value()
// turns them back into doubles. Strings rather than null keep the sign of an infinity.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace perfgate::gbench {

// The JSON text with non-finite tokens quoted. Never throws (except std::bad_alloc).
std::string quote_non_finite_tokens(std::string_view text);

// Parses Google Benchmark output. Throws InputError(source, "line L, column C", ...) for
// malformed or truncated text, positions counted in the original `text`.
nlohmann::json parse_tolerant(std::string_view text, const std::string& source);

// A JSON number, null (NaN) or one of the quoted non-finite tokens as a double; nullopt for any
// other value.
std::optional<double> number_value(const nlohmann::json& value);

}  // namespace perfgate::gbench
