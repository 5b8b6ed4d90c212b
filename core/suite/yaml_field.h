// Internal to the suite loader: a YAML node together with where it is (key path and line), so
// that every reader can fail with one precise InputError. Not for use outside core/suite/.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/suite/quantity.h"

namespace perfgate::suite_detail {

// Shared by every field of one document: the file named in messages, and a budget on the
// nodes converted to JSON, because YAML aliases can make a tiny file expand exponentially.
struct Document {
  std::string path;
  size_t json_nodes_left = 100'000;
};

class Field {
 public:
  static Field root(const YAML::Node& node, Document& document);

  [[noreturn]] void fail(const std::string& message) const;
  const YAML::Node& node() const { return node_; }
  const std::string& key_path() const { return key_path_; }
  int line() const { return line_; }  // 1-based
  const std::string& file() const { return document_->path; }

  // Mappings. check_keys rejects keys outside `allowed` (suggesting the closest one) and
  // duplicate keys; call it before reading members.
  void expect_mapping(std::string_view what) const;
  void check_keys(std::span<const std::string_view> allowed) const;
  void check_unique_keys() const;
  std::optional<Field> member(std::string_view key) const;  // nullopt when absent
  Field required(std::string_view key) const;
  // Fails at the absent member `key` (its would-be key path, this mapping's line).
  [[noreturn]] void fail_missing(std::string_view key, const std::string& message) const;
  // Members as (key, field) pairs, in file order.
  std::vector<std::pair<std::string, Field>> members() const;

  // Sequences.
  std::vector<Field> items(std::string_view what) const;

  // Scalars. Each fails with "expected <what>, got <what was there>".
  std::string text() const;
  std::string nonempty_text() const;
  // A non-empty name without control characters (it is printed in reports and terminals).
  std::string name_text() const;
  int64_t whole_number(int64_t min, int64_t max) const;
  double number() const;
  Nanoseconds duration() const;
  Nanoseconds positive_duration() const;
  double rate_per_s() const;
  bool boolean() const;     // true or false
  double fraction() const;  // "5%" or a plain fraction from 0 to 1
  bool is_null() const;     // `key:` with nothing after it, or null / ~

  // Typed as to_json() types scalars (the YAML 1.2 core schema), for keys whose values were
  // always read that way. plain_number: an unquoted scalar that reads as a number ("0.05",
  // "1e-3"), else nullopt ('0.05' quoted is a string). is_string: a quoted scalar, or a plain
  // one that reads as neither null, a boolean nor a number (so `3` is not a string, '3' is).
  std::optional<double> plain_number() const;
  bool is_string() const;

  // The node as JSON: plain scalars that read as null, booleans or numbers (YAML 1.2 core
  // schema) become those JSON types; quoted scalars stay strings.
  nlohmann::ordered_json to_json() const;

  // "a list", "a mapping", "nothing", or the scalar quoted: for "got ..." in messages.
  std::string describe() const;

 private:
  Field(YAML::Node node, std::string key_path, int line, Document& document);
  Field child(const YAML::Node& key, const YAML::Node& value) const;
  nlohmann::ordered_json to_json(int depth) const;
  std::string scalar(std::string_view expected) const;

  YAML::Node node_;
  std::string key_path_;
  int line_;
  Document* document_;
};

// Quotes input text for a message: shortened, control characters and invalid UTF-8 escaped.
std::string quote_for_message(std::string_view text);

// Offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF), or npos. The loader checks the whole file with it, so
// every string it hands on is valid (results and reports are JSON and HTML); yaml-cpp itself
// rejects escapes that would encode surrogates or code points past U+10FFFF.
size_t first_invalid_utf8(std::string_view text);

// The closest of `candidates` to `word` by edit distance, or empty when none is close.
std::string_view closest_word(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace perfgate::suite_detail
