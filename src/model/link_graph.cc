#include "link_graph.h"

#include <algorithm>
#include <optional>

namespace scrutiny {
namespace {

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// A front matter reference and the type it must point at (nullopt: any type).
struct TypedRef {
  const Ref* ref;
  std::optional<DocType> expected;
};

std::vector<TypedRef> front_matter_refs(const Document& d) {
  std::vector<TypedRef> out;
  auto one = [&](const Ref& r, std::optional<DocType> t) {
    if (!r.id.empty()) out.push_back({&r, t});
  };
  auto many = [&](const std::vector<Ref>& rs, std::optional<DocType> t) {
    for (const Ref& r : rs) one(r, t);
  };
  one(d.inspection, DocType::inspection);
  many(d.themes, DocType::theme);
  many(d.inspections, DocType::inspection);
  one(d.plan, DocType::plan);
  one(d.theme, DocType::theme);
  many(d.recommendations, DocType::recommendation);
  many(d.reports_on, std::nullopt);
  for (const StatusReport& s : d.statuses) one(s.action, DocType::action);
  return out;
}

std::string with_article(DocType t) {
  std::string name(doc_type_value(t));
  return (std::string("aeiou").find(name[0]) != std::string::npos ? "an " : "a ") + name;
}

}  // namespace

std::string closest_id(std::string_view id, const std::vector<Document>& documents) {
  std::string best;
  size_t best_distance = std::max<size_t>(3, id.size() / 4) + 1;
  for (const Document& d : documents) {
    size_t dist = edit_distance(id, d.id);
    if (dist < best_distance) {
      best_distance = dist;
      best = d.id;
    }
  }
  return best;
}

LinkGraph LinkGraph::build(const std::vector<Document>& documents,
                           const std::vector<std::vector<Ref>>& body_refs, Diagnostics& diags) {
  LinkGraph g;
  for (const Document& d : documents) g.types_.push_back(d.type);
  g.referrers_.resize(documents.size());
  g.references_.resize(documents.size());

  for (size_t i = 0; i < documents.size(); ++i) {
    auto [it, inserted] = g.by_id_.emplace(documents[i].id, i);
    if (!inserted) {
      const Document& first = documents[it->second];
      diags.error(documents[i].display_path, 1, "id",
                  "duplicate id \"" + documents[i].id + "\": " + first.display_path +
                      " already has it; give one of them a different `id` or file name");
    }
  }

  auto unknown = [&](const Document& d, const Ref& r) {
    std::string msg = "unknown id \"" + r.id + "\": no document has this id";
    std::string hint = closest_id(r.id, documents);
    msg += hint.empty() ? "; check the spelling against the file names under the content folder"
                        : "; did you mean \"" + hint + "\"?";
    diags.error(d.display_path, r.line, r.key, msg);
  };
  auto link = [&](size_t from, size_t to) {
    if (from == to) return;
    auto& refs = g.references_[from];
    if (std::find(refs.begin(), refs.end(), to) == refs.end()) {
      refs.push_back(to);
      g.referrers_[to].push_back(from);
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
      link(i, static_cast<size_t>(target));
    }
    if (i < body_refs.size()) {
      for (const Ref& r : body_refs[i]) {
        int target = g.find(r.id);
        if (target < 0) unknown(d, r);
        else link(i, static_cast<size_t>(target));
      }
    }
  }
  for (auto& v : g.referrers_) std::sort(v.begin(), v.end());
  return g;
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
