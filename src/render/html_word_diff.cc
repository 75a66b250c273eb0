#include "html_word_diff.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace scrutiny {
namespace {

// ---------------------------------------------------------------------------------------
// Tokens: tags (with comments and doctypes) and words (runs of non-space characters, so an
// entity such as &amp; is never split), each with the whitespace that follows it.
// Whitespace is not compared: a diff anchored on shared spaces reads badly. Concatenating
// the tokens' text gives back the input exactly.

enum class Kind : uint8_t { open_tag, close_tag, void_tag, word, space };

struct Token {
  std::string_view text;  // core and the whitespace after it
  Kind kind;
  std::string name;  // lower-case tag name, for tags
  size_t core = 0;   // length of the word or tag itself
  std::string_view core_text() const { return text.substr(0, core); }
  std::string_view trailing() const { return text.substr(core); }
};

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool is_void_element(std::string_view name) {
  static const char* const kVoid[] = {"area", "base", "br",   "col",   "embed",  "hr",    "img",
                                      "input", "link", "meta", "param", "source", "track", "wbr"};
  for (const char* v : kVoid)
    if (name == v) return true;
  return false;
}

// Where only elements (and inter-element whitespace) may go, so no del or ins either.
bool text_forbidden_in(std::string_view name) {
  static const char* const kNoText[] = {"ul",    "ol", "table", "thead",  "tbody",   "tfoot",
                                        "tr",    "colgroup", "dl", "select", "optgroup", "menu"};
  for (const char* v : kNoText)
    if (name == v) return true;
  return false;
}

std::vector<Token> tokenize(std::string_view html) {
  std::vector<Token> out;
  out.reserve(html.size() / 6 + 16);  // a word and its space, or a tag, is about that long
  size_t i = 0, n = html.size();
  while (i < n) {
    char c = html[i];
    if (c == '<' && i + 1 < n &&
        (is_alpha(html[i + 1]) || html[i + 1] == '/' || html[i + 1] == '!' || html[i + 1] == '?')) {
      size_t start = i;
      Token t;
      if (html.compare(i, 4, "<!--") == 0) {
        size_t end = html.find("-->", i + 4);
        i = end == std::string_view::npos ? n : end + 3;
        t.kind = Kind::void_tag;
      } else {
        bool closing = html[i + 1] == '/';
        size_t p = i + (closing ? 2 : 1);
        size_t name_start = p;
        while (p < n && !is_space(html[p]) && html[p] != '>' && html[p] != '/') ++p;
        std::string name(html.substr(name_start, p - name_start));
        for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        // Find the closing '>', skipping quoted attribute values.
        char quote = 0;
        while (p < n) {
          char d = html[p];
          if (quote) {
            if (d == quote) quote = 0;
          } else if (d == '"' || d == '\'') {
            quote = d;
          } else if (d == '>') {
            break;
          }
          ++p;
        }
        i = p < n ? p + 1 : n;
        bool self_closing = i >= 2 && html[i - 2] == '/';
        if (closing) t.kind = Kind::close_tag;
        else if (html[start + 1] == '!' || html[start + 1] == '?' || self_closing ||
                 is_void_element(name))
          t.kind = Kind::void_tag;
        else t.kind = Kind::open_tag;
        t.name = std::move(name);
      }
      t.text = html.substr(start, i - start);
      t.core = t.text.size();
      out.push_back(std::move(t));
    } else if (is_space(c)) {
      size_t start = i;
      while (i < n && is_space(html[i])) ++i;
      if (out.empty()) {
        out.push_back({html.substr(start, i - start), Kind::space, {}, i - start});
      } else {  // belongs to the token before
        Token& prev = out.back();
        prev.text = std::string_view(prev.text.data(), prev.text.size() + (i - start));
      }
    } else {
      size_t start = i;
      ++i;
      while (i < n && !is_space(html[i]) &&
             !(html[i] == '<' && i + 1 < n &&
               (is_alpha(html[i + 1]) || html[i + 1] == '/' || html[i + 1] == '!' ||
                html[i + 1] == '?')))
        ++i;
      out.push_back({html.substr(start, i - start), Kind::word, {}, i - start});
    }
  }
  return out;
}

bool is_tag(const Token& t) { return t.kind != Kind::word && t.kind != Kind::space; }

// ---------------------------------------------------------------------------------------
// Myers' O(ND) difference algorithm in linear space (the bisection of diff-match-patch),
// on token ids, with a budget: a sub-problem that would cost too much is reported as
// "delete all of the old, insert all of the new".

enum class Op : uint8_t { equal, del, ins };
struct Edit {
  Op op;
  int a;  // old token index (equal, del)
  int b;  // new token index (equal, ins)
};

class Differ {
 public:
  Differ(const std::vector<int>& a, const std::vector<int>& b, long long budget)
      : a_(a), b_(b), budget_(budget) {}

  void diff(int a0, int a1, int b0, int b1, std::vector<Edit>& out) {
    // Common prefix and suffix.
    while (a0 < a1 && b0 < b1 && a_[a0] == b_[b0]) out.push_back({Op::equal, a0++, b0++});
    std::vector<Edit> tail;
    while (a0 < a1 && b0 < b1 && a_[a1 - 1] == b_[b1 - 1]) {
      --a1;
      --b1;
      tail.push_back({Op::equal, a1, b1});
    }
    if (a0 == a1) {
      for (int j = b0; j < b1; ++j) out.push_back({Op::ins, -1, j});
    } else if (b0 == b1) {
      for (int i = a0; i < a1; ++i) out.push_back({Op::del, i, -1});
    } else {
      bisect(a0, a1, b0, b1, out);
    }
    out.insert(out.end(), tail.rbegin(), tail.rend());
  }

  bool exhausted() const { return budget_ <= 0; }

 private:
  void all_changed(int a0, int a1, int b0, int b1, std::vector<Edit>& out) {
    for (int i = a0; i < a1; ++i) out.push_back({Op::del, i, -1});
    for (int j = b0; j < b1; ++j) out.push_back({Op::ins, -1, j});
  }

  void bisect(int a0, int a1, int b0, int b1, std::vector<Edit>& out) {
    const int n = a1 - a0, m = b1 - b0;
    const int max_d = (n + m + 1) / 2;
    const int offset = max_d;
    const int length = 2 * max_d + 2;
    std::vector<int> v1(length, -1), v2(length, -1);
    v1[offset + 1] = 0;
    v2[offset + 1] = 0;
    const int delta = n - m;
    const bool front = (delta % 2) != 0;
    int k1start = 0, k1end = 0, k2start = 0, k2end = 0;
    for (int d = 0; d < max_d; ++d) {
      if (budget_ <= 0) break;
      for (int k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
        int k1o = offset + k1;
        int x1 = (k1 == -d || (k1 != d && v1[k1o - 1] < v1[k1o + 1])) ? v1[k1o + 1]
                                                                        : v1[k1o - 1] + 1;
        int y1 = x1 - k1;
        while (x1 < n && y1 < m && a_[a0 + x1] == b_[b0 + y1]) ++x1, ++y1, --budget_;
        --budget_;
        v1[k1o] = x1;
        if (x1 > n) {
          k1end += 2;
        } else if (y1 > m) {
          k1start += 2;
        } else if (front) {
          int k2o = offset + delta - k1;
          if (k2o >= 0 && k2o < length && v2[k2o] != -1 && x1 >= n - v2[k2o]) {
            split(a0, a1, b0, b1, x1, y1, out);
            return;
          }
        }
      }
      for (int k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
        int k2o = offset + k2;
        int x2 = (k2 == -d || (k2 != d && v2[k2o - 1] < v2[k2o + 1])) ? v2[k2o + 1]
                                                                        : v2[k2o - 1] + 1;
        int y2 = x2 - k2;
        while (x2 < n && y2 < m && a_[a1 - x2 - 1] == b_[b1 - y2 - 1]) ++x2, ++y2, --budget_;
        --budget_;
        v2[k2o] = x2;
        if (x2 > n) {
          k2end += 2;
        } else if (y2 > m) {
          k2start += 2;
        } else if (!front) {
          int k1o = offset + delta - k2;
          if (k1o >= 0 && k1o < length && v1[k1o] != -1) {
            int x1 = v1[k1o];
            int y1 = offset + x1 - k1o;
            if (x1 >= n - x2) {
              split(a0, a1, b0, b1, x1, y1, out);
              return;
            }
          }
        }
      }
    }
    all_changed(a0, a1, b0, b1, out);
  }

  void split(int a0, int a1, int b0, int b1, int x, int y, std::vector<Edit>& out) {
    diff(a0, a0 + x, b0, b0 + y, out);
    diff(a0 + x, a1, b0 + y, b1, out);
  }

  const std::vector<int>& a_;
  const std::vector<int>& b_;
  long long budget_;
};

// ---------------------------------------------------------------------------------------

size_t text_length(const std::vector<Token>& tokens, int i) {
  return tokens[i].kind == Kind::word ? tokens[i].core : 0;
}

// Turns small equalities between changes into a deletion and an insertion, so that a
// rewritten sentence reads as one deletion and one insertion instead of alternating
// fragments around each shared space or "the" (diff-match-patch's semantic cleanup, on
// words). Equalities containing tags stay: tags anchor the structure.
void cleanup_semantic(std::vector<Edit>& edits, const std::vector<Token>& old_tokens,
                      const std::vector<Token>& new_tokens) {
  bool changed = true;
  while (changed) {
    changed = false;
    // Segments: [begin, end) runs of equal or of non-equal edits.
    struct Segment {
      size_t begin, end;
      bool equal;
    };
    std::vector<Segment> segs;
    for (size_t i = 0; i < edits.size();) {
      size_t j = i;
      bool eq = edits[i].op == Op::equal;
      while (j < edits.size() && (edits[j].op == Op::equal) == eq) ++j;
      segs.push_back({i, j, eq});
      i = j;
    }
    auto change_size = [&](const Segment& s, size_t& del, size_t& ins) {
      del = ins = 0;
      for (size_t k = s.begin; k < s.end; ++k) {
        if (edits[k].op == Op::del) del += text_length(old_tokens, edits[k].a);
        else ins += text_length(new_tokens, edits[k].b);
      }
    };
    std::vector<Edit> out;
    out.reserve(edits.size() + 16);
    for (size_t s = 0; s < segs.size(); ++s) {
      const Segment& seg = segs[s];
      bool convert = false;
      if (seg.equal && s > 0 && s + 1 < segs.size()) {
        size_t len = 0;
        bool has_tag = false;
        for (size_t k = seg.begin; k < seg.end; ++k) {
          if (is_tag(new_tokens[edits[k].b])) has_tag = true;
          len += text_length(new_tokens, edits[k].b);
        }
        if (!has_tag) {
          size_t del_before, ins_before, del_after, ins_after;
          change_size(segs[s - 1], del_before, ins_before);
          change_size(segs[s + 1], del_after, ins_after);
          // Stricter than diff-match-patch (len <= each side): a shared word as long as
          // half of the change on either side is worth showing as unchanged.
          convert = std::max(del_before, ins_before) > 0 && std::max(del_after, ins_after) > 0 &&
                    2 * len <= std::max(del_before, ins_before) &&
                    2 * len <= std::max(del_after, ins_after);
        }
      }
      if (convert) {
        for (size_t k = seg.begin; k < seg.end; ++k) out.push_back({Op::del, edits[k].a, -1});
        for (size_t k = seg.begin; k < seg.end; ++k) out.push_back({Op::ins, -1, edits[k].b});
        changed = true;
      } else {
        out.insert(out.end(), edits.begin() + static_cast<long>(seg.begin),
                   edits.begin() + static_cast<long>(seg.end));
      }
    }
    edits.swap(out);
  }
  // In every run of changes, deletions first (old order), then insertions (new order).
  for (size_t i = 0; i < edits.size();) {
    if (edits[i].op == Op::equal) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < edits.size() && edits[j].op != Op::equal) ++j;
    std::stable_partition(edits.begin() + static_cast<long>(i),
                          edits.begin() + static_cast<long>(j),
                          [](const Edit& e) { return e.op == Op::del; });
    i = j;
  }
}

constexpr std::string_view kDelOpen =
    "<del class=\"diff-del\"><span class=\"visually-hidden\">deleted: </span>";
constexpr std::string_view kInsOpen =
    "<ins class=\"diff-ins\"><span class=\"visually-hidden\">inserted: </span>";

class Writer {
 public:
  explicit Writer(size_t reserve) { out_.reserve(reserve); }

  // A token of the new version, unchanged (inserted = false) or inserted.
  void emit_new(const Token& t, bool inserted) {
    if (is_tag(t)) {
      close_ins();
      flush_deleted();
      out_.append(t.text);
      if (t.kind == Kind::open_tag) {
        stack_.push_back(t.name);
      } else if (t.kind == Kind::close_tag) {
        auto it = std::find(stack_.rbegin(), stack_.rend(), t.name);
        if (it != stack_.rend()) stack_.erase(std::next(it).base(), stack_.end());
      }
      return;
    }
    if (inserted) {
      if (t.kind == Kind::word) flush_deleted();
      ins_.push_back(&t);
      return;
    }
    close_ins();
    if (t.kind == Kind::word) flush_deleted();
    out_.append(t.text);
  }

  // A text token of the old version that is gone. A deleted tag ends the current run.
  void emit_deleted(const Token& t) {
    if (is_tag(t)) {
      end_deleted_run();
      return;
    }
    close_ins();
    if (runs_.empty() || run_closed_) {
      runs_.emplace_back();
      run_closed_ = false;
    }
    runs_.back().append(t.text);
  }

  std::string finish() {
    close_ins();
    flush_deleted(/*force=*/true);
    return std::move(out_);
  }

 private:
  void end_deleted_run() { run_closed_ = true; }

  bool text_allowed() const { return stack_.empty() || !text_forbidden_in(stack_.back()); }

  // Deleted text goes where text may go: here, or at the next such place.
  void flush_deleted(bool force = false) {
    if (runs_.empty() || (!force && !text_allowed())) return;
    bool first = true;
    for (const std::string& run : runs_) {
      size_t e = run.find_last_not_of(" \n\t\r\f");
      if (e == std::string::npos) continue;  // only whitespace went
      if (!first && !out_.empty() && !is_space(out_.back())) out_.push_back(' ');
      first = false;
      out_.append(kDelOpen);
      out_.append(run, 0, e + 1);
      out_.append("</del>");
      out_.append(run, e + 1);
    }
    runs_.clear();
    run_closed_ = false;
  }

  // Inserted text: whitespace at either end stays outside the ins element.
  void close_ins() {
    if (ins_.empty()) return;
    size_t first = 0, last = ins_.size();
    while (first < last && ins_[first]->kind == Kind::space) ++first;
    for (size_t i = 0; i < first; ++i) out_.append(ins_[i]->text);
    if (first < last) {
      out_.append(kInsOpen);
      for (size_t i = first; i + 1 < last; ++i) out_.append(ins_[i]->text);
      out_.append(ins_[last - 1]->core_text());
      out_.append("</ins>");
      out_.append(ins_[last - 1]->trailing());
    }
    ins_.clear();
  }

  std::string out_;
  std::vector<std::string> stack_;
  std::vector<const Token*> ins_;
  std::vector<std::string> runs_;
  bool run_closed_ = false;
};

}  // namespace

std::string html_word_diff(std::string_view old_html, std::string_view new_html) {
  if (old_html == new_html) return std::string(new_html);
  std::vector<Token> old_tokens = tokenize(old_html);
  std::vector<Token> new_tokens = tokenize(new_html);

  // The tokens both versions start and end with are equal, as the differ's own first step
  // would find: set aside here, so that only the changed middle (a paragraph or two of a
  // revision, mostly) is given ids, in a map far smaller than one of every token.
  const int na = static_cast<int>(old_tokens.size()), nb = static_cast<int>(new_tokens.size());
  int prefix = 0, suffix = 0;
  while (prefix < na && prefix < nb && old_tokens[prefix].core_text() == new_tokens[prefix].core_text()) ++prefix;
  while (suffix < na - prefix && suffix < nb - prefix &&
         old_tokens[na - 1 - suffix].core_text() == new_tokens[nb - 1 - suffix].core_text())
    ++suffix;

  std::unordered_map<std::string_view, int> ids;
  ids.reserve(static_cast<size_t>(na + nb - 2 * (prefix + suffix)));
  auto id_of = [&](const Token& t) {
    return ids.emplace(t.core_text(), static_cast<int>(ids.size())).first->second;
  };
  // Indexed as the tokens are; the ends set aside are never read.
  std::vector<int> a(old_tokens.size(), -1), b(new_tokens.size(), -1);
  for (int i = prefix; i < na - suffix; ++i) a[i] = id_of(old_tokens[i]);
  for (int j = prefix; j < nb - suffix; ++j) b[j] = id_of(new_tokens[j]);

  // Some tens of milliseconds of work at most; past that, the part of the document still
  // being compared is shown as deleted and inserted whole.
  constexpr long long kBudget = 15'000'000;
  Differ differ(a, b, kBudget);
  std::vector<Edit> edits;
  edits.reserve(a.size() + b.size());
  for (int i = 0; i < prefix; ++i) edits.push_back({Op::equal, i, i});
  differ.diff(prefix, na - suffix, prefix, nb - suffix, edits);
  for (int k = suffix; k > 0; --k) edits.push_back({Op::equal, na - k, nb - k});
  cleanup_semantic(edits, old_tokens, new_tokens);

  Writer w(new_html.size() + new_html.size() / 4 + 256);
  for (const Edit& e : edits) {
    switch (e.op) {
      case Op::equal: w.emit_new(new_tokens[e.b], false); break;
      case Op::ins: w.emit_new(new_tokens[e.b], true); break;
      case Op::del: w.emit_deleted(old_tokens[e.a]); break;
    }
  }
  return w.finish();
}

}  // namespace scrutiny
