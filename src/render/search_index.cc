#include "search_index.h"

#include <libstemmer.h>

#include <algorithm>
#include <array>
#include <tuple>
#include <map>
#include <set>
#include <unordered_map>

#include "json_writer.h"
#include "site_path.h"
#include "status.h"
#include "utf8.h"

namespace scrutiny {
namespace {

// Base letters of U+00C0..U+00FF ('*' for the two signs there) and U+0100..U+017F, as on the
// A to Z page; search.js holds the same two tables, so the browser folds queries alike.
constexpr std::string_view kLatin1 = "aaaaaaaceeeeiiiidnooooo*ouuuuytsaaaaaaaceeeeiiiidnooooo*ouuuuyty";
constexpr std::string_view kLatinExtendedA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
static_assert(kLatin1.size() == 0x40 && kLatinExtendedA.size() == 0x80);

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

enum class CharClass { separator, letter, digit, mark, other_script };

// What a code point is to the tokenizer; `folded` is the letter or digit it stands for.
constexpr CharClass classify(char32_t cp, char32_t& folded) {
  folded = cp;
  if (cp < 0x80) {
    if (cp >= 'a' && cp <= 'z') return CharClass::letter;
    if (cp >= 'A' && cp <= 'Z') return folded = cp + 32, CharClass::letter;
    if (cp >= '0' && cp <= '9') return CharClass::digit;
    return CharClass::separator;
  }
  if (cp < 0xc0) return CharClass::separator;
  if (cp < 0x100) return kLatin1[cp - 0xc0] == '*' ? CharClass::separator : (folded = kLatin1[cp - 0xc0], CharClass::letter);
  if (cp < 0x180) return folded = kLatinExtendedA[cp - 0x100], CharClass::letter;
  if (cp >= 0x300 && cp < 0x370) return CharClass::mark;
  // Punctuation, symbols, arrows, shapes, CJK punctuation, specials.
  if ((cp >= 0x2000 && cp < 0x2c00) || (cp >= 0x3000 && cp < 0x3040) || cp >= 0xfff0 || (cp >= 0xd800 && cp < 0xe000))
    return CharClass::separator;
  return CharClass::other_script;
}

bool is_apostrophe(char32_t cp) { return cp == '\'' || cp == 0x2019; }

constexpr std::string_view kNumberDigits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";

std::string cp_prefix(std::string_view term, size_t n) {
  size_t i = 0;
  for (size_t k = 0; k < n && i < term.size(); ++k) next_code_point(term, i);
  return std::string(term.substr(0, i));
}

size_t cp_length(std::string_view term) {
  size_t n = 0;
  for (size_t i = 0; i < term.size(); ++n) next_code_point(term, i);
  return n;
}

// Calls `take` with each of the words search_words gives, in order, as a view of a buffer
// reused from word to word. A document's whole text is split here: decoded as it goes, an
// ASCII byte without a call, rather than into a vector of code points and then a vector of
// words, and each byte of a word stored without string::push_back's call, which was most of
// the search index's cost.
template <typename Take>
void for_each_search_word(std::string_view text, Take take) {
  struct Char {
    char32_t cp, folded;
    CharClass cls;
  };
  // classify() of each ASCII byte, taken from a table: most text is ASCII.
  static constexpr auto kAscii = [] {
    std::array<std::pair<CharClass, char32_t>, 0x80> table{};
    for (char32_t cp = 0; cp < 0x80; ++cp) table[cp].first = classify(cp, table[cp].second);
    return table;
  }();
  // The next code point from i that is not a combining mark (marks are dropped, as if absent).
  auto next = [&](size_t& i, Char& c) {
    while (i < text.size()) {
      if (const unsigned char b = static_cast<unsigned char>(text[i]); b < 0x80) {
        ++i;
        c.cp = b;
        std::tie(c.cls, c.folded) = kAscii[b];
        return true;  // never a mark nor another script
      }
      c.cp = next_code_point(text, i);
      c.cls = classify(c.cp, c.folded);
      if (c.cls == CharClass::other_script) c.cls = CharClass::letter;
      if (c.cls != CharClass::mark) return true;
    }
    return false;
  };
  std::string buffer(64, '\0');  // the word so far is its first `length` bytes
  size_t length = 0;
  auto put = [&](char byte) {
    if (length == buffer.size()) buffer.resize(2 * buffer.size());
    buffer[length++] = byte;
  };
  auto flush = [&] {
    if (length > 0) take(std::string_view(buffer.data(), length));
    length = 0;
  };
  CharClass before = CharClass::separator;
  size_t i = 0;
  Char c, after;
  for (bool have = next(i, c); have;) {
    const bool have_after = next(i, after);
    if (c.cls != CharClass::separator) {
      if (c.folded < 0x80) {
        put(static_cast<char>(c.folded));
      } else {
        std::string bytes;
        append_utf8(bytes, c.folded);
        for (char byte : bytes) put(byte);
      }
    } else if (length > 0 && have_after && c.cp == '.' && before == CharClass::digit &&
               after.cls == CharClass::digit) {
      put('.');  // a '.' between digits ("3.2") joins
    } else if (length > 0 && have_after && is_apostrophe(c.cp) && before == CharClass::letter &&
               after.cls == CharClass::letter) {
      put('\'');  // as does an apostrophe between letters ("children's")
    } else {
      flush();
    }
    before = c.cls;
    c = after;
    have = have_after;
  }
  flush();
}

// Everything the index knows of one stem.
struct StemEntry {
  std::set<std::string> forms;                 // the words that gave it, as folded
  std::vector<std::pair<size_t, int>> postings;  // (document, weight), documents ascending
};

// The shard's text for one stem: "stem","forms","postings", as search.js reads them.
std::string entry_json(const std::string& stem, const StemEntry& e) {
  std::string forms;
  for (const std::string& f : e.forms) {
    if (!forms.empty() || f != *e.forms.begin()) forms += '|';
    if (f.compare(0, stem.size(), stem) == 0) forms += f.substr(stem.size());
    else forms += "=" + f;
  }
  std::string postings;
  long long previous = -1;
  for (const auto& [doc, weight] : e.postings) {
    unsigned long long delta = static_cast<unsigned long long>(static_cast<long long>(doc) - previous - 1);
    previous = static_cast<long long>(doc);
    append_search_number(postings, delta * 2 + (weight != 1 ? 1 : 0));
    if (weight != 1) append_search_number(postings, static_cast<unsigned long long>(weight));
  }
  return json_string(stem) + "," + json_string(forms) + "," + json_string(postings);
}

std::string document_list(const std::vector<size_t>& docs) {
  std::string out;
  long long previous = -1;
  for (size_t d : docs) {
    if (static_cast<long long>(d) == previous) continue;
    append_search_number(out, static_cast<unsigned long long>(static_cast<long long>(d) - previous - 1));
    previous = static_cast<long long>(d);
  }
  return out;
}

std::string script(std::string_view name, const std::string& json) {
  return "scrutinySearch.add(" + json_string(name) + "," + json + ");\n";
}

// Splits the stems in [begin, end) (all starting with `key`) into shards, appending (key, text)
// pairs: while the group is too big, stems longer than the key move into shards keyed one
// letter longer, and the stems equal to the key stay.
using StemIt = std::map<std::string, StemEntry>::const_iterator;
void add_shard(const std::string& key, const std::vector<std::pair<StemIt, std::string>>& group,
               std::vector<std::pair<std::string, std::string>>& shards) {
  std::string text = "[";
  for (size_t k = 0; k < group.size(); ++k) text += (k ? "," : "") + group[k].second;
  text += "]";
  shards.emplace_back(key, std::move(text));
}

void make_shards(const std::string& key, std::vector<std::pair<StemIt, std::string>> group, size_t shard_bytes,
                 std::vector<std::pair<std::string, std::string>>& shards) {
  size_t bytes = 0;
  for (const auto& [it, json] : group) bytes += json.size() + 1;
  size_t length = cp_length(key);
  bool split = length < 2 || (bytes > shard_bytes && length < kSearchMaxKeyLength);
  if (split) {
    std::vector<std::pair<StemIt, std::string>> stay;
    std::map<std::string, std::vector<std::pair<StemIt, std::string>>> children;
    for (auto& entry : group) {
      if (cp_length(entry.first->first) <= length) stay.push_back(std::move(entry));
      else children[cp_prefix(entry.first->first, length + 1)].push_back(std::move(entry));
    }
    if (!stay.empty() && !key.empty()) add_shard(key, stay, shards);
    for (auto& [child, entries] : children) make_shards(child, std::move(entries), shard_bytes, shards);
    return;
  }
  add_shard(key, group, shards);
}

// The plans and themes a document belongs to, for the search page's filters.
void add_plans_and_themes(const Portal& portal, size_t i, std::set<std::string>& plans, std::set<std::string>& themes) {
  const Document& d = portal.doc(i);
  auto theme_plan = [&](const std::string& theme_id) {
    themes.insert(theme_id);
    if (int t = portal.links.find(theme_id); t >= 0 && !portal.doc(t).plan.id.empty()) plans.insert(portal.doc(t).plan.id);
  };
  switch (d.type) {
    case DocType::plan: plans.insert(d.id); break;
    case DocType::theme: theme_plan(d.id); break;
    case DocType::action:
      if (!d.theme.id.empty()) theme_plan(d.theme.id);
      break;
    case DocType::recommendation:
      for (const Ref& t : d.themes) theme_plan(t.id);
      break;
    case DocType::measure:
      // A measure belongs where what it evidences does.
      for (const Ref& e : d.evidences) {
        int t = portal.links.find(e.id);
        if (t < 0) continue;
        if (portal.doc(t).type == DocType::theme) theme_plan(e.id);
        else if (portal.doc(t).type == DocType::action && !portal.doc(t).theme.id.empty()) theme_plan(portal.doc(t).theme.id);
      }
      break;
    default: break;
  }
}

}  // namespace

std::string_view type_label(DocType type) {
  switch (type) {
    case DocType::inspection: return "Inspection";
    case DocType::recommendation: return "Recommendation";
    case DocType::plan: return "Improvement plan";
    case DocType::theme: return "Theme";
    case DocType::action: return "Action";
    case DocType::update: return "Progress update";
    case DocType::page: return "Page";
    case DocType::measure: return "Performance measure";
  }
  return "Page";
}

std::vector<std::string> search_words(std::string_view text) {
  std::vector<std::string> words;
  for_each_search_word(text, [&](std::string_view word) { words.emplace_back(word); });
  return words;
}

EnglishStemmer::EnglishStemmer() : stemmer_(sb_stemmer_new("english", "UTF_8")) {}
EnglishStemmer::~EnglishStemmer() { sb_stemmer_delete(stemmer_); }

std::string EnglishStemmer::stem(const std::string& word) const {
  if (!stemmer_ || word.find_first_of("0123456789") != std::string::npos) return word;
  const sb_symbol* s = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()),
                                       static_cast<int>(word.size()));
  if (!s) return word;
  std::string out(reinterpret_cast<const char*>(s), static_cast<size_t>(sb_stemmer_length(stemmer_)));
  return out.empty() ? word : out;
}

void append_search_number(std::string& out, unsigned long long n) {
  char digits[16];
  size_t k = 0;
  digits[k++] = kNumberDigits[n % 32];
  for (n /= 32; n > 0; n /= 32) digits[k++] = kNumberDigits[32 + n % 32];
  while (k > 0) out += digits[--k];
}

std::string search_shard_key(std::string_view term, const std::vector<std::string>& keys) {
  std::string best;
  for (const std::string& k : keys)
    if (k.size() > best.size() && term.substr(0, k.size()) == k) best = k;
  return best;
}

std::vector<std::string> search_shards_for(std::string_view word, bool prefix, const std::vector<std::string>& keys) {
  std::vector<std::string> out;
  for (const std::string& k : keys)
    if (prefix && k.size() > word.size() && std::string_view(k).substr(0, word.size()) == word) out.push_back(k);
  if (std::string best = search_shard_key(word, keys); !best.empty()) out.push_back(best);
  return out;
}

std::string search_shard_file(std::string_view key) {
  static const char* hex = "0123456789abcdef";
  std::string out = "t-";
  for (char ch : key) {
    unsigned char c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += ch;
    } else {
      out += '_';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out + ".js";
}

std::vector<SearchFile> search_index_files(const Portal& portal, size_t shard_bytes) {
  EnglishStemmer stemmer;
  std::map<std::string, StemEntry> stems;
  // Folded word -> its stem's entry. A word has the same stem and is the same form wherever it
  // occurs, so it is stemmed and added to its stem's forms once, at its first occurrence; every
  // later one costs a single lookup (a large portal's text has millions of words, few distinct).
  // Looked up by the word as split, without a string made for it (only a new word is copied).
  struct WordHash {
    using is_transparent = void;
    size_t operator()(std::string_view word) const { return std::hash<std::string_view>{}(word); }
  };
  std::unordered_map<std::string, StemEntry*, WordHash, std::equal_to<>> entry_of;
  std::vector<SearchFile> files;
  std::map<std::string, std::map<std::string, std::vector<size_t>>> facets;

  for (size_t i = 0; i < portal.documents.size(); ++i) {
    const Document& d = portal.doc(i);
    std::string keywords = d.id.substr(d.id.rfind('/') == std::string::npos ? 0 : d.id.rfind('/') + 1);
    if (!d.number_label.empty()) keywords += " " + d.number_label;
    if (d.number) keywords += " " + std::to_string(*d.number);
    std::string text = d.summary;
    auto add_text = [&](const std::string& more) {
      if (more.empty()) return;
      if (!text.empty()) text += "\n\n";
      text += more;
    };
    if (i < portal.bodies.size()) add_text(portal.bodies[i].plain_text());
    for (const Milestone& m : d.milestones) add_text(m.title);

    auto index = [&](const std::string& field, int weight) {
      for_each_search_word(field, [&](std::string_view w) {
        auto it = entry_of.find(w);
        if (it == entry_of.end()) {
          std::string word(w);
          StemEntry& entry = stems[stemmer.stem(word)];
          entry.forms.insert(word);
          it = entry_of.emplace(std::move(word), &entry).first;
        }
        // Documents are indexed in ascending order, so this document's posting, once begun, is
        // the stem's last one; its weight sums every occurrence, up to the most a posting holds.
        std::vector<std::pair<size_t, int>>& postings = it->second->postings;
        if (postings.empty() || postings.back().first != i) postings.emplace_back(i, 0);
        postings.back().second = std::min(kSearchMaxWeight, postings.back().second + weight);
      });
    };
    index(keywords, kSearchWeightId);
    index(d.title, kSearchWeightTitle);
    index(d.summary, kSearchWeightSummary - kSearchWeightBody);  // the summary is in `text` too
    index(text, kSearchWeightBody);

    JsonWriter doc(false);
    doc.begin_object();
    doc.key("u").value(document_page_path(d.id));
    doc.key("t").value(d.title);
    doc.key("y").value(doc_type_value(d.type));
    doc.key("k").value(keywords);
    doc.key("x").value(text);
    doc.end_object();
    std::string name = "d/" + std::to_string(i);
    files.push_back({kSearchDir + name + ".js", script(name, doc.finish())});

    facets["type"][std::string(doc_type_value(d.type))].push_back(i);
    if (d.status) facets["status"][std::string(status_value(*d.status))].push_back(i);
    std::set<std::string> plans, themes;
    add_plans_and_themes(portal, i, plans, themes);
    for (const std::string& p : plans) facets["plan"][p].push_back(i);
    for (const std::string& t : themes) facets["theme"][t].push_back(i);
  }

  std::vector<std::pair<StemIt, std::string>> all;
  for (auto it = stems.cbegin(); it != stems.cend(); ++it) all.emplace_back(it, entry_json(it->first, it->second));
  std::vector<std::pair<std::string, std::string>> shards;
  make_shards("", std::move(all), shard_bytes, shards);

  JsonWriter manifest(false);
  manifest.begin_object();
  manifest.key("version").value(2);
  manifest.key("documents").value(static_cast<long long>(portal.documents.size()));
  manifest.key("types").begin_object();
  for (DocType t : {DocType::inspection, DocType::recommendation, DocType::plan, DocType::theme, DocType::action,
                    DocType::update, DocType::page, DocType::measure})
    manifest.key(doc_type_value(t)).value(type_label(t));
  manifest.end_object();
  manifest.key("shards").begin_array();
  for (const auto& [key, text] : shards) manifest.value(key);
  manifest.end_array();
  manifest.end_object();
  files.insert(files.begin(), {std::string(kSearchDir) + "index.js", script("index", manifest.finish())});

  for (const auto& [key, text] : shards) {
    std::string file = search_shard_file(key);
    files.push_back({kSearchDir + file, script(file.substr(0, file.size() - 3), text)});
  }

  JsonWriter f(false);
  f.begin_object();
  for (const auto& [facet, values] : facets) {
    f.key(facet).begin_object();
    for (const auto& [value, docs] : values) f.key(value).value(document_list(docs));
    f.end_object();
  }
  f.end_object();
  files.push_back({std::string(kSearchDir) + "facets.js", script("facets", f.finish())});
  return files;
}

}  // namespace scrutiny
