#include "adapters/gbench/gbench_json.h"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <limits>
#include <utility>
#include <vector>

#include "core/errors.h"

namespace perfgate::gbench {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

bool is_letter(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The quoted replacement for a bare token such as "-Infinity" or "nan"; empty when the token is
// not a non-finite number.
std::string replacement_for(std::string_view token) {
  const bool negative = !token.empty() && token.front() == '-';
  const std::string_view word =
      (!token.empty() && (token.front() == '-' || token.front() == '+')) ? token.substr(1) : token;
  if (equals_ignoring_case(word, "nan")) return "\"NaN\"";  // -NaN is still NaN
  if (equals_ignoring_case(word, "inf") || equals_ignoring_case(word, "infinity"))
    return negative ? "\"-Infinity\"" : "\"Infinity\"";
  return {};
}

// Length of the bare word (optional sign, then letters) starting at `at`, 0 when there is none.
std::size_t bare_word_length(std::string_view text, std::size_t at) {
  std::size_t end = at;
  if (end < text.size() && (text[end] == '-' || text[end] == '+')) ++end;
  const std::size_t letters_begin = end;
  while (end < text.size() && is_letter(text[end])) ++end;
  return end == letters_begin ? 0 : end - at;
}

// Where a parse error at `processed_byte` of the quoted text lies in the original text.
struct Shift {
  std::size_t processed_end;    // offset in the quoted text just after a replacement
  std::ptrdiff_t total_growth;  // bytes added by all replacements up to this one
};

std::size_t original_offset(const std::vector<Shift>& shifts, std::size_t processed) {
  std::ptrdiff_t growth = 0;
  for (const Shift& shift : shifts) {
    if (shift.processed_end > processed) break;
    growth = shift.total_growth;
  }
  return static_cast<std::size_t>(
      std::max<std::ptrdiff_t>(0, static_cast<std::ptrdiff_t>(processed) - growth));
}

std::pair<std::string, std::vector<Shift>> quote_with_shifts(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 64);
  std::vector<Shift> shifts;
  bool in_string = false, escaped = false;
  char last_significant = '\0';  // last non-space character outside strings
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      out += c;
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    const bool value_position =
        last_significant == ':' || last_significant == '[' || last_significant == ',';
    if (value_position && (c == '-' || c == '+' || is_letter(c))) {
      const std::size_t length = bare_word_length(text, i);
      const std::string quoted = length ? replacement_for(text.substr(i, length)) : std::string();
      if (!quoted.empty()) {
        out += quoted;
        const std::ptrdiff_t growth =
            static_cast<std::ptrdiff_t>(quoted.size()) - static_cast<std::ptrdiff_t>(length);
        shifts.push_back({out.size(), (shifts.empty() ? 0 : shifts.back().total_growth) + growth});
        i += length - 1;
        last_significant = '"';
        continue;
      }
    }
    if (c == '"') in_string = true;
    if (!std::isspace(static_cast<unsigned char>(c))) last_significant = c;
    out += c;
  }
  return {std::move(out), std::move(shifts)};
}

std::string line_and_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') ++line, line_start = i + 1;
  return "line " + std::to_string(line) + ", column " + std::to_string(offset - line_start + 1);
}

// nlohmann's message without its "[json.exception...] parse error at line L, column C: " prefix,
// whose position counts the quoted text.
std::string parse_error_reason(const std::string& what) {
  const std::size_t column = what.find("column ");
  const std::size_t colon = column == std::string::npos ? what.find("] ") : what.find(": ", column);
  if (colon == std::string::npos) return what;
  return what.substr(colon + 2);
}

}  // namespace

std::string quote_non_finite_tokens(std::string_view text) {
  return quote_with_shifts(text).first;
}

nlohmann::json parse_tolerant(std::string_view text, const std::string& source) {
  auto [quoted, shifts] = quote_with_shifts(text);
  try {
    return nlohmann::json::parse(quoted);
  } catch (const nlohmann::json::parse_error& error) {
    // error.byte counts from 1 and points just past the offending character.
    const std::size_t processed = error.byte > 0 ? error.byte - 1 : 0;
    const std::size_t offset = original_offset(shifts, processed);
    std::string reason = "malformed JSON: " + parse_error_reason(error.what());
    if (processed >= quoted.size()) reason += " (the file ends early: truncated?)";
    throw InputError(source, line_and_column(text, offset), reason);
  } catch (const nlohmann::json::exception& error) {  // e.g. out_of_range 406: 1e999
    throw InputError(source, "", std::string("malformed JSON: ") + error.what());
  }
}

std::optional<double> number_value(const nlohmann::json& value) {
  if (value.is_number()) return value.get<double>();
  if (value.is_null()) return kNaN;
  if (!value.is_string()) return std::nullopt;
  const auto& text = value.get_ref<const std::string&>();
  if (text == "NaN") return kNaN;
  if (text == "Infinity") return kInfinity;
  if (text == "-Infinity") return -kInfinity;
  return std::nullopt;
}

}  // namespace perfgate::gbench
