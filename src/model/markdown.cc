#include "markdown.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <set>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

namespace scrutiny {
namespace {

constexpr const char* kExtensions[] = {"table", "autolink", "strikethrough", "tasklist", "tagfilter"};

// Prefer style attributes over the obsolete align attribute on table cells; no raw HTML.
constexpr int kOptions = CMARK_OPT_FOOTNOTES | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES | CMARK_OPT_SMART;

void ensure_extensions() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

struct ParsedRef {
  size_t begin, end;  // byte range of "[[...]]" in the text
  std::string id, text;
};

// Finds [[id]] and [[id|text]] in a run of text.
std::vector<ParsedRef> scan_refs(std::string_view s) {
  std::vector<ParsedRef> out;
  size_t pos = 0;
  while ((pos = s.find("[[", pos)) != std::string_view::npos) {
    size_t close = s.find("]]", pos + 2);
    if (close == std::string_view::npos) break;
    std::string_view inner = s.substr(pos + 2, close - pos - 2);
    if (inner.empty() || inner.find('[') != std::string_view::npos || inner.find('\n') != std::string_view::npos) {
      pos += 2;
      continue;
    }
    std::string_view id = inner, text;
    if (size_t bar = inner.find('|'); bar != std::string_view::npos) {
      id = inner.substr(0, bar);
      text = inner.substr(bar + 1);
    }
    auto trim = [](std::string_view v) {
      while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
      while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
      return std::string(v);
    };
    // [[ ]] and [[|text]] name no document: like [[]], they are text, not a reference to "".
    std::string trimmed = trim(id);
    if (trimmed.empty()) {
      pos += 2;
      continue;
    }
    out.push_back({pos, close + 2, std::move(trimmed), trim(text)});
    pos = close + 2;
  }
  return out;
}

// Calls f(node, file line) for every text node; cmark records each text node's own line.
template <typename F>
void for_each_text(cmark_node* root, int first_line, F&& f) {
  cmark_iter* iter = cmark_iter_new(root);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_TEXT)
      f(node, first_line + std::max(1, cmark_node_get_start_line(node)) - 1);
  }
  cmark_iter_free(iter);
}

void append_text(std::string& out, const char* s) {
  if (s) out += s;
}

// What an inline node reads as inside a reference's text: its literal text, HTML included,
// with line breaks as spaces. Walked with an iterator, as emphasis may nest deeply.
std::string text_of_inline(cmark_node* node) {
  std::string out;
  cmark_iter* iter = cmark_iter_new(node);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(iter);
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
      case CMARK_NODE_HTML_INLINE: append_text(out, cmark_node_get_literal(n)); break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK: out += ' '; break;
      default: break;
    }
  }
  cmark_iter_free(iter);
  return out;
}

// cmark breaks `[[id|text]]` into several nodes when its text holds inline HTML, a line break
// or emphasis, and it would then be neither linked nor checked. Each such run of siblings,
// from a text with an open "[[" to the text holding its "]]", becomes one text node again; its
// HTML stays text, escaped when rendered.
void join_split_references(cmark_node* root) {
  std::vector<cmark_node*> starts;
  for_each_text(root, 1, [&](cmark_node* node, int) {
    std::string_view literal = cmark_node_get_literal(node);
    size_t open = literal.rfind("[[");
    if (open != std::string_view::npos && literal.find("]]", open) == std::string_view::npos)
      starts.push_back(node);
  });
  for (cmark_node* start : starts) {
    std::string_view first = cmark_node_get_literal(start);
    std::string joined(first.substr(first.rfind("[[")));
    std::vector<std::pair<cmark_node*, std::string>> others;
    bool closed = false;
    for (cmark_node* s = cmark_node_next(start); s && !closed; s = cmark_node_next(s)) {
      cmark_node_type type = cmark_node_get_type(s);
      if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE || type == CMARK_NODE_FOOTNOTE_REFERENCE) break;
      std::string text = text_of_inline(s);
      size_t close = text.find("]]");
      // A reference's text holds no '[' (see scan_refs); stopping there also keeps this linear.
      if (text.find('[') < close) break;
      if (type == CMARK_NODE_TEXT) {
        closed = close != std::string::npos;
        joined += closed ? text.substr(0, close + 2) : text;
        continue;
      }
      if (close != std::string::npos) break;
      joined += text;
      others.emplace_back(s, std::move(text));
    }
    if (!closed || others.empty()) continue;
    std::vector<ParsedRef> refs = scan_refs(joined);
    if (refs.size() != 1 || refs[0].end != joined.size()) continue;
    for (auto& [node, text] : others) {
      cmark_node* t = cmark_node_new(CMARK_NODE_TEXT);
      cmark_node_set_literal(t, text.c_str());
      cmark_node_insert_before(node, t);
      cmark_node_free(node);
    }
  }
  cmark_consolidate_text_nodes(root);
}

}  // namespace

std::string escape_html(std::string_view text) {
  // The bytes replaced, found by a table: find_first_of calls memchr over the five for every
  // byte of the text, which was most of the cost of escaping, and every value a page shows
  // is escaped.
  static constexpr std::array<bool, 256> kReplaced = [] {
    std::array<bool, 256> table{};
    for (unsigned char c : std::string_view("&<>\"'")) table[c] = true;
    return table;
  }();
  auto replaced = [&](size_t i) { return kReplaced[static_cast<unsigned char>(text[i])]; };
  size_t first = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time while none of them is replaced: the values escaped add up to
  // megabytes a build, nearly all of it plain text.
  const __m128i amp = _mm_set1_epi8('&'), lt = _mm_set1_epi8('<'), gt = _mm_set1_epi8('>'),
                quot = _mm_set1_epi8('"'), apos = _mm_set1_epi8('\'');
  for (; first + 16 <= text.size(); first += 16) {
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + first));
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b, amp), _mm_cmpeq_epi8(b, lt)),
                                     _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(b, gt), _mm_cmpeq_epi8(b, quot)),
                                                  _mm_cmpeq_epi8(b, apos)));
    if (_mm_movemask_epi8(hit) != 0) break;
  }
#endif
  while (first < text.size() && !replaced(first)) ++first;
  // Most values (a status, a date, an address) have nothing to escape: copied whole, a short
  // one stays inside the string, where reserving room for entities would allocate for each.
  if (first == text.size()) return std::string(text);
  std::string out;
  out.reserve(text.size() + 16);
  // Copied a run at a time between the characters replaced: most text has few or none, and
  // every page, feed entry and attribute passes through here.
  size_t run = 0;
  for (size_t i = first; i < text.size(); ++i) {
    if (!replaced(i)) continue;
    std::string_view entity;
    switch (text[i]) {
      case '&': entity = "&amp;"; break;
      case '<': entity = "&lt;"; break;
      case '>': entity = "&gt;"; break;
      case '"': entity = "&quot;"; break;
      case '\'': entity = "&#39;"; break;
      default: continue;
    }
    out.append(text, run, i - run);
    out += entity;
    run = i + 1;
  }
  out.append(text, run);
  return out;
}

MarkdownBody::MarkdownBody(std::string_view markdown, int first_line) {
  ensure_extensions();
  cmark_parser* parser = cmark_parser_new(kOptions);
  for (const char* name : kExtensions)
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(parser, ext);
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  root_ = cmark_parser_finish(parser);
  cmark_parser_free(parser);
  // cmark splits text at every '[' it might open a link with; join it back so [[id]] is one run.
  cmark_consolidate_text_nodes(root_);
  join_split_references(root_);

  cmark_iter* iter = cmark_iter_new(root_);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter);
    if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING)
      cmark_node_set_heading_level(node, std::min(6, cmark_node_get_heading_level(node) + 1));
  }
  cmark_iter_free(iter);

  for_each_text(root_, first_line, [&](cmark_node* node, int line) {
    for (const ParsedRef& r : scan_refs(cmark_node_get_literal(node)))
      refs_.push_back(Ref{r.id, line, ""});
  });
}

MarkdownBody::~MarkdownBody() {
  if (root_) cmark_node_free(root_);
}

MarkdownBody::MarkdownBody(MarkdownBody&& o) noexcept
    : root_(o.root_), refs_(std::move(o.refs_)), text_(std::move(o.text_)) {
  o.root_ = nullptr;
}

MarkdownBody& MarkdownBody::operator=(MarkdownBody&& o) noexcept {
  if (this != &o) {
    if (root_) cmark_node_free(root_);
    root_ = o.root_;
    refs_ = std::move(o.refs_);
    text_ = std::move(o.text_);
    o.root_ = nullptr;
  }
  return *this;
}

std::string MarkdownBody::render_html(const LinkResolver& resolve) {
  if (!root_) return {};
  // Collect first, edit after, so the iterator never walks edited nodes.
  // Links are counted on the way in and out, not looked for among each text's parents: that
  // was quadratic in the nesting, minutes for a body of deeply nested emphasis.
  std::vector<cmark_node*> texts;
  {
    cmark_iter* iter = cmark_iter_new(root_);
    cmark_event_type ev;
    int links = 0;
    while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
      cmark_node* node = cmark_iter_get_node(iter);
      cmark_node_type type = cmark_node_get_type(node);
      if (type == CMARK_NODE_LINK) links += ev == CMARK_EVENT_ENTER ? 1 : -1;
      else if (type == CMARK_NODE_TEXT && links == 0 && std::strstr(cmark_node_get_literal(node), "[["))
        texts.push_back(node);
    }
    cmark_iter_free(iter);
  }
  for (cmark_node* node : texts) {
    std::string literal = cmark_node_get_literal(node);
    size_t pos = 0;
    cmark_node* anchor = node;
    auto insert = [&](cmark_node* n) {
      cmark_node_insert_after(anchor, n);
      anchor = n;
    };
    auto add_text = [&](const std::string& s) {
      if (s.empty()) return;
      cmark_node* t = cmark_node_new(CMARK_NODE_TEXT);
      cmark_node_set_literal(t, s.c_str());
      insert(t);
    };
    for (const ParsedRef& r : scan_refs(literal)) {
      add_text(literal.substr(pos, r.begin - pos));
      LinkTarget target;
      if (resolve(r.id, target)) {
        cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
        cmark_node_set_url(link, target.href.c_str());
        cmark_node* t = cmark_node_new(CMARK_NODE_TEXT);
        cmark_node_set_literal(t, (r.text.empty() ? target.title : r.text).c_str());
        cmark_node_append_child(link, t);
        insert(link);
      } else {
        add_text(r.text.empty() ? r.id : r.text);
      }
      pos = r.end;
    }
    add_text(literal.substr(pos));
    cmark_node_free(node);  // unlinks it too
  }

  ensure_extensions();
  cmark_parser* parser = cmark_parser_new(kOptions);
  for (const char* name : kExtensions)
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(parser, ext);
  char* html = cmark_render_html(root_, kOptions, cmark_parser_get_syntax_extensions(parser));
  std::string out(html);
  std::free(html);
  cmark_parser_free(parser);

  // Wide tables scroll inside their own box instead of making the page scroll sideways.
  std::string wrapped;
  wrapped.reserve(out.size() + 64);
  size_t pos = 0, open, count = 0;
  while ((open = out.find("<table>", pos)) != std::string::npos) {
    size_t close = out.find("</table>", open);
    if (close == std::string::npos) break;
    close += 8;
    wrapped.append(out, pos, open - pos);
    // Focusable so keyboard users can scroll it; labelled, and uniquely, as a landmark must be.
    wrapped += "<section class=\"table-scroll\" aria-label=\"Table " + std::to_string(++count) + "\" tabindex=\"0\">";
    wrapped.append(out, open, close - open);
    wrapped += "</section>";
    pos = close;
  }
  wrapped.append(out, pos, std::string::npos);
  return wrapped;
}

std::string term_anchor(std::string_view term) {
  std::string out = "term-";
  bool gap = false;
  for (size_t k = 0; k < term.size(); ++k) {
    const unsigned char c = term[k];
    if (std::isalnum(c)) {
      if (gap && out.size() > 5) out += '-';
      out += static_cast<char>(std::tolower(c));
      gap = false;
    } else if (c == '\'') {
      // "children's" stays one word, typed or as Markdown's curly apostrophe (U+2019).
    } else if (term.substr(k, 3) == "\xE2\x80\x99") {
      k += 2;
    } else {
      gap = true;
    }
  }
  return out;
}

std::vector<MarkdownBody::Definition> MarkdownBody::mark_definitions() {
  std::vector<Definition> out;
  if (!root_) return out;
  std::set<std::string> ids;
  for (cmark_node* p = cmark_node_first_child(root_); p; p = cmark_node_next(p)) {
    if (cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH) continue;
    cmark_node* strong = cmark_node_first_child(p);
    if (!strong || cmark_node_get_type(strong) != CMARK_NODE_STRONG) continue;
    std::string term = text_of_inline(strong);
    while (!term.empty() && term.back() == ' ') term.pop_back();
    if (term.size() < 2 || term.back() != '.') continue;
    term.pop_back();
    std::string id = term_anchor(term);
    if (id.size() <= 5 || !ids.insert(id).second) continue;  // a second "**Term.**" keeps the first's anchor
    // <dfn> marks the defining instance of a term (HTML); its id is the entry's anchor.
    cmark_node* dfn = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
    cmark_node_set_on_enter(dfn, ("<dfn id=\"" + id + "\">").c_str());
    cmark_node_set_on_exit(dfn, "</dfn>");
    cmark_node_insert_before(strong, dfn);
    cmark_node_append_child(dfn, strong);  // unlinks it from the paragraph first
    out.push_back({term, id});
  }
  return out;
}

std::string MarkdownBody::plain_text() const {
  if (!root_) return text_;
  std::string out;
  cmark_iter* iter = cmark_iter_new(root_);
  cmark_event_type ev;
  while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter);
    cmark_node_type type = cmark_node_get_type(node);
    if (ev == CMARK_EVENT_ENTER && (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE)) {
      append_text(out, cmark_node_get_literal(node));
    } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK ||
               (ev == CMARK_EVENT_EXIT && cmark_node_first_child(node) && type != CMARK_NODE_EMPH &&
                type != CMARK_NODE_STRONG && type != CMARK_NODE_LINK)) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    }
  }
  cmark_iter_free(iter);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

void MarkdownBody::keep_only_text() {
  if (!root_) return;
  text_ = plain_text();
  cmark_node_free(root_);
  root_ = nullptr;
}

}  // namespace scrutiny
