#pragma once
// Markdown bodies: parsed once with cmark-gfm, their [[id]] references found, rendered safely.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "document.h"

struct cmark_node;

namespace scrutiny {

// What a reference in a body points at, as the page being rendered sees it.
struct LinkTarget {
  std::string title;
  std::string href;  // relative to the page being rendered
};

// Looks up an id; returns false when there is no such document.
using LinkResolver = std::function<bool(const std::string& id, LinkTarget& out)>;

// One document's body as a cmark-gfm tree. Raw HTML is never passed through; headings are
// moved one level down so the page's own title stays its only h1.
class MarkdownBody {
 public:
  // `first_line` is the file line where the body starts, for reference line numbers.
  MarkdownBody(std::string_view markdown, int first_line);
  ~MarkdownBody();
  MarkdownBody(MarkdownBody&&) noexcept;
  MarkdownBody& operator=(MarkdownBody&&) noexcept;

  // Every [[id]] and [[id|text]] outside code, with its file line.
  const std::vector<Ref>& references() const { return refs_; }

  // The body as HTML. References become links with the target's title (or the given text);
  // unknown ids are left as text. Tables are wrapped so they scroll on their own on narrow
  // screens. Links are written into the tree, so call this once per body.
  std::string render_html(const LinkResolver& resolve);

  // Marks the terms a glossary defines: each paragraph that begins with bold text ending in a
  // full stop ("**Care leaver.** A young person...") defines that term, which render_html then
  // writes as <dfn id="term-care-leaver">, so other pages can link to the entry. Returns the
  // terms (without the full stop) and their ids, in order; call it before render_html.
  struct Definition {
    std::string term;  // "Care leaver"
    std::string id;    // "term-care-leaver"
  };
  std::vector<Definition> mark_definitions();

  // The body as plain text, for search and summaries.
  std::string plain_text() const;

  // Frees the parsed tree, keeping references() and plain_text() as they read now: for a body
  // whose HTML is made, so that a build holds each body's text while its pages are written, not
  // its tree (several times larger). render_html and mark_definitions give nothing after.
  void keep_only_text();

 private:
  cmark_node* root_ = nullptr;
  std::vector<Ref> refs_;
  std::string text_;  // plain_text(), once the tree is freed
};

// The anchor of a glossary term: "term-" and its words in lower case joined by hyphens
// ("On track" -> "term-on-track"), so a status or judgement's label finds its entry.
std::string term_anchor(std::string_view term);

// Escapes text for HTML element content and attribute values.
std::string escape_html(std::string_view text);

}  // namespace scrutiny
