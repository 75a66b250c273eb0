#include <doctest/doctest.h>

#include "markdown.h"

using namespace scrutiny;

namespace {

std::string render(const std::string& md) {
  MarkdownBody body(md, 1);
  return body.render_html([](const std::string& id, LinkTarget& t) {
    if (id != "actions/a1") return false;
    t.title = "Audit <decisions>";
    t.href = "../actions/a1.html";
    return true;
  });
}

}  // namespace

TEST_CASE("markdown: raw HTML is not passed through") {
  std::string html = render("Hello <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n<div>block</div>\n");
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<div>block") == std::string::npos);
}

TEST_CASE("markdown: links cannot carry script") {
  std::string html = render("[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](vbscript:x) [d](data:text/html,x)\n");
  CHECK(html.find("javascript:") == std::string::npos);
  CHECK(html.find("JAVASCRIPT:") == std::string::npos);
  CHECK(html.find("vbscript:") == std::string::npos);
  CHECK(html.find("data:text") == std::string::npos);
}

TEST_CASE("markdown: [[id]] references become links with the target's title, escaped") {
  MarkdownBody body("Intro line\nSee [[actions/a1]] and [[actions/a1|this action]], not `[[actions/x]]`.\n", 20);
  REQUIRE(body.references().size() == 2);
  CHECK(body.references()[0].id == "actions/a1");
  CHECK(body.references()[0].line == 21);
  std::string html = render("See [[actions/a1]] and [[actions/a1|this action]] and [[gone/x]].\n");
  CHECK(html.find("<a href=\"../actions/a1.html\">Audit &lt;decisions&gt;</a>") != std::string::npos);
  CHECK(html.find("<a href=\"../actions/a1.html\">this action</a>") != std::string::npos);
  CHECK(html.find("gone/x") != std::string::npos);
}

TEST_CASE("markdown: a reference whose text holds HTML, emphasis or a line break is still found") {
  MarkdownBody body("Intro line\nSee [[actions/zzz|<b>x</b>]] and [[actions/a1|*this*\naction]].\n", 20);
  REQUIRE(body.references().size() == 2);
  CHECK(body.references()[0].id == "actions/zzz");
  CHECK(body.references()[0].line == 21);
  CHECK(body.references()[1].id == "actions/a1");
  CHECK(body.references()[1].line == 21);
  std::string html = render("[[actions/a1|<b>x</b>]], [[gone/x|<i>y</i>]], [[actions/a1|two\nlines]]\n");
  CHECK(html.find("<a href=\"../actions/a1.html\">&lt;b&gt;x&lt;/b&gt;</a>") != std::string::npos);
  CHECK(html.find("&lt;i&gt;y&lt;/i&gt;") != std::string::npos);
  CHECK(html.find("<a href=\"../actions/a1.html\">two lines</a>") != std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("<i>") == std::string::npos);
  // Not a reference: left as cmark made it.
  CHECK(render("a [[ <b>x</b> b\n") == "<p>a [[ <!-- raw HTML omitted -->x<!-- raw HTML omitted --> b</p>\n");
}

TEST_CASE("markdown: references inside a link stay text; deep nesting renders in linear time") {
  std::string html = render("[see [[actions/a1]]](https://example.org)\n");
  CHECK(html == "<p><a href=\"https://example.org\">see [[actions/a1]]</a></p>\n");
  // 80,000 levels of emphasis: looking for a link among each text's parents took minutes.
  std::string deep;
  for (int i = 0; i < 80000; ++i) deep += "*a ";
  deep += "[[actions/a1]]";
  for (int i = 0; i < 80000; ++i) deep += " a*";
  CHECK(render(deep + "\n").find("<a href=\"../actions/a1.html\">") != std::string::npos);
}

TEST_CASE("markdown: keep_only_text frees the tree but keeps the text and references as they read") {
  MarkdownBody body("# Plan\n\nSee [[actions/a1]] and *this*.\n\n- one\n- two\n", 5);
  std::string html = body.render_html([](const std::string& id, LinkTarget& t) {
    t.title = "Audit of " + id;
    t.href = "a1.html";
    return true;
  });
  CHECK(html.find("Audit of actions/a1") != std::string::npos);
  const std::string text = body.plain_text();
  CHECK(text.find("Audit of actions/a1") != std::string::npos);  // as render_html left the tree
  body.keep_only_text();
  CHECK(body.plain_text() == text);
  REQUIRE(body.references().size() == 1);
  CHECK(body.references()[0].line == 7);
  MarkdownBody moved(std::move(body));
  CHECK(moved.plain_text() == text);
  moved.keep_only_text();  // again: nothing more to free
  CHECK(moved.plain_text() == text);
  CHECK(moved.render_html([](const std::string&, LinkTarget&) { return false; }).empty());
  CHECK(moved.mark_definitions().empty());
}

TEST_CASE("markdown: headings move down a level so the page keeps one h1") {
  std::string html = render("# Section\n\n## Sub\n");
  CHECK(html.find("<h1") == std::string::npos);
  CHECK(html.find("<h2>Section</h2>") != std::string::npos);
  CHECK(html.find("<h3>Sub</h3>") != std::string::npos);
}

TEST_CASE("markdown: GFM tables are wrapped to scroll on their own; strikethrough and autolinks work") {
  std::string html = render("| a | b |\n|---|--:|\n| 1 | 2 |\n\n~~old~~ https://example.org\n");
  CHECK(html.find("<section class=\"table-scroll\" aria-label=\"Table 1\" tabindex=\"0\"><table>") != std::string::npos);
  CHECK(html.find("align=") == std::string::npos);
  CHECK(html.find("<del>old</del>") != std::string::npos);
  CHECK(html.find("<a href=\"https://example.org\">") != std::string::npos);
}

TEST_CASE("escape_html escapes every character that matters in content and attributes") {
  CHECK(escape_html("<a href=\"x\" title='y'>&</a>") ==
        "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  // The text between, before and after what is replaced is kept whole.
  CHECK(escape_html("") == "");
  CHECK(escape_html("on-track") == "on-track");
  CHECK(escape_html("a long plain run before it & after") == "a long plain run before it &amp; after");
  CHECK(escape_html("ends in '") == "ends in &#39;");
  CHECK(escape_html("Plain text – “quoted”") == "Plain text – “quoted”");
  CHECK(escape_html("&start, mid<>dle and end>") == "&amp;start, mid&lt;&gt;dle and end&gt;");
  // Each character found wherever it falls in a long text (plain text is passed over in blocks).
  const std::pair<char, std::string> entities[] = {{'&', "&amp;"}, {'<', "&lt;"}, {'>', "&gt;"}, {'"', "&quot;"}, {'\'', "&#39;"}};
  for (const auto& [c, entity] : entities) {
    for (size_t at = 0; at < 40; ++at) {
      std::string text(40, 'x');
      text[at] = c;
      CHECK(escape_html(text) == std::string(at, 'x') + entity + std::string(39 - at, 'x'));
    }
  }
}

TEST_CASE("markdown: [[ ]] and [[|text]] name no document, so they are text, not references") {
  // Found by tests/fuzz/body_references_fuzz.cc: they were references to the id "", which
  // failed the build with 'unknown id ""'.
  MarkdownBody body("See [[ ]] and [[|the plan]] and [[actions/a1]].\n", 1);
  REQUIRE(body.references().size() == 1);
  CHECK(body.references()[0].id == "actions/a1");
  std::string html = render("See [[ ]] and [[|the plan]].\n");
  CHECK(html.find("[[ ]]") != std::string::npos);
  CHECK(html.find("[[|the plan]]") != std::string::npos);
}

TEST_CASE("markdown: a glossary's bold terms become anchored definitions") {
  MarkdownBody body(
      "# Glossary\n\nWords used here.\n\n**On track.** Going as planned.\n\n"
      "**Children's guardian.** Someone the court appoints.\n\n**C-SPOC.** A single point of contact.\n\n"
      "Some **bold text.** in a sentence is not a term.\n\n**No full stop** is not a term either.\n\n"
      "**On track.** A second definition keeps the first anchor.\n",
      1);
  auto terms = body.mark_definitions();
  REQUIRE(terms.size() == 3);
  CHECK(terms[0].term == "On track");
  CHECK(terms[0].id == "term-on-track");
  CHECK(terms[1].id == "term-childrens-guardian");
  CHECK(terms[2].id == "term-c-spoc");
  std::string html = body.render_html([](const std::string&, LinkTarget&) { return false; });
  CHECK(html.find("<p><dfn id=\"term-on-track\"><strong>On track.</strong></dfn> Going as planned.</p>") != std::string::npos);
  CHECK(html.find("<dfn id=\"term-c-spoc\">") != std::string::npos);
  CHECK(html.find("<p>Some <strong>bold text.</strong> in a sentence") != std::string::npos);
  CHECK(html.find("<p><strong>No full stop</strong>") != std::string::npos);
  CHECK(html.find("<p><strong>On track.</strong> A second") != std::string::npos);
  // Without mark_definitions (every other page) nothing changes.
  CHECK(render("**On track.** Going as planned.\n") == "<p><strong>On track.</strong> Going as planned.</p>\n");
  CHECK(term_anchor("Requires improvement to be good") == "term-requires-improvement-to-be-good");
}
