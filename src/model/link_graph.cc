#include "link_graph.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <numeric>
#include <optional>
#include <tuple>

#include "copied_file.h"

namespace scrutiny {
namespace {

// Optimal string alignment distance: like Levenshtein, but swapping two neighbouring
// characters ("a71" for "a17") counts as one edit, as it is one slip of the fingers.
size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

// How many characters one string has that the other lacks, counted with repeats: 0 for
// the same characters in another order.
size_t character_difference(std::string_view a, std::string_view b) {
  std::array<int, 256> count{};
  for (unsigned char c : a) ++count[c];
  for (unsigned char c : b) --count[c];
  size_t diff = 0;
  for (int n : count) diff += static_cast<size_t>(n < 0 ? -n : n);
  return diff;
}

std::string_view folder_of(std::string_view id) {
  size_t slash = id.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : id.substr(0, slash);
}

std::string_view leaf_of(std::string_view id) {
  size_t slash = id.rfind('/');
  return slash == std::string_view::npos ? id : id.substr(slash + 1);
}

// "a018-old-name" -> "a18": the part before the first -, with leading zeros of numbers
// dropped; empty unless it holds both letters and digits, as action numbers do (a year
// such as "2016" would match every recommendation of that year).
std::string number_key(std::string_view leaf) {
  std::string_view token = leaf.substr(0, leaf.find('-'));
  std::string key;
  bool letters = false, digits = false;
  for (size_t i = 0; i < token.size();) {
    if (token[i] < '0' || token[i] > '9') {
      letters = true;
      key += token[i++];
      continue;
    }
    digits = true;
    size_t end = i;
    while (end < token.size() && token[end] >= '0' && token[end] <= '9') ++end;
    std::string_view run = token.substr(i, end - i);
    size_t significant = run.find_first_not_of('0');
    key += significant == std::string_view::npos ? std::string_view("0") : run.substr(significant);
    i = end;
  }
  return letters && digits ? key : std::string();
}

// The number an id's last part or an action's number label gives: "a018-old-name" -> "18",
// "A1.2" -> "1.2", "17" -> "17"; empty when it holds no such number.
std::string number_part(std::string_view text) {
  text = text.substr(0, text.find('-'));
  size_t start = 0;
  while (start < text.size() && ((text[start] >= 'a' && text[start] <= 'z') || (text[start] >= 'A' && text[start] <= 'Z')))
    ++start;
  text.remove_prefix(start);
  while (text.size() > 1 && text[0] == '0' && text[1] != '.') text.remove_prefix(1);
  if (text.empty() || text.find_first_not_of("0123456789.") != std::string_view::npos || text[0] == '.')
    return "";
  return std::string(text);
}

// The same document by its number or its id's start: "a18" and "a18-ehe-business-case".
bool same_numbered(std::string_view ref, std::string_view candidate) {
  if (folder_of(ref) != folder_of(candidate)) return false;
  std::string_view a = leaf_of(ref), b = leaf_of(candidate);
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() > a.size() && b.substr(0, a.size()) == a && b[a.size()] == '-') return true;
  std::string ka = number_key(a);
  return !ka.empty() && ka == number_key(b);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// How many words of the reference's last part ("business-case-for-education") the title
// holds, when they are at least two and at least half of them; 0 otherwise.
size_t title_words_matched(std::string_view ref, std::string_view title) {
  std::string t = lower(title);
  std::string_view leaf = leaf_of(ref);
  size_t words = 0, matched = 0, start = 0;
  while (start <= leaf.size()) {
    size_t end = std::min(leaf.find_first_of("-_", start), leaf.size());
    std::string_view word = leaf.substr(start, end - start);
    bool has_letter = std::any_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    if (word.size() >= 3 && has_letter) {
      ++words;
      if (t.find(word) != std::string::npos) ++matched;
    }
    start = end + 1;
  }
  return matched >= 2 && 2 * matched >= words ? matched : 0;
}

// A front matter reference, the relation it makes and the type it must point at (nullopt: any).
struct TypedRef {
  const Ref* ref;
  Relation relation;
  std::optional<DocType> expected;
};

std::vector<TypedRef> front_matter_refs(const Document& d) {
  std::vector<TypedRef> out;
  auto one = [&](const Ref& r, Relation rel, std::optional<DocType> t) {
    if (!r.id.empty()) out.push_back({&r, rel, t});
  };
  auto many = [&](const std::vector<Ref>& rs, Relation rel, std::optional<DocType> t) {
    for (const Ref& r : rs) one(r, rel, t);
  };
  one(d.inspection, Relation::made_by, DocType::inspection);
  many(d.themes, Relation::in_themes, DocType::theme);
  many(d.inspections, Relation::responds_to, DocType::inspection);
  one(d.plan, Relation::in_plan, DocType::plan);
  one(d.theme, Relation::in_theme, DocType::theme);
  many(d.recommendations, Relation::answers, DocType::recommendation);
  many(d.reports_on, Relation::reports_on, std::nullopt);
  for (const StatusReport& s : d.statuses) one(s.action, Relation::reports_status, DocType::action);
  // Its types are checked where it is linked: a measure may evidence themes, actions or findings.
  many(d.evidences, Relation::evidences, std::nullopt);
  for (const MeasureReport& m : d.measure_reports) one(m.measure, Relation::reports_measure, DocType::measure);
  return out;
}

// Splits "A1.10" into text and number parts so A1.2 sorts before A1.10.
std::vector<std::pair<std::string, long long>> natural_key(const std::string& s) {
  std::vector<std::pair<std::string, long long>> out;
  size_t i = 0;
  while (i < s.size()) {
    std::string text;
    while (i < s.size() && !std::isdigit(static_cast<unsigned char>(s[i]))) text += s[i++];
    long long num = -1;
    if (i < s.size()) {
      num = 0;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) num = num * 10 + (s[i++] - '0');
    }
    out.emplace_back(text, num);
  }
  return out;
}

std::string with_article(DocType t) {
  std::string name(doc_type_value(t));
  return (std::string("aeiou").find(name[0]) != std::string::npos ? "an " : "a ") + name;
}

}  // namespace

bool action_before(const Document& a, const Document& b) {
  return std::make_tuple(a.number_label.empty(), natural_key(a.number_label), a.id) <
         std::make_tuple(b.number_label.empty(), natural_key(b.number_label), b.id);
}

std::string closest_id(std::string_view id, const std::vector<Document>& documents,
                       const std::vector<std::string>& other_ids) {
  // Ranked by: same number or same start of id, then fewest edits, then the same characters
  // in another order, then the same folder; failing all, a title holding the id's words.
  using Rank = std::tuple<int, size_t, size_t, bool, std::string_view>;
  std::optional<Rank> best;
  const size_t max_distance = std::max<size_t>(3, id.size() / 4);
  const std::string wanted_number = number_part(leaf_of(id));
  auto consider = [&](std::string_view candidate, std::string_view title, std::string_view label) {
    if (candidate == id) return;
    size_t dist = edit_distance(id, candidate);
    size_t difference = character_difference(id, candidate);
    // An action numbered 17 answers to "a17", and, one slip away, to "a71", whatever its id.
    bool numbered = false;
    std::string number = number_part(label);
    if (!wanted_number.empty() && !number.empty() && folder_of(id) == folder_of(candidate)) {
      numbered = number == wanted_number;
      if (size_t d = edit_distance(wanted_number, number); d < dist) {
        dist = d;
        difference = character_difference(wanted_number, number);
      }
    }
    size_t words = title_words_matched(id, title);
    int tier = numbered || same_numbered(id, candidate) ? 0 : dist <= max_distance ? 1 : words > 0 ? 2 : 3;
    if (tier == 3) return;
    // In the title tier, more words matched ranks first.
    Rank r{tier, tier == 2 ? id.size() - std::min(words, id.size()) : dist, difference,
           folder_of(id) != folder_of(candidate), candidate};
    if (!best || r < *best) best = r;
  };
  for (const Document& d : documents) consider(d.id, d.title, d.number_label);
  for (const std::string& other : other_ids) consider(other, "", "");
  return best ? std::string(std::get<4>(*best)) : std::string();
}

LinkGraph LinkGraph::build(const std::vector<Document>& documents,
                           const std::vector<std::vector<Ref>>& body_refs, Diagnostics& diags,
                           const std::vector<std::string>& unreadable_ids, const FormerIds& former_ids) {
  LinkGraph g;
  for (const Document& d : documents) g.types_.push_back(d.type);
  g.referrers_.resize(documents.size());
  g.references_.resize(documents.size());

  for (size_t i = 0; i < documents.size(); ++i) {
    auto [it, inserted] = g.by_id_.emplace(documents[i].id, i);
    if (!inserted) {
      // Reported at an `id =` line where there is one, as that is the line to change.
      const Document* here = &documents[i];
      const Document* other = &documents[it->second];
      if (here->id_line == 0 && other->id_line > 0) std::swap(here, other);
      // A file manager's copy keeps its original's `id =` line: the copy is the file to delete.
      if (!looks_like_copy(here->source_path) && looks_like_copy(other->source_path)) std::swap(here, other);
      if (looks_like_copy(here->source_path)) {
        diags.error(here->display_path, here->id_line > 0 ? here->id_line : 1, "id",
                    "duplicate id \"" + here->id + "\": this file looks like a copy of " + other->display_path +
                        " made by a file manager, and the site would publish it twice: delete the copy");
        continue;
      }
      diags.error(here->display_path, here->id_line > 0 ? here->id_line : 1, "id",
                  "duplicate id \"" + here->id + "\": " + other->display_path +
                      " already has it; give one of them a different `id` or file name");
    }
  }

  std::optional<std::unordered_map<std::string, std::string>> renamed;  // former_ids, once asked
  auto unknown = [&](const Document& d, const Ref& r) {
    // The document exists but could not be read: its own errors say why, and pointing this
    // reference at some other document would be wrong advice.
    if (std::find(unreadable_ids.begin(), unreadable_ids.end(), r.id) != unreadable_ids.end()) return;
    std::string msg = "unknown id \"" + r.id + "\": no document has this id";
    if (former_ids && !renamed) renamed = former_ids(documents);
    auto now = renamed ? renamed->find(r.id) : std::unordered_map<std::string, std::string>::iterator();
    if (renamed && now != renamed->end()) {
      diags.error(d.display_path, r.line, r.key,
                  msg + " now: its file was renamed, and the document is now \"" + now->second +
                      "\": change the reference to \"" + now->second + "\" (or, to keep the old address, set "
                      "`id = \"" + r.id + "\"` in the renamed file's front matter)");
      return;
    }
    std::string hint = closest_id(r.id, documents, unreadable_ids);
    msg += hint.empty() ? "; check the spelling against the file names under the content folder"
                        : "; did you mean \"" + hint + "\"?";
    diags.error(d.display_path, r.line, r.key, msg);
  };
  g.typed_referrers_.resize(documents.size());
  g.typed_references_.resize(documents.size());
  auto link = [&](size_t from, size_t to, Relation relation) {
    if (from == to) return;
    auto& refs = g.references_[from];
    if (std::find(refs.begin(), refs.end(), to) == refs.end()) {
      refs.push_back(to);
      g.referrers_[to].push_back(from);
    }
    auto& typed = g.typed_references_[from][static_cast<size_t>(relation)];
    if (std::find(typed.begin(), typed.end(), to) == typed.end()) {
      typed.push_back(to);
      g.typed_referrers_[to][static_cast<size_t>(relation)].push_back(from);
    }
  };

  for (size_t i = 0; i < documents.size(); ++i) {
    const Document& d = documents[i];
    for (const TypedRef& tr : front_matter_refs(d)) {
      int target = g.find(tr.ref->id);
      if (target < 0) {
        unknown(d, *tr.ref);
        continue;
      }
      const Document& t = documents[target];
      if (tr.expected && t.type != *tr.expected) {
        diags.error(d.display_path, tr.ref->line, tr.ref->key,
                    "\"" + tr.ref->id + "\" is " + with_article(t.type) + ", but this field needs " +
                        with_article(*tr.expected) + ": give the id of " + with_article(*tr.expected));
        continue;
      }
      if (tr.relation == Relation::evidences && t.type != DocType::theme && t.type != DocType::action &&
          t.type != DocType::recommendation) {
        diags.error(d.display_path, tr.ref->line, tr.ref->key,
                    "\"" + tr.ref->id + "\" is " + with_article(t.type) + ", but a measure can evidence only "
                    "a theme, an action or a recommendation: give the id of one of those");
        continue;
      }
      link(i, static_cast<size_t>(target), tr.relation);
    }
    if (i < body_refs.size()) {
      for (const Ref& r : body_refs[i]) {
        int target = g.find(r.id);
        if (target < 0) unknown(d, r);
        else link(i, static_cast<size_t>(target), Relation::mentions);
      }
    }
  }
  for (auto& v : g.referrers_) std::sort(v.begin(), v.end());
  g.order_for_reading(documents);
  return g;
}

void LinkGraph::order_for_reading(const std::vector<Document>& documents) {
  auto published = [&](const Document& r) {
    int i = find(r.inspection.id);
    return i >= 0 && documents[i].published ? *documents[i].published : Date{};
  };
  auto before = [&](size_t ia, size_t ib) {
    const Document& a = documents[ia];
    const Document& b = documents[ib];
    if (a.type != b.type) return a.type < b.type;
    switch (a.type) {
      case DocType::action: return action_before(a, b);
      case DocType::recommendation:
        // As the report gives them: each kind of finding in turn (areas for priority action
        // before areas for improvement), as kinds are numbered from 1 each.
        return std::make_tuple(published(a), a.inspection.id, a.kind_rank, a.number.value_or(1LL << 40), a.id) <
               std::make_tuple(published(b), b.inspection.id, b.kind_rank, b.number.value_or(1LL << 40), b.id);
      case DocType::update: return a.date > b.date;  // newest first
      case DocType::theme: return std::make_pair(a.number, a.id) < std::make_pair(b.number, b.id);
      case DocType::inspection: return a.published > b.published;  // newest first
      default: return a.title < b.title;
    }
  };
  std::vector<size_t> order(documents.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), before);
  rank_.assign(documents.size(), 0);
  for (size_t k = 0; k < order.size(); ++k) {
    rank_[order[k]] = k;
    in_reading_order_[static_cast<size_t>(documents[order[k]].type)].push_back(order[k]);
  }
  auto by_rank = [&](size_t a, size_t b) { return rank_[a] < rank_[b]; };
  for (auto* table : {&typed_referrers_, &typed_references_})
    for (ByRelation& lists : *table)
      for (std::vector<size_t>& list : lists) std::sort(list.begin(), list.end(), by_rank);
}

std::vector<size_t> LinkGraph::referrers_in_reading_order(size_t target, DocType type) const {
  std::vector<size_t> out = referrers(target, type);
  std::sort(out.begin(), out.end(), [&](size_t a, size_t b) { return rank_[a] < rank_[b]; });
  return out;
}

int LinkGraph::find(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? -1 : static_cast<int>(it->second);
}

std::vector<size_t> LinkGraph::referrers(size_t target, DocType type) const {
  std::vector<size_t> out;
  for (size_t i : referrers_[target])
    if (types_[i] == type) out.push_back(i);
  return out;
}

}  // namespace scrutiny
