#include "gates/report/escape.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

namespace perfgate::gates {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// Length of the valid UTF-8 sequence starting at text[at], or 0 when it is invalid (strict:
// no overlong forms, no surrogates, nothing above U+10FFFF), per RFC 3629.
size_t utf8_length(std::string_view text, size_t at) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(at);
  if (lead < 0x80) return 1;
  size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (length == 0 || lead > 0xF4 || at + length > text.size()) return 0;
  for (size_t i = 1; i < length; ++i)
    if ((byte(at + i) & 0xC0) != 0x80) return 0;
  unsigned char second = byte(at + 1);
  if (lead == 0xE0 && second < 0xA0) return 0;  // overlong
  if (lead == 0xED && second > 0x9F) return 0;  // surrogate
  if (lead == 0xF0 && second < 0x90) return 0;  // overlong
  if (lead == 0xF4 && second > 0x8F) return 0;  // above U+10FFFF
  return length;
}

std::string visible_control(unsigned char c) {
  switch (c) {
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default: {
      char text[8];
      std::snprintf(text, sizeof text, "\\x%02X", c);
      return text;
    }
  }
}

bool is_control(unsigned char c) {
  return c < 0x20 || c == 0x7F;
}

// Walks `text` by UTF-8 character: ASCII bytes go to `ascii`, valid multi-byte sequences are
// copied (or passed to `wide` when given), invalid bytes become U+FFFD.
template <typename Ascii>
std::string transform(std::string_view text, Ascii ascii,
                      bool (*keep_wide)(std::string_view) = nullptr) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (size_t at = 0; at < text.size();) {
    size_t length = utf8_length(text, at);
    if (length == 0) {
      out += kReplacement;
      ++at;
    } else if (length == 1) {
      ascii(out, static_cast<unsigned char>(text[at++]));
    } else {
      std::string_view sequence = text.substr(at, length);
      out += (keep_wide == nullptr || keep_wide(sequence)) ? sequence : kReplacement;
      at += length;
    }
  }
  return out;
}

// XML 1.0 forbids U+FFFE and U+FFFF even as character references.
bool xml_allows(std::string_view sequence) {
  return sequence != "\xEF\xBF\xBE" && sequence != "\xEF\xBF\xBF";
}

const char* markup_entity(unsigned char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return "&#39;";
    default:
      return nullptr;
  }
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Names whose value runs to the end of the line: HTTP headers carrying credentials.
bool is_header_name(std::string_view name) {
  std::string lowered = lower(name);
  return lowered == "authorization" || lowered == "proxy-authorization" || lowered == "cookie" ||
         lowered == "set-cookie";
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

bool ends_value(char c, char quote) {
  if (quote != 0) return c == quote || c == '\n';
  return std::isspace(static_cast<unsigned char>(c)) || c == '&' || c == ';' || c == ',' ||
         c == '}' || c == '"' || c == '\'';
}

size_t skip_spaces(std::string_view text, size_t at) {
  while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
  return at;
}

// After a secret name ending at `at`: where its value starts (after an optional closing quote,
// `:` or `=`, spaces and an opening quote), or npos when no separator follows.
size_t value_start(std::string_view text, size_t at, char& quote) {
  if (at < text.size() && (text[at] == '"' || text[at] == '\'')) ++at;
  at = skip_spaces(text, at);
  if (at >= text.size() || (text[at] != ':' && text[at] != '=')) return std::string_view::npos;
  at = skip_spaces(text, at + 1);
  quote = 0;
  if (at < text.size() && (text[at] == '"' || text[at] == '\'')) quote = text[at++];
  return at;
}

size_t value_end(std::string_view text, size_t at, char quote, bool to_line_end) {
  if (to_line_end && quote == 0) {
    while (at < text.size() && text[at] != '\n' && text[at] != '\r') ++at;
    while (at > 0 && text[at - 1] == ' ') --at;
    return at;
  }
  while (at < text.size() && !ends_value(text[at], quote)) ++at;
  return at;
}

bool is_auth_scheme(std::string_view word) {
  std::string lowered = lower(word);
  return lowered == "bearer" || lowered == "basic";
}

}  // namespace

std::string escape_html(std::string_view text) {
  return transform(text, [](std::string& out, unsigned char c) {
    if (const char* entity = markup_entity(c))
      out += entity;
    else if (is_control(c) && c != '\n' && c != '\t' && c != '\r')
      out += visible_control(c);
    else
      out += static_cast<char>(c);
  });
}

std::string escape_xml(std::string_view text) {
  auto ascii = [](std::string& out, unsigned char c) {
    if (const char* entity = markup_entity(c))
      out += entity;
    else if (c == '\n' || c == '\t' || c == '\r')
      out += "&#" + std::to_string(c) + ";";
    else if (is_control(c))
      out += visible_control(c);
    else
      out += static_cast<char>(c);
  };
  return transform(text, ascii, xml_allows);
}

std::string escape_markdown(std::string_view text) {
  return transform(text, [](std::string& out, unsigned char c) {
    static constexpr std::string_view kMarkup = "\\`*_[]~|";
    if (c == '&' || c == '<' || c == '>') {
      out += markup_entity(c);
    } else if (is_control(c)) {
      // The backslash of a visible escape is itself escaped, so Markdown shows it.
      out += "\\" + visible_control(c);
    } else {
      if (kMarkup.find(static_cast<char>(c)) != std::string_view::npos) out += '\\';
      out += static_cast<char>(c);
    }
  });
}

std::string printable(std::string_view text) {
  return transform(text, [](std::string& out, unsigned char c) {
    if (is_control(c))
      out += visible_control(c);
    else
      out += static_cast<char>(c);
  });
}

bool is_secret_name(std::string_view name) {
  if (is_header_name(name)) return true;
  std::string lowered = lower(name);
  static constexpr std::array<std::string_view, 7> kParts = {
      "token", "secret", "password", "passwd", "api-key", "api_key", "apikey"};
  return std::any_of(kParts.begin(), kParts.end(), [&](std::string_view part) {
    return lowered.find(part) != std::string::npos;
  });
}

std::string redact_value(std::string_view name, std::string_view value) {
  return is_secret_name(name) ? std::string(kRedacted) : std::string(value);
}

Tags redact_tags(const Tags& tags) {
  Tags redacted;
  for (const auto& [name, value] : tags) redacted[name] = redact_value(name, value);
  return redacted;
}

std::string redact_secrets(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t at = 0;
  while (at < text.size()) {
    if (!is_name_char(text[at])) {
      out += text[at++];
      continue;
    }
    size_t word_end = at;
    while (word_end < text.size() && is_name_char(text[word_end])) ++word_end;
    std::string_view word = text.substr(at, word_end - at);
    out += word;
    at = word_end;
    char quote = 0;
    size_t start = std::string_view::npos;
    bool to_line_end = false;
    if (is_secret_name(word)) {
      start = value_start(text, at, quote);
      to_line_end = is_header_name(word);
    } else if (is_auth_scheme(word) && at < text.size() && text[at] == ' ') {
      start = skip_spaces(text, at);
    }
    if (start == std::string_view::npos) continue;
    // Already redacted (text is redacted more than once on its way to a format): keep it, so
    // the rest of the line after "Authorization: [redacted]" survives a second pass.
    if (text.substr(start).starts_with(kRedacted)) continue;
    size_t end = value_end(text, start, quote, to_line_end);
    if (end == start) continue;  // nothing to hide
    out += text.substr(at, start - at);
    out += kRedacted;
    at = end;
  }
  return out;
}

std::string safe_html(std::string_view text) {
  return escape_html(redact_secrets(text));
}
std::string safe_xml(std::string_view text) {
  return escape_xml(redact_secrets(text));
}
std::string safe_markdown(std::string_view text) {
  return escape_markdown(redact_secrets(text));
}
std::string safe_terminal(std::string_view text) {
  return printable(redact_secrets(text));
}

std::string csv_cell(std::string_view text) {
  std::string cell = redact_secrets(text);
  if (!cell.empty() && std::string_view("=+-@\t\r").find(cell[0]) != std::string_view::npos)
    cell.insert(0, 1, '\'');
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace perfgate::gates
