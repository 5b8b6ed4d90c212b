// Escaping and redaction shared by every report format. Names in a report (suite, scenario,
// request, tags) and free text (notes, SLA sentences, failure reasons) come from untrusted files,
// so each format escapes what it prints, and secrets are redacted before anything is printed.
//
// Text is treated as UTF-8: valid non-ASCII characters are kept as they are (they render
// correctly everywhere), invalid bytes become U+FFFD, and control characters that a format
// cannot carry are shown as C-style escapes (`\n`, `\t`, `\x01`) so the reader still sees them.
#pragma once

#include <string>
#include <string_view>

#include "core/model/run_result.h"

namespace perfgate::gates {

// For HTML text and attribute values: & < > " ' become entities; tab, LF and CR stay (HTML
// whitespace); other control characters become visible escapes.
std::string escape_html(std::string_view text);

// For XML 1.0 text and attribute values: & < > " ' become entities; tab, LF and CR become
// character references (so attribute normalisation keeps them); characters XML 1.0 forbids
// (other C0 controls, U+FFFE, U+FFFF) become visible escapes.
std::string escape_xml(std::string_view text);

// For one cell of a GitHub Markdown table (also safe in running Markdown text): inline markup
// characters (\ ` * _ [ ] ~ |) are backslash-escaped, < > & become entities (GitHub would
// otherwise strip `<script>` and hide it), and every control character, newlines included,
// becomes a visible escape, so the cell stays on its line.
std::string escape_markdown(std::string_view text);

// For one CSV cell (RFC 4180), the one CSV writer of perfgate: secrets redacted, a cell that a
// spreadsheet would run as a formula (starting with = + - @, tab or CR) prefixed with ' (OWASP's
// CSV-injection advice), and quoted when it holds a comma, a quote or a line break.
std::string csv_cell(std::string_view text);

// For a terminal: control characters (ESC in particular, which could rewrite the screen) become
// visible escapes; everything else is kept.
std::string printable(std::string_view text);

// What a redacted value is replaced with.
inline constexpr std::string_view kRedacted = "[redacted]";

// True for names whose values are secrets: Authorization, Proxy-Authorization, Cookie,
// Set-Cookie, and any name containing token, secret, password, passwd or api-key / api_key /
// apikey. Case-insensitive.
bool is_secret_name(std::string_view name);

// `value`, or "[redacted]" when `name` is a secret name.
std::string redact_value(std::string_view name, std::string_view value);

// The tags with every secret-named value redacted.
Tags redact_tags(const Tags& tags);

// Free text with secrets redacted: the value after a secret name followed by `:` or `=`
// ("Authorization: Bearer x" -> "Authorization: [redacted]", "?token=abc&page=2" ->
// "?token=[redacted]&page=2", "\"password\": \"x\"" -> "\"password\": \"[redacted]\"") and the
// credentials after "Bearer " or "Basic ". Header-like names (Authorization, Cookie, ...) after
// `:` lose the rest of their line; other values end at whitespace, a quote, & ; , or }.
std::string redact_secrets(std::string_view text);

// Redact, then escape: what a report prints for a piece of untrusted text.
std::string safe_html(std::string_view text);
std::string safe_xml(std::string_view text);
std::string safe_markdown(std::string_view text);
std::string safe_terminal(std::string_view text);

}  // namespace perfgate::gates
