#include <doctest/doctest.h>

#include "markdown.h"
#include "page_renderer.h"

using namespace scrutiny;

namespace {

Theme theme_with(std::map<std::string, std::string> templates) {
  Theme theme;
  theme.templates = std::move(templates);
  return theme;
}

// What kainjow gives when it includes the partials itself, at render time.
std::string rendered_by_kainjow(const Theme& theme, const std::string& name, ViewData view) {
  for (const auto& [partial, text] : theme.templates)
    if (partial[0] == '_') view.set(partial, kainjow::mustache::partial([t = text] { return t; }));
  kainjow::mustache::mustache m(theme.templates.at(name));
  m.set_custom_escape([](const std::string& s) { return escape_html(s); });
  return m.render(view);
}

}  // namespace

TEST_CASE("renderer: partials render as kainjow includes them, in sections and on lines of their own") {
  const Theme theme = theme_with({{"page", "<ul>\n{{#items}}\n  {{> _item}}\n{{/items}}\n</ul>\n{{>_missing}}end"},
                                  {"_item", "<li>{{name}}{{#done}} (done){{/done}}</li>\n"}});
  PageRenderer r(theme);
  ViewData v;
  ViewData items{ViewData::type::list}, a, b;
  a.set("name", "A & B");
  a.set("done", true);
  b.set("name", "C");
  b.set("done", false);
  items.push_back(a);
  items.push_back(b);
  v.set("items", items);
  const std::string expected = rendered_by_kainjow(theme, "page", v);
  CHECK(expected.find("<li>A &amp; B (done)</li>") != std::string::npos);
  CHECK(r.render("page", v) == expected);
}

TEST_CASE("renderer: a partial that includes itself or changes delimiters is still included by kainjow") {
  const Theme theme = theme_with({{"page", "{{#tree}}{{> _node}}{{/tree}}|{{> _odd}}"},
                                  {"_node", "[{{name}}{{#children}}{{> _node}}{{/children}}]"},
                                  {"_odd", "{{=<% %>=}}<%name%>"}});
  PageRenderer r(theme);
  // Eleven levels: deeper than partials are inlined, so kainjow includes the rest.
  ViewData node;
  node.set("name", "10");
  node.set("children", false);
  for (int level = 9; level >= 0; --level) {
    ViewData parent, children{ViewData::type::list};
    children.push_back(node);
    parent.set("name", std::to_string(level));
    parent.set("children", children);
    node = std::move(parent);
  }
  ViewData v;
  v.set("tree", node);
  v.set("name", "top");
  CHECK(r.render("page", v) == "[0[1[2[3[4[5[6[7[8[9[10]]]]]]]]]]]|top");
}

TEST_CASE("renderer: names resolve as kainjow's own context resolves them") {
  // Innermost data first, then each enclosing one; dotted names; {{.}} for a list of strings;
  // an inverted section of something missing; a name found only at the top inside a list.
  const Theme theme = theme_with(
      {{"page", "{{#outer}}{{name}}/{{top}}/{{inner.name}}/{{#inner}}{{name}}:{{top}}{{/inner}}{{/outer}}|"
                "{{outer.inner.name}}|{{#words}}<{{.}}>{{/words}}|{{^nothing}}none{{/nothing}}|"
                "{{#rows}}{{name}}{{^name}}({{top}}){{/name}},{{/rows}}|{{missing.name}}end"}});
  ViewData inner, outer, v, words{ViewData::type::list}, rows{ViewData::type::list}, named, unnamed;
  inner.set("name", "in");
  outer.set("name", "out");
  outer.set("inner", inner);
  words.push_back(ViewData("a"));
  words.push_back(ViewData("b & c"));
  named.set("name", "n");
  rows.push_back(named);
  rows.push_back(unnamed);
  v.set("outer", outer);
  v.set("top", "T");
  v.set("words", words);
  v.set("rows", rows);
  PageRenderer r(theme);
  const std::string expected = rendered_by_kainjow(theme, "page", v);
  CHECK(expected == "out/T/in/in:T|in|<a><b &amp; c>|none|n,(T),|end");
  CHECK(r.render("page", v) == expected);
}

TEST_CASE("renderer: a second page of a template renders whole, shorter or longer than the first") {
  const Theme theme = theme_with({{"page", "{{#items}}{{.}}\n{{/items}}"}});
  PageRenderer r(theme);
  for (size_t n : {size_t{40}, size_t{3}, size_t{500}}) {
    ViewData v, items{ViewData::type::list};
    std::string expected;
    for (size_t i = 0; i < n; ++i) {
      items.push_back(ViewData(std::to_string(i)));
      expected += std::to_string(i) + "\n";
    }
    v.set("items", items);
    CHECK(r.render("page", v) == expected);
  }
}

TEST_CASE("renderer: a link lacking a name another list adds finds it false, not the page's own") {
  // The page has an owner and a theme; its links hold neither, so a template reading them
  // inside a link must see false (ViewData::link_defaults), as kainjow would had each link held them.
  const Theme theme = theme_with({{"page", "{{#links}}[{{title}}{{#owner}} by {{owner}}{{/owner}}"
                                           "{{^theme}} no theme{{/theme}}{{link.owner}}]{{/links}} {{owner}}"}});
  PageRenderer r(theme);
  ViewData v;
  v.set("owner", "Page owner");
  v.set("theme", "Page theme");
  ViewData link;
  link.set("title", "A");
  link.set(ViewData::link_mark(), true);
  ViewData owned = link;
  owned.set("title", "B");
  owned.set("owner", "Link owner");
  ViewData nested;
  nested.set("title", "C");
  nested.set(ViewData::link_mark(), true);
  ViewData inner = link;
  nested.set("link", inner);
  ViewData links{ViewData::type::list};
  links.push_back(link);
  links.push_back(owned);
  links.push_back(nested);
  v.set("links", links);
  CHECK(r.render("page", v) == "[A no theme][B by Link owner no theme][C no theme] Page owner");
  // An object without the mark is looked through, as Mustache does.
  ViewData plain;
  plain.set("title", "D");
  ViewData plain_list{ViewData::type::list};
  plain_list.push_back(plain);
  v.set("links", plain_list);
  CHECK(r.render("page", v) == "[D by Page owner] Page owner");
  CHECK(ViewData::link_defaults().get("slippage")->is_false());
}
