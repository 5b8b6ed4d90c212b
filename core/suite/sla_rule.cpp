#include "core/suite/sla_rule.h"

#include <cctype>
#include <charconv>
#include <cmath>

#include "core/errors.h"
#include "core/suite/quantity.h"

namespace perfgate::sla {
namespace {

constexpr std::string_view kValueForms =
    "a value (a duration like 250ms, a rate like 1000/s, a percentage like 1% or a number)";

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// Reads the rule left to right; every error names the 1-based column where it was found.
class RuleReader {
 public:
  RuleReader(std::string_view text, const std::string& file, const std::string& location)
      : text_(text), file_(file), location_(location) {}

  [[noreturn]] void fail(size_t column_index, const std::string& message) const {
    throw InputError(file_, location_,
                     "column " + std::to_string(column_index + 1) + ": " + message + " in '" +
                         printable(text_) + "'");
  }
  // What is found at the cursor, for messages: "'= 5ms'" or "the end of the rule".
  std::string found() const {
    std::string_view rest = text_.substr(position_);
    if (rest.empty()) return "the end of the rule";
    return "'" + printable(rest.substr(0, 24)) + (rest.size() > 24 ? "...'" : "'");
  }

  void skip_spaces() {
    while (position_ < text_.size() && is_space(text_[position_])) ++position_;
  }
  bool at_end() const { return position_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[position_]; }
  size_t position() const { return position_; }
  bool accept(std::string_view token) {
    if (text_.substr(position_).starts_with(token)) {
      position_ += token.size();
      return true;
    }
    return false;
  }
  std::string_view take_while(bool (*keep)(char)) {
    size_t start = position_;
    while (position_ < text_.size() && keep(text_[position_])) ++position_;
    return text_.substr(start, position_ - start);
  }
  std::string_view take_until_any(std::string_view stops) {
    size_t end = text_.find_first_of(stops, position_);
    if (end == std::string_view::npos) end = text_.size();
    std::string_view taken = text_.substr(position_, end - position_);
    position_ = end;
    return taken;
  }
  std::string_view consumed_since(size_t start) const {
    return trim(text_.substr(start, position_ - start));
  }

 private:
  // Control characters would garble a terminal or a report line: show them as '?'.
  static std::string printable(std::string_view text) {
    std::string shown(text);
    for (char& c : shown) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    }
    return shown;
  }

  std::string_view text_;
  size_t position_ = 0;
  const std::string& file_;
  const std::string& location_;
};

// SCENARIO is whatever precedes the first ':' that comes before any '{', '.' or operator.
void read_scenario(RuleReader& reader, std::string_view text, SlaRule& rule) {
  size_t stop = text.find_first_of(":{.<>=");
  if (stop == std::string_view::npos || text[stop] != ':') return;
  std::string_view scenario = trim(text.substr(0, stop));
  if (scenario.empty()) reader.fail(stop, "expected a scenario name before ':'");
  rule.scenario = std::string(scenario);
  reader.accept(text.substr(0, stop + 1));
}

void read_metric(RuleReader& reader, SlaRule& rule) {
  reader.skip_spaces();
  size_t start = reader.position();
  rule.metric = std::string(reader.take_while(is_name_char));
  if (rule.metric.empty()) {
    reader.fail(start, "expected a metric name (letters, digits, '_') such as latency, got " +
                           reader.found());
  }
}

void read_one_tag(RuleReader& reader, SlaRule& rule) {
  reader.skip_spaces();
  size_t key_start = reader.position();
  std::string key(reader.take_while(is_name_char));
  if (key.empty())
    reader.fail(key_start, "expected a tag name such as request, got " + reader.found());
  reader.skip_spaces();
  if (!reader.accept("=")) {
    reader.fail(reader.position(),
                "expected '=' after the tag name '" + key + "', got " + reader.found());
  }
  size_t value_start = reader.position();
  std::string value(trim(reader.take_until_any(",}{=")));
  if (value.empty()) {
    reader.fail(value_start, "expected a value for the tag '" + key + "', got " + reader.found());
  }
  if (!rule.tags.emplace(key, value).second)
    reader.fail(key_start, "the tag '" + key + "' is given twice");
}

void read_tags(RuleReader& reader, SlaRule& rule) {
  reader.skip_spaces();
  if (!reader.accept("{")) return;
  do {
    read_one_tag(reader, rule);
  } while (reader.accept(","));
  if (!reader.accept("}")) {
    reader.fail(reader.position(), "expected ',' or '}' after a tag, got " + reader.found());
  }
}

// "p999" and "p9999" are the customary names of p99.9 and p99.99.
std::optional<double> percentile_from_digits(std::string_view digits) {
  auto number = parse_plain_number(digits);
  if (!number) return std::nullopt;
  if (*number > 100 && digits.find('.') == std::string_view::npos && digits.starts_with("99")) {
    std::string shorthand = "99." + std::string(digits.substr(2));
    number = parse_plain_number(shorthand);
  }
  if (!number || !(*number > 0) || *number > 100) return std::nullopt;
  return number;
}

Statistic read_statistic_name(RuleReader& reader, size_t start, std::string_view name) {
  if (name == "min") return {.kind = StatisticKind::min, .written = true};
  if (name == "mean") return {.kind = StatisticKind::mean, .written = true};
  if (name == "max") return {.kind = StatisticKind::max, .written = true};
  if (name == "value") return {.kind = StatisticKind::value, .written = true};
  if (name.starts_with('p')) {
    if (auto percentile = percentile_from_digits(name.substr(1))) {
      return {.kind = StatisticKind::percentile, .percentile = *percentile, .written = true};
    }
  }
  reader.fail(start,
              "expected a statistic min, mean, max, value or pN with N in (0, 100] (p50, p99, "
              "p99.9, p999), got '" +
                  std::string(name) + "'");
}

void read_statistic(RuleReader& reader, SlaRule& rule) {
  reader.skip_spaces();
  if (!reader.accept(".")) return;  // `.value` implied
  reader.skip_spaces();
  size_t start = reader.position();
  std::string_view name = reader.take_while([](char c) { return is_name_char(c) || c == '.'; });
  if (name.empty()) reader.fail(start, "expected a statistic after '.', got " + reader.found());
  rule.statistic = read_statistic_name(reader, start, name);
}

void read_comparison(RuleReader& reader, SlaRule& rule, size_t rule_start) {
  reader.skip_spaces();
  size_t start = reader.position();
  if (reader.accept("<="))
    rule.comparison = Comparison::less_or_equal;
  else if (reader.accept(">="))
    rule.comparison = Comparison::greater_or_equal;
  else if (reader.accept("=="))
    rule.comparison = Comparison::equal;
  else if (reader.accept("<"))
    rule.comparison = Comparison::less;
  else if (reader.accept(">"))
    rule.comparison = Comparison::greater;
  else {
    reader.fail(start, "expected an operator < <= > >= == after '" +
                           std::string(reader.consumed_since(rule_start)) + "', got " +
                           reader.found());
  }
}

std::optional<Threshold> classify_value(std::string_view text) {
  Threshold threshold{.text = std::string(text)};
  if (text.ends_with('%')) {
    threshold.kind = ThresholdKind::percentage;
    if (auto fraction = parse_fraction(text))
      threshold.value = *fraction;
    else
      return std::nullopt;
  } else if (text.find('/') != std::string_view::npos) {
    threshold.kind = ThresholdKind::rate;
    if (auto rate = parse_rate_per_s(text))
      threshold.value = *rate;
    else
      return std::nullopt;
  } else if (!text.empty() && std::isalpha(static_cast<unsigned char>(text.back()))) {
    threshold.kind = ThresholdKind::duration;
    if (auto duration = parse_duration(text))
      threshold.value = static_cast<double>(duration->count());
    else
      return std::nullopt;
  } else {
    threshold.kind = ThresholdKind::number;
    if (auto number = parse_plain_number(text))
      threshold.value = *number;
    else
      return std::nullopt;
  }
  return threshold;
}

void read_threshold(RuleReader& reader, SlaRule& rule) {
  reader.skip_spaces();
  size_t start = reader.position();
  std::string_view value = reader.take_until_any(" \t");
  if (value.empty()) {
    reader.fail(start, "expected " + std::string(kValueForms) + " after '" +
                           to_string(rule.comparison) + "', got the end of the rule");
  }
  auto threshold = classify_value(value);
  if (!threshold) {
    reader.fail(start,
                "expected " + std::string(kValueForms) + ", got '" + std::string(value) + "'");
  }
  rule.threshold = *threshold;
  reader.skip_spaces();
  if (!reader.at_end()) {
    reader.fail(reader.position(), "expected the end of the rule after the value '" +
                                       std::string(value) + "', got " + reader.found());
  }
}

}  // namespace

SlaRule parse_sla_rule(std::string_view text, const std::string& file, const std::string& where,
                       int line) {
  SlaRule rule{.text = std::string(text), .file = file, .where = where, .line = line};
  const std::string rule_location = location(rule);
  RuleReader reader(text, file, rule_location);
  if (trim(text).empty()) {
    reader.fail(0, "expected a rule like 'latency.p99 < 250ms', got an empty text");
  }
  read_scenario(reader, text, rule);
  size_t metric_start = reader.position();
  read_metric(reader, rule);
  read_tags(reader, rule);
  read_statistic(reader, rule);
  read_comparison(reader, rule, metric_start);
  read_threshold(reader, rule);
  return rule;
}

std::vector<SlaRule> parse_sla_rules(std::span<const std::string> texts, const std::string& file,
                                     const std::string& where_prefix) {
  std::vector<SlaRule> rules;
  rules.reserve(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    rules.push_back(parse_sla_rule(texts[i], file, where_prefix + "[" + std::to_string(i) + "]"));
  }
  return rules;
}

std::string location(const SlaRule& rule) {
  if (rule.line <= 0) return rule.where;
  std::string text = "line " + std::to_string(rule.line);
  return rule.where.empty() ? text : text + ", key " + rule.where;
}

const char* to_string(Comparison comparison) {
  switch (comparison) {
    case Comparison::less:
      return "<";
    case Comparison::less_or_equal:
      return "<=";
    case Comparison::greater:
      return ">";
    case Comparison::greater_or_equal:
      return ">=";
    case Comparison::equal:
      return "==";
  }
  return "?";
}

std::string to_string(const Statistic& statistic) {
  switch (statistic.kind) {
    case StatisticKind::min:
      return "min";
    case StatisticKind::mean:
      return "mean";
    case StatisticKind::max:
      return "max";
    case StatisticKind::value:
      return "value";
    case StatisticKind::percentile:
      break;
  }
  // Shortest fixed notation that reads back as the same double: "p99.9", never "p1e-05".
  char text[400] = "p";
  auto end =
      std::to_chars(text + 1, text + sizeof text, statistic.percentile, std::chars_format::fixed);
  return std::string(text, end.ptr);
}

}  // namespace perfgate::sla
