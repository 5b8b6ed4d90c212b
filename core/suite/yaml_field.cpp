#include "core/suite/yaml_field.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>

#include "core/errors.h"

namespace perfgate::suite_detail {
namespace {

constexpr int kMaxJsonDepth = 64;

int line_of(const YAML::Node& node, int fallback_line) {
  YAML::Mark mark = node.Mark();
  return mark.is_null() ? fallback_line : mark.line + 1;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> previous(b.size() + 1), current(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::string join(std::span<const std::string_view> words) {
  std::string joined;
  for (auto word : words) joined += (joined.empty() ? "" : ", ") + std::string(word);
  return joined;
}

bool is_yaml_null(std::string_view text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

std::optional<bool> yaml_bool(std::string_view text) {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return std::nullopt;
}

// A plain YAML scalar as a JSON number when the whole text is one (YAML 1.2 core schema,
// decimal only); nullopt otherwise. ".inf" and ".nan" stay strings: JSON has no such numbers.
std::optional<nlohmann::ordered_json> yaml_number(std::string_view text) {
  if (text.empty() || text.find_first_not_of("0123456789+-.eE") != std::string_view::npos) {
    return std::nullopt;
  }
  if (text.front() == '+') text.remove_prefix(1);
  const char* end = text.data() + text.size();
  int64_t whole = 0;
  if (auto [stop, error] = std::from_chars(text.data(), end, whole);
      error == std::errc() && stop == end) {
    return nlohmann::ordered_json(whole);
  }
  double real = 0;
  auto [stop, error] = std::from_chars(text.data(), end, real);
  if (error != std::errc() || stop != end || !std::isfinite(real)) return std::nullopt;
  return nlohmann::ordered_json(real);
}

nlohmann::ordered_json plain_scalar_to_json(const std::string& text) {
  if (is_yaml_null(text)) return nullptr;
  if (auto boolean = yaml_bool(text)) return *boolean;
  if (auto number = yaml_number(text)) return *number;
  return text;
}

// Length of the UTF-8 sequence starting at text[at] if it is well formed, else 0.
size_t utf8_sequence_length(std::string_view text, size_t at) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(at);
  if (lead < 0x80) return 1;
  size_t length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
  if (length == 0 || lead > 0xf4 || at + length > text.size()) return 0;
  // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
  unsigned char low = lead == 0xe0 ? 0xa0 : lead == 0xf0 ? 0x90 : 0x80;
  unsigned char high = lead == 0xed ? 0x9f : lead == 0xf4 ? 0x8f : 0xbf;
  if (byte(at + 1) < low || byte(at + 1) > high) return 0;
  for (size_t i = 2; i < length; ++i) {
    if ((byte(at + i) & 0xc0) != 0x80) return 0;
  }
  return length;
}

bool has_control_character(std::string_view text) {
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

}  // namespace

// Control characters are escaped so that a hostile file cannot rewrite the terminal or forge
// extra log lines through an error message.
std::string quote_for_message(std::string_view text) {
  constexpr size_t kMaxShown = 60;
  bool escape_high_bytes = first_invalid_utf8(text) != std::string_view::npos;
  std::string quoted = "'";
  size_t shown = text.size();
  if (shown > kMaxShown) {
    shown = kMaxShown;  // cut at a character boundary, not inside a UTF-8 sequence
    while (shown > 0 && (static_cast<unsigned char>(text[shown]) & 0xc0) == 0x80) --shown;
  }
  for (size_t i = 0; i < shown; ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      quoted += "\\n";
    } else if (c == '\r') {
      quoted += "\\r";
    } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && escape_high_bytes)) {
      constexpr char kHex[] = "0123456789abcdef";
      quoted += {'\\', 'x', kHex[c >> 4], kHex[c & 0xf]};
    } else {
      quoted += static_cast<char>(c);
    }
  }
  if (shown < text.size()) quoted += "...";
  return quoted + "'";
}

size_t first_invalid_utf8(std::string_view text) {
  for (size_t at = 0; at < text.size();) {
    size_t length = utf8_sequence_length(text, at);
    if (length == 0) return at;
    at += length;
  }
  return std::string_view::npos;
}

Field::Field(YAML::Node node, std::string key_path, int line, Document& document)
    : node_(std::move(node)), key_path_(std::move(key_path)), line_(line), document_(&document) {}

Field Field::root(const YAML::Node& node, Document& document) {
  return Field(node, "", line_of(node, 1), document);
}

void Field::fail(const std::string& message) const {
  std::string where = "line " + std::to_string(line_);
  if (!key_path_.empty()) where += ", key " + key_path_;
  throw InputError(document_->path, where, message);
}

Field Field::child(const YAML::Node& key, const YAML::Node& value) const {
  std::string name = key.Scalar();
  std::string path = key_path_.empty() ? name : key_path_ + "." + name;
  // The key's line, not the value's: a block value starts on a later line, and a null value's
  // mark points past the key. "line 7, key rate" should show the line that says "rate:".
  return Field(value, std::move(path), line_of(key, line_), *document_);
}

void Field::expect_mapping(std::string_view what) const {
  if (!node_.IsMap()) fail("expected " + std::string(what) + ", got " + describe());
}

void Field::check_unique_keys() const {
  std::map<std::string, int> first_line_by_key;
  for (const auto& entry : node_) {
    Field key(entry.first, key_path_, line_of(entry.first, line_), *document_);
    if (!entry.first.IsScalar()) key.fail("expected a key name, got " + key.describe());
    auto [found, inserted] = first_line_by_key.emplace(entry.first.Scalar(), key.line());
    if (!inserted) {
      child(entry.first, entry.second)
          .fail("duplicate key '" + found->first + "' (first at line " +
                std::to_string(found->second) + ")");
    }
  }
}

void Field::check_keys(std::span<const std::string_view> allowed) const {
  check_unique_keys();
  for (const auto& entry : node_) {
    const std::string& name = entry.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    Field key = child(entry.first, YAML::Node());
    std::string_view suggestion = closest_word(name, allowed);
    if (!suggestion.empty()) {
      key.fail("unknown key " + quote_for_message(name) + " \u2014 did you mean '" +
               std::string(suggestion) + "'?");
    }
    key.fail("unknown key " + quote_for_message(name) + " (expected one of: " + join(allowed) +
             ")");
  }
}

std::optional<Field> Field::member(std::string_view key) const {
  for (const auto& entry : node_) {
    if (entry.first.IsScalar() && entry.first.Scalar() == key) {
      return child(entry.first, entry.second);
    }
  }
  return std::nullopt;
}

Field Field::required(std::string_view key) const {
  if (auto found = member(key)) return *found;
  fail_missing(key, "missing required key '" + std::string(key) + "'");
}

void Field::fail_missing(std::string_view key, const std::string& message) const {
  std::string path = key_path_.empty() ? std::string(key) : key_path_ + "." + std::string(key);
  Field(node_, std::move(path), line_, *document_).fail(message);
}

std::vector<std::pair<std::string, Field>> Field::members() const {
  std::vector<std::pair<std::string, Field>> result;
  for (const auto& entry : node_) {
    if (!entry.first.IsScalar()) {
      Field key(entry.first, key_path_, line_of(entry.first, line_), *document_);
      key.fail("expected a key name, got " + key.describe());
    }
    result.emplace_back(entry.first.Scalar(), child(entry.first, entry.second));
  }
  return result;
}

std::vector<Field> Field::items(std::string_view what) const {
  if (!node_.IsSequence()) fail("expected " + std::string(what) + ", got " + describe());
  std::vector<Field> result;
  result.reserve(node_.size());
  for (size_t i = 0; i < node_.size(); ++i) {
    const YAML::Node item = node_[i];
    std::string path = key_path_ + "[" + std::to_string(i) + "]";
    result.push_back(Field(item, std::move(path), line_of(item, line_), *document_));
  }
  return result;
}

std::string Field::scalar(std::string_view expected) const {
  if (!node_.IsScalar()) fail("expected " + std::string(expected) + ", got " + describe());
  return node_.Scalar();
}

std::string Field::text() const {
  return scalar("a string");
}

std::string Field::nonempty_text() const {
  std::string value = scalar("a non-empty string");
  if (value.empty()) fail("expected a non-empty string, got ''");
  return value;
}

std::string Field::name_text() const {
  std::string value = nonempty_text();
  if (has_control_character(value)) {
    fail("expected a name without control characters, got " + quote_for_message(value));
  }
  return value;
}

int64_t Field::whole_number(int64_t min, int64_t max) const {
  std::string expected =
      max == std::numeric_limits<int64_t>::max()
          ? "a whole number of at least " + std::to_string(min)
          : "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  std::string value = scalar(expected);
  int64_t number = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc() || end != value.data() + value.size() || number < min || number > max) {
    fail("expected " + expected + ", got " + quote_for_message(value));
  }
  return number;
}

double Field::number() const {
  constexpr std::string_view kExpected = "a number like 2 or 0.5";
  std::string value = scalar(kExpected);
  auto number = parse_plain_number(value);
  if (!number) fail("expected " + std::string(kExpected) + ", got " + quote_for_message(value));
  return *number;
}

Nanoseconds Field::duration() const {
  constexpr std::string_view kExpected = "a duration like 250ms, 2s or 1m";
  std::string value = scalar(kExpected);
  auto duration = parse_duration(value);
  if (!duration) fail("expected " + std::string(kExpected) + ", got " + quote_for_message(value));
  return *duration;
}

Nanoseconds Field::positive_duration() const {
  Nanoseconds value = duration();
  if (value <= Nanoseconds(0)) fail("expected a duration above zero, got " + describe());
  return value;
}

double Field::rate_per_s() const {
  constexpr std::string_view kExpected = "a rate like 2000/s";
  std::string value = scalar(kExpected);
  auto rate = parse_rate_per_s(value);
  if (!rate) fail("expected " + std::string(kExpected) + ", got " + quote_for_message(value));
  return *rate;
}

bool Field::boolean() const {
  std::string value = scalar("true or false");
  if (auto parsed = yaml_bool(value)) return *parsed;
  fail("expected true or false, got " + quote_for_message(value));
}

double Field::fraction() const {
  constexpr std::string_view kExpected = "a percentage like 5% or a fraction like 0.05";
  std::string value = scalar(kExpected);
  auto fraction = parse_fraction(value);
  if (!fraction) fail("expected " + std::string(kExpected) + ", got " + quote_for_message(value));
  return *fraction;
}

bool Field::is_null() const {
  return !node_.IsDefined() || node_.IsNull() ||
         (node_.IsScalar() && node_.Tag() == "?" && is_yaml_null(node_.Scalar()));
}

std::optional<double> Field::plain_number() const {
  if (!node_.IsScalar() || node_.Tag() != "?") return std::nullopt;
  auto number = yaml_number(node_.Scalar());
  if (!number) return std::nullopt;
  return number->get<double>();
}

bool Field::is_string() const {
  if (!node_.IsScalar()) return false;
  return node_.Tag() != "?" || plain_scalar_to_json(node_.Scalar()).is_string();
}

nlohmann::ordered_json Field::to_json() const {
  return to_json(0);
}

nlohmann::ordered_json Field::to_json(int depth) const {
  if (depth > kMaxJsonDepth)
    fail("nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  if (document_->json_nodes_left == 0) {
    fail("too many values (aliases may expand a small file into a huge one)");
  }
  --document_->json_nodes_left;
  if (node_.IsScalar()) {
    if (node_.Tag() == "?") return plain_scalar_to_json(node_.Scalar());
    return node_.Scalar();
  }
  if (node_.IsSequence()) {
    auto array = nlohmann::ordered_json::array();
    for (const Field& item : items("a list")) array.push_back(item.to_json(depth + 1));
    return array;
  }
  if (node_.IsMap()) {
    check_unique_keys();
    auto object = nlohmann::ordered_json::object();
    for (const auto& [key, value] : members()) object[key] = value.to_json(depth + 1);
    return object;
  }
  return nullptr;
}

std::string Field::describe() const {
  if (node_.IsSequence()) return "a list";
  if (node_.IsMap()) return "a mapping";
  if (node_.IsScalar()) return quote_for_message(node_.Scalar());
  return "nothing";
}

std::string_view closest_word(std::string_view word, std::span<const std::string_view> candidates) {
  // Up to one edit per four letters (at most 3): catches typos, not unrelated words.
  size_t best_distance = std::min<size_t>(3, 1 + word.size() / 4) + 1;
  std::string_view best;
  for (auto candidate : candidates) {
    size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

}  // namespace perfgate::suite_detail
