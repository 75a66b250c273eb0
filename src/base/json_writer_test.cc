#include <doctest/doctest.h>

#include "json_writer.h"

using namespace scrutiny;

TEST_CASE("json_string: quotes, backslashes and control characters are escaped") {
  CHECK(json_string("plain") == "\"plain\"");
  CHECK(json_string("") == "\"\"");
  CHECK(json_string("say \"hi\"") == "\"say \\\"hi\\\"\"");
  CHECK(json_string("C:\\path") == "\"C:\\\\path\"");
  CHECK(json_string("a\nb\rc\td") == "\"a\\nb\\rc\\td\"");
  CHECK(json_string(std::string("\x01\x1f\x7f", 3)) == "\"\\u0001\\u001f\\u007f\"");
  CHECK(json_string(std::string("nul\0x", 5)) == "\"nul\\u0000x\"");
  CHECK(json_string("\b\f") == "\"\\b\\f\"");
}

TEST_CASE("json_string: safe inside an HTML script element") {
  std::string s = json_string("</script><script>alert(1)</script><!-- x");
  CHECK(s.find("</") == std::string::npos);
  CHECK(s.find("<!--") == std::string::npos);
  CHECK(s.find('<') == std::string::npos);
  CHECK(s == "\"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>\\u003c!-- x\"");
}

TEST_CASE("json_string: UTF-8 passes through; line and paragraph separators are escaped") {
  CHECK(json_string("Group Manager – ICT, café") == "\"Group Manager – ICT, café\"");
  CHECK(json_string("a\u2028b\u2029c") == "\"a\\u2028b\\u2029c\"");
  // A truncated sequence at the end is copied, not read past.
  CHECK(json_string("x\xe2\x80") == "\"x\xe2\x80\"");
}

TEST_CASE("json_string: what is escaped is found wherever it falls in a long text") {
  // Plain text is passed over in blocks: each escape at every offset, across their boundaries.
  const std::pair<std::string, std::string> escapes[] = {
      {"\"", "\\\""}, {"\\", "\\\\"}, {"\n", "\\n"}, {std::string(1, '\0'), "\\u0000"}, {"\x1f", "\\u001f"},
      {"\x7f", "\\u007f"}, {"<", "\\u003c"}, {"\u2028", "\\u2028"}, {"é", "é"}, {"–", "–"}};
  for (const auto& [text, escaped] : escapes) {
    for (size_t at = 0; at < 40; ++at) {
      const std::string plain(40, 'x');
      CHECK(json_string(plain.substr(0, at) + text + plain.substr(at)) ==
            "\"" + plain.substr(0, at) + escaped + plain.substr(at) + "\"");
    }
  }
}

TEST_CASE("JsonWriter: compact output") {
  JsonWriter j(false);
  j.begin_object();
  j.key("a").value(1);
  j.key("b").begin_array().value("x").value(true).null().value(-3LL).end_array();
  j.key("c").begin_object().end_object();
  j.key("d").begin_array().end_array();
  j.end_object();
  CHECK(j.finish() == "{\"a\":1,\"b\":[\"x\",true,null,-3],\"c\":{},\"d\":[]}");
}

TEST_CASE("JsonWriter: pretty output uses two-space indents and \\n, ending with a newline") {
  JsonWriter j(true);
  j.begin_object();
  j.key("list").begin_array().value("x").begin_object().key("k").value(false).end_object().end_array();
  j.key("empty").begin_array().end_array();
  j.end_object();
  CHECK(j.finish() ==
        "{\n"
        "  \"list\": [\n"
        "    \"x\",\n"
        "    {\n"
        "      \"k\": false\n"
        "    }\n"
        "  ],\n"
        "  \"empty\": []\n"
        "}\n");
}

TEST_CASE("JsonWriter: keys are escaped too") {
  JsonWriter j(false);
  j.begin_object().key("a\"b").value("c").end_object();
  CHECK(j.finish() == "{\"a\\\"b\":\"c\"}");
}
