#include <doctest/doctest.h>

#include "portal.h"
#include "search_index.h"
#include "test_support.h"

using namespace scrutiny;
using namespace scrutiny::test;

namespace {

Portal load(const TempDir& dir) {
  Diagnostics diags;
  Portal portal = load_portal(dir.path() / "content", diags);
  for (const auto& d : diags.all()) MESSAGE(format_diagnostic(d));
  REQUIRE_FALSE(diags.has_errors());
  return portal;
}

}  // namespace

TEST_CASE("first_words: keeps whole words, joined by single spaces") {
  CHECK(first_words("one two  three\nfour", 3) == "one two three");
  CHECK(first_words("  one two ", 5) == "one two");
  CHECK(first_words("", 5) == "");
  CHECK(first_words("one two", 0) == "");
  CHECK(first_words("café – naïve", 2) == "café –");
}

TEST_CASE("search index: every document with its page, title, type and the start of its text") {
  TempDir dir;
  write_minimal_portal(dir);
  Portal portal = load(dir);
  std::string json = search_index_json(portal);
  CHECK(json.rfind("{\"version\":1,", 0) == 0);
  CHECK(json.find("\"fields\":[\"url\",\"title\",\"type\",\"text\"]") != std::string::npos);
  CHECK(json.find("\"update\":\"Progress update\"") != std::string::npos);
  CHECK(json.find("[\"actions/a1.html\",\"Audit decisions\",\"action\",\"We will audit decisions.\"]") !=
        std::string::npos);
  CHECK(json.find("[\"about.html\",\"About this portal\",\"page\",") != std::string::npos);
  size_t rows = 0;
  for (size_t at = json.find(".html\","); at != std::string::npos; at = json.find(".html\",", at + 1)) ++rows;
  CHECK(rows == portal.documents.size());
  CHECK(json.find('\n') == std::string::npos);  // compact
}

TEST_CASE("search index: summary first, text cut to the word limit, still there after rendering") {
  TempDir dir;
  write_minimal_portal(dir);
  std::string body;
  for (int i = 0; i < 500; ++i) body += "word" + std::to_string(i) + (i % 40 == 39 ? "\n\n" : " ");
  dir.write("content/actions/a1.md",
            "+++\ntype = \"action\"\ntitle = \"Audit decisions\"\nsummary = \"Short summary.\"\n"
            "theme = \"plan/themes/a\"\nrecommendations = [\"recommendations/r1\"]\nowner = \"Head\"\n"
            "start_date = 2016-09-01\ntarget_date = 2017-03-31\nstatus = \"on-track\"\n+++\n" + body +
            "\n\nSee [[recommendations/r1]].\n");
  Portal portal = load(dir);
  // The build renders bodies (and rewrites their links) before the index is made.
  for (auto& b : portal.bodies) b.render_html([](const std::string&, LinkTarget&) { return false; });
  std::string json = search_index_json(portal, 10);
  CHECK(json.find("\"Short summary. word0 word1 word2 word3 word4 word5 word6 word7\"") != std::string::npos);
  CHECK(json.find("word8") == std::string::npos);
  std::string full = search_index_json(portal, 1000);
  CHECK(full.find("word499") != std::string::npos);
  // Two words of summary, then the body's first words up to the limit.
  std::string standard = search_index_json(portal);
  CHECK(standard.find("word" + std::to_string(kSearchTextWords - 3) + "\"") != std::string::npos);
  CHECK(standard.find("word" + std::to_string(kSearchTextWords - 2)) == std::string::npos);
}

TEST_CASE("search index: text from front matter and bodies is escaped for JSON and HTML") {
  TempDir dir;
  write_minimal_portal(dir);
  dir.write("content/about.md",
            "+++\ntype = \"page\"\ntitle = \"</script><script>alert(\\\"x\\\")</script>\"\n+++\n"
            "Back\\\\slash and `</script>` in code.\n");
  Portal portal = load(dir);
  std::string json = search_index_json(portal);
  CHECK(json.find("</") == std::string::npos);
  CHECK(json.find("\\u003c/script>\\u003cscript>alert(\\\"x\\\")\\u003c/script>") != std::string::npos);
  CHECK(json.find("Back\\\\slash") != std::string::npos);
}
