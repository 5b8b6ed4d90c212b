// Escaping and redaction of untrusted names and free text (gates/report/escape.h): no input may
// crash them, and their promises hold for every input — no markup character survives escaping,
// Markdown and terminal output stay on one line without control bytes, redaction is idempotent
// and never lengthens a line count.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "gates/report/escape.h"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

bool has_control_byte(const std::string& text) {
  for (unsigned char c : text)
    if (c < 0x20 || c == 0x7F) return true;
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  using namespace perfgate::gates;
  std::string xml = escape_xml(text);
  require(xml.find_first_of("<>\"'") == std::string::npos && !has_control_byte(xml));
  std::string html = escape_html(text);
  require(html.find_first_of("<>\"'") == std::string::npos);
  std::string markdown = escape_markdown(text);
  require(markdown.find_first_of("<>") == std::string::npos && !has_control_byte(markdown));
  require(!has_control_byte(printable(text)));
  std::string redacted = redact_secrets(text);
  require(redact_secrets(redacted) == redacted);
  require(std::count(redacted.begin(), redacted.end(), '\n') ==
          std::count(text.begin(), text.end(), '\n'));
  return 0;
}
