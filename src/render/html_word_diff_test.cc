#include "html_word_diff.h"

#include <doctest/doctest.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

namespace scrutiny {
namespace {

bool is_void(const std::string& name) {
  for (const char* v : {"br", "hr", "img", "input", "wbr", "col", "meta", "link", "source"})
    if (name == v) return true;
  return false;
}

// Checks that every element opened is closed, in order; returns "" or what is wrong.
std::string tag_balance(const std::string& html) {
  std::vector<std::string> stack;
  size_t i = 0;
  while ((i = html.find('<', i)) != std::string::npos) {
    size_t end = html.find('>', i);
    if (end == std::string::npos) return "unterminated tag at " + std::to_string(i);
    std::string tag = html.substr(i + 1, end - i - 1);
    i = end + 1;
    if (tag.empty() || tag[0] == '!') continue;
    bool closing = tag[0] == '/';
    size_t start = closing ? 1 : 0;
    size_t stop = tag.find_first_of(" \t\n/", start);
    std::string name = tag.substr(start, stop == std::string::npos ? std::string::npos : stop - start);
    if (closing) {
      if (stack.empty() || stack.back() != name)
        return "</" + name + "> closes " + (stack.empty() ? "nothing" : "<" + stack.back() + ">");
      stack.pop_back();
    } else if (!is_void(name) && tag.back() != '/') {
      stack.push_back(name);
    }
  }
  if (!stack.empty()) return "<" + stack.back() + "> is never closed";
  return "";
}

const std::string kDel = "<del class=\"diff-del\"><span class=\"visually-hidden\">deleted: </span>";
const std::string kIns = "<ins class=\"diff-ins\"><span class=\"visually-hidden\">inserted: </span>";
std::string del(const std::string& s) { return kDel + s + "</del>"; }
std::string ins(const std::string& s) { return kIns + s + "</ins>"; }

// No del or ins directly inside an element where text is not allowed.
bool marks_only_where_text_goes(const std::string& html) {
  for (const char* parent : {"<ul>", "<ol>", "<table>", "<tr>", "<thead>", "<tbody>"}) {
    std::string p = parent;
    for (const std::string& mark : {std::string("<del class"), std::string("<ins class")})
      if (html.find(p + mark) != std::string::npos || html.find(p + "\n" + mark) != std::string::npos)
        return false;
  }
  for (const char* close : {"</li>", "</tr>", "</td>", "</th>", "</thead>"}) {
    std::string c = close;
    for (const std::string& mark : {std::string("<del class"), std::string("<ins class")})
      if (html.find(c + mark) != std::string::npos ||
          html.find(c + "\n" + mark) != std::string::npos)
        return false;
  }
  return true;
}

}  // namespace

TEST_CASE("diff: identical inputs give the new html unchanged") {
  const std::string html =
      "<h2>Progress</h2>\n<p>The council <em>has</em> met &amp; agreed.</p>\n<ul>\n<li>one</li>\n</ul>\n";
  CHECK(html_word_diff(html, html) == html);
  CHECK(html_word_diff("", "") == "");
}

TEST_CASE("diff: a changed word") {
  std::string out = html_word_diff("<p>The plan is late.</p>\n", "<p>The plan is early.</p>\n");
  CHECK(out == "<p>The plan is " + del("late.") + ins("early.") + "</p>\n");
  CHECK(tag_balance(out) == "");
}

TEST_CASE("diff: insertion at the start and at the end, deletion of a word") {
  CHECK(html_word_diff("<p>plan agreed</p>", "<p>New plan agreed</p>") ==
        "<p>" + ins("New") + " plan agreed</p>");
  CHECK(html_word_diff("<p>plan agreed</p>", "<p>plan agreed today</p>") ==
        "<p>plan agreed " + ins("today") + "</p>");
  std::string out = html_word_diff("<p>plan not agreed</p>", "<p>plan agreed</p>");
  CHECK(tag_balance(out) == "");
  CHECK(out == "<p>plan " + del("not") + " agreed</p>");
  CHECK(out.find("<ins") == std::string::npos);
  // A new paragraph at the end and one at the start.
  CHECK(html_word_diff("<p>a</p>\n", "<p>a</p>\n<p>b c</p>\n") ==
        "<p>a</p>\n<p>" + ins("b c") + "</p>\n");
  CHECK(html_word_diff("<p>a</p>\n", "<p>z</p>\n<p>a</p>\n") ==
        "<p>" + ins("z") + "</p>\n<p>a</p>\n");
}

TEST_CASE("diff: a changed table cell") {
  std::string before =
      "<table>\n<thead>\n<tr>\n<th>Action</th>\n<th>Status</th>\n</tr>\n</thead>\n<tbody>\n"
      "<tr>\n<td>Audit</td>\n<td>on track</td>\n</tr>\n</tbody>\n</table>\n";
  std::string after =
      "<table>\n<thead>\n<tr>\n<th>Action</th>\n<th>Status</th>\n</tr>\n</thead>\n<tbody>\n"
      "<tr>\n<td>Audit</td>\n<td>complete</td>\n</tr>\n</tbody>\n</table>\n";
  std::string out = html_word_diff(before, after);
  CHECK(out == "<table>\n<thead>\n<tr>\n<th>Action</th>\n<th>Status</th>\n</tr>\n</thead>\n"
               "<tbody>\n<tr>\n<td>Audit</td>\n<td>" +
                   del("on track") + ins("complete") + "</td>\n</tr>\n</tbody>\n</table>\n");
  CHECK(tag_balance(out) == "");
  // A row taken away: its words must not land directly inside tbody or tr.
  std::string fewer =
      "<table>\n<thead>\n<tr>\n<th>Action</th>\n<th>Status</th>\n</tr>\n</thead>\n</table>\n";
  std::string removed = html_word_diff(before, fewer);
  CHECK(tag_balance(removed) == "");
  CHECK(marks_only_where_text_goes(removed));
  CHECK(removed.find(del("Audit")) != std::string::npos);
}

TEST_CASE("diff: a change inside a link's text, and a changed link target") {
  std::string out = html_word_diff(
      "<p>See <a href=\"/actions/a01/\">the first action</a> now.</p>",
      "<p>See <a href=\"/actions/a01/\">the revised first action</a> now.</p>");
  CHECK(out == "<p>See <a href=\"/actions/a01/\">the " + ins("revised") +
                   " first action</a> now.</p>");
  std::string target = html_word_diff("<p>See <a href=\"/a/\">this</a>.</p>",
                                      "<p>See <a href=\"/b/\">this</a>.</p>");
  CHECK(target == "<p>See <a href=\"/b/\">this</a>.</p>");
  // Words that leave a link and words that gain emphasis.
  std::string moved = html_word_diff("<p>a <a href=\"/x\">b c</a> d</p>", "<p>a <em>b</em> d</p>");
  CHECK(tag_balance(moved) == "");
}

TEST_CASE("diff: entities stay whole") {
  std::string out = html_word_diff("<p>Health &amp; care &lt;2017&gt;</p>",
                                   "<p>Health &amp; social care &lt;2018&gt;</p>");
  CHECK(out == "<p>Health &amp; " + ins("social") + " care " + del("&lt;2017&gt;") +
                   ins("&lt;2018&gt;") + "</p>");
  std::string amp = html_word_diff("<p>Tom &amp; Jerry</p>", "<p>Tom and Jerry</p>");
  // The deleted word keeps its space, so the two words do not run together.
  CHECK(amp == "<p>Tom " + del("&amp;") + " " + ins("and") + " Jerry</p>");
}

TEST_CASE("diff: list items, task lists, code, footnotes and void elements stay well formed") {
  std::string before =
      "<ul>\n<li><input type=\"checkbox\" disabled=\"\" /> audit cases</li>\n"
      "<li>train staff</li>\n<li>report</li>\n</ul>\n<pre><code>x = 1\n</code></pre>\n"
      "<p>Line one<br />\nline two<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" "
      "data-footnote-ref>1</a></sup></p>\n<hr />\n"
      "<section class=\"footnotes\" data-footnotes>\n<ol>\n<li id=\"fn-1\">\n<p>A note. "
      "<a href=\"#fnref-1\" class=\"footnote-backref\">↩</a></p>\n</li>\n</ol>\n</section>\n";
  std::string after =
      "<ul>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> audit all cases</li>\n"
      "<li>report monthly</li>\n</ul>\n<pre><code>x = 2\n</code></pre>\n"
      "<p>Line one<br />\nline 2<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" "
      "data-footnote-ref>1</a></sup></p>\n<img src=\"a.png\" alt=\"chart\" />\n"
      "<section class=\"footnotes\" data-footnotes>\n<ol>\n<li id=\"fn-1\">\n<p>A longer note. "
      "<a href=\"#fnref-1\" class=\"footnote-backref\">↩</a></p>\n</li>\n</ol>\n</section>\n";
  std::string out = html_word_diff(before, after);
  CHECK(tag_balance(out) == "");
  CHECK(marks_only_where_text_goes(out));
  INFO(out);
  CHECK(out.find(ins("all")) != std::string::npos);
  CHECK(out.find(del("train staff")) != std::string::npos);
  CHECK(out.find("<input type=\"checkbox\" checked=\"\" disabled=\"\" />") != std::string::npos);
  CHECK(out.find("<img src=\"a.png\" alt=\"chart\" />") != std::string::npos);
  CHECK(out.find("<hr />") == std::string::npos);  // tags of the old version are not kept
  CHECK(out.find(ins("longer")) != std::string::npos);
  // Taking the tags away gives back the new version's tags in order.
  auto tags = [](const std::string& html) {
    std::string t;
    for (size_t i = 0; (i = html.find('<', i)) != std::string::npos;) {
      size_t e = html.find('>', i);
      std::string tag = html.substr(i, e - i + 1);
      if (tag.rfind("<del class", 0) && tag.rfind("<ins class", 0) && tag != "</del>" &&
          tag != "</ins>" && tag.rfind("<span class=\"visually-hidden\"", 0) && tag != "</span>")
        t += tag;
      i = e + 1;
    }
    return t;
  };
  CHECK(tags(out) == tags(after));
}

TEST_CASE("diff: a rewritten sentence reads as one deletion then one insertion") {
  std::string out = html_word_diff("<p>We will review all the open cases by March.</p>",
                                   "<p>Managers audited every case in the spring.</p>");
  CHECK(out == "<p>" + del("We will review all the open cases by March.") +
                   ins("Managers audited every case in the spring.") + "</p>");
}

TEST_CASE("diff: random edits always give well-formed output with the new version's tags") {
  std::mt19937 rng(7);
  const char* blocks[] = {"<p>%</p>\n", "<h2>%</h2>\n", "<ul>\n<li>%</li>\n<li>%</li>\n</ul>\n",
                          "<blockquote>\n<p>%</p>\n</blockquote>\n",
                          "<table>\n<tr>\n<td>%</td>\n<td>%</td>\n</tr>\n</table>\n",
                          "<p>% <em>%</em> <a href=\"/x\">%</a> <code>%</code></p>\n"};
  const char* words[] = {"plan", "review", "&amp;", "cases", "staff", "target", "2017", "a"};
  auto sentence = [&] {
    std::string s;
    for (int n = 1 + static_cast<int>(rng() % 6); n > 0; --n)
      s += std::string(s.empty() ? "" : " ") + words[rng() % 8];
    return s;
  };
  auto document = [&] {
    std::string d;
    for (int n = 1 + static_cast<int>(rng() % 8); n > 0; --n) {
      std::string b = blocks[rng() % 6];
      for (size_t at; (at = b.find('%')) != std::string::npos;) b.replace(at, 1, sentence());
      d += b;
    }
    return d;
  };
  for (int i = 0; i < 300; ++i) {
    std::string a = document(), b = document();
    std::string out = html_word_diff(a, b);
    INFO("old: " << a << "\nnew: " << b << "\nout: " << out);
    CHECK(tag_balance(out) == "");
    CHECK(marks_only_where_text_goes(out));
    CHECK(html_word_diff(b, b) == b);
  }
}

TEST_CASE("diff: 100 KB documents are quick, even when everything changed") {
  std::string a, b;
  std::mt19937 rng(3);
  for (int i = 0; a.size() < 100000; ++i) {
    std::string para = "<p>";
    for (int w = 0; w < 40; ++w) para += "w" + std::to_string(rng() % 500) + " ";
    para += "</p>\n";
    a += para;
    if (i % 10 == 3) para.insert(3, "changed ");
    b += para;
  }
  auto t0 = std::chrono::steady_clock::now();
  std::string out = html_word_diff(a, b);
  double few = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(tag_balance(out) == "");
  std::string c;
  for (int i = 0; c.size() < 100000; ++i) c += "<p>other words entirely " + std::to_string(i) + "</p>\n";
  t0 = std::chrono::steady_clock::now();
  std::string all = html_word_diff(a, c);
  double many = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(tag_balance(all) == "");
  MESSAGE("100 KB with scattered edits: " << few * 1000 << " ms; rewritten: " << many * 1000
                                          << " ms");
  CHECK(few < 1.0);
  CHECK(many < 2.0);
}

}  // namespace scrutiny
