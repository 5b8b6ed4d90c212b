#include "gates/report/escape.h"

#include <catch2/catch.hpp>

using namespace perfgate;
using namespace perfgate::gates;

TEST_CASE("escape_html turns markup into entities and keeps UTF-8", "[report][escape]") {
  CHECK(escape_html("<script>alert(\"x\")</script>") ==
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  CHECK(escape_html("a & b 'c'") == "a &amp; b &#39;c&#39;");
  CHECK(escape_html("caf\xC3\xA9 \xE2\x86\x92 \xF0\x9F\x90\x8C") ==
        "caf\xC3\xA9 \xE2\x86\x92 \xF0\x9F\x90\x8C");
  CHECK(escape_html("line\nnext\tx") == "line\nnext\tx");
  CHECK(escape_html("bell\x07\x1B[31m") == "bell\\x07\\x1B[31m");
}

TEST_CASE("invalid UTF-8 becomes U+FFFD in every format", "[report][escape]") {
  const std::string replacement = "\xEF\xBF\xBD";
  CHECK(escape_html("a\xFF"
                    "b") == "a" + replacement + "b");
  CHECK(escape_xml("\xC0\xAF") == replacement + replacement);  // overlong '/'
  CHECK(escape_markdown("\xED\xA0\x80") == replacement + replacement + replacement);  // surrogate
  CHECK(printable("\xE2\x82") == replacement + replacement);                // truncated sequence
  CHECK(escape_xml("\xF4\x90\x80\x80").find("\xF4") == std::string::npos);  // above U+10FFFF
}

TEST_CASE("escape_xml writes references for whitespace and shows forbidden characters",
          "[report][escape]") {
  CHECK(escape_xml("<a b=\"c\">&'</a>") == "&lt;a b=&quot;c&quot;&gt;&amp;&#39;&lt;/a&gt;");
  CHECK(escape_xml("x\ny\tz\r") == "x&#10;y&#9;z&#13;");
  CHECK(escape_xml(std::string("nul\0!", 5)) == "nul\\x00!");
  CHECK(escape_xml("\xEF\xBF\xBF") == "\xEF\xBF\xBD");
  CHECK(escape_xml("\xC3\xA9t\xC3\xA9") == "\xC3\xA9t\xC3\xA9");
}

TEST_CASE("escape_markdown keeps a table cell on its line and shows markup literally",
          "[report][escape]") {
  CHECK(escape_markdown("GET /items|x") == "GET /items\\|x");
  CHECK(escape_markdown("`rm -rf` *bold* _it_ [l](u) ~s~ \\") ==
        "\\`rm -rf\\` \\*bold\\* \\_it\\_ \\[l\\](u) \\~s\\~ \\\\");
  CHECK(escape_markdown("<script>&") == "&lt;script&gt;&amp;");
  CHECK(escape_markdown("two\nlines\r\n") == "two\\\\nlines\\\\r\\\\n");
  CHECK(escape_markdown("\xE6\x97\xA5\xE6\x9C\xAC") == "\xE6\x97\xA5\xE6\x9C\xAC");
  CHECK(escape_markdown("a\"b") == "a\"b");
}

TEST_CASE("printable shows terminal control sequences instead of running them",
          "[report][escape]") {
  CHECK(printable("\x1B[2Jgone") == "\\x1B[2Jgone");
  CHECK(printable("a\nb") == "a\\nb");
  CHECK(printable("\xC3\xBC") == "\xC3\xBC");
}

TEST_CASE("secret names are recognised case-insensitively", "[report][redact]") {
  for (const char* name : {"Authorization", "authorization", "Proxy-Authorization", "Cookie",
                           "SET-COOKIE", "X-Auth-Token", "access_token", "client_secret",
                           "db_password", "passwd", "X-Api-Key", "api_key", "apikey"})
    CHECK(is_secret_name(name));
  for (const char* name : {"Accept", "Content-Type", "request", "status", "cookies-eaten-ok"})
    CHECK_FALSE(is_secret_name(name));
  CHECK(redact_value("Authorization", "Bearer abc") == "[redacted]");
  CHECK(redact_value("Accept", "application/json") == "application/json");
  Tags tags{{"request", "list"}, {"token", "abc"}};
  CHECK(redact_tags(tags) == Tags{{"request", "list"}, {"token", "[redacted]"}});
}

TEST_CASE("redact_secrets hides credentials in free text", "[report][redact]") {
  CHECK(redact_secrets("Authorization: Bearer eyJhbGci.x.y") == "Authorization: [redacted]");
  CHECK(redact_secrets("headers:\nCookie: a=1; b=2\nAccept: */*") ==
        "headers:\nCookie: [redacted]\nAccept: */*");
  CHECK(redact_secrets("GET /items?token=abc123&page=2") == "GET /items?token=[redacted]&page=2");
  CHECK(redact_secrets("{\"password\": \"hunter2\", \"user\": \"bob\"}") ==
        "{\"password\": \"[redacted]\", \"user\": \"bob\"}");
  CHECK(redact_secrets("X-Api-Key=k1 and client_secret = s3") ==
        "X-Api-Key=[redacted] and client_secret = [redacted]");
  CHECK(redact_secrets("sent Bearer abc.def to /login") == "sent Bearer [redacted] to /login");
  CHECK(redact_secrets("set-cookie:sid=42") == "set-cookie:[redacted]");
}

TEST_CASE("redact_secrets leaves ordinary text alone", "[report][redact]") {
  for (const char* text : {"p99 of GET /items rose 12 % (8-16 %)", "token bucket of 5",
                           "Authorization header missing", "status=2xx", "", "password"})
    CHECK(redact_secrets(text) == text);
}

TEST_CASE("safe_* redact before escaping", "[report][escape][redact]") {
  CHECK(safe_html("<b>Authorization: Bearer x</b>") == "&lt;b&gt;Authorization: [redacted]");
  CHECK(safe_markdown("token=a|b") == "token=\\[redacted\\]");
  CHECK(safe_xml("cookie: x\"y") == "cookie: [redacted]");
  CHECK(safe_terminal("secret=\x1B[0m") == "secret=[redacted]");
}

TEST_CASE("csv_cell guards formulas, quotes separators and redacts secrets", "[report][escape]") {
  CHECK(csv_cell("plain") == "plain");
  CHECK(csv_cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(csv_cell("-1+2") == "'-1+2");
  CHECK(csv_cell("@SUM(A1)") == "'@SUM(A1)");
  CHECK(csv_cell("a,b") == "\"a,b\"");
  CHECK(csv_cell("two\nlines") == "\"two\nlines\"");
  CHECK(csv_cell("token=abc123") == "token=" + std::string(kRedacted));
}
